from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from search.views import UnmetDemandView
from sellers import staff_views as producer_staff
from shop import sitemaps
from shop.checkout.staff_views import manual_refunds_view, refund_view
from shop.views import favicon, healthz

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("dashboard/unmet-demand/", UnmetDemandView.as_view(), name="unmet-demand"),
    path("dashboard/orders/<str:number>/refund/", refund_view, name="order-refund"),
    path("dashboard/manual-refunds/", manual_refunds_view, name="manual-refunds"),
    path("dashboard/producers/", producer_staff.applications_view, name="producer-applications"),
    path("dashboard/producers/<int:pk>/", producer_staff.review_view, name="producer-review"),
    path(
        "dashboard/producers/<int:pk>/decide/", producer_staff.decide_view, name="producer-decide"
    ),
    path(
        "dashboard/producers/<int:pk>/licence/",
        producer_staff.licence_scan_view,
        name="producer-licence-scan",
    ),
    path("dashboard/money/", include("sellers.money.staff_urls")),
    path("dashboard/insights/", include("insights.urls")),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("sitemap.xml", sitemaps.sitemap_view, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemaps.section_view, name="sitemap-section"),
    path("producers/", include("sellers.urls")),
    path("seller/", include("sellers.panel.urls")),
    path("exhibitions/", include("exhibitions.urls")),
    path("organizer/", include("exhibitions.organizer.urls")),
    # The Wagtail home page, under the name Oscar's templates link to.
    path("", wagtail_views.serve, {"path": ""}, name="home"),
    # Oscar before Wagtail's catch-all.
    path("", include(apps.get_app_config("oscar").urls[0])),
    path("", include(wagtail_urls)),
]

if settings.SERVE_MEDIA:
    # Uploads are served by the web server in production; by Django in development and tests.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.insert(
        0, re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )
handler403 = "shop.views.forbidden"
