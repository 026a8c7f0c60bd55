"""The one interface every product listing uses: a query in; ids, a total and facets out.

Backends return product ids in display order; `search.selectors.cards` turns them into
`ProductDocument` rows, which is all a product card needs.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

SORTS = ("relevance", "newest", "price_asc", "price_desc")

# Price ranges offered as a facet, in Rials: (key, lowest, highest or None).
PRICE_RANGES = (
    ("0-500k", 0, 5_000_000),
    ("500k-2m", 5_000_000, 20_000_000),
    ("2m-10m", 20_000_000, 100_000_000),
    ("10m-50m", 100_000_000, 500_000_000),
    ("50m+", 500_000_000, None),
)
PRODUCER_FACET_SIZE = 20
EXHIBITION_FACET_SIZE = 20


@dataclass(frozen=True)
class ProductQuery:
    text: str = ""
    category_id: int | None = None
    product_class: str = ""
    province_code: str = ""
    producer_id: int | None = None
    exhibition_slug: str = ""  # products brought to this exhibition by a confirmed booth
    price_min_rials: int | None = None
    price_max_rials: int | None = None
    in_stock: bool = False
    sort: str = "relevance"
    page: int = 1
    per_page: int = 24
    with_facets: bool = False

    def __post_init__(self):
        if self.sort not in SORTS:
            raise ValueError(f"unknown sort {self.sort!r}")
        if self.page < 1 or self.per_page < 1:
            raise ValueError("page and per_page start at 1")

    @property
    def offset(self):
        return (self.page - 1) * self.per_page


@dataclass(frozen=True)
class FacetValue:
    key: str  # the filter value: category id, class slug, province code, producer id,
    # exhibition slug …
    label: str
    count: int


@dataclass
class ProductHits:
    product_ids: list[int]
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)


@dataclass(frozen=True)
class Suggestion:
    kind: str  # "product", "craft" or "producer"
    label: str
    url: str


class SearchBackend(ABC):
    @abstractmethod
    def search(self, query: ProductQuery) -> ProductHits:
        """One page of matching product ids, in order, the total, and facets if asked."""

    @abstractmethod
    def suggest_products(self, text: str, limit: int) -> list[Suggestion]:
        """Products whose title has a word starting like the last word of `text`."""
