"""Where a visitor finds a product right now: which booth of a running exhibition has units of
it (the exhibition page's "which booth has this in stock" and the product page's "also at
booth B7 of the Nowruz fair, until ۱۵ فروردین").

A booth stock row counts when its exhibition is open today (running, within its dates, of an
active organizer), it has units nobody holds for pick-up (`quantity > reserved`), its producer
may sell (`is_selling`) and its product is public; the booth is the one its producer sells
from today (their own confirmed booth or an accepted share, as `stock.booth_of` finds it),
read by a subquery so each read is one SQL query.
"""

from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone

from shop.persian.text import normalise

from ..models import BoothApplication, BoothAssignment, BoothShare, BoothStock, Exhibition

ExStatus = Exhibition.Status


def _holds(day):
    """The live, confirmed booth hold of the outer row's producer at its exhibition today."""
    sharing = Q(
        application__shares__producer=OuterRef("producer_id"),
        application__shares__status=BoothShare.Status.ACCEPTED,
    )
    return (
        BoothAssignment.objects.filter(
            booth__exhibition=OuterRef("exhibition_id"),
            released_at__isnull=True,
            application__status=BoothApplication.Status.PAID,
        )
        .filter(Q(application__producer=OuterRef("producer_id")) | sharing)
        .filter(
            Q(booth__exhibition__kind=Exhibition.Kind.SEASONAL)
            | Q(starts_on__lte=day, ends_on__gte=day)
        )
        .order_by("pk")
    )


def _available_now(day):
    """Booth stock with units to sell today at an open exhibition, each with `booth_code`,
    `term_ends_on` (the booth hold's last day) and `units`."""
    holds = _holds(day)
    return (
        BoothStock.objects.filter(
            quantity__gt=F("reserved"),
            producer__is_selling=True,
            stockrecord__product__is_public=True,
            exhibition__status=ExStatus.RUNNING,
            exhibition__organizer__is_active=True,
            exhibition__starts_on__lte=day,
        )
        .filter(Q(exhibition__ends_on__isnull=True) | Q(exhibition__ends_on__gte=day))
        .filter(
            Q(stockrecord__product__parent__isnull=True)
            | Q(stockrecord__product__parent__is_public=True)
        )
        .annotate(
            booth_code=Subquery(holds.values("booth__code")[:1]),
            term_ends_on=Subquery(holds.values("ends_on")[:1]),
            units=F("quantity") - F("reserved"),
        )
        .filter(booth_code__isnull=False)
    )


def is_open_on(exhibition, day=None):
    """Whether visitors find `exhibition` open on `day` (today): running, within its dates."""
    day = day or timezone.localdate()
    return (
        exhibition.status == ExStatus.RUNNING
        and exhibition.starts_on <= day
        and (exhibition.ends_on is None or exhibition.ends_on >= day)
    )


def _shown_product(stock):
    product = stock.stockrecord.product
    return product.parent if product.parent_id else product


def in_stock_at(exhibition, query="", day=None):
    """The products with booth units available now at `exhibition`, by booth and title:
    BoothStock rows carrying `booth_code`, `units`, `product` (the page to link: a variant's
    parent) and `title`. `query` keeps those whose title contains it, compared through the
    one Persian normaliser (ي/ی, ك/ک, digits, ZWNJ). Empty when the exhibition is not open."""
    day = day or timezone.localdate()
    if not is_open_on(exhibition, day):
        return []
    rows = (
        _available_now(day)
        .filter(exhibition=exhibition)
        .select_related("producer", "stockrecord__product__parent")
        .order_by("booth_code", "stockrecord__product__title", "pk")
    )
    needle = normalise(query)
    found = []
    for stock in rows:
        stock.product = _shown_product(stock)
        stock.title = stock.stockrecord.product.get_title()
        if needle and needle not in normalise(stock.title):
            continue
        found.append(stock)
    return found


def booths_with(product, day=None):
    """Where `product` (or one of its variants) waits at a booth today: a list of
    {exhibition, booth_code, until, units}, one per exhibition and booth, soonest end first.
    `until` is the seasonal fair's last day, or the producer's booth term end at a
    permanent exhibition."""
    day = day or timezone.localdate()
    rows = (
        _available_now(day)
        .filter(Q(stockrecord__product=product) | Q(stockrecord__product__parent=product))
        .select_related("exhibition__venue__city", "exhibition__venue__province")
        .order_by("exhibition__starts_on", "exhibition_id", "booth_code")
    )
    places = {}
    for stock in rows:
        key = (stock.exhibition_id, stock.booth_code)
        if key in places:
            places[key]["units"] += stock.units
            continue
        exhibition = stock.exhibition
        places[key] = {
            "exhibition": exhibition,
            "booth_code": stock.booth_code,
            "until": exhibition.ends_on or stock.term_ends_on,
            "units": stock.units,
        }
    return sorted(places.values(), key=lambda place: (place["until"], place["booth_code"]))


def units_at_booths(stockrecord_id, day=None):
    """How many units of one stock record wait at booths open today (for collecting): what
    the shop may still sell of a product gone from the online stock. One query."""
    from django.db.models import Sum

    day = day or timezone.localdate()
    rows = _available_now(day).filter(stockrecord_id=stockrecord_id)
    return rows.aggregate(total=Sum("units"))["total"] or 0
