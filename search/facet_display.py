"""Facets as the sidebar shows them: a title, and options that toggle a URL parameter."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from catalog.product_classes import BY_SLUG
from shop.persian.text import persian_sort_key

PRICE_LABELS = {
    "0-500k": _("Under 500 thousand Toman"),
    "500k-2m": _("500 thousand to 2 million Toman"),
    "2m-10m": _("2 to 10 million Toman"),
    "10m-50m": _("10 to 50 million Toman"),
    "50m+": _("Over 50 million Toman"),
}
# (facet name, URL parameter, title, value of the query that marks the option chosen)
SECTIONS = (
    ("category", "category", _("Craft"), lambda q: str(q.category_id or "")),
    ("product_class", "product_class", _("Product type"), lambda q: q.product_class),
    ("province", "province", _("Province"), lambda q: q.province_code),
    ("producer", "producer", _("Producer"), lambda q: str(q.producer_id or "")),
    ("exhibition", "exhibition", _("At an exhibition"), lambda q: q.exhibition_slug),
    ("price", "price", _("Price"), None),
    ("in_stock", "in_stock", _("Availability"), lambda q: "1" if q.in_stock else ""),
)
# Lists of names a buyer scans for the one they want: in Persian alphabetical order, the same
# from either backend (the others keep their own order: prices low to high, most common first).
ALPHABETICAL = {"category", "province", "producer"}


@dataclass
class FacetOption:
    label: str
    count: int
    param: str
    value: str
    selected: bool


@dataclass
class FacetSection:
    title: str
    param: str
    options: list[FacetOption]


def facet_sections(facets, query, request_params, fixed=()):
    """Sections for the sidebar; facets fixed by the page (a category page's craft) are left out."""
    sections = []
    for name, param, title, chosen in SECTIONS:
        values = facets.get(name) or []
        if name in fixed or not values:
            continue
        selected = request_params.get(param, "") if chosen is None else chosen(query)
        options = [
            FacetOption(
                label=_label(name, value),
                count=value.count,
                param=param,
                value=value.key,
                selected=str(value.key) == str(selected),
            )
            for value in values
        ]
        if name in ALPHABETICAL:
            options.sort(key=lambda option: persian_sort_key(option.label))
        sections.append(FacetSection(title=title, param=param, options=options))
    return sections


def _label(name, value):
    if name == "price":
        return PRICE_LABELS.get(value.key, value.key)
    if name == "in_stock":
        return _("In stock")
    if name == "product_class" and value.key in BY_SLUG:
        return BY_SLUG[value.key].name
    return value.label
