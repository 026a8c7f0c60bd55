"""Reads checkout repeats on every step, kept in the cache."""

from oscar.apps.address.models import Country

from shop.pagecache.store import remembered


def shipping_countries():
    """The countries an order may be shipped to (Iran), kept until a country is saved (a
    new page-cache generation): the address form and every address shown ask for them."""
    return remembered(
        "address:shipping-countries",
        lambda: list(Country._default_manager.filter(is_shipping_country=True)),
    )


def with_country(address):
    """`address` with its country filled in from the cache, when it is a shipping country
    (showing or saving an address reads its country's name)."""
    if address is not None and address.country_id:
        for country in shipping_countries():
            if country.pk == address.country_id:
                address.country = country
    return address
