from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .choosers import producer_chooser, product_chooser
from .models import ExhibitionContent


@hooks.register("insert_global_admin_js")
def start_widgets_without_inline_scripts():
    """Our Content-Security-Policy refuses inline scripts: see dastsaz/wagtail-csp.js."""
    return format_html('<script src="{}"></script>', static("dastsaz/wagtail-csp.js"))


@hooks.register("register_admin_viewset")
def register_choosers():
    return [product_chooser, producer_chooser]


class ExhibitionContentViewSet(SnippetViewSet):
    """What an exhibition's public page says beyond its facts: staff draft it, and it shows
    on the page once published (publishing needs the "publish" permission)."""

    model = ExhibitionContent
    icon = "date"
    menu_label = _("Exhibition pages")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["exhibition", "live"]
    search_fields = ["exhibition__title"]
    search_backend_name = None  # not a Wagtail-indexed model: search its title in the database


register_snippet(ExhibitionContentViewSet)
