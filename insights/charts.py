"""Market charts, drawn on the server as SVG with the channel reports' helpers
(exhibitions/channels/charts.py): right to left, Okabe–Ito colours, the page's digits, an
`<svg role="img">` with a title, a description and a legend; the page shows the same
numbers in a table under the chart."""

from types import SimpleNamespace
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from exhibitions.channels.charts import WIDTH, colour, legend, svg, text
from shop.persian.dates import format_jalali_date
from shop.persian.numbers import localised_number, ui_language

ROW = 34
LABEL_WIDTH = 130
NUMBER_ROOM = 48  # left of the longest bar, for its figure


def province_chart(provinces, period, craft=None, chart_id="province-chart"):
    """One row per province (`provinces`: MarketRow totals, ranked), two bars growing
    leftwards: demand (searches and orders) and listings, on one scale."""
    language = ui_language()
    series = [
        SimpleNamespace(label=_("Demand (searches and orders)")),
        SimpleNamespace(label=_("Listings")),
    ]
    swatches, plot_top = legend(series)
    height = plot_top + ROW * max(len(provinces), 1) + 8
    bar_right = WIDTH - LABEL_WIDTH
    room = bar_right - NUMBER_ROOM
    peak = max((max(p.demand, p.listings) for p in provinces), default=0) or 1
    bar = (ROW - 10) / 2
    body = list(swatches)
    for i, row in enumerate(provinces):
        y = plot_top + i * ROW
        name = str(row.province)
        body.append(
            text(WIDTH - 4, y + ROW / 2 + 4, name, extra=f' data-province="{row.province.pk}"')
        )
        for s, (key, value) in enumerate((("demand", row.demand), ("listings", row.listings))):
            w = max(value / peak * room, 1) if value else 0
            top = y + 4 + s * bar
            tip = _("%(province)s: %(what)s %(count)s") % {
                "province": name,
                "what": series[s].label,
                "count": localised_number(value),
            }
            if w:
                body.append(
                    f'<rect x="{bar_right - w:.1f}" y="{top:.1f}" width="{w:.1f}" '
                    f'height="{bar:.1f}" fill="{colour(s)}" data-series="{key}">'
                    f"<title>{escape(tip)}</title></rect>"
                )
            body.append(text(bar_right - w - 4, top + bar - 2, localised_number(value), size=10))
    if not provinces:
        body.append(text(WIDTH / 2, plot_top + 18, _("No figures for these weeks yet."), "middle"))
    if craft is None:
        title = _("Demand and listings by province")
    else:
        title = _("Demand and listings of %(craft)s by province") % {"craft": craft.name}
    desc = _(
        "Searches and orders by buyers in each province against the listings made there, "
        "%(start)s to %(end)s."
    ) % {
        "start": format_jalali_date(period.start, language),
        "end": format_jalali_date(period.end, language),
    }
    return svg(WIDTH, height, title, desc, body, chart_id)
