"""The printable QR poster of a booth: one QR code per producer selling there (the holder and
everyone sharing the booth), each opening that producer's online shop, so a visitor can buy
later what they saw at the fair.

QR codes are drawn on the server as inline SVG by `segno` (the only importer of it), with a
medium error correction level so a creased or dusty A4 sheet still scans. The shop address
is absolute (settings.SITE_URL) and says where the visit came from (utm_* parameters with
the exhibition and booth), so the producer's reports can tell fair visitors apart.
"""

from urllib.parse import urlencode

import segno
from django.conf import settings
from django.db.models import Prefetch

from catalog.models import Category
from sellers.models import Partner
from shop.persian.collation import persian_order

from ..models import BoothApplication, BoothShare
from ..selectors import live_assignments


def shop_url(producer, exhibition, booth):
    """The producer's shop page, absolute, tagged with the exhibition and booth; '' when the
    producer has no shop address yet."""
    path = producer.get_absolute_url()
    if not path:
        return ""
    query = urlencode(
        {
            "utm_source": "booth",
            "utm_medium": "qr",
            "utm_campaign": exhibition.slug,
            "utm_content": booth.code,
        }
    )
    return f"{settings.SITE_URL.rstrip('/')}{path}?{query}"


def qr_svg(text):
    """`text` as a QR code: an inline <svg> (no size: it fills the box CSS gives it)."""
    code = segno.make(text, error="m", micro=False)
    return code.svg_inline(scale=1, border=4, omitsize=True, svgclass="poster-qr-code")


def _producers(ids):
    crafts = Prefetch("crafts", queryset=Category.objects.order_by(persian_order("name")))
    return {p.pk: p for p in Partner.objects.filter(pk__in=ids).prefetch_related(crafts)}


def _poster(exhibition, booth, producers):
    cards = []
    for producer in producers:
        url = shop_url(producer, exhibition, booth) if producer.is_selling else ""
        cards.append(
            {
                "producer": producer,
                "crafts": [craft.name for craft in producer.crafts.all()],
                "url": url,
                "svg": qr_svg(url) if url else "",
            }
        )
    return {"exhibition": exhibition, "booth": booth, "cards": cards}


def booth_poster(exhibition, booth, producer_ids):
    """The poster of `booth`: its exhibition, the booth and a card (producer, crafts, shop
    address, QR) for each of `producer_ids` (`sales.booth_mates`), in that order."""
    found = _producers(producer_ids)
    return _poster(exhibition, booth, [found[pk] for pk in producer_ids if pk in found])


def exhibition_posters(exhibition, day=None):
    """One poster for each booth of `exhibition` held today by a confirmed producer, in row,
    column order: the holder's card first, then those sharing the booth."""
    holds = (
        live_assignments(exhibition, day)
        .filter(application__status=BoothApplication.Status.PAID)
        .order_by("booth__row", "booth__column", "pk")
    )
    holds = list(holds)
    shares = {}
    for share in BoothShare.objects.filter(
        application__in=[hold.application_id for hold in holds],
        status=BoothShare.Status.ACCEPTED,
    ).order_by("pk"):
        shares.setdefault(share.application_id, []).append(share.producer_id)
    by_booth = {}
    for hold in holds:
        mates = by_booth.setdefault(hold.booth_id, (hold.booth, []))[1]
        for pk in [hold.application.producer_id, *shares.get(hold.application_id, [])]:
            if pk not in mates:
                mates.append(pk)
    found = _producers({pk for _booth, ids in by_booth.values() for pk in ids})
    return [
        _poster(exhibition, booth, [found[pk] for pk in ids if pk in found])
        for booth, ids in by_booth.values()
    ]
