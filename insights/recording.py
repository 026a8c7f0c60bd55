"""Recording what buyers do, for the weekly market figures: searches, product views and
basket additions, each counted once per visitor and thing a day (a reload, a bot hammering
a page or a shopper going back and forth count once), with the buyer's province when known.

Province: a signed-in buyer's address book (their default shipping address, else the one
they used most); a guest's `dz_province` cookie, set when they check out. Anyone else is
"province not known". A recorded event is one INSERT; a repeat is one cache lookup.
"""

import hashlib

from django.core.cache import cache
from django.core.signing import BadSignature
from django.utils import timezone

from catalog.selectors import provinces
from search.services import visitor_of

from .models import ProductEvent, SearchEvent

PROVINCE_COOKIE = "dz_province"
PROVINCE_COOKIE_SALT = "insights.province"
DAY_SECONDS = 24 * 60 * 60
YEAR_SECONDS = 365 * DAY_SECONDS
EVENTS_PER_VISITOR_PER_DAY = 300  # beyond this a visitor is a crawler, not a buyer


def _first_today(visitor, what):
    """True the first time today `visitor` does `what` (and within the daily budget)."""
    day = timezone.localdate().isoformat()
    digest = hashlib.sha256(what.encode()).hexdigest()[:24]
    if not cache.add(f"insights:{day}:{visitor}:{digest}", 1, DAY_SECONDS):
        return False
    budget_key = f"insights:{day}:{visitor}:count"
    cache.add(budget_key, 0, DAY_SECONDS)
    return cache.incr(budget_key) <= EVENTS_PER_VISITOR_PER_DAY


def _province_of_user(user):
    key = f"insights:province:user:{user.pk}"
    cached = cache.get(key)
    if cached is not None:
        return cached or None
    state = (
        user.addresses.order_by(
            "-is_default_for_shipping", "-num_orders_as_shipping_address", "-pk"
        )
        .values_list("state", flat=True)
        .first()
    )
    province_id = next((pk for pk, _code, name in provinces() if name == state), None)
    cache.set(key, province_id or 0, DAY_SECONDS)
    return province_id


def province_of(request):
    """The id of the province the visitor buys for, or None."""
    if request.user.is_authenticated:
        province_id = _province_of_user(request.user)
        if province_id:
            return province_id
    try:
        code = request.get_signed_cookie(PROVINCE_COOKIE, salt=PROVINCE_COOKIE_SALT)
    except (KeyError, BadSignature):
        return None
    return next((pk for pk, known, _name in provinces() if known == code), None)


def remember_province(response, state):
    """After a checkout: remember the province of the shipping address for a guest's
    later searches (a signed cookie holding the province code, nothing personal)."""
    code = next((code for _pk, code, name in provinces() if name == state), None)
    if code:
        response.set_signed_cookie(
            PROVINCE_COOKIE,
            code,
            salt=PROVINCE_COOKIE_SALT,
            max_age=YEAR_SECONDS,
            httponly=True,
            samesite="Lax",
        )
    return response


def record_search(request, query, results, craft_id=None):
    """A storefront search of normalised `query` that found `results` products."""
    visitor = visitor_of(request)
    if not query or not _first_today(visitor, f"search:{query}:{craft_id}"):
        return False
    SearchEvent.objects.create(
        at=timezone.now(),
        query=query[:200],
        results=results,
        province_id=province_of(request),
        craft_id=craft_id,
    )
    return True


def _record_product(request, product_id, kind):
    if not _first_today(visitor_of(request), f"{kind}:{product_id}"):
        return False
    ProductEvent.objects.create(
        at=timezone.now(), kind=kind, product_id=product_id, province_id=province_of(request)
    )
    return True


def record_view(request, product_id):
    return _record_product(request, product_id, ProductEvent.Kind.VIEW)


def record_basket(request, product_id):
    return _record_product(request, product_id, ProductEvent.Kind.BASKET)
