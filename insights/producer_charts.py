"""The producer's insight charts, drawn on the server as SVG with the channel report's
helpers (exhibitions/channels/charts.py): right to left, Okabe–Ito colours, the page's
digits, amounts in Toman, an `<svg role="img">` with a title and a description, a tooltip on
every bar. The page shows the same numbers in a table under each chart."""

from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from exhibitions.channels.charts import (
    AXIS,
    WIDTH,
    colour,
    day_label,
    legend,
    nice_ceiling,
    svg,
    text,
    value_axis,
)
from shop.persian.dates import format_jalali_date
from shop.persian.money import format_toman
from shop.persian.numbers import localised_number, ui_language

PLOT_HEIGHT = 200
PROVINCE_ROW = 30
PROVINCE_LABEL = 150


def week_range(start, end, language=None):
    """A week (or weeks) as its Jalali days: «۱۶ فروردین ۱۴۰۴ تا ۲۲ فروردین ۱۴۰۴»."""
    language = language or ui_language()
    return _("%(start)s to %(end)s") % {
        "start": format_jalali_date(start, language),
        "end": format_jalali_date(end, language),
    }


def weekly_sales_chart(sales, chart_id="weekly-sales-chart"):
    """Sales per week, one bar a week stacked by channel, the first week at the right."""
    language = ui_language()
    swatches, plot_top = legend(sales.channels)
    bottom = plot_top + PLOT_HEIGHT
    height = bottom + 34
    left, right = 8, WIDTH - AXIS
    ceiling = nice_ceiling(max((week.total.sales_rials for week in sales.weeks), default=0))
    scale = (bottom - plot_top) / ceiling
    slot = (right - left) / max(len(sales.weeks), 1)
    bar = min(slot * 0.7, 36)
    body = [*swatches, *value_axis(plot_top, bottom, left, ceiling)]
    for i, week in enumerate(sales.weeks):
        centre = right - slot * (i + 0.5)
        y = bottom
        for c, (channel, figures) in enumerate(zip(sales.channels, week.cells, strict=True)):
            if not figures.sales_rials:
                continue
            h = figures.sales_rials * scale
            y -= h
            tip = _("%(channel)s, %(week)s: %(amount)s") % {
                "channel": channel.label,
                "week": week_range(week.start, week.end, language),
                "amount": format_toman(figures.sales_rials, language),
            }
            body.append(
                f'<rect x="{centre - bar / 2:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" fill="{colour(c)}" data-channel="{channel.key}">'
                f"<title>{escape(tip)}</title></rect>"
            )
        body.append(text(centre, bottom + 16, day_label(week.start), "middle", 11, "#495057"))
    body.append(text(WIDTH - 4, height - 4, _("Toman"), size=11, fill="#495057"))
    title = _("Your sales per week by channel, in Toman")
    desc = _("%(weeks)s weeks, %(range)s; total %(amount)s.") % {
        "weeks": localised_number(len(sales.weeks)),
        "range": week_range(sales.period.first, sales.period.last, language),
        "amount": format_toman(sales.total.sales_rials, language),
    }
    return svg(WIDTH, height, title, desc, body, chart_id)


def province_chart(sales, chart_id="province-chart"):
    """Online sales by the buyer's province, the largest first, bars growing leftwards from
    the province names at the right."""
    language = ui_language()
    provinces = sales.provinces
    top = 8
    height = top + PROVINCE_ROW * max(len(provinces), 1) + 8
    bar_right = WIDTH - PROVINCE_LABEL
    room = bar_right - 130  # space left of the bars for the amount
    peak = max((p.figures.sales_rials for p in provinces), default=0) or 1
    body = []
    for i, province in enumerate(provinces):
        y = top + i * PROVINCE_ROW
        name = province.name or _("Province not known")
        body.append(text(WIDTH - 4, y + 18, name))
        w = max(province.figures.sales_rials / peak * room, 1)
        tip = _("%(province)s: %(amount)s, orders: %(orders)s") % {
            "province": name,
            "amount": format_toman(province.figures.sales_rials, language),
            "orders": localised_number(province.figures.orders),
        }
        body.append(
            f'<rect x="{bar_right - w:.1f}" y="{y + 5:.1f}" width="{w:.1f}" '
            f'height="{PROVINCE_ROW - 10}" fill="{colour(0)}"><title>{escape(tip)}</title></rect>'
        )
        amount = format_toman(province.figures.sales_rials, language)
        body.append(text(bar_right - w - 6, y + 19, amount, size=11))
    if not provinces:
        body.append(text(WIDTH / 2, top + 18, _("No online sales in these weeks."), "middle"))
    title = _("Where your online buyers are, in Toman")
    desc = _("Online sales by the buyer's province, %(range)s.") % {
        "range": week_range(sales.period.first, sales.period.last, language)
    }
    return svg(WIDTH, height, title, desc, body, chart_id)
