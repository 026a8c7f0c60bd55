import re

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import ProducerFactory, make_product

from .conftest import content, news, wagtail_image

pytestmark = pytest.mark.django_db


def meta(html, prop):
    found = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)">', html)
    return found and found.group(1)


def public(path):
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def shop_name():
    with translation.override("fa"):
        return gettext(settings.OSCAR_SHOP_NAME)


def test_cms_page_title_comes_from_its_seo_title_once(client, home):
    page = content(home, title="درباره ما", slug="about", seo_title="درباره دست‌ساز")

    html = client.get(page.url).content.decode()

    assert f"<title>درباره دست‌ساز | {shop_name()}</title>" in html
    assert html.count("<title>") == 1


def test_cms_page_title_falls_back_to_its_title(client, home):
    page = content(home, title="قوانین", slug="terms")

    html = client.get(page.url).content.decode()

    assert f"<title>قوانین | {shop_name()}</title>" in html


def test_home_page_title_does_not_repeat_the_shop_name(client, home):
    html = client.get("/").content.decode()

    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert title.count(shop_name()) == 1


def test_cms_page_has_description_canonical_and_open_graph(client, home, news_index):
    page = news(
        news_index,
        title="نمایشگاه بهاره",
        search_description="نمایشگاه بهاره صنایع دستی در اصفهان",
        cover=wagtail_image(),
    )

    html = client.get(page.url).content.decode()

    assert meta(html, "description") == "نمایشگاه بهاره صنایع دستی در اصفهان"
    assert f'<link rel="canonical" href="{public(page.url)}">' in html
    assert meta(html, "og:title") == "نمایشگاه بهاره"
    assert meta(html, "og:description") == "نمایشگاه بهاره صنایع دستی در اصفهان"
    assert meta(html, "og:url") == public(page.url)
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:locale") == "fa_IR"
    image = meta(html, "og:image")
    assert image.startswith(public("/media/images/")) and "fill-1200x630" in image
    assert meta(html, "og:image:width") == "1200"
    assert meta(html, "article:published_time")


def test_share_image_chosen_for_sharing_wins_over_the_cover(client, news_index):
    page = news(news_index, cover=wagtail_image("جلد"), og_image=wagtail_image("اشتراک"))

    html = client.get(page.url).content.decode()

    assert page.og_image.file.name.split("/")[-1].split(".")[0] in meta(html, "og:image")


def test_cms_page_without_image_has_no_og_image(client, home):
    html = client.get(content(home, slug="privacy").url).content.decode()

    assert meta(html, "og:title") and meta(html, "og:image") is None
    assert meta(html, "og:type") == "website"


def test_product_page_has_open_graph_with_image_and_price(client, reference_data):
    product = make_product(title="جعبه خاتم", price_rials=12_500_000)

    html = client.get(product.get_absolute_url()).content.decode()

    assert meta(html, "og:title") == "جعبه خاتم"
    assert meta(html, "og:type") == "product"
    assert meta(html, "og:url") == public(product.get_absolute_url())
    assert meta(html, "og:image").startswith(public("/media/"))
    assert meta(html, "product:price:amount") == "12500000"
    assert meta(html, "product:price:currency") == "IRR"
    assert f'<link rel="canonical" href="{public(product.get_absolute_url())}">' in html


def test_producer_page_has_open_graph(client, reference_data):
    producer = ProducerFactory(story="گیوه‌دوز سه نسل در کرمانشاه")

    html = client.get(producer.get_absolute_url()).content.decode()

    assert meta(html, "og:title") == producer.name
    assert meta(html, "og:type") == "profile"
    assert meta(html, "og:description") == "گیوه‌دوز سه نسل در کرمانشاه"
    assert meta(html, "og:url") == public(producer.get_absolute_url())


def test_other_storefront_pages_keep_their_own_title(client, reference_data):
    html = client.get("/catalogue/").content.decode()

    assert html.count("<title>") == 1
    assert meta(html, "og:title") is None
