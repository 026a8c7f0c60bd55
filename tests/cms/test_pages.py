import datetime
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import ContentPage, ExhibitionContent, NavigationSettings, NewsPage
from tests.factories import ExhibitionFactory, ProducerFactory, UserFactory, make_product

from .conftest import content, news, story, training, wagtail_document, wagtail_image

pytestmark = pytest.mark.django_db


def persian_page(response):
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fa" dir="rtl"' in html
    return html


def found(html, name):
    return re.findall(rf'data-testid="{name}"', html)


def test_every_page_type_renders_in_persian_rtl(
    client, home, news_index, training_index, story_index
):
    pages = [
        news_index,
        news(news_index, title="خبر تازه"),
        training_index,
        training(training_index, title="عکاسی از محصول", topic="photography"),
        story_index,
        story(story_index, ProducerFactory(), title="داستان گیوه‌دوز"),
        content(home, title="پرسش‌های پرتکرار", slug="faq"),
    ]
    for page in pages:
        html = persian_page(client.get(page.url))
        assert f'<h1 class="h3">{page.title}</h1>' in html


def test_news_index_lists_news_newest_first_with_jalali_dates(client, news_index):
    news(news_index, title="خبر قدیمی", date=datetime.date(2025, 1, 1))
    news(news_index, title="خبر نوروزی", date=datetime.date(2025, 3, 21))

    html = persian_page(client.get(news_index.url))

    assert html.index("خبر نوروزی") < html.index("خبر قدیمی")
    assert "۱ فروردین ۱۴۰۴" in html


def test_news_index_filters_by_tag(client, news_index):
    news(news_index, title="خبر نمایشگاه اصفهان", tags=["نمایشگاه"])
    news(news_index, title="خبر آموزش", tags=["آموزش"])

    html = persian_page(client.get(news_index.url, {"tag": "نمایشگاه"}))

    assert "خبر نمایشگاه اصفهان" in html and "خبر آموزش" not in html
    assert re.search(r'aria-current="page" data-tag="نمایشگاه"', html)
    assert 'data-tag="آموزش"' in html  # the other tags stay offered


def test_news_index_with_an_unknown_tag_lists_nothing(client, news_index):
    news(news_index, title="خبر نمایشگاه اصفهان", tags=["نمایشگاه"])

    html = persian_page(client.get(news_index.url, {"tag": "ناموجود"}))

    assert "خبر نمایشگاه اصفهان" not in html
    assert found(html, "no-items")


def test_news_index_pages_at_twelve_with_covers_in_few_queries(
    client, news_index, django_assert_max_num_queries
):
    cover = wagtail_image()
    for day in range(1, 14):
        news(news_index, title=f"خبر روز {day}", date=datetime.date(2025, 4, day), cover=cover)
    client.get(news_index.url)  # renditions are made once

    with django_assert_max_num_queries(25):
        html = persian_page(client.get(news_index.url))

    assert len(found(html, "cms-card")) == 12
    assert 'rel="next"' in html
    html = persian_page(client.get(news_index.url, {"page": 2}))
    assert len(found(html, "cms-card")) == 1
    assert "خبر روز ۱<" in html and "خبر روز ۱۲<" not in html  # digits shown in Persian


def test_news_page_shows_its_jalali_date_cover_and_tags(client, news_index):
    page = news(news_index, cover=wagtail_image(), tags=["نمایشگاه"])

    html = persian_page(client.get(page.url))

    assert re.search(r'data-testid="news-date">۱ فروردین ۱۴۰۴<', html)
    assert 'class="cms-cover' in html and "<img" in html
    assert f'href="{news_index.url}?tag=%D9%86%D9%85%D8%A7%DB%8C%D8%B4%DA%AF%D8%A7%D9%87"' in html


def test_draft_news_is_neither_served_nor_listed(client, news_index):
    draft = NewsPage(title="خبر پیش‌نویس", date=datetime.date(2025, 1, 1), live=False)
    news_index.add_child(instance=draft)
    draft.save_revision()

    assert client.get(f"{news_index.url}{draft.slug}/").status_code == 404
    assert "خبر پیش‌نویس" not in persian_page(client.get(news_index.url))


def test_training_index_filters_by_topic_and_level(client, training_index):
    training(training_index, title="قیمت‌گذاری مقدماتی", topic="pricing", level="beginner")
    training(training_index, title="قیمت‌گذاری پیشرفته", topic="pricing", level="advanced")
    training(training_index, title="جعبه‌های مقوایی", topic="packaging", level="beginner")

    html = persian_page(client.get(training_index.url, {"topic": "pricing"}))
    assert "قیمت‌گذاری مقدماتی" in html and "قیمت‌گذاری پیشرفته" in html
    assert "جعبه‌های مقوایی" not in html

    html = persian_page(client.get(training_index.url, {"topic": "pricing", "level": "advanced"}))
    assert "قیمت‌گذاری پیشرفته" in html and "قیمت‌گذاری مقدماتی" not in html


def test_training_index_ignores_an_unknown_topic(client, training_index):
    training(training_index, title="جعبه‌های مقوایی", topic="packaging")

    html = persian_page(client.get(training_index.url, {"topic": "nonsense"}))

    assert "جعبه‌های مقوایی" in html


def test_training_page_lists_attachments_with_their_size(client, training_index):
    document = wagtail_document(size=2048)
    page = training(
        training_index,
        topic="packaging",
        attachments=[("document", document)],
    )

    html = persian_page(client.get(page.url))

    attachment = re.search(r'data-testid="attachment">(.*?)</li>', html, re.S).group(1)
    assert document.url in attachment and document.title in attachment
    assert "PDF" in attachment and "۲٫۰" in attachment or "۲.۰" in attachment
    with translation.override("fa"):
        assert gettext("home-business licence") not in html
        assert gettext("packaging") in html


def test_story_page_shows_the_producers_public_products(client, story_index):
    producer = ProducerFactory()
    shown = make_product(title="گیوه ملکی", producer=producer)
    hidden = make_product(title="گیوه پنهان", producer=producer, is_public=False)
    page = story(story_index, producer)

    html = persian_page(client.get(page.url))

    products = re.search(r'data-testid="story-products"(.*?)</section>', html, re.S).group(1)
    assert shown.title in products and hidden.title not in products
    assert producer.get_absolute_url() in products


def test_story_of_a_producer_who_may_not_sell_shows_no_products(client, story_index):
    producer = ProducerFactory()
    product = make_product(title="گیوه ملکی", producer=producer)
    producer.is_selling = False
    producer.save(update_fields=["is_selling"])
    page = story(story_index, producer)

    html = persian_page(client.get(page.url))

    assert product.title not in html
    assert not found(html, "story-products")


def test_story_page_costs_the_same_queries_for_many_products(
    client, story_index, django_assert_max_num_queries
):
    producer = ProducerFactory()
    for n in range(8):
        make_product(title=f"گیوه {n}", producer=producer)
    page = story(story_index, producer)
    client.get(page.url)

    with django_assert_max_num_queries(20):
        persian_page(client.get(page.url))


def test_content_page_under_another_shows_it_in_the_breadcrumbs(client, home):
    about = content(home, title="درباره ما", slug="about")
    team = content(about, title="گروه ما", slug="team")

    html = persian_page(client.get(team.url))

    assert f'<a href="{about.url}">{about.title}</a>' in html


def editor(home, can_publish):
    group = Group.objects.create(name=f"editors {can_publish}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    codenames = ["add_page", "change_page"] + (["publish_page"] if can_publish else [])
    for codename in codenames:
        GroupPagePermission.objects.create(
            group=group, page=home, permission=Permission.objects.get(codename=codename)
        )
    user = UserFactory()
    user.groups.add(group)
    return user


def publish_edit(client, page, title):
    data = nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_editor_without_publish_rights_cannot_publish(client, home):
    page = content(home, title="درباره ما", slug="about")
    client.force_login(editor(home, can_publish=False))

    response = publish_edit(client, page, "درباره دست‌ساز")

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.title == "درباره ما"  # the live page is unchanged
    assert page.has_unpublished_changes
    assert page.get_latest_revision().as_object().title == "درباره دست‌ساز"
    assert '<h1 class="h3">درباره ما</h1>' in client.get(page.url).content.decode()


def test_editor_with_publish_rights_publishes(client, home):
    page = content(home, title="درباره ما", slug="about")
    client.force_login(editor(home, can_publish=True))

    publish_edit(client, page, "درباره دست‌ساز")

    page.refresh_from_db()
    assert page.title == "درباره دست‌ساز" and not page.has_unpublished_changes


def test_editor_without_publish_rights_cannot_publish_a_new_page(client, home):
    page = ContentPage(title="حریم خصوصی", slug="privacy", live=False)
    home.add_child(instance=page)
    page.save_revision()
    client.force_login(editor(home, can_publish=False))

    publish_edit(client, page, "حریم خصوصی")

    page.refresh_from_db()
    assert not page.live
    assert client.get("/privacy/").status_code == 404


# Exhibition content (a Wagtail snippet with drafts)


def exhibition_with_content(publish_it):
    exhibition = ExhibitionFactory()
    exhibition_content = ExhibitionContent.objects.create(exhibition=exhibition, live=False)
    revision = exhibition_content.save_revision()
    if publish_it:
        revision.publish()
    return exhibition


def test_exhibition_page_shows_published_content(client, reference_data):
    exhibition = exhibition_with_content(publish_it=True)

    html = persian_page(client.get(exhibition.get_absolute_url()))

    assert found(html, "exhibition-content")


def test_exhibition_page_hides_content_never_published(client, reference_data):
    exhibition = exhibition_with_content(publish_it=False)

    html = persian_page(client.get(exhibition.get_absolute_url()))

    assert not found(html, "exhibition-content")


def test_exhibition_page_hides_unpublished_content(client, reference_data):
    exhibition = exhibition_with_content(publish_it=True)
    ExhibitionContent.objects.get(exhibition=exhibition).unpublish()

    html = persian_page(client.get(exhibition.get_absolute_url()))

    assert not found(html, "exhibition-content")


def test_staff_edit_exhibition_content_in_wagtail(client, reference_data):
    exhibition_with_content(publish_it=False)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    listing = client.get(reverse("wagtailsnippets_cms_exhibitioncontent:list"), {"q": "نمایشگاه"})
    add = client.get(reverse("wagtailsnippets_cms_exhibitioncontent:add"))

    assert listing.status_code == 200 and add.status_code == 200


def test_exhibition_content_is_not_for_editors_without_permission(client, home):
    client.force_login(editor(home, can_publish=True))

    response = client.get(reverse("wagtailsnippets_cms_exhibitioncontent:list"))

    assert response.status_code in (302, 403)


# Navigation and footer (Wagtail settings)


def navigation_for(home, **fields):
    settings = NavigationSettings.for_site(home.get_site())
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def link(label, page=None, url=""):
    return ("link", {"label": label, "page": page, "url": url})


def test_header_and_footer_show_the_navigation_settings(client, home):
    faq = content(home, title="پرسش‌ها", slug="faq")
    navigation_for(
        home,
        header_links=[link("نمایشگاه‌ها", url="/exhibitions/"), link("پرسش‌ها", page=faq)],
        footer_columns=[
            (
                "column",
                {
                    "title": "دست‌ساز",
                    "links": [{"label": "درباره ما", "page": None, "url": "/about/"}],
                },
            )
        ],
        footer_text="<p>همه حقوق محفوظ است.</p>",
    )

    html = persian_page(client.get(faq.url))

    assert re.search(r'href="/faq/" data-testid="header-link" aria-current="page">پرسش‌ها<', html)
    assert re.search(r'href="/exhibitions/" data-testid="header-link">نمایشگاه‌ها<', html)
    assert not found(html, "exhibitions-link")
    assert re.search(r'href="/about/" data-testid="footer-link">درباره ما<', html)
    assert "همه حقوق محفوظ است." in html


def test_header_and_footer_fall_back_to_todays_links(client, home):
    html = persian_page(client.get(reverse("catalogue:index")))

    assert found(html, "exhibitions-link")
    assert not found(html, "header-link") and not found(html, "footer-columns")
    assert reverse("seller:join") in html


def test_navigation_follows_a_published_change_of_a_linked_page(client, home):
    faq = content(home, title="پرسش‌ها", slug="faq")
    navigation_for(home, header_links=[link("پرسش‌ها", page=faq)])
    client.get("/")  # cached

    faq.slug = "questions"
    faq.save_revision().publish()

    html = persian_page(client.get("/"))
    assert re.search(r'href="/questions/" data-testid="header-link"', html)


def test_navigation_leaves_out_a_linked_page_no_longer_live(client, home):
    faq = content(home, title="پرسش‌ها", slug="faq")
    navigation_for(home, header_links=[link("پرسش‌ها", page=faq), link("خانه", url="/")])
    client.get("/")  # cached

    faq.unpublish()

    html = persian_page(client.get("/"))
    assert 'href="/faq/"' not in html and found(html, "header-link") == [
        'data-testid="header-link"'
    ]


def test_header_and_footer_cost_no_query_once_cached(client, home):
    pages = [content(home, title=f"صفحه {n}", slug=f"page-{n}") for n in range(6)]
    navigation_for(
        home,
        header_links=[link(page.title, page=page) for page in pages],
        footer_columns=[
            (
                "column",
                {
                    "title": "دست‌ساز",
                    "links": [{"label": page.title, "page": page, "url": ""} for page in pages],
                },
            )
        ],
    )
    client.get(reverse("catalogue:index"))

    with CaptureQueriesContext(connection) as queries:
        html = persian_page(client.get(reverse("catalogue:index")))

    assert len(found(html, "header-link")) == 6 and len(found(html, "footer-link")) == 6
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "cms_navigationsettings" not in tables and "wagtailcore_site" not in tables
