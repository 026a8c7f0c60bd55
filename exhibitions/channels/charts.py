"""Channel report charts, drawn on the server as SVG (no JavaScript, prints as it shows).

Right to left, as the page reads: the first day is at the right, the amount axis stands on
the right, product names start at the right edge and their bars grow leftwards. Numbers are
in the page language's digits (Persian in the Persian UI), amounts in Toman. Each chart is an
`<svg role="img">` with a `<title>`, a `<desc>` and a legend; each bar carries its own
`<title>` (a tooltip, read by screen readers). The page shows the same numbers in a table
under each chart.
"""

import math
from xml.sax.saxutils import escape, quoteattr

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from shop.persian.dates import format_jalali_date, to_jalali
from shop.persian.money import RIALS_PER_TOMAN, format_toman
from shop.persian.numbers import localised_number, ui_language

# Okabe–Ito: told apart with any colour vision, each dark enough on white.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
FONT = "Vazirmatn, Tahoma, sans-serif"
WIDTH = 640
AXIS = 84  # room on the right for the amount axis
LEGEND_ROW = 22


def colour(index):
    return COLOURS[index % len(COLOURS)]


def toman_number(amount_rials):
    """An axis figure: whole Toman with separators, in the page's digits, no unit."""
    toman = round(amount_rials / RIALS_PER_TOMAN)
    text = f"{toman:,}"
    if ui_language() == "fa":
        text = text.replace(",", "٬")
    return localised_number(text)


def nice_ceiling(value):
    """A round top for the amount axis: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return RIALS_PER_TOMAN * 10
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def svg(width, height, title, desc, body, chart_id):
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label={quoteattr(title)} '
        f'aria-describedby="{chart_id}-desc" direction="rtl" class="channel-chart" '
        f'font-family={quoteattr(FONT)} font-size="12" data-testid="{chart_id}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def text(x, y, content, anchor="start", size=12, fill="#212529", extra=""):
    # direction="rtl": "start" is the text's right end, "end" its left end.
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{fill}"{extra}>{escape(str(content))}</text>'
    )


def legend(channels, top=4):
    """Swatches from the right edge leftwards, wrapping to a new row when full."""
    body, x, y = [], WIDTH - 4, top
    for index, channel in enumerate(channels):
        label = str(channel.label)
        width = 26 + 7 * len(label)
        if x - width < 4 and x != WIDTH - 4:
            x, y = WIDTH - 4, y + LEGEND_ROW
        body.append(
            f'<rect x="{x - 14:.1f}" y="{y + 2:.1f}" width="14" height="14" rx="2" '
            f'fill="{colour(index)}"/>'
        )
        body.append(text(x - 20, y + 14, label))
        x -= width + 12
    return body, y + LEGEND_ROW + 6


def value_axis(top, bottom, left, ceiling, ticks=4):
    body = []
    for i in range(ticks + 1):
        value = ceiling * i / ticks
        y = bottom - (bottom - top) * i / ticks
        body.append(
            f'<line x1="{left:.1f}" x2="{WIDTH - AXIS + 4:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{"#adb5bd" if i == 0 else "#e9ecef"}"/>'
        )
        body.append(text(WIDTH - 4, y + 4, toman_number(value), size=11, fill="#495057"))
    return body


def day_label(date):
    j = to_jalali(date)
    return localised_number(f"{j.month}/{j.day}")


def daily_chart(report, chart_id="daily-chart"):
    """Sales per day, one bar per channel side by side (stacked when side by side would be
    too thin to read)."""
    language = ui_language()
    channels = report.channels
    days = report.days
    swatches, plot_top = legend(channels)
    height = plot_top + 220
    bottom = height - 34
    left = 8
    right = WIDTH - AXIS
    stacked = len(channels) > 1 and len(days) * len(channels) > 62
    peak = max(
        (
            (
                day.total.sales_rials
                if stacked
                else max((c.sales_rials for c in day.cells), default=0)
            )
            for day in days
        ),
        default=0,
    )
    ceiling = nice_ceiling(peak)
    scale = (bottom - plot_top) / ceiling
    slot = (right - left) / max(len(days), 1)
    bars = len(channels) if not stacked else 1
    bar = max(min((slot * 0.8) / max(bars, 1), 28), 1)
    body = [*swatches, *value_axis(plot_top, bottom, left, ceiling)]
    label_every = max(1, math.ceil(len(days) / 10))
    for i, day in enumerate(days):
        centre = right - slot * (i + 0.5)  # the first day at the right
        start_x = centre + bar * bars / 2  # bars run right to left too
        stack_y = bottom
        for c, (channel, figures) in enumerate(zip(channels, day.cells, strict=True)):
            if not figures.sales_rials:
                continue
            h = figures.sales_rials * scale
            x = start_x - bar * (1 if stacked else c + 1)
            y = (stack_y if stacked else bottom) - h
            if stacked:
                stack_y -= h
            tip = _("%(channel)s, %(day)s: %(amount)s") % {
                "channel": channel.label,
                "day": format_jalali_date(day.date, language),
                "amount": format_toman(figures.sales_rials, language),
            }
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{colour(c)}" data-channel="{channel.key}"><title>{escape(tip)}</title>'
                "</rect>"
            )
        if i % label_every == 0:
            body.append(text(centre, bottom + 16, day_label(day.date), "middle", 11, "#495057"))
    body.append(text(WIDTH - 4, height - 4, _("Toman"), size=11, fill="#495057"))
    title = _("Sales per day by channel, in Toman")
    desc = _("%(start)s to %(end)s; total %(amount)s.") % {
        "start": format_jalali_date(report.start, language),
        "end": format_jalali_date(report.end, language),
        "amount": format_toman(report.total.sales_rials, language),
    }
    return svg(WIDTH, height, title, desc, body, chart_id)


def top_products_chart(report, chart_id="top-chart"):
    """The best-selling products as horizontal bars growing leftwards, split by channel."""
    language = ui_language()
    channels = report.channels
    swatches, plot_top = legend(channels)
    row = 30
    label_width = 200
    height = plot_top + row * max(len(report.top), 1) + 8
    bar_right = WIDTH - label_width
    room = bar_right - 120  # space left of the bars for the amount
    peak = max((p.total.sales_rials for p in report.top), default=0) or 1
    body = list(swatches)
    for i, product in enumerate(report.top):
        y = plot_top + i * row
        title = product.title if len(product.title) <= 28 else product.title[:27] + "…"
        body.append(text(WIDTH - 4, y + 18, title, extra=f" data-product='{product.product_id}'"))
        x = bar_right
        for c, (channel, figures) in enumerate(zip(channels, product.cells, strict=True)):
            if not figures.sales_rials:
                continue
            w = max(figures.sales_rials / peak * room, 1)
            x -= w
            tip = _("%(product)s, %(channel)s: %(amount)s, units: %(units)s") % {
                "product": product.title,
                "channel": channel.label,
                "amount": format_toman(figures.sales_rials, language),
                "units": localised_number(figures.units),
            }
            body.append(
                f'<rect x="{x:.1f}" y="{y + 5:.1f}" width="{w:.1f}" height="{row - 10}" '
                f'fill="{colour(c)}" data-channel="{channel.key}"><title>{escape(tip)}</title>'
                "</rect>"
            )
        body.append(text(x - 6, y + 19, format_toman(product.total.sales_rials, language), size=11))
    if not report.top:
        body.append(text(WIDTH / 2, plot_top + 18, _("No sales in these days."), "middle"))
    title = _("Best-selling products, in Toman")
    desc = _("The %(count)s products that sold the most, %(start)s to %(end)s.") % {
        "count": localised_number(len(report.top)),
        "start": format_jalali_date(report.start, language),
        "end": format_jalali_date(report.end, language),
    }
    return svg(WIDTH, height, title, desc, body, chart_id)
