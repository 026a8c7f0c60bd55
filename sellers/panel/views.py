"""The seller panel's home and listings: thin views over sellers.listings (writes) and
sellers.selectors (reads), each reached through `panel_view` (sellers/access.py)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.models import ProductClass
from cms.training import suggested_training
from exhibitions import selectors as exhibition_selectors
from exhibitions.channels.selectors import booths_of_producer
from shop.persian.money import RIALS_PER_TOMAN, to_toman

from .. import listings, selectors
from ..access import panel_view
from ..exceptions import SellersError
from ..money import selectors as money_selectors
from ..photos import clean_photo
from .forms import ListingForm, PhotosForm, QuickEditForm

PAGE_SIZE = 20
EXHIBITIONS_ON_HOME = 3


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@panel_view()
def home_view(request):
    producer = request.producer
    context = {
        "summary": selectors.panel_summary(producer),
        "producer": producer,
        "exhibitions": exhibition_selectors.open_for_applications()[:EXHIBITIONS_ON_HOME],
        # At a fair the booth is the day's work: its screens first (support members too).
        "booths": booths_of_producer(producer),
    }
    if "statements" in request.rights:
        context["money"] = money_selectors.balances(producer)
    if request.support is None:  # lessons are for the producer, not a company's member
        context["lessons"] = suggested_training(producer)
    return render(request, "sellers/panel/home.html", context)


@panel_view("listings")
def listings_view(request):
    page = _page(request, selectors.listings_for(request.producer))
    rows = []
    for product in page:
        record = product.own_stockrecords[0]
        stock = selectors.for_sale(record)
        form = QuickEditForm(
            initial={"price_toman": to_toman(record.price or 0), "stock": stock},
            prefix=f"p{product.pk}",
        )
        rows.append({"product": product, "record": record, "stock": stock, "form": form})
    context = {"page": page, "rows": rows, "producer": request.producer}
    return render(request, "sellers/panel/listings.html", context)


@panel_view("listings")
def choose_class_view(request):
    classes = ProductClass.objects.order_by("pk")
    return render(request, "sellers/panel/choose_class.html", {"classes": classes})


def _save(request, form, product=None):
    try:
        if product is None:
            product = listings.create_listing(
                request.producer, form.product_class, **form.listing_values()
            )
        else:
            listings.update_listing(request.producer, product, **form.listing_values())
    except SellersError as error:
        form.add_error(None, str(error))
        return None
    return product


@panel_view("listings")
def create_view(request, class_slug):
    product_class = get_object_or_404(ProductClass, slug=class_slug)
    form = ListingForm(request.POST or None, product_class=product_class)
    if request.method == "POST" and form.is_valid():
        product = _save(request, form)
        if product is not None:
            messages.success(request, _("Saved. Now add photos of it."))
            return redirect("seller:photos", pk=product.pk)
    context = {"form": form, "product_class": product_class}
    return render(request, "sellers/panel/listing_form.html", context)


@panel_view("listings")
def edit_view(request, pk):
    product = get_object_or_404(selectors.listings_for(request.producer), pk=pk)
    record = product.own_stockrecords[0]
    form = ListingForm(
        request.POST or None,
        product_class=product.product_class,
        initial=ListingForm.initial_for(product, record),
    )
    if request.method == "POST" and form.is_valid():
        if _save(request, form, product) is not None:
            messages.success(request, _("Saved."))
            return redirect("seller:listings")
    context = {"form": form, "product_class": product.product_class, "product": product}
    return render(request, "sellers/panel/listing_form.html", context)


@require_POST
@panel_view("listings")
def quick_edit_view(request, pk):
    product = get_object_or_404(selectors.listings_for(request.producer), pk=pk)
    form = QuickEditForm(request.POST, prefix=f"p{product.pk}")
    if form.is_valid():
        listings.set_price_and_stock(
            request.producer,
            product,
            price_rials=form.cleaned_data["price_toman"] * RIALS_PER_TOMAN,
            stock=form.cleaned_data["stock"],
        )
        messages.success(request, _("%(title)s: price and stock saved.") % {"title": product.title})
    else:
        errors = "؛ ".join(e for field in form.errors.values() for e in field)
        messages.error(request, f"{product.title}: {errors}")
    return redirect(_back_to_list(request))


def _back_to_list(request):
    """The list page the form was on (its page number kept); never another site."""
    target = request.POST.get("next", "")
    if target.startswith(reverse("seller:listings")) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("seller:listings")


@require_POST
@panel_view("listings")
def visibility_view(request, pk, show):
    product = get_object_or_404(selectors.listings_for(request.producer), pk=pk)
    try:
        listings.set_visibility(request.producer, product, show)
    except SellersError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("It is on show in the shop.") if show else _("It is hidden from the shop.")
        )
    return redirect("seller:listings")


@require_POST
@panel_view("listings")
def duplicate_view(request, pk):
    product = get_object_or_404(selectors.listings_for(request.producer), pk=pk)
    copy = listings.duplicate_listing(request.producer, product)
    messages.success(request, _("A hidden copy is made; change what differs and show it."))
    return redirect("seller:edit", pk=copy.pk)


@panel_view("listings")
def photos_view(request, pk):
    product = get_object_or_404(selectors.listings_for(request.producer), pk=pk)
    form = PhotosForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        saved, refused = 0, []
        for upload in form.cleaned_data["photos"]:
            try:
                listings.add_photo(request.producer, product, clean_photo(upload))
                saved += 1
            except SellersError as error:
                refused.append(f"{upload.name}: {error}")
        if saved:
            messages.success(request, _("%(count)s photos added.") % {"count": saved})
        for text in refused:
            messages.error(request, text)
        return redirect("seller:photos", pk=product.pk)
    context = {"product": product, "form": form, "images": product.images.all()}
    return render(request, "sellers/panel/photos.html", context)


@require_POST
@panel_view("listings")
def photo_move_view(request, pk, step):
    image = get_object_or_404(selectors.photos_of(request.producer), pk=pk)
    listings.move_photo(request.producer, image, step)
    return redirect("seller:photos", pk=image.product_id)


@require_POST
@panel_view("listings")
def photo_delete_view(request, pk):
    image = get_object_or_404(selectors.photos_of(request.producer), pk=pk)
    product_id = image.product_id
    listings.delete_photo(request.producer, image)
    messages.success(request, _("The photo is deleted."))
    return redirect("seller:photos", pk=product_id)
