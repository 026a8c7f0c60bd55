"""The page cache (shop/pagecache): storefront pages rendered once and served to every guest
and buyer, each with their own account links, basket, CSRF token and messages, and fresh
the moment a price, stock or publish state changes."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from catalog.models import Category
from insights.models import ProductEvent, SearchEvent
from sellers.models import StockRecord
from tests.factories import ProducerFactory, UserFactory, make_product

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NONCE = re.compile(r'<script nonce="([^"]+)"')


def page(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return response, response.content.decode()


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def add_to_basket(client, product, quantity=1):
    """Put `product` in the visitor's basket and read the message that says so."""
    added = client.post(reverse("basket:add", args=[product.pk]), {"quantity": quantity})
    assert added.status_code == 302
    client.get(reverse("basket:summary"))


@pytest.fixture
def product(reference_data):
    return make_product(title="جعبه خاتم کاشان", price_rials=12_500_000, stock=5)


def test_a_guests_second_view_is_served_from_the_cache_without_sql(
    client, product, django_assert_num_queries
):
    first, html = page(client, product.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        again, html_again = page(Client(), product.get_absolute_url())
    assert again["X-Page-Cache"] == "hit"
    assert product.title in html_again
    assert NONCE.sub("", CSRF.sub("", html)) == NONCE.sub("", CSRF.sub("", html_again))


def test_each_visitor_gets_their_own_csrf_token_and_it_works(product):
    tokens = []
    for _visitor in range(2):
        client = Client(enforce_csrf_checks=True)
        _response, html = page(client, product.get_absolute_url())
        token = CSRF.search(html).group(1)
        tokens.append(token)
        added = client.post(
            reverse("basket:add", args=[product.pk]),
            {"quantity": 1, "csrfmiddlewaretoken": token},
        )
        assert added.status_code == 302  # accepted: the token belongs to this visitor
    assert tokens[0] != tokens[1]


def test_the_csp_nonce_of_a_cached_page_is_the_responses_own(product):
    page(Client(), product.get_absolute_url())
    response, html = page(Client(), product.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    nonces = set(NONCE.findall(html))
    assert len(nonces) == 1
    assert f"'nonce-{nonces.pop()}'" in response["Content-Security-Policy"]


def test_a_buyers_account_links_and_basket_are_theirs_and_never_shown_to_others(
    reference_data, product
):
    other = make_product(title="گیوه کلاش", price_rials=4_200_000)
    page(Client(), product.get_absolute_url())  # a guest fills the cache

    sara, reza = UserFactory(), UserFactory()
    for buyer, item, quantity in ((sara, product, 2), (reza, other, 1)):
        buyer.client = signed_in(buyer)
        add_to_basket(buyer.client, item, quantity)

    response, html = page(sara.client, product.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert 'id="logout_link"' in html and 'id="login_link"' not in html
    assert "۲٬۵۰۰٬۰۰۰ تومان" in html  # Sara's basket: 2 × 1,250,000 Toman
    assert "گیوه کلاش" not in html

    _response, html = page(reza.client, product.get_absolute_url())
    assert "۴۲۰٬۰۰۰ تومان" in html and "۲٬۵۰۰٬۰۰۰" not in html

    response, html = page(Client(), product.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert 'id="login_link"' in html and 'id="logout_link"' not in html
    assert "۲٬۵۰۰٬۰۰۰" not in html and "۴۲۰٬۰۰۰" not in html


def test_a_buyer_who_comes_first_does_not_leave_their_basket_in_the_cache(product):
    buyer = UserFactory()
    client = signed_in(buyer)
    add_to_basket(client, product, 3)
    response, html = page(client, reverse("catalogue:index"))
    assert response["X-Page-Cache"] == "miss"
    assert "۳٬۷۵۰٬۰۰۰ تومان" in html and 'id="logout_link"' in html

    response, html = page(Client(), reverse("catalogue:index"))
    assert response["X-Page-Cache"] == "hit"
    assert "۳٬۷۵۰٬۰۰۰" not in html and 'id="logout_link"' not in html


def test_a_guests_basket_is_shown_to_them_only(product):
    guest = Client()
    add_to_basket(guest, product, 2)
    _response, html = page(guest, reverse("catalogue:index"))
    assert "۲٬۵۰۰٬۰۰۰ تومان" in html
    _response, html = page(Client(), reverse("catalogue:index"))
    assert "۲٬۵۰۰٬۰۰۰" not in html


@pytest.mark.parametrize("where", ["product", "listing"])
def test_messages_are_shown_once_to_their_visitor_and_never_cached(product, where):
    """Back on the page they added it from (its own page, or the catalogue: Oscar's
    two-column layout), the buyer sees the cached page with their own message in it; nobody
    else, and not they again, sees it."""
    url = product.get_absolute_url() if where == "product" else reverse("catalogue:index")
    page(Client(), url)
    buyer = Client()
    added = buyer.post(reverse("basket:add", args=[product.pk]), {"quantity": 1}, HTTP_REFERER=url)
    assert added["Location"] == url
    response, html = page(buyer, url)
    assert response["X-Page-Cache"] == "hit"
    assert html.count("به سبد خرید شما اضافه شد") == 1
    response, html = page(buyer, url)
    assert "به سبد خرید شما اضافه شد" not in html
    response, html = page(Client(), url)
    assert "به سبد خرید شما اضافه شد" not in html


def test_a_message_on_a_page_not_cached_yet_is_rendered_for_its_visitor_only(product):
    buyer = Client()
    url = product.get_absolute_url()
    buyer.post(reverse("basket:add", args=[product.pk]), {"quantity": 1}, HTTP_REFERER=url)
    response, html = page(buyer, url)
    assert "X-Page-Cache" not in response  # rendered for them, not stored
    assert "به سبد خرید شما اضافه شد" in html
    response, html = page(Client(), url)
    assert response["X-Page-Cache"] == "miss"
    assert "به سبد خرید شما اضافه شد" not in html


def test_a_price_change_shows_on_the_next_view(client, product):
    page(client, product.get_absolute_url())
    record = product.stockrecords.get()
    record.price = 9_900_000
    record.save()
    response, html = page(Client(), product.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "۹۹۰٬۰۰۰ تومان" in html and "۱٬۲۵۰٬۰۰۰" not in html


def test_stock_allocated_at_checkout_shows_on_the_next_view(client, reference_data):
    product = make_product(stock=1)
    _response, html = page(client, product.get_absolute_url())
    assert 'id="add_to_basket_form"' in html
    StockRecord.objects.get(product=product).allocate(1)  # Oscar's atomic UPDATE
    _response, html = page(Client(), product.get_absolute_url())
    assert 'id="add_to_basket_form"' not in html


def test_an_order_taking_one_unit_of_five_refreshes_its_page_but_not_the_listings(client, product):
    listing = reverse("catalogue:index")
    page(client, listing)
    page(client, product.get_absolute_url())
    StockRecord.objects.get(product=product).allocate(1)  # an order placed
    response, html = page(Client(), product.get_absolute_url())
    assert response["X-Page-Cache"] == "miss" and "موجود (۴ عدد)" in html
    assert page(Client(), listing)[0]["X-Page-Cache"] == "hit"  # still "in stock" there
    other = make_product(title="قاب آینه خاتم", stock=3)
    page(client, other.get_absolute_url())
    StockRecord.objects.get(product=product).allocate(1)
    assert page(Client(), other.get_absolute_url())[0]["X-Page-Cache"] == "hit"


def test_a_new_price_or_the_last_unit_sold_refreshes_the_listings_too(
    client, reference_data, django_capture_on_commit_callbacks
):
    """Listings read the search documents, rebuilt once the stock change commits."""
    product = make_product(title="گیوه کلاش", price_rials=3_000_000, stock=1)
    listing = reverse("catalogue:index")
    _response, html = page(client, listing)
    assert "۳۰۰٬۰۰۰" in html
    with django_capture_on_commit_callbacks(execute=True):
        record = StockRecord.objects.get(product=product)
        record.price = 3_500_000
        record.save()
    response, html = page(Client(), listing)
    assert response["X-Page-Cache"] == "miss" and "۳۵۰٬۰۰۰" in html
    assert 'class="unavailable' not in html
    with django_capture_on_commit_callbacks(execute=True):
        StockRecord.objects.get(product=product).allocate(1)
    response, html = page(Client(), listing)
    assert response["X-Page-Cache"] == "miss" and 'class="unavailable' in html  # sold out


def test_a_listing_rendered_before_the_reindex_is_dropped_by_it(
    client, product, django_capture_on_commit_callbacks
):
    """The stock save drops the pages at once, but a visitor may render the listing again
    from the old document before the reindex runs: the reindex drops it once more."""
    from search.indexing import index_products

    listing = reverse("catalogue:index")
    record = StockRecord.objects.get(product=product)
    record.price = 9_900_000
    record.save()  # committed later; the documents are not rebuilt yet
    _response, html = page(client, listing)
    assert "۹۹۰٬۰۰۰" not in html  # the old document
    assert page(Client(), listing)[0]["X-Page-Cache"] == "hit"
    index_products([product.pk], to_elasticsearch=False)
    response, html = page(Client(), listing)
    assert response["X-Page-Cache"] == "miss" and "۹۹۰٬۰۰۰" in html
    index_products([product.pk], to_elasticsearch=False)  # nothing shown changed
    assert page(Client(), listing)[0]["X-Page-Cache"] == "hit"


def test_an_orders_own_rows_leave_the_cached_pages_alone(client, zarinpal, product):
    """Placing and paying an order writes stock (one unit of five), the order's channel and
    its fulfilments: the listings stay cached for everyone else."""
    from tests.checkout.conftest import pay_at_sandbox, place_order_as_guest

    listing = reverse("catalogue:index")
    page(Client(), listing)
    buyer = Client()
    add_to_basket(buyer, product)
    callback = pay_at_sandbox(zarinpal, place_order_as_guest(buyer)["Location"])
    assert buyer.get(callback)["Location"] == reverse("checkout:thank-you")
    assert page(Client(), listing)[0]["X-Page-Cache"] == "hit"


def test_an_unpublished_product_is_gone_at_once(client, product):
    page(client, product.get_absolute_url())
    product.is_public = False
    product.save()
    assert Client().get(product.get_absolute_url()).status_code == 404


def test_a_category_page_follows_a_new_product(client, reference_data):
    khatam = Category.objects.get(code="khatam")
    _response, html = page(client, khatam.get_absolute_url())
    assert "قاب آینه خاتم" not in html
    make_product(title="قاب آینه خاتم", category_code="khatam")
    _response, html = page(Client(), khatam.get_absolute_url())
    assert "قاب آینه خاتم" in html


def test_staff_and_producers_get_pages_rendered_for_them(reference_data):
    hidden_producer = ProducerFactory(is_selling=False)
    hidden = make_product(title="قالیچه در انتظار تأیید", producer=hidden_producer)
    owner = UserFactory()
    hidden_producer.users.add(owner)
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="dashboard_access"))

    assert Client().get(hidden.get_absolute_url()).status_code == 404
    for user in (owner, staff):
        response, html = page(signed_in(user), hidden.get_absolute_url())
        assert "X-Page-Cache" not in response
        assert hidden.title in html
    assert Client().get(hidden.get_absolute_url()).status_code == 404  # nothing was shared


def test_a_support_companys_member_gets_pages_rendered_for_them(product):
    from sellers.models import SupportCompany, SupportMember

    company = SupportCompany.objects.create(name="تعاونی خاتم", registration_number="10100000011")
    member = UserFactory()
    SupportMember.objects.create(company=company, user=member)
    page(Client(), product.get_absolute_url())  # a guest fills the cache
    response, html = page(signed_in(member), product.get_absolute_url())
    assert "X-Page-Cache" not in response
    assert 'data-testid="company-panel-link"' in html


def test_another_visitors_csrf_token_from_a_cached_page_is_refused(product):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    _response, html = page(first, product.get_absolute_url())
    page(second, product.get_absolute_url())  # served from the cache with its own token
    stolen = CSRF.search(html).group(1)
    refused = second.post(
        reverse("basket:add", args=[product.pk]), {"quantity": 1, "csrfmiddlewaretoken": stolen}
    )
    assert refused.status_code == 403


def test_a_product_view_served_from_the_cache_still_counts_for_the_market_figures(product):
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.2"):
        page(Client(REMOTE_ADDR=address), product.get_absolute_url())
    assert ProductEvent.objects.filter(product=product, kind="view").count() == 2


def test_a_search_served_from_the_cache_still_counts(product):
    url = reverse("search:search") + "?q=خاتم"
    first, _html = page(Client(REMOTE_ADDR="10.0.0.1"), url)
    second, _html = page(Client(REMOTE_ADDR="10.0.0.2"), url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert SearchEvent.objects.filter(query="خاتم").count() == 2


def test_a_visitor_who_chose_english_gets_the_english_page(client, product):
    page(client, product.get_absolute_url())
    english = Client()
    english.cookies["django_language"] = "en"
    response, html = page(english, product.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert '<html lang="en"' in html


def test_a_buyers_cached_page_costs_a_few_queries(product, django_assert_max_num_queries):
    buyer = UserFactory()
    client = signed_in(buyer)
    add_to_basket(client, product)
    page(client, product.get_absolute_url())
    with django_assert_max_num_queries(3):  # the account, its notifications, its basket's state
        response, _html = page(client, product.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"


def test_a_change_to_the_basket_shows_in_the_mini_basket_at_once(product):
    buyer = UserFactory()
    client = signed_in(buyer)
    add_to_basket(client, product, 1)
    _response, html = page(client, reverse("catalogue:index"))
    assert "۱٬۲۵۰٬۰۰۰ تومان" in html
    add_to_basket(client, product, 1)
    response, html = page(client, reverse("catalogue:index"))
    assert response["X-Page-Cache"] == "hit"
    assert "۲٬۵۰۰٬۰۰۰ تومان" in html


def test_a_buyers_holes_read_as_on_the_page_rendered_for_them(product, settings):
    hole = re.compile(r"<!--dz:hole (\w+)-->(.*?)<!--dz:/hole-->", re.S)
    buyer = UserFactory()
    client = signed_in(buyer)
    add_to_basket(client, product, 2)
    page(client, product.get_absolute_url())
    cached, cached_html = page(client, product.get_absolute_url())
    assert cached["X-Page-Cache"] == "hit"
    settings.PAGE_CACHE_SECONDS = 0
    rendered, rendered_html = page(client, product.get_absolute_url())
    assert "X-Page-Cache" not in rendered
    holes = hole.findall(cached_html)
    assert [name for name, _html in holes] == ["account", "basket", "basket_button", "messages"]
    assert holes == hole.findall(rendered_html)


def test_a_password_protected_page_is_never_shared(reference_data):
    """Wagtail marks a restricted page's responses private; the cache keeps none."""
    from wagtail.models import PageViewRestriction

    from tests.cms.builders import home_page, news

    (item,) = news(home_page(), count=1)
    PageViewRestriction.objects.create(
        page=item, restriction_type=PageViewRestriction.PASSWORD, password="نوروز"
    )
    url = item.url
    guest = Client()
    for _ in range(2):
        response, html = page(guest, url)
        assert "X-Page-Cache" not in response and item.title not in html  # the password form
    form = guest.post(
        reverse(
            "wagtailcore_authenticate_with_password",
            args=[item.get_view_restrictions().get().pk, item.pk],
        ),
        {"password": "نوروز", "return_url": url},
    )
    assert form.status_code == 302
    _response, html = page(guest, url)
    assert item.title in html
    _response, html = page(Client(), url)
    assert item.title not in html


def test_a_transaction_that_writes_many_rows_drops_the_pages_once_more_at_commit(
    reference_data,
):
    from django.db import connection

    from shop.pagecache.store import GENERATION_KEY, _moved

    for n in range(3):
        make_product(title=f"سینی قلمزنی {n}", with_image=False)
    hooks = [hook for _savepoints, hook, _robust in connection.run_on_commit]
    bumps = [h.args for h in hooks if getattr(h, "func", None) is _moved]
    assert bumps.count((GENERATION_KEY,)) == 1  # the test's transaction never commits


HOLE = re.compile(r"<!--dz:hole basket-->(.*?)<!--dz:/hole-->", re.S)
PHONE_BUTTON = re.compile(r"<!--dz:hole basket_button-->(.*?)<!--dz:/hole-->", re.S)


@pytest.mark.parametrize("who", ["guest", "buyer", "buyer with an offer"])
def test_the_page_after_adding_shows_the_mini_basket_kept_by_the_add_as_rendered_afresh(
    product, settings, who, django_assert_max_num_queries
):
    """Adding a product keeps the mini-basket of the basket in hand (shop/basket/views.py),
    so the cached page the buyer is sent back to reads only the basket's state; what it shows
    is what the page rendered for them with the basket loaded shows."""
    if who == "buyer with an offer":
        from oscar.test.factories import create_offer

        create_offer(name="جشنواره یلدا")  # 20 % off every product
    client = Client() if who == "guest" else signed_in(UserFactory())
    url = reverse("catalogue:index")
    page(Client(), url)  # in the cache
    client.post(reverse("basket:add", args=[product.pk]), {"quantity": 2}, HTTP_REFERER=url)
    with django_assert_max_num_queries(1 if who == "guest" else 3):  # the basket's state
        kept, kept_html = page(client, url)  # (a buyer: also the account, its notifications)
    assert kept["X-Page-Cache"] == "hit"
    assert "جعبه خاتم کاشان" in re.search(r"<!--dz:hole messages-->(.*?)<!--", kept_html, re.S)[1]
    settings.PAGE_CACHE_SECONDS = 0
    _rendered, rendered_html = page(client, url)
    total = "۲٬۰۰۰٬۰۰۰ تومان" if who.endswith("offer") else "۲٬۵۰۰٬۰۰۰ تومان"
    assert total in HOLE.search(kept_html)[1] and total in PHONE_BUTTON.search(kept_html)[1]
    assert HOLE.findall(kept_html) == HOLE.findall(rendered_html)
    assert PHONE_BUTTON.findall(kept_html) == PHONE_BUTTON.findall(rendered_html)


def test_a_product_added_by_another_visitor_never_shows_in_a_guests_mini_basket(product):
    first, second = Client(), Client()
    url = reverse("catalogue:index")
    first.post(reverse("basket:add", args=[product.pk]), {"quantity": 2}, HTTP_REFERER=url)
    second.post(reverse("basket:add", args=[product.pk]), {"quantity": 1}, HTTP_REFERER=url)
    assert "۲٬۵۰۰٬۰۰۰ تومان" in HOLE.search(page(first, url)[1])[1]
    assert "۱٬۲۵۰٬۰۰۰ تومان" in HOLE.search(page(second, url)[1])[1]
    nobodys = page(Client(), url)[1]
    for hole in (HOLE.search(nobodys)[1], PHONE_BUTTON.search(nobodys)[1]):
        assert "۲٬۵۰۰٬۰۰۰" not in hole and "۱٬۲۵۰٬۰۰۰" not in hole


def test_a_guests_phone_basket_button_on_a_cached_page_shows_their_total(product):
    """Below md the mini-basket is hidden and the header's basket button is what a phone
    shows: its total is the visitor's, on cached pages too (it was the empty guest's)."""
    url = reverse("catalogue:index")
    page(Client(), url)
    guest = Client()
    add_to_basket(guest, product, 2)
    for _visit in range(2):  # the page after adding, then a later view
        response, html = page(guest, url)
        assert response["X-Page-Cache"] == "hit"
        assert "جمع: ۲٬۵۰۰٬۰۰۰ تومان" in PHONE_BUTTON.search(html)[1]
    assert "۲٬۵۰۰٬۰۰۰" not in PHONE_BUTTON.search(page(Client(), url)[1])[1]


def test_the_state_of_a_basket_in_hand_is_the_state_a_page_asks_for(product):
    """The add view keeps the holes under the state of the basket it loaded
    (`state_in_hand`, no query); the page looks them up by the state it reads."""
    from oscar.test.factories import create_voucher

    from shop.basket.models import Basket
    from shop.pagecache import baskets

    add_to_basket(Client(), product, 2)
    basket = Basket.open.get()
    assert baskets.state_in_hand(basket) == baskets._state(pk=basket.pk)
    basket.vouchers.add(create_voucher())
    basket = Basket.open.get()
    assert baskets.state_in_hand(basket) == baskets._state(pk=basket.pk)


def test_a_buyers_basket_state_is_read_by_its_owner_and_two_open_baskets_are_unknown(product):
    """A signed-in buyer's basket is found by its owner (a guest's by id and no owner); a
    basket of nobody else is ever named; two open baskets leave it to Oscar."""
    from oscar.apps.partner.strategy import Selector

    from shop.basket.models import Basket
    from shop.pagecache import baskets

    buyer = UserFactory()
    basket = Basket.objects.create(owner=buyer)
    assert baskets._state(owner=buyer.pk) == f"{basket.pk}:0:0:0:None"
    basket.strategy = Selector().strategy()
    basket.add_product(product, 3)
    basket = Basket.open.get(pk=basket.pk)
    assert baskets._state(owner=buyer.pk) == baskets.state_in_hand(basket)
    assert baskets._state(pk=basket.pk) == ""  # not a guest's basket
    assert baskets._state(owner=UserFactory().pk) == ""
    Basket.objects.create(owner=buyer)
    assert baskets._state(owner=buyer.pk) is baskets.UNKNOWN
    basket.status = Basket.FROZEN
    basket.save()
    assert baskets._state(owner=buyer.pk) != baskets.UNKNOWN  # one open basket again


def test_a_visitor_without_a_basket_gets_the_guests_holes_and_nothing_is_kept_for_them(product):
    from django.core.cache import cache

    from shop.pagecache import store

    url = reverse("catalogue:index")
    _response, guests = page(Client(), url)
    response, html = page(signed_in(UserFactory()), url)  # no basket yet
    assert response["X-Page-Cache"] == "hit"
    assert HOLE.findall(html) == HOLE.findall(guests)
    assert PHONE_BUTTON.findall(html) == PHONE_BUTTON.findall(guests)
    assert cache.get(f"pagecache:baskets:{store.generation()}:fa:") is None


def test_an_add_whose_holes_cannot_be_kept_still_adds_once(product, monkeypatch):
    from shop.basket.models import Basket
    from shop.pagecache import baskets

    def broken(*args):
        raise ConnectionError("the cache is down")

    monkeypatch.setattr(baskets, "keep_mini_basket", broken)
    guest = Client()
    added = guest.post(reverse("basket:add", args=[product.pk]), {"quantity": 1})
    assert added.status_code == 302
    assert [line.quantity for line in Basket.open.get().all_lines()] == [1]
    response, html = page(guest, reverse("catalogue:index"))  # the page renders its own
    assert "۱٬۲۵۰٬۰۰۰ تومان" in HOLE.search(html)[1]


def test_only_a_visitor_served_cached_pages_has_the_basket_holes_kept(product, monkeypatch):
    """A producer or staff member gets their pages rendered for them: their add keeps
    nothing for the page cache; a guest's and a buyer's does."""
    from shop.pagecache import baskets

    kept = []
    monkeypatch.setattr(baskets, "keep_mini_basket", lambda basket, *args: kept.append(basket))
    producer_member = UserFactory()
    ProducerFactory().users.add(producer_member)
    staff = UserFactory(is_staff=True)
    for client in (signed_in(producer_member), signed_in(staff)):
        added = client.post(reverse("basket:add", args=[product.pk]), {"quantity": 1})
        assert added.status_code == 302
    assert kept == []
    for client in (Client(), signed_in(UserFactory())):
        client.post(reverse("basket:add", args=[product.pk]), {"quantity": 1})
    assert len(kept) == 2 and kept[0].pk != kept[1].pk


def test_a_basket_state_reads_the_demo_databases_times_as_the_loaded_lines_have_them():
    """SQLite (`make run`'s database) returns the latest line change as a string: it is read
    as Django reads the field, so the state names the same time as the lines loaded in the
    request (a string made every guest's cached page fail with a 500)."""
    from django.db import connection
    from django.db.utils import ConnectionHandler
    from django.utils import timezone

    from shop.pagecache import baskets

    demo = ConnectionHandler(
        {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
    )
    sqlite = demo["default"]
    changed = timezone.now()
    stored = sqlite.ops.adapt_datetimefield_value(changed)
    assert isinstance(stored, str)
    assert baskets._as_read(stored, sqlite) == changed
    assert baskets._as_read(changed, connection) == changed  # PostgreSQL gives a datetime
    assert baskets._named(1, 1, baskets._as_read(stored, sqlite), 0, None) == baskets._named(
        1, 1, changed, 0, None
    )
