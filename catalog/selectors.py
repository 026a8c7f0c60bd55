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


def menu_categories(language):
    """The header menu's top categories as (name, address), in Oscar's menu order (public,
    not excluded from the menu). Every page rendered for a visitor shows them, so they are
    kept until the catalogue changes (a category saved starts a new generation)."""
    from oscar.templatetags.category_tags import get_annotated_list

    return remembered(
        f"catalogue:menu:{language}",
        lambda: [(str(info.name), info.get_absolute_url()) for info in get_annotated_list(1)],
    )


def provinces():
    """[(id, code, Persian name)] of Iran's provinces by name (reference data, kept until the
    catalogue changes): the address form's choices, a checkout's province cookie."""
    from .models import Province

    return remembered(
        "catalogue:provinces",
        lambda: list(Province.objects.order_by("name_fa").values_list("pk", "code", "name_fa")),
    )
