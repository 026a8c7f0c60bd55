"""The header's links and the footer staff edit in Wagtail (cms.NavigationSettings)."""

from django import template

from cms.models import NavigationSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def navigation(context):
    """This site's navigation settings, read once per request (Wagtail keeps them on the
    request); None without a request or a Wagtail site, and the templates fall back to
    today's links."""
    request = context.get("request")
    if request is None:
        return None
    try:
        return NavigationSettings.for_request(request)
    except NavigationSettings.DoesNotExist:  # no Wagtail site answers this host
        return None
