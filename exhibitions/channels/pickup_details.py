"""What a click-and-collect buyer (and each producer) reads about where to collect an order:
the pick-up code, the exhibition, its venue, opening hours and last day, and the booth of
each producer of the order."""

from dataclasses import dataclass, field

from ..models import Exhibition, OrderChannel
from . import stock as booth_stock


@dataclass
class PickupDetails:
    channel: OrderChannel
    exhibition: Exhibition
    code: str
    booths: list = field(default_factory=list)  # [(producer, booth or None)], by booth code
    hours: list = field(default_factory=list)


def pickup_details(order, producer=None):
    """The pick-up details of `order` (only `producer`'s booth when given), or None for an
    order that is not collected at an exhibition."""
    if type(order).channel.is_cached(order):  # read with the order: no query for the others
        known = getattr(order, "channel", None)
        if known is None or known.kind != OrderChannel.Kind.PICKUP:
            return None
    channel = (
        OrderChannel.objects.filter(order=order, kind=OrderChannel.Kind.PICKUP)
        .select_related("exhibition__venue__city", "exhibition__venue__province")
        .first()
    )
    if channel is None:
        return None
    exhibition = channel.exhibition
    producers = {}
    for line in order.lines.select_related("partner"):
        if line.partner_id and (producer is None or line.partner_id == producer.pk):
            producers[line.partner_id] = line.partner
    booths = [(p, booth_stock.booth_of(p, exhibition)) for p in producers.values()]
    booths.sort(key=lambda pair: (pair[1].code if pair[1] else "", pair[0].name))
    return PickupDetails(
        channel=channel,
        exhibition=exhibition,
        code=channel.pickup_code,
        booths=booths,
        hours=list(exhibition.hours.all()),
    )
