import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from catalog.models import Category
from cms.models import HomePage, TrainingIndexPage, TrainingPage
from cms.training import suggested_training
from insights.models import ProducerActivity
from sellers.models import Fulfilment, Right, SupportCompany, SupportMember
from sellers.support import services as support_services
from shop.persian.dates import format_jalali_date
from tests.factories import ProducerFactory, UserFactory, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(reference_data):
    home = HomePage.objects.first()
    index = home.add_child(instance=TrainingIndexPage(title="آموزش", slug="training"))
    index.save_revision().publish()
    return index


def lesson(index, topic, crafts=(), live=True, slug=None):
    page = index.add_child(
        instance=TrainingPage(
            title=f"درس {topic}", slug=slug or f"{topic}-{len(crafts)}", topic=topic
        )
    )
    page.crafts.set(Category.objects.filter(code__in=crafts))
    revision = page.save_revision()
    if live:
        revision.publish()
    else:
        page.unpublish()
    return page


def suggestions_for(producer):
    with translation.override("fa"):
        return [(s.page.slug, s.reason) for s in suggested_training(producer)]


def fa(msgid, **values):
    with translation.override("fa"):
        return translation.gettext(msgid) % values


def fa_plural(singular, plural, n, **values):
    with translation.override("fa"):
        return translation.ngettext(singular, plural, n) % values


def test_a_producer_with_listings_without_photos_is_offered_the_photography_lesson(training):
    lesson(training, "photography")
    lesson(training, "pricing")
    producer = ProducerFactory()
    for _ in range(3):
        make_product(producer=producer, with_image=False)
    make_product(producer=producer)  # one with a photo
    reason = fa_plural(
        "You have %(count)s listing without photos.",
        "You have %(count)s listings without photos.",
        3,
        count="۳",
    )
    # Photos come before sales: a listing without photos rarely sells.
    assert suggestions_for(producer) == [
        ("photography-0", reason),
        ("pricing-0", fa("No sale in the last %(days)s days.", days="۹۰")),
    ]


def test_a_producer_whose_listings_all_have_photos_is_not_told_they_lack_them(training):
    lesson(training, "photography")
    producer = ProducerFactory()
    make_product(producer=producer)
    assert "photography-0" not in [slug for slug, _reason in suggestions_for(producer)]


def test_a_licence_expiring_within_30_days_brings_the_licence_lesson_first(training):
    lesson(training, "photography")
    lesson(training, "licence")
    producer = ProducerFactory(
        licence_expires_on=timezone.localdate() + datetime.timedelta(days=12)
    )
    make_product(producer=producer, with_image=False)
    suggestions = suggestions_for(producer)
    reason = fa_plural(
        "Your licence expires in %(days)s day.",
        "Your licence expires in %(days)s days.",
        12,
        days="۱۲",
    )
    assert suggestions[0] == ("licence-0", reason)
    assert suggestions[1][0] == "photography-0"


def test_an_expired_licence_brings_the_licence_lesson(training):
    lesson(training, "licence")
    producer = ProducerFactory(
        licence_expires_on=timezone.localdate() - datetime.timedelta(days=2), is_selling=False
    )
    date = format_jalali_date(producer.licence_expires_on, "fa")
    reason = fa("Your licence expired on %(date)s.", date=date)
    assert suggestions_for(producer) == [("licence-0", reason)]


def test_a_licence_valid_for_months_brings_no_licence_lesson(training):
    lesson(training, "licence")
    assert suggestions_for(ProducerFactory()) == []


def test_orders_waiting_past_the_promised_days_bring_the_shipping_lesson(training):
    lesson(training, "shipping")
    producer = ProducerFactory(processing_days=2)
    product = make_product(producer=producer)
    from oscar.apps.order.models import Order

    order = Order.objects.create(
        number="100001", total_incl_tax=0, total_excl_tax=0, site_id=1, currency="IRR"
    )
    fulfilment = Fulfilment.objects.create(order=order, producer=producer)
    Fulfilment.objects.filter(pk=fulfilment.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )
    assert product.pk
    reason = fa_plural(
        "%(count)s order is waiting past the days you promised.",
        "%(count)s orders are waiting past the days you promised.",
        1,
        count="۱",
    )
    assert suggestions_for(producer)[0] == ("shipping-0", reason)


def test_a_slow_average_dispatch_brings_packaging_when_no_shipping_lesson_exists(training):
    lesson(training, "packaging")
    producer = ProducerFactory()
    make_product(producer=producer)
    ProducerActivity.objects.create(
        producer=producer, avg_dispatch_hours=100, orders_90d=4, computed_at=timezone.now()
    )
    (suggestion,) = suggestions_for(producer)
    reason = fa_plural(
        "Your orders take %(days)s day on average to be sent.",
        "Your orders take %(days)s days on average to be sent.",
        4,
        days="۴",
    )
    assert suggestion == ("packaging-0", reason)


def test_a_quick_dispatch_brings_no_shipping_lesson(training):
    lesson(training, "shipping")
    producer = ProducerFactory()
    ProducerActivity.objects.create(
        producer=producer, avg_dispatch_hours=30, computed_at=timezone.now()
    )
    assert suggestions_for(producer) == []


def test_a_selling_producer_without_sales_in_90_days_is_offered_selling_then_pricing(training):
    lesson(training, "pricing")
    producer = ProducerFactory()
    make_product(producer=producer)
    (suggestion,) = suggestions_for(producer)
    assert suggestion == ("pricing-0", fa("No sale in the last %(days)s days.", days="۹۰"))


def test_lessons_for_the_producers_craft_are_suggested_and_other_crafts_are_not(training):
    lesson(training, "selling", crafts=["khatam"], slug="khatam-selling")
    lesson(training, "photography", crafts=["leather"], slug="leather-photos")
    lesson(training, "photography", slug="general-photos")
    producer = ProducerFactory(is_selling=False)  # no sales need
    producer.crafts.add(Category.objects.get(code="khatam"))
    make_product(producer=producer, category_code="khatam", with_image=False)
    suggestions = dict(suggestions_for(producer))
    khatam = Category.objects.get(code="khatam").name
    assert suggestions["khatam-selling"] == fa("For makers of %(craft)s.", craft=khatam)
    assert "general-photos" in suggestions
    assert "leather-photos" not in suggestions


def test_a_lesson_for_the_producers_craft_wins_over_a_general_one_on_the_same_need(training):
    lesson(training, "photography", slug="general-photos")
    lesson(training, "photography", crafts=["khatam"], slug="khatam-photos")
    producer = ProducerFactory(is_selling=False)
    make_product(producer=producer, category_code="khatam", with_image=False)
    assert suggestions_for(producer)[0][0] == "khatam-photos"


def test_lessons_not_live_are_not_suggested(training):
    lesson(training, "photography", live=False)
    producer = ProducerFactory(is_selling=False)
    make_product(producer=producer, with_image=False)
    assert suggestions_for(producer) == []


def test_at_most_three_lessons_are_suggested_in_two_queries(
    training, django_assert_max_num_queries
):
    for topic in ("licence", "shipping", "photography", "pricing", "selling"):
        lesson(training, topic)
    lesson(training, "packaging", crafts=["khatam"], slug="khatam-packaging")
    producer = ProducerFactory(licence_expires_on=timezone.localdate() + datetime.timedelta(days=3))
    producer.crafts.add(Category.objects.get(code="khatam"))
    for _ in range(5):
        make_product(producer=producer, with_image=False)
    ProducerActivity.objects.create(
        producer=producer, avg_dispatch_hours=200, computed_at=timezone.now()
    )
    # PostgreSQL reads the producer's crafts as an array in the same query; SQLite asks apart.
    with django_assert_max_num_queries(2 if connection.vendor == "postgresql" else 3):
        suggestions = suggested_training(producer)
    assert [s.page.slug for s in suggestions] == ["licence-0", "khatam-packaging", "photography-0"]


# --- The seller panel's home ----------------------------------------------------------------


def producer_client(client, producer):
    user = UserFactory()
    producer.users.add(user)
    client.force_login(user)
    return client


def test_the_seller_panel_home_shows_the_lessons_with_their_reasons(training, client):
    page = lesson(training, "photography")
    producer = ProducerFactory()
    make_product(producer=producer, with_image=False)
    response = producer_client(client, producer).get(reverse("seller:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="home-learn"' in html
    assert page.url in html
    reason = fa_plural(
        "You have %(count)s listing without photos.",
        "You have %(count)s listings without photos.",
        1,
        count="۱",
    )
    assert reason in html


def test_the_seller_panel_home_has_no_learn_card_without_suggestions(training, client):
    producer = ProducerFactory()
    response = producer_client(client, producer).get(reverse("seller:home"))
    assert response.status_code == 200
    assert 'data-testid="home-learn"' not in response.content.decode()


def test_a_support_companys_member_does_not_see_the_producers_lessons(training, client):
    lesson(training, "photography")
    producer = ProducerFactory()
    owner = UserFactory()
    producer.users.add(owner)
    make_product(producer=producer, with_image=False)
    company = SupportCompany.objects.create(name="تعاونی", registration_number="10100000002")
    support_services.grant(producer, company, [Right.LISTINGS], owner)
    member = UserFactory()
    SupportMember.objects.create(company=company, user=member)
    client.force_login(member)
    client.post(reverse("seller:company-act", args=[producer.pk]))
    response = client.get(reverse("seller:home"))
    assert response.status_code == 200
    assert 'data-testid="home-learn"' not in response.content.decode()


def test_showing_lessons_costs_the_panel_home_no_more_queries_than_finding_none(
    training, client, django_assert_max_num_queries
):
    producer = ProducerFactory()
    make_product(producer=producer, with_image=False)
    producer_client(client, producer)
    with CaptureQueriesContext(connection) as without:
        client.get(reverse("seller:home"))
    ceiling = len(without)  # now: publishing pages below fills Django's query log
    for topic in ("photography", "pricing", "licence"):
        lesson(training, topic)
    client.get(reverse("seller:home"))  # Wagtail caches its sites' root paths
    with django_assert_max_num_queries(ceiling):
        html = client.get(reverse("seller:home")).content.decode()
    assert html.count("/training/") == 2  # photography, then pricing: no sale in 90 days
