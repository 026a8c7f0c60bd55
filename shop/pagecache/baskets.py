"""The mini-basket of a cached page without loading the basket: one query tells which
basket the visitor has and how it last changed (lines, their last change, vouchers); the
rendered mini-basket is kept per basket state, page generation (prices, stock, offers)
and language. Anything unusual (a signed-in visitor still holding a guest basket to merge,
two open baskets, a cookie that does not verify) gets the basket loaded as Oscar does."""

from django.conf import settings
from django.core.cache import cache
from django.core.signing import BadSignature, Signer
from django.db.models import Count, Max

from shop.basket.models import Basket

UNKNOWN = object()


def state_of(request):
    """A string naming the visitor's basket as it is now, "" for no basket, or UNKNOWN."""
    cookie = request.COOKIES.get(settings.OSCAR_BASKET_COOKIE_OPEN)
    if request.user.is_authenticated:
        if cookie:
            return UNKNOWN  # Oscar merges the guest basket into the account's on next load
        baskets = Basket.open.filter(owner=request.user)
    else:
        try:
            baskets = Basket.open.filter(pk=int(Signer().unsign(cookie)), owner=None)
        except (BadSignature, TypeError, ValueError):
            return UNKNOWN
    return _state(baskets)


def _state(baskets):
    """The state of the one basket in `baskets` (one query), "" if none, UNKNOWN if two."""
    rows = list(
        baskets.annotate(
            lines_count=Count("lines", distinct=True),
            changed=Max("lines__date_updated"),
            vouchers_count=Count("vouchers", distinct=True),
            last_voucher=Max("vouchers__id"),
        ).values_list("pk", "lines_count", "changed", "vouchers_count", "last_voucher")[:2]
    )
    if not rows:
        return ""
    if len(rows) > 1:
        return UNKNOWN
    return _named(*rows[0])


def state_in_hand(basket):
    """The state of a basket loaded in this request, as `state_of` names it, from the lines
    and vouchers loaded (no query: a basket without vouchers knows it)."""
    lines = basket.all_lines()
    vouchers = [voucher.pk for voucher in basket.vouchers.all()]
    changed = max((line.date_updated for line in lines), default=None)
    return _named(basket.pk, len(lines), changed, len(vouchers), max(vouchers, default=None))


def _named(pk, lines, changed, vouchers, last_voucher):
    stamp = changed.timestamp() if changed else 0
    return f"{pk}:{lines}:{stamp}:{vouchers}:{last_voucher}"


def mini_basket(request, generation, language, render):
    """The basket holes' HTML for this visitor ({hole: HTML}, the mini-basket and the
    phone's basket button): `render()` once per basket state; None for a visitor with no
    basket (the guest's empty holes, never rendered: a basket made meanwhile, in another
    tab, must not be kept under the state every basket-less visitor shares)."""
    state = state_of(request)
    if state == "":
        return None
    if state is UNKNOWN:
        return render()
    key = _key(generation, language, state)
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, settings.PAGE_CACHE_SECONDS)
    return html


def keep_mini_basket(basket, generation, language, render):
    """Keep the basket holes rendered from `basket`, loaded and priced in this request, for
    the state it was loaded in: if the basket changes meanwhile (another tab), the page asks
    for a newer state and renders its own."""
    key = _key(generation, language, state_in_hand(basket))
    cache.set(key, render(), settings.PAGE_CACHE_SECONDS)


def _key(generation, language, state):
    return f"pagecache:baskets:{generation}:{language}:{state}"  # {hole: HTML}
