"""The floor plan as server-side SVG: one rectangle per booth at its grid position, coloured
free / taken / yours, with the booth's code and a tooltip. Column 1 is drawn on the right,
as a Persian reader scans the page; the template puts an accessible text list beside it."""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from shop.persian.numbers import localised_number

CELL_W, CELL_H, GAP, PAD = 84, 64, 8, 12
FILL = {"free": "#e3f4e1", "taken": "#d9d9d9", "yours": "#cfe2ff"}
STROKE = {"free": "#2f7d32", "taken": "#6c6c6c", "yours": "#0b5ed7"}


def state_label(state):
    # "free" alone means free of charge elsewhere on the site (رایگان); a booth is آزاد.
    return {
        "free": pgettext("booth state", "free"),
        "taken": pgettext("booth state", "taken"),
        "yours": pgettext("booth state", "yours"),
    }[state]


def size_label(booth):
    """9.00 -> '۹', 10.00 -> '۱۰' (not '1E+1'), 12.50 -> '۱۲.۵'."""
    return localised_number(f"{booth.size_m2.normalize():f}")


def render_svg(plan, title):
    """`plan`: (booth, state, application) triples as `selectors.floor_plan` gives them."""
    if not plan:
        return ""
    rows = max(booth.row for booth, _state, _a in plan)
    columns = max(booth.column for booth, _state, _a in plan)
    width = PAD * 2 + columns * CELL_W + (columns - 1) * GAP
    height = PAD * 2 + rows * CELL_H + (rows - 1) * GAP
    cells = format_html_join(
        "", "{}", ((_cell(booth, state, columns),) for booth, state, _a in plan)
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="floor-plan" viewBox="0 0 {w} {h}" '
        'width="100%" role="img" aria-labelledby="floor-plan-title" '
        'font-family="Vazirmatn, Tahoma, sans-serif">'
        '<title id="floor-plan-title">{title}</title>'
        '<rect x="0" y="0" width="{w}" height="{h}" fill="#fafafa" stroke="#bbb" rx="6"/>'
        "{cells}</svg>",
        w=width,
        h=height,
        title=title,
        cells=cells,
    )


def _cell(booth, state, columns):
    x = PAD + (columns - booth.column) * (CELL_W + GAP)
    y = PAD + (booth.row - 1) * (CELL_H + GAP)
    tooltip = _("Booth %(code)s, %(size)s m², %(kind)s: %(state)s") % {
        "code": booth.code,
        "size": size_label(booth),
        "kind": booth.get_kind_display(),
        "state": state_label(state),
    }
    return format_html(
        '<g class="booth booth-{state}" data-booth="{code}" data-state="{state}">'
        "<title>{tooltip}</title>"
        '<rect x="{x}" y="{y}" width="{cw}" height="{ch}" rx="4" fill="{fill}" '
        'stroke="{stroke}" stroke-width="{sw}"/>'
        '<text x="{tx}" y="{ty}" text-anchor="middle" font-size="18" font-weight="bold" '
        'fill="#222">{code}</text>'
        '<text x="{tx}" y="{sy}" text-anchor="middle" font-size="12" fill="#333">{label}</text>'
        "</g>",
        state=state,
        code=booth.code,
        tooltip=tooltip,
        x=x,
        y=y,
        cw=CELL_W,
        ch=CELL_H,
        fill=FILL[state],
        stroke=STROKE[state],
        sw=3 if state == "yours" else 1.5,
        tx=x + CELL_W // 2,
        ty=y + 28,
        sy=y + 50,
        label=state_label(state),
    )


def legend():
    items = format_html_join(
        "",
        '<li><span class="floor-plan-swatch swatch-{}"></span>{}</li>',
        ((s, state_label(s)) for s in ("free", "taken", "yours")),
    )
    return format_html('<ul class="floor-plan-legend">{}</ul>', items)
