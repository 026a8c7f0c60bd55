"""Title, description, canonical link and Open Graph tags (oscar/base.html)."""

from django import template
from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Page

from shop.seo import public_url

register = template.Library()


@register.simple_tag(takes_context=True)
def cms_page(context):
    """The Wagtail page being served, or None (Oscar's own `page` variables are not pages)."""
    page = context.get("page")
    return page if isinstance(page, Page) else None


@register.simple_tag(takes_context=True)
def page_title(context, page):
    """The page's SEO title (or its title), then the shop's name, said once: the home page,
    titled with the shop's name, gets the tagline instead."""
    title = page.seo_title or page.title
    shop_name = str(context.get("shop_name") or settings.OSCAR_SHOP_NAME)
    if title == shop_name:
        return f"{shop_name} | {context.get('shop_tagline') or settings.OSCAR_SHOP_TAGLINE}"
    return f"{title} | {shop_name}"


@register.filter
def absolute(path):
    """An address on the site's public address (settings.SITE_URL)."""
    return public_url(str(path))


@register.simple_tag
def og_locale():
    return "fa_IR" if get_language() == "fa" else "en_US"
