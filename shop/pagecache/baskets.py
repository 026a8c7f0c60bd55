"""The mini-basket of a cached page without loading the basket: one query tells which
basket the visitor has and how it last changed (lines, their last change, vouchers); the
rendered mini-basket is kept per basket state, page generation (prices, stock, offers)
and language. Anything unusual (a signed-in visitor still holding a guest basket to merge,
two open baskets, a cookie that does not verify) gets the basket loaded as Oscar does."""

import functools

from django.conf import settings
from django.core.cache import cache
from django.core.signing import BadSignature, Signer
from django.db import connection

from shop.basket.lines import db_converters
from shop.basket.models import Basket

UNKNOWN = object()


def state_of(request):
    """A string naming the visitor's basket as it is now, "" for no basket, or UNKNOWN."""
    cookie = request.COOKIES.get(settings.OSCAR_BASKET_COOKIE_OPEN)
    if request.user.is_authenticated:
        if cookie:
            return UNKNOWN  # Oscar merges the guest basket into the account's on next load
        return _state(owner=request.user.pk)
    try:
        return _state(pk=int(Signer().unsign(cookie)))
    except (BadSignature, TypeError, ValueError):
        return UNKNOWN


def _state(*, pk=None, owner=None):
    """The state of the open basket with this id (a guest's, no owner) or of this owner (one
    query), "" if none, UNKNOWN if two. Every cached page a buyer with a basket views asks:
    the SQL is built once (the ORM's grouped query took ~0.8 ms of CPU to build and read)."""
    by_owner = pk is None
    with connection.cursor() as cursor:
        cursor.execute(_state_sql(by_owner), [owner if by_owner else pk, Basket.OPEN])
        rows = cursor.fetchall()
    if not rows:
        return ""
    if len(rows) > 1:
        return UNKNOWN
    pk, lines, changed, vouchers, last_voucher = rows[0]
    return _named(pk, lines, _as_read(changed, connection), vouchers, last_voucher)


def _as_read(changed, connection):
    """The latest line change as Django reads the field from this database (a datetime)."""
    column, converters = db_converters(
        Basket.lines.field.model._meta.get_field("date_updated"), connection
    )
    for converter in converters:
        changed = converter(changed, column, connection)
    return changed


@functools.cache
def _state_sql(by_owner):
    """Each basket's id, how many lines it has and when one last changed, how many vouchers
    and the last one's id: the open baskets of an owner, or the open guest basket of an id."""
    q = connection.ops.quote_name
    meta = Basket._meta
    pk, owner, status = (
        q(meta.pk.column),
        q(meta.get_field("owner").column),
        q(meta.get_field("status").column),
    )
    where = f"T.{owner} = %s" if by_owner else f"T.{pk} = %s AND T.{owner} IS NULL"
    lines, line = q(Basket.lines.field.model._meta.db_table), Basket.lines.field.column
    vouchers = Basket.vouchers.through._meta
    held, voucher = (vouchers.get_field(name).column for name in ("basket", "voucher"))
    changed = Basket.lines.field.model._meta.get_field("date_updated").column
    return (
        f"SELECT T.{pk}, "
        f"(SELECT COUNT(*) FROM {lines} L WHERE L.{q(line)} = T.{pk}), "
        f"(SELECT MAX(L.{q(changed)}) FROM {lines} L WHERE L.{q(line)} = T.{pk}), "
        f"(SELECT COUNT(*) FROM {q(vouchers.db_table)} V WHERE V.{q(held)} = T.{pk}), "
        f"(SELECT MAX(V.{q(voucher)}) FROM {q(vouchers.db_table)} V WHERE V.{q(held)} = T.{pk}) "
        f"FROM {q(meta.db_table)} T WHERE {where} AND T.{status} = %s LIMIT 2"
    )


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
