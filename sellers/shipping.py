"""Shipping per producer: each posts their own parcel, free above their own threshold."""

from collections import defaultdict

from shop.persian.money import to_rials


def charge_rials(producer, subtotal_rials):
    threshold = producer.free_shipping_threshold_rials
    if threshold is not None and subtotal_rials >= threshold:
        return 0
    return producer.base_shipping_fee_rials


def _charges(lines):
    """lines: (producer, line total in Rials, needs shipping) triples."""
    subtotals, producers = defaultdict(int), {}
    for producer, total_rials, needs_shipping in lines:
        if producer is None or not needs_shipping:
            continue
        producers[producer.pk] = producer
        subtotals[producer.pk] += total_rials
    return {pk: charge_rials(producers[pk], subtotal) for pk, subtotal in subtotals.items()}


def charges_for_basket(basket):
    """{producer id: shipping charge in Rials} for the basket's physical goods."""
    return _charges(
        (
            line.stockrecord.partner if line.stockrecord_id else None,
            to_rials(line.line_price_incl_tax or 0),
            line.product.is_shipping_required,
        )
        for line in basket.all_lines()
    )


def charges_for_order(order, lines=None):
    """As for the basket; nothing for an order collected or sold at a booth. `lines`: the
    order's lines already read with their producers and product classes."""
    channel = getattr(order, "channel", None)
    if channel is not None and not channel.is_online:
        return {}
    if lines is None:
        lines = order.lines.select_related("partner", "product__product_class")
    return _charges(
        (
            line.partner,
            to_rials(line.line_price_incl_tax),
            line.product.is_shipping_required if line.product_id else True,
        )
        for line in lines
    )


def producer_groups(basket):
    """The basket's lines grouped by producer, with each group's subtotal and shipping."""
    charges = charges_for_basket(basket)
    groups = {}
    for line in basket.all_lines():
        producer = line.stockrecord.partner if line.stockrecord_id else None
        if producer is None:
            continue
        group = groups.setdefault(
            producer.pk, {"producer": producer, "lines": [], "subtotal_rials": 0}
        )
        group["lines"].append(line)
        group["subtotal_rials"] += to_rials(line.line_price_incl_tax or 0)
    for pk, group in groups.items():
        group["shipping_rials"] = charges.get(pk)  # None: nothing to post (services)
    return list(groups.values())
