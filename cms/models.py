from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from . import selectors

EXHIBITIONS_SHOWN = 3


class HomePage(Page):
    """The storefront's front page: a welcome written by staff, crafts, exhibitions to visit
    and new products."""

    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = RichTextField(_("hero text"), blank=True)
    featured_count = models.PositiveSmallIntegerField(_("new products shown"), default=12)

    content_panels = Page.content_panels + [
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("featured_count"),
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["craft_groups"] = selectors.craft_groups()
        context["new_products"] = selectors.new_products(self.featured_count)
        context["producer_count"], context["province_count"] = selectors.marketplace_size()
        context["exhibitions"] = selectors.exhibitions_to_visit(EXHIBITIONS_SHOWN)
        return context
