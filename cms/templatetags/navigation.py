"""The header's links and the footer staff edit in Wagtail (cms.navigation)."""

from django import template

from cms import navigation as cms_navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def navigation(context):
    """The site's navigation (from the cache); None without a request or a Wagtail site,
    and the templates fall back to today's links."""
    request = context.get("request")
    return None if request is None else cms_navigation.navigation(request)
