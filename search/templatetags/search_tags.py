from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def with_param(context, name, value=None):
    """The current URL's query string with `name` set to `value` (removed when None),
    back on page one."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    params.pop(name, None)
    if value not in (None, ""):
        params[name] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
