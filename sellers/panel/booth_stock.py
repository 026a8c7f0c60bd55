"""The producer's booth at an exhibition, in the seller panel: its stock, moving units to and
from it, selling in person (a phone screen), the receipt, pick-ups waiting at the booth, and
the reconciliation sheet.

Every screen finds the exhibition through a selector scoped to the acting producer
(exhibitions/channels/selectors.py): no booth there, or another producer's sale, is a 404.
A support company works here within the rights the producer granted: stock ("listings") for
moving units and the sheet, orders ("fulfilments") for selling and pick-ups.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exhibitions.channels import pickup, sales
from exhibitions.channels import selectors as booth_selectors
from exhibitions.channels import stock as booth_stock
from exhibitions.exceptions import ExhibitionsError
from shop.persian.numbers import localised_number

from ..access import panel_view
from .booth_forms import TO_BOOTH, MoveForm, PickupCodeForm, SaleForm, posted_key


def _booth(request, pk):
    exhibition, booth = booth_selectors.booth_exhibition(request.producer, pk)
    if exhibition is None:
        raise Http404
    return exhibition, booth


def _product_param(request):
    value = request.GET.get("product", "")
    return int(value) if value.isdigit() else None


@panel_view()
def booth_view(request, pk):
    exhibition, booth = _booth(request, pk)
    context = {
        "exhibition": exhibition,
        "booth": booth,
        "rows": booth_selectors.booth_stock_for(request.producer, exhibition),
        "waiting": booth_selectors.waiting_pickups(request.producer, exhibition).count(),
        "stocking": exhibition.status in booth_stock.STOCKING,
        "selling": exhibition.status == exhibition.Status.RUNNING,
    }
    return render(request, "sellers/panel/booth_home.html", context)


@panel_view("listings")
def move_view(request, pk):
    exhibition, booth = _booth(request, pk)
    records = booth_selectors.movable_records(request.producer)
    initial = {}
    product = _product_param(request)
    if product is not None:
        initial["stockrecord"] = records.filter(product_id=product).first()
    if request.GET.get("direction") in ("to_booth", "to_online"):
        initial["direction"] = request.GET["direction"]
    form = MoveForm(request.POST or None, records=records, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            move = (
                booth_stock.move_to_booth
                if data["direction"] == TO_BOOTH
                else booth_stock.move_to_online
            )
            try:
                move(request.producer, exhibition, data["stockrecord"].pk, data["quantity"],
                     by=request.user)  # fmt: skip
            except ExhibitionsError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Done. The units are where you moved them."))
                return redirect("seller:booth", pk=exhibition.pk)
    context = {"exhibition": exhibition, "booth": booth, "form": form}
    return render(request, "sellers/panel/booth_move.html", context, status=status)


@panel_view("fulfilments")
def sell_view(request, pk):
    exhibition, booth = _booth(request, pk)
    producer = request.producer
    if request.method == "POST":
        # A retry of a sale already recorded (a flaky connection, a double tap): its receipt.
        key = posted_key(request.POST)
        done = sales.sale_for_key(key) if key else None
        if done is not None and booth_selectors.booth_sale_for(producer, done.pk):
            return redirect("seller:booth-receipt", pk=done.pk)
    _booth_, stocks = booth_selectors.sellable_stock(producer, exhibition)
    chosen = None
    product = _product_param(request)
    if product is not None:
        chosen = {
            s.pk
            for s in stocks
            if product in (s.stockrecord.product_id, s.stockrecord.product.parent_id)
        }
    form = SaleForm(request.POST or None, stocks=stocks, chosen=chosen)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                order = sales.record_booth_sale(
                    producer, exhibition, form.items(), data["paid_by"], data["key"],
                    request.user,
                )  # fmt: skip
            except ExhibitionsError as error:
                form.add_error(None, str(error))
            else:
                return redirect("seller:booth-receipt", pk=order.pk)
    context = {
        "exhibition": exhibition,
        "booth": booth,
        "form": form,
        "selling": exhibition.status == exhibition.Status.RUNNING,
        "chosen": chosen,
    }
    return render(request, "sellers/panel/booth_sell.html", context, status=status)


@panel_view("fulfilments")
def receipt_view(request, pk):
    order = booth_selectors.booth_sale_for(request.producer, pk)
    if order is None:
        raise Http404
    exhibition = order.channel.exhibition
    context = {
        "order": order,
        "channel": order.channel,
        "exhibition": exhibition,
        "booth_code": booth_selectors.booth_code_of(request.producer, exhibition),
        "lines": order.lines.all(),
        "may_sell": booth_selectors.booth_exhibition(request.producer, exhibition.pk)[0]
        is not None,
    }
    return render(request, "sellers/panel/booth_receipt.html", context)


def _pickups(request, exhibition, booth, form, status=200):
    parts = booth_selectors.waiting_pickups(request.producer, exhibition)
    rows = [(part, booth_selectors.buyer_name(part.order)) for part in parts[:100]]
    context = {"exhibition": exhibition, "booth": booth, "rows": rows, "form": form}
    return render(request, "sellers/panel/booth_pickups.html", context, status=status)


@panel_view("fulfilments")
def pickups_view(request, pk):
    exhibition, booth = _booth(request, pk)
    return _pickups(request, exhibition, booth, PickupCodeForm())


@require_POST
@panel_view("fulfilments")
def collect_view(request, pk):
    exhibition, booth = _booth(request, pk)
    form = PickupCodeForm(request.POST)
    if form.is_valid():
        try:
            part = pickup.find_pickup(request.producer, exhibition, form.cleaned_data["code"])
            pickup.collect(part, by=request.user)
        except ExhibitionsError as error:
            form.add_error("code", str(error))
        else:
            messages.success(
                request,
                _("Order %(number)s is marked collected.")
                % {"number": localised_number(part.order.number)},
            )
            return redirect("seller:booth-pickups", pk=exhibition.pk)
    return _pickups(request, exhibition, booth, form, status=400)


@panel_view("listings")
def sheet_view(request, pk):
    exhibition = booth_selectors.sheet_exhibition(request.producer, pk)
    if exhibition is None:
        raise Http404
    rows, total = booth_selectors.reconciliation(request.producer, exhibition)
    context = {
        "exhibition": exhibition,
        "rows": rows,
        "total": total,
        "booth_code": booth_selectors.booth_code_of(request.producer, exhibition),
        "printed_at": timezone.now(),
        "has_booth": booth_selectors.booth_exhibition(request.producer, exhibition.pk)[0]
        is not None,
    }
    return render(request, "sellers/panel/booth_sheet.html", context)
