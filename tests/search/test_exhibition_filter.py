"""Products at an exhibition: the `exhibition` filter and facet on both backends, kept in step
by exhibitions/signals.py when a booth fee is paid, an application stops being paid, or an
exhibition closes or changes its address.

Each test runs on the database backend (PostgreSQL) and on the real Elasticsearch, in an
index of its own so that other test runs on the same server are left alone.
"""

import uuid
from dataclasses import replace
from functools import partial

import pytest
from django.urls import reverse
from django.utils import timezone

from exhibitions import fees, services
from exhibitions.models import BoothApplication
from search import selectors
from search.backends.base import ProductQuery
from search.backends.database import DatabaseBackend, text_filter
from search.backends.pg_facets import facet_rows
from search.models import ProductDocument
from search.tasks import index_products
from tests.factories import (
    ExhibitionFactory,
    OrganizerFactory,
    ProducerFactory,
    UserFactory,
    booth_grid,
    make_product,
)

from .conftest import use_elasticsearch
from .test_listing_queries import LISTING_CEILING

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["database", "elasticsearch"])
def backend(request, reference_data, settings):
    """The backend under test, chosen before any product exists so that every write
    (make_product, the signals) reaches it."""
    if request.param == "database":
        yield DatabaseBackend()
        return
    settings.ELASTICSEARCH_INDEX = f"dastsaz-test-exhibition-filter-{uuid.uuid4().hex[:10]}"
    use_elasticsearch(settings)
    from search.backends import elasticsearch

    yield elasticsearch.ElasticsearchBackend()
    client = elasticsearch.client()
    names = client.indices.get(index=f"{settings.ELASTICSEARCH_INDEX}*").keys()
    if names:  # by name: the server refuses to delete by wildcard
        client.indices.delete(index=",".join(names))
    selectors._backend = None


@pytest.fixture
def member():
    """An account of the organizer that runs both fairs."""
    user = UserFactory()
    organizer = OrganizerFactory(name="اداره کل تعاون، کار و رفاه اجتماعی اصفهان")
    organizer.users.add(user)
    user.organizer = organizer
    return user


def new_fair(member, title, slug):
    fair = ExhibitionFactory(organizer=member.organizer, title=title, slug=slug)
    booth_grid(fair, rows=1, columns=3)
    return fair


@pytest.fixture
def nowruz(member, backend):
    return new_fair(member, "نمایشگاه نوروزی اصفهان", "nowruz-isfahan")


@pytest.fixture
def autumn(member, backend):
    return new_fair(member, "بازارچه پاییزی چهارباغ", "autumn-chaharbagh")


@pytest.fixture
def products(backend):
    """Three producers' products: two brought to a fair and paid for, one accepted but not
    paid, and one that goes to no fair."""
    weaver, coppersmith, carver = (ProducerFactory() for _ in range(3))

    def product(title, producer, **kwargs):
        return make_product(title=title, producer=producer, with_image=False, **kwargs)

    return {
        "kilim": product("گلیم دستبافت قشقایی", weaver, class_slug="carpet", category_code="kilim",
                         attributes={"width_cm": 100, "length_cm": 150}),
        "bag": product("کیف چرمی دست‌دوز", weaver, category_code="leather"),
        "tray": product("سینی مسی قلمزنی", coppersmith, category_code="engraving"),
        "box": product("جعبه خاتم", carver),
    }  # fmt: skip


def producer_of(product):
    return product.stockrecords.get().partner


def applied(fair, *products):
    """The producer of `products` applies to bring them."""
    return services.apply(fair, producer_of(products[0]), preferred_kind="standard",
                          products=products)  # fmt: skip


def accept(application, member):
    """The organizer accepts with the first free booth; its fee is still to pay."""
    fair = application.exhibition
    dates = fair.term_from(timezone.localdate())
    booth = next(b for b in fair.booths.order_by("column") if services.booth_is_free(b, *dates))
    return services.accept(application, booth, member)


def accepted(fair, member, *products):
    return accept(applied(fair, *products), member)


def paid(fair, member, *products, capture):
    """As `accepted`, then the fee paid in cash, its on-commit work (reindexing) run."""
    application = accepted(fair, member, *products)
    with capture(execute=True):
        return fees.record_cash(application, member)


def found(backend, products, **filters):
    names = {product.pk: name for name, product in products.items()}
    hits = backend.search(ProductQuery(per_page=100, **filters))
    return {names[pk] for pk in hits.product_ids}


def reindex_calls(callbacks):
    """The product ids each captured on-commit reindexing was queued for."""
    return [
        sorted(callback.args[0])
        for callback in callbacks
        if isinstance(callback, partial) and callback.func == index_products.delay
    ]


def test_products_of_a_paid_application_are_found_at_their_exhibition(
    backend, products, nowruz, member, django_capture_on_commit_callbacks
):
    application = accepted(nowruz, member, products["kilim"], products["bag"])
    assert found(backend, products, exhibition_slug="nowruz-isfahan") == set()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        fees.record_cash(application, member)

    assert BoothApplication.objects.get(pk=application.pk).status == "paid"
    # Only the application's products are reindexed, never the whole catalogue.
    assert reindex_calls(callbacks) == [sorted([products["kilim"].pk, products["bag"].pk])]
    assert found(backend, products, exhibition_slug="nowruz-isfahan") == {"kilim", "bag"}
    assert found(backend, products, exhibition_slug="nowruz-isfahan", product_class="carpet") == {
        "kilim"
    }
    assert found(backend, products) == {"kilim", "bag", "tray", "box"}  # no filter: all


def test_an_accepted_but_unpaid_application_does_not_put_its_products_at_the_exhibition(
    backend, products, nowruz, member, django_capture_on_commit_callbacks
):
    application = applied(nowruz, products["tray"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        accept(application, member)

    assert reindex_calls(callbacks) == []
    assert found(backend, products, exhibition_slug="nowruz-isfahan") == set()
    assert not ProductDocument.objects.get(pk=products["tray"].pk).exhibitions.exists()


def test_products_of_a_closed_exhibition_are_not_found(
    backend, products, nowruz, autumn, member, django_capture_on_commit_callbacks
):
    paid(autumn, member, products["tray"], capture=django_capture_on_commit_callbacks)
    paid(nowruz, member, products["kilim"], capture=django_capture_on_commit_callbacks)
    assert found(backend, products, exhibition_slug="autumn-chaharbagh") == {"tray"}

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.set_exhibition_status(autumn, "closed")

    assert reindex_calls(callbacks) == [[products["tray"].pk]]  # not the other fair's kilim
    assert found(backend, products, exhibition_slug="autumn-chaharbagh") == set()
    assert found(backend, products, exhibition_slug="nowruz-isfahan") == {"kilim"}
    facet = backend.search(ProductQuery(with_facets=True)).facets["exhibition"]
    assert [f.key for f in facet] == ["nowruz-isfahan"]


def test_the_exhibition_facet_counts_products_and_is_labelled_with_the_title(
    backend, products, nowruz, autumn, member, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    paid(nowruz, member, products["kilim"], products["bag"], capture=capture)
    paid(nowruz, member, products["tray"], capture=capture)
    paid(autumn, member, products["box"], capture=capture)
    accepted(autumn, member, products["tray"])  # unpaid: not counted at the autumn fair

    facets = backend.search(ProductQuery(with_facets=True)).facets
    assert [(f.key, f.label, f.count) for f in facets["exhibition"]] == [
        ("nowruz-isfahan", "نمایشگاه نوروزی اصفهان", 3),
        ("autumn-chaharbagh", "بازارچه پاییزی چهارباغ", 1),
    ]
    # Facets follow the other filters, and the filter narrows the other facets.
    carpets = backend.search(ProductQuery(product_class="carpet", with_facets=True)).facets
    assert [(f.key, f.count) for f in carpets["exhibition"]] == [("nowruz-isfahan", 1)]
    at_nowruz = backend.search(ProductQuery(exhibition_slug="nowruz-isfahan", with_facets=True))
    assert at_nowruz.total == 3
    assert sum(f.count for f in at_nowruz.facets["producer"]) == 3


def test_a_product_at_two_exhibitions_is_counted_at_each(
    backend, products, nowruz, autumn, member, django_capture_on_commit_callbacks
):
    paid(nowruz, member, products["tray"], capture=django_capture_on_commit_callbacks)
    paid(autumn, member, products["tray"], capture=django_capture_on_commit_callbacks)

    facets = backend.search(ProductQuery(with_facets=True)).facets
    assert {(f.key, f.count) for f in facets["exhibition"]} == {
        ("nowruz-isfahan", 1), ("autumn-chaharbagh", 1)
    }  # fmt: skip
    assert found(backend, products, exhibition_slug="autumn-chaharbagh") == {"tray"}


def test_an_application_that_stops_being_paid_takes_its_products_away(
    backend, products, nowruz, member, django_capture_on_commit_callbacks
):
    application = paid(
        nowruz, member, products["kilim"], capture=django_capture_on_commit_callbacks
    )
    assert found(backend, products, exhibition_slug="nowruz-isfahan") == {"kilim"}

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        # Staff refund a confirmed booth by hand (there is no service for it).
        application.status = BoothApplication.Status.WITHDRAWN
        application.save()

    assert reindex_calls(callbacks) == [[products["kilim"].pk]]
    assert found(backend, products, exhibition_slug="nowruz-isfahan") == set()


def test_products_follow_a_changed_exhibition_address_and_an_organizer_switched_off(
    backend, products, nowruz, member, django_capture_on_commit_callbacks
):
    paid(nowruz, member, products["kilim"], capture=django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        nowruz.slug = "nowruz-1405"
        nowruz.save()
    assert found(backend, products, exhibition_slug="nowruz-isfahan") == set()
    assert found(backend, products, exhibition_slug="nowruz-1405") == {"kilim"}

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        nowruz.title = "نمایشگاه نوروزی ۱۴۰۵"  # titles are read when shown: no reindex
        nowruz.save()
    assert reindex_calls(callbacks) == []
    facet = backend.search(ProductQuery(with_facets=True)).facets["exhibition"]
    assert [f.label for f in facet] == ["نمایشگاه نوروزی ۱۴۰۵"]

    with django_capture_on_commit_callbacks(execute=True):
        member.organizer.is_active = False
        member.organizer.save()
    assert found(backend, products, exhibition_slug="nowruz-1405") == set()


@pytest.mark.usefixtures("page_cache_off")
def test_the_search_page_filters_by_exhibition_and_shows_the_facet(
    client, backend, products, nowruz, autumn, member, django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):  # fmt: skip
    capture = django_capture_on_commit_callbacks
    paid(nowruz, member, products["kilim"], products["bag"], capture=capture)
    paid(autumn, member, products["tray"], capture=capture)
    url = reverse("search:search")
    client.get(url)  # warm: session and basket

    with django_assert_max_num_queries(LISTING_CEILING):
        response = client.get(url, {"exhibition": "nowruz-isfahan"})

    assert response.status_code == 200
    assert not getattr(selectors.get_backend(), "failing", False)  # Elasticsearch answered
    assert {card.pk for card in response.context["products"]} == {
        products["kilim"].pk, products["bag"].pk
    }  # fmt: skip
    (section,) = [s for s in response.context["facet_sections"] if s.param == "exhibition"]
    assert [(o.value, o.label, o.count, o.selected) for o in section.options] == [
        ("nowruz-isfahan", "نمایشگاه نوروزی اصفهان", 2, True)
    ]
    html = response.content.decode()
    # The chosen exhibition is marked and its link removes the filter.
    assert 'href="?" data-facet="exhibition" aria-current="true"' in html
    assert "نمایشگاه نوروزی اصفهان" in html

    everything = client.get(url)
    (section,) = [s for s in everything.context["facet_sections"] if s.param == "exhibition"]
    assert {(o.value, o.count, o.selected) for o in section.options} == {
        ("nowruz-isfahan", 2, False), ("autumn-chaharbagh", 1, False)
    }  # fmt: skip
    assert 'href="?exhibition=autumn-chaharbagh" data-facet="exhibition"' in (
        everything.content.decode()
    )


def test_the_exhibition_filter_combines_with_search_text_on_the_catalogue(
    client, backend, products, nowruz, member, django_capture_on_commit_callbacks
):
    paid(
        nowruz,
        member,
        products["kilim"],
        products["bag"],
        capture=django_capture_on_commit_callbacks,
    )
    response = client.get(reverse("catalogue:index"), {"exhibition": "nowruz-isfahan", "q": "کیف"})
    assert [card.pk for card in response.context["products"]] == [products["bag"].pk]


@pytest.mark.parametrize("value", ["no-such-fair", "<script>", "a" * 200])
def test_an_unknown_or_malformed_exhibition_is_not_fatal(client, products, value):
    response = client.get(reverse("search:search"), {"exhibition": value})
    assert response.status_code == 200
    expected = 0 if value == "no-such-fair" else len(products)  # malformed: ignored
    assert len(response.context["products"]) == expected


@pytest.mark.parametrize("backend", ["database"], indirect=True)
def test_database_facets_are_one_statement_with_exhibitions(
    backend, products, member, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    fair = new_fair(member, "نمایشگاه نوروزی اصفهان", "nowruz-isfahan")
    paid(fair, member, products["kilim"], capture=django_capture_on_commit_callbacks)
    with django_assert_max_num_queries(3):  # ids, the facets' one statement, provinces
        hits = DatabaseBackend().search(ProductQuery(text="گلیم", with_facets=True))
    assert [(f.key, f.count) for f in hits.facets["exhibition"]] == [("nowruz-isfahan", 1)]
    assert hits.facets["category"][0].count == 1


@pytest.mark.parametrize("backend", ["database"], indirect=True)
@pytest.mark.parametrize("text", ["", "گلیم", "خاتم", "نبود"])
def test_the_one_statement_facets_count_what_the_portable_queries_count(
    backend, products, member, django_capture_on_commit_callbacks, text
):
    fair = new_fair(member, "نمایشگاه نوروزی اصفهان", "nowruz-isfahan")
    paid(fair, member, products["kilim"], capture=django_capture_on_commit_callbacks)
    database = DatabaseBackend()
    documents, _query = text_filter(database.filtered(ProductQuery(text=text)), text)

    def comparable(rows):
        return {
            # keys as text: the portable union casts craft ids to text beside slugs
            name: value if name == "counts" else sorted((str(r[0]), *r[1:]) for r in value)
            for name, value in rows.items()
        }

    one_statement = comparable(facet_rows(documents))
    assert one_statement == comparable(database.facet_rows(documents))
    if text == "گلیم":
        assert one_statement["exhibitions"] == [("nowruz-isfahan", "نمایشگاه نوروزی اصفهان", 1)]


@pytest.mark.parametrize("backend", ["database"], indirect=True)
def test_the_facets_of_a_large_match_are_counted_once_a_minute(
    backend, products, monkeypatch, django_assert_max_num_queries
):
    from search.backends import database

    monkeypatch.setattr(database, "LARGE_MATCH", 0)  # every match is large
    query = ProductQuery(text="گلیم", with_facets=True)
    first = DatabaseBackend().search(query)
    with django_assert_max_num_queries(1):  # the page's ids only
        again = DatabaseBackend().search(replace(query, page=1, sort="newest"))
    assert (again.total, again.facets) == (first.total, first.facets)
    monkeypatch.setattr(database, "LARGE_MATCH", 10_000)
    with django_assert_max_num_queries(3):
        DatabaseBackend().search(ProductQuery(text="خاتم", with_facets=True))  # counted now
