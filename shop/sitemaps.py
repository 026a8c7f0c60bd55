"""`/sitemap.xml`: the Wagtail pages, the public products (their search documents), the
pages of producers who may sell, and the public exhibitions, each with its last change.

One sitemap while everything fits in one file (50,000 addresses); beyond that
`/sitemap.xml` becomes Django's sitemap index of sections (`/sitemap-<section>.xml`, paged
with `?p=`). Every address is on the site's public address (shop.seo)."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import F, Max
from django.db.models.functions import Coalesce, Greatest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import http_date
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from exhibitions.selectors import public_exhibitions
from search.models import ProductDocument
from sellers.models import Partner

from .seo import public_host, public_scheme, public_url

# The sitemap protocol's limit of addresses in one file.
URL_LIMIT = 50_000


class PublicSitemap(Sitemap):
    def __init__(self, request):
        self.request = request

    @property
    def limit(self):
        return URL_LIMIT

    def get_protocol(self, protocol=None):
        return public_scheme()

    def get_domain(self, site=None):
        return public_host()

    def get_latest_lastmod(self):
        """The newest change in one query (Django's default reads every item)."""
        return self.items().order_by().aggregate(latest=Max("updated"))["latest"]


class PageSitemap(PublicSitemap):
    """Wagtail's live, public pages of this site (as wagtail.contrib.sitemaps finds them)."""

    def items(self):
        return WagtailSitemap(self.request).items()

    def location(self, page):
        return page.get_url(self.request)

    def lastmod(self, page):
        return page.last_published_at or page.latest_revision_created_at

    def get_latest_lastmod(self):
        pages = WagtailSitemap(self.request).items().order_by()
        changed = Coalesce("last_published_at", "latest_revision_created_at")
        return pages.aggregate(latest=Max(changed))["latest"]


class ProductSitemap(PublicSitemap):
    """Public products: the search documents hold exactly those (public, of a producer who
    may sell)."""

    def items(self):
        return ProductDocument.objects.order_by("product_id").values(
            "url", updated=F("product__date_updated")
        )

    def location(self, document):
        return document["url"]

    def lastmod(self, document):
        return document["updated"]


class ProducerSitemap(PublicSitemap):
    def items(self):
        return (
            Partner.objects.filter(is_selling=True)
            .exclude(slug__isnull=True)
            .exclude(slug="")
            .order_by("pk")
            .values("slug", updated=Coalesce("status_changed_at", "created_at"))
        )

    def location(self, producer):
        return reverse("producers:detail", kwargs={"slug": producer["slug"]})

    def lastmod(self, producer):
        return producer["updated"]


class ExhibitionSitemap(PublicSitemap):
    """Public exhibitions; a change is their creation or the last publishing of the words
    staff wrote for their page."""

    def items(self):
        return (
            public_exhibitions()
            .order_by("pk")
            .values(
                "slug",
                updated=Greatest(
                    "created_at", Coalesce("content__last_published_at", "created_at")
                ),
            )
        )

    def location(self, exhibition):
        return reverse("exhibitions:detail", kwargs={"slug": exhibition["slug"]})

    def lastmod(self, exhibition):
        return exhibition["updated"]


SECTIONS = {
    "pages": PageSitemap,
    "products": ProductSitemap,
    "producers": ProducerSitemap,
    "exhibitions": ExhibitionSitemap,
}


def sections(request):
    return {name: sitemap(request) for name, sitemap in SECTIONS.items()}


def sitemap_view(request):
    """One sitemap of everything, or the index of sections once that is too many."""
    sitemaps = sections(request)
    if sum(sitemap.paginator.count for sitemap in sitemaps.values()) <= URL_LIMIT:
        return sitemap_views.sitemap(request, sitemaps)
    return index(request, sitemaps)


def section_view(request, section):
    return sitemap_views.sitemap(request, sections(request), section=section)


@sitemap_views.x_robots_tag
def index(request, sitemaps):
    """Django's sitemap index, with the sections on the site's public address."""
    items = []
    latest = []
    for name, sitemap in sitemaps.items():
        path = reverse("sitemap-section", kwargs={"section": name})
        last_mod = sitemap.get_latest_lastmod()
        latest.append(last_mod)
        for page in range(1, sitemap.paginator.num_pages + 1):
            location = public_url(path if page == 1 else f"{path}?p={page}")
            items.append(sitemap_views.SitemapIndexItem(location, last_mod))
    response = TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml"
    )
    if latest and None not in latest:
        response.headers["Last-Modified"] = http_date(max(latest).timestamp())
    return response
