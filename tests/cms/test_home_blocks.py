import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext, override

from cms import block_data
from exhibitions.models import Exhibition
from search.indexing import index_products
from sellers.models import Partner
from shop.persian.dates import format_jalali_date
from shop.persian.digits import to_latin_digits
from tests.factories import ExhibitionFactory, ProducerFactory, UserFactory, make_product

from .builders import block, every_block, home_page, news, publish, wagtail_image

pytestmark = pytest.mark.django_db

# What every storefront page costs a signed-in buyer beyond a visitor: the session, the
# account and its menus (notifications, seller, support company, staff) and the basket.
SIGNED_IN = 11
HOME_CEILING = 19  # under 20: 18 when the block data is fetched, 10 when it is cached


def found_testids(html, name):
    return re.findall(rf'data-testid="{name}"', html)


def card_titles(html):
    """The cards' titles, digits back to Latin to compare with the products' titles."""
    return [to_latin_digits(t) for t in re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)]


@pytest.fixture
def shop(reference_data):
    """Two producers (one with a photo) with two khatam boxes each, an exhibition open now
    and one coming, three news items with a cover, and a Wagtail image."""
    first, second = ProducerFactory(name="کارگاه خاتم زهرا"), ProducerFactory(name="گلیم مریم")
    products = [
        make_product(title=f"جعبه خاتم {n}", producer=producer)
        for n, producer in enumerate([first, first, second, second])
    ]
    today = timezone.localdate()
    running = ExhibitionFactory(
        title="بازارچه بهاره", status="running", starts_on=today - datetime.timedelta(days=1),
        applications_open_on=today - datetime.timedelta(days=20),
    )  # fmt: skip
    coming = ExhibitionFactory(title="نمایشگاه نوروزی", starts_on=today + datetime.timedelta(10))
    image = wagtail_image()
    home = home_page()
    items = news(home, cover=image)
    return {
        "producers": [first, second],
        "products": products,
        "exhibitions": [running, coming],
        "image": image,
        "home": home,
        "news": items,
    }


def show(home, *blocks):
    publish(home, body=list(blocks))


def test_every_block_renders_with_the_storefronts_cards(client, shop):
    home, products = shop["home"], shop["products"]
    publish(home, body=every_block(products[:2], shop["producers"], shop["image"], copies=1))

    html = client.get("/").content.decode()

    for name in ["heading", "paragraph", "image", "quote", "faq", "crafts", "exhibitions"]:
        assert len(found_testids(html, f"block-{name}")) == 1, name
    assert len(found_testids(html, "block-products")) == 3  # chosen, a craft's, a province's
    assert len(found_testids(html, "block-producers")) == 1
    assert len(found_testids(html, "block-latest")) == 1
    assert len(found_testids(html, "producer-card")) == 2
    assert len(found_testids(html, "faq-item")) == 2 and "<summary>" in html
    assert len(found_testids(html, "exhibition-card")) == 2
    assert len(found_testids(html, "page-card")) == 3
    assert html.count('class="product-card"') == 2 + 4 + 4
    assert "<figure" in html and "<figcaption>کارگاه خاتم" in html
    assert "۱٬۲۵۰٬۰۰۰ تومان" in html  # the storefront card's Toman price
    assert format_jalali_date(shop["news"][0].date) in html
    with override("fa"):
        assert gettext("Latest news") in html
    # The home page's fixed sections give way to the body.
    assert 'data-testid="home-exhibitions"' not in html


def test_a_home_without_blocks_keeps_the_fixed_sections(client, shop):
    html = client.get("/").content.decode()
    assert 'data-testid="home-body"' not in html
    assert 'data-testid="home-exhibitions"' in html
    assert shop["products"][0].title in html


def test_chosen_products_keep_the_editors_order(client, shop):
    products = shop["products"]
    chosen = [products[2], products[0], products[3]]
    show(shop["home"], block("products", {"title": "", "products": [p.pk for p in chosen]}))
    html = client.get("/").content.decode()
    assert card_titles(html) == [p.title for p in chosen]


def test_a_chosen_product_no_longer_public_disappears(client, shop):
    products = shop["products"]
    show(shop["home"], block("products", {"title": "", "products": [p.pk for p in products]}))
    hidden = products[1]
    hidden.is_public = False
    hidden.save()
    index_products([hidden.pk])

    html = client.get("/").content.decode()

    assert hidden.title not in html
    assert html.count('class="product-card"') == 3


def test_products_of_a_producer_no_longer_selling_disappear(client, shop):
    first, second = shop["producers"]
    show(
        shop["home"],
        block("products", {"title": "", "products": [p.pk for p in shop["products"]]}),
        block("craft_products", {"title": "", "craft": "khatam", "count": 8}),
    )
    Partner.objects.filter(pk=first.pk).update(is_selling=False)
    index_products([p.pk for p in shop["products"]])

    html = client.get("/").content.decode()

    assert set(card_titles(html)) == {p.title for p in shop["products"][2:]}


def test_a_chosen_producer_no_longer_selling_disappears(client, shop):
    first, second = shop["producers"]
    show(shop["home"], block("producers", {"title": "", "producers": [first.pk, second.pk]}))
    Partner.objects.filter(pk=first.pk).update(is_selling=False)

    html = client.get("/").content.decode()

    assert len(found_testids(html, "producer-card")) == 1
    assert second.name in html and first.name not in html
    assert f'href="{second.get_absolute_url()}"' in html
    assert second.province.name_fa in html


def test_a_block_left_with_nothing_renders_nothing(client, shop):
    first, _ = shop["producers"]
    Partner.objects.filter(pk=first.pk).update(is_selling=False)
    Exhibition.objects.update(status="draft")
    show(
        shop["home"],
        block("producers", {"title": "بی‌نام", "producers": [first.pk]}),
        block("province_products", {"title": "", "province": "THR", "count": 4}),
        block("exhibitions", {"title": "", "show": "both", "count": 3}),
        block("latest", {"title": "", "kind": "training", "count": 3}),
    )

    html = client.get("/").content.decode()

    for name in ["producers", "products", "exhibitions", "latest"]:
        assert found_testids(html, f"block-{name}") == [], name
    assert "بی‌نام" not in html


def test_a_crafts_newest_products_link_to_the_craft(client, shop):
    kilim = make_product(class_slug="carpet", category_code="kilim", title="گلیم قشقایی",
                         attributes={"width_cm": 100, "length_cm": 150})  # fmt: skip
    show(shop["home"], block("craft_products", {"title": "", "craft": "kilim", "count": 4}))
    html = client.get("/").content.decode()
    assert card_titles(html) == [kilim.title]
    craft = kilim.categories.get()
    assert f'href="{craft.get_absolute_url()}" class="more"' in html
    assert f'<h2 class="h4">{craft.name}</h2>' in html


def test_a_provinces_newest_products_come_newest_first_up_to_the_count(client, shop):
    show(shop["home"], block("province_products", {"title": "", "province": "ISF", "count": 3}))
    html = client.get("/").content.decode()
    assert card_titles(html) == [p.title for p in reversed(shop["products"])][:3]
    assert 'href="/catalogue/?province=ISF"' in html


def test_exhibitions_block_shows_open_now_or_coming(client, shop):
    running, coming = shop["exhibitions"]
    show(
        shop["home"],
        block("exhibitions", {"title": "اکنون", "show": "running", "count": 3}),
        block("exhibitions", {"title": "به‌زودی", "show": "upcoming", "count": 3}),
    )
    html = client.get("/").content.decode()
    slugs = re.findall(r'data-testid="exhibition-card" data-slug="([^"]+)"', html)
    assert slugs == [running.slug, coming.slug]


def test_images_are_renditions_with_alt_text_and_a_caption(client, shop):
    publish(shop["home"], hero_image=shop["image"], body=[
        block("image", {"image": shop["image"].pk, "caption": "کارگاه", "attribution": ""})
    ])  # fmt: skip
    html = client.get("/").content.decode()
    assert re.search(r'<img class="hero-image" src="[^"]+\.width-1200\.', html)
    figure = re.search(r"<figure.*?</figure>", html, re.S).group(0)
    assert ".width-1000." in figure and f'alt="{shop["image"].title}"' in figure


def publish_every_block(shop, copies=3):
    publish(
        shop["home"],
        hero_image=shop["image"],
        body=every_block(shop["products"], shop["producers"], shop["image"], copies=copies),
    )


def test_the_home_page_stays_under_the_query_ceiling_with_every_block(
    client, shop, django_assert_max_num_queries
):
    publish_every_block(shop)
    client.get("/")  # Wagtail makes the image renditions, once
    block_data.forget_all()  # as a publish does, or a minute passing
    with django_assert_max_num_queries(HOME_CEILING):
        response = client.get("/")
    assert response.status_code == 200
    with django_assert_max_num_queries(HOME_CEILING):
        response = client.get("/")
    html = response.content.decode()
    assert len(found_testids(html, "block-products")) == 9
    assert len(found_testids(html, "block-latest")) == 1  # news; no stories or training yet


def test_the_home_page_stays_under_the_query_ceiling_for_a_signed_in_buyer(
    client, shop, django_assert_max_num_queries
):
    publish_every_block(shop)
    client.force_login(UserFactory())
    client.get("/")
    block_data.forget_all()
    with django_assert_max_num_queries(HOME_CEILING + SIGNED_IN):
        response = client.get("/")
    assert response.status_code == 200
    assert 'data-testid="home-body"' in response.content.decode()


@pytest.mark.usefixtures("page_cache_off")
def test_a_buyers_basket_costs_the_body_nothing_more(client, shop):
    """The basket in the header costs the same queries on every page; the body's blocks
    cost a signed-in buyer with a basket what they cost anyone."""
    publish_every_block(shop)
    client.get("/")
    anonymous = count_queries(client)
    client.force_login(UserFactory())
    client.post(f"/basket/add/{shop['products'][0].pk}/", {"quantity": 1})
    client.get("/")
    with_body = count_queries(client)
    publish(shop["home"], body=[])
    client.get("/")
    without_body = count_queries(client)
    assert with_body - without_body <= anonymous


def test_the_cost_of_the_home_page_does_not_grow_with_its_blocks(client, shop):
    publish_every_block(shop, copies=1)
    client.get("/")
    one = count_queries(client)
    publish_every_block(shop, copies=4)
    client.get("/")
    assert count_queries(client) == one


def count_queries(client):
    block_data.forget_all()
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured)
