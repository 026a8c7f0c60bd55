"""What a page view does besides rendering (counting a product view or a search for the
market figures), done on every view of the page, also when it is served from the cache.

A view names the work with `on_view(request, "dotted.path.to.function", *args)`; the
function is called as function(request, *args). Outside the page cache it runs at once;
while the page cache renders a page it runs after the page, for the real visitor, and is
stored with the page to run again on each cached view. Arguments must be plain values.
"""

from functools import cache as remember

from django.utils.module_loading import import_string


def on_view(request, path, *args):
    pending = getattr(request, "_page_hooks", None)
    if pending is None:
        _function(path)(request, *args)
    else:
        pending.append((path, args))


@remember
def _function(path):
    return import_string(path)


def run(request, hooks):
    for path, args in hooks:
        _function(path)(request, *args)
