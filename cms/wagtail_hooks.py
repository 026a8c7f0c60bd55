from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from .choosers import producer_chooser, product_chooser


@hooks.register("insert_global_admin_js")
def start_widgets_without_inline_scripts():
    """Our Content-Security-Policy refuses inline scripts: see dastsaz/wagtail-csp.js."""
    return format_html('<script src="{}"></script>', static("dastsaz/wagtail-csp.js"))


@hooks.register("register_admin_viewset")
def register_choosers():
    return [product_chooser, producer_chooser]
