from urllib.parse import unquote

from django.contrib import messages
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from catalog.models import Category

from .backends.base import ProductQuery
from .forms import SearchForm
from .selectors import search_products


class ProductListView(TemplateView):
    """A page of products from the search backend: catalogue, category and search results."""

    template_name = "oscar/catalogue/browse.html"
    per_page = 24

    def query_filters(self):
        return {}

    def summary(self, form):
        return _("All products")

    def get(self, request, *args, **kwargs):
        form = SearchForm(request.GET)
        cleaned = form.cleaned_data if form.is_valid() else {}
        query = ProductQuery(
            text=cleaned.get("q") or "",
            sort=cleaned.get("sort") or "relevance",
            page=cleaned.get("page") or 1,
            per_page=self.per_page,
            **self.query_filters(),
        )
        hits, products = search_products(query)
        paginator = Paginator(range(hits.total), self.per_page)
        try:
            page_obj = paginator.page(query.page)
        except InvalidPage:
            messages.error(request, _("The given page number was invalid."))
            return redirect(request.path)
        context = self.get_context_data(
            form=form,
            products=products,
            paginator=paginator,
            page_obj=page_obj,
            summary=self.summary(form),
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

    def query_filters(self):
        ids = self.category.get_descendants_and_self().values_list("id", flat=True)
        return {"category_ids": tuple(ids)}

    def summary(self, form):
        return self.category.name

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class SearchView(ProductListView):
    def summary(self, form):
        text = form.cleaned_data.get("q") if form.is_valid() else ""
        return _("Results for “%(q)s”") % {"q": text} if text else _("All products")
