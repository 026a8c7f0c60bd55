"""Reads of the catalogue that many requests share."""

from oscar.core.loading import get_model

from shop.pagecache.store import remembered


def catalogue_has_options():
    """Whether any product option exists at all (kept until the catalogue changes: saving an
    option starts a new page-cache generation). None exist unless staff add them; then a
    product has no options to read and a basket line no options to load."""
    return remembered(
        "catalogue:has-options", lambda: get_model("catalogue", "Option").objects.exists()
    )
