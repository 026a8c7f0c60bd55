"""The one interface every product listing uses: a query in, product ids and a total out.

Backends return ids in display order; `search.selectors.product_cards` turns them into
products with everything a card needs in a fixed number of queries.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

SORTS = ("relevance", "newest", "price_asc", "price_desc")


@dataclass(frozen=True)
class ProductQuery:
    text: str = ""
    category_ids: tuple[int, ...] = ()
    product_class: str = ""
    province_code: str = ""
    producer_id: int | None = None
    price_min_rials: int | None = None
    price_max_rials: int | None = None
    in_stock: bool = False
    sort: str = "relevance"
    page: int = 1
    per_page: int = 24

    def __post_init__(self):
        if self.sort not in SORTS:
            raise ValueError(f"unknown sort {self.sort!r}")
        if self.page < 1 or self.per_page < 1:
            raise ValueError("page and per_page start at 1")

    @property
    def offset(self):
        return (self.page - 1) * self.per_page


@dataclass
class ProductHits:
    product_ids: list[int]
    total: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


class SearchBackend(ABC):
    @abstractmethod
    def search(self, query: ProductQuery) -> ProductHits:
        """Return one page of matching product ids, in order, and the total count."""
