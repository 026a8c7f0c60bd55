from urllib.parse import unquote

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from catalog.models import Category
from insights.crafts import CRAFT_DEPTH
from insights.recording import record_search
from shop.pagecache.hooks import on_view
from shop.persian.text import normalise

from .facet_display import facet_sections
from .forms import SearchForm
from .models import ZeroResultQuery
from .selectors import search_products, suggestions
from .services import record_zero_result, visitor_of


def record_searched(request, text, results, craft_id):
    """A storefront search, for the market figures and the unmet-demand list."""
    record_search(request, normalise(text), results, craft_id)
    if results == 0:
        record_zero_result(text, visitor_of(request))


class ProductListView(TemplateView):
    """A page of products from the search backend: catalogue, category and search results."""

    template_name = "oscar/catalogue/browse.html"
    per_page = 24

    def fixed_filters(self):
        return {}

    def fixed_facets(self):
        return ()

    def summary(self, query):
        return _("All products")

    def craft_id(self, query):
        """The craft a search was made in (for the market figures), if any."""
        if not query.category_id:
            return None
        crafts = Category.objects.filter(pk=query.category_id, depth=CRAFT_DEPTH)
        return crafts.values_list("pk", flat=True).first()

    def get(self, request, *args, **kwargs):
        form = SearchForm(request.GET)
        query = form.to_query(self.per_page, **self.fixed_filters())
        hits, products = search_products(query)
        paginator = Paginator(range(hits.total), self.per_page, allow_empty_first_page=True)
        try:
            page_obj = paginator.page(query.page)
        except InvalidPage:
            messages.error(request, _("The given page number was invalid."))
            return redirect(request.path)
        if query.text and query.page == 1:
            # on every view of the page, also when it is served from the page cache
            on_view(
                request,
                "search.views.record_searched",
                query.text,
                hits.total,
                self.craft_id(query),
            )
        context = self.get_context_data(
            form=form,
            products=products,
            facet_sections=facet_sections(
                hits.facets, query, request.GET, fixed=self.fixed_facets()
            ),
            paginator=paginator,
            page_obj=page_obj,
            summary=self.summary(query),
            query=query,
        )
        return self.render_to_response(context)


class CatalogueView(ProductListView):
    pass


class ProductCategoryView(ProductListView):
    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404()
        expected_path = self.category.get_absolute_url()
        if unquote(expected_path) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected_path)
        return super().get(request, *args, **kwargs)

    def fixed_filters(self):
        return {"category_id": self.category.id}

    def craft_id(self, query):
        return self.category.pk if self.category.depth == CRAFT_DEPTH else None

    def fixed_facets(self):
        return ("category",)  # the category tree beside the list navigates between crafts

    def summary(self, query):
        return self.category.name

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class SearchView(ProductListView):
    def summary(self, query):
        if query.text:
            return _("Results for “%(q)s”") % {"q": query.text}
        return _("All products")


def suggest(request):
    """Autocomplete for the search box (JSON). Without JavaScript the box submits a search."""
    text = request.GET.get("q", "")[:100]
    return JsonResponse(
        {"results": [s.__dict__ for s in suggestions(text)]},
        json_dumps_params={"ensure_ascii": False},
    )


@method_decorator(staff_member_required, name="dispatch")
class UnmetDemandView(ListView):
    """Searches that found nothing, most frequent first: what producers could make next."""

    model = ZeroResultQuery
    paginate_by = 50
    template_name = "search/unmet_demand.html"
    context_object_name = "searches"
