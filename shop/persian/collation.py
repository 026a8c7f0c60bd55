"""Persian alphabetical order in SQL, the same on PostgreSQL and SQLite.

PostgreSQL sorts with the ICU "fa" collation, created as "persian" by the catalogue
migration 0035_persian_collation. SQLite has no ICU: a collation of the same name is
registered on every SQLite connection, comparing with `persian_sort_key`. Name columns
people see in lists (provinces, cities, producers) carry the collation, so their plain
`order_by("name_fa")` and Meta.ordering are Persian; `persian_order("name")` orders any
other column (craft names) the same way.
"""

from django.db.models.functions import Collate

from .text import persian_sort_key

COLLATION = "persian"


def persian_order(field: str, descending: bool = False):
    """An order_by() term for `field` in Persian alphabetical order."""
    term = Collate(field, COLLATION)
    return term.desc() if descending else term.asc()


def _compare(a: str, b: str) -> int:
    key_a, key_b = persian_sort_key(a), persian_sort_key(b)
    return (key_a > key_b) - (key_a < key_b)


def register_on_sqlite(sender, connection, **kwargs):
    """connection_created receiver: teach SQLite the "persian" collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, _compare)
