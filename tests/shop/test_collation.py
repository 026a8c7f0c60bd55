"""Provinces, cities, crafts and producers in Persian alphabetical order, not code points."""

import pytest
from django.db import connection
from django.urls import reverse

from catalog.models import Category, City, Province
from exhibitions.models import Organizer, Venue
from insights.market_selectors import crafts as insight_crafts
from sellers.models import Partner
from shop.checkout.forms import ShippingAddressForm
from shop.persian.text import persian_sort_key, persian_sorted
from tests.factories import OrganizerFactory, ProducerFactory, VenueFactory, make_product

# The 31 provinces as a Persian reader expects them (and as ICU "fa" sorts them).
PROVINCES_IN_ORDER = [
    "آذربایجان شرقی", "آذربایجان غربی", "اردبیل", "اصفهان", "البرز", "ایلام", "بوشهر",
    "تهران", "چهارمحال و بختیاری", "خراسان جنوبی", "خراسان رضوی", "خراسان شمالی",
    "خوزستان", "زنجان", "سمنان", "سیستان و بلوچستان", "فارس", "قزوین", "قم", "کردستان",
    "کرمان", "کرمانشاه", "کهگیلویه و بویراحمد", "گلستان", "گیلان", "لرستان", "مازندران",
    "مرکزی", "هرمزگان", "همدان", "یزد",
]  # fmt: skip


def test_sort_key_follows_the_persian_alphabet_not_code_points():
    expected = [
        "آبادان", "اراک", "بابل", "پاوه", "تبریز", "جیرفت", "چالوس", "حمیدیه", "خوی", "دزفول",
        "رشت", "زابل", "ژیان", "ساری", "شیراز", "طبس", "عسلویه", "فسا", "قم", "کاشان",
        "گرگان", "لار", "مشهد", "نطنز", "ورامین", "همدان", "یاسوج",
    ]  # fmt: skip
    shuffled = expected[::2] + expected[1::2][::-1]
    assert persian_sorted(shuffled) == expected
    assert sorted(shuffled) != expected  # code points put پ چ ژ ک گ ی last and ه before و


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("جیرفت", "چالوس"),  # چ after ج
        ("کرمان", "گرگان"),  # گ after ک
        ("کرمان", "همدان"),  # ک before ه
        ("بابل", "پاوه"),  # پ after ب
        ("زابل", "ژیان"),  # ژ after ز
        ("ورامین", "همدان"),  # و before ه
        ("همدان", "یزد"),  # ی last
        ("آبادان", "اراک"),  # آ first
        ("خراسان جنوبی", "خراسانی"),  # a space before any letter
        ("۲ تکه", "جعبه"),  # digits before letters
    ],
)
def test_sort_key_puts_each_letter_in_its_place(before, after):
    assert persian_sort_key(before) < persian_sort_key(after)


def test_sort_key_treats_arabic_letters_and_zwnj_as_the_persian_word():
    assert persian_sorted(["كرمان", "گلستان", "قم"]) == ["قم", "كرمان", "گلستان"]
    assert persian_sorted(["يزد", "همدان"]) == ["همدان", "يزد"]
    assert persian_sort_key("گلیم‌بافی")[0] == persian_sort_key("گلیمبافی")[0]


@pytest.mark.django_db
def test_checkout_province_list_is_in_persian_order(reference_data):
    choices = ShippingAddressForm().fields["state"].choices
    assert [name for value, name in choices if value] == PROVINCES_IN_ORDER


@pytest.mark.django_db
def test_provinces_and_cities_come_out_of_the_database_in_persian_order(reference_data):
    assert list(Province.objects.values_list("name_fa", flat=True)) == PROVINCES_IN_ORDER
    tehran = Province.objects.get(code="THR")
    for name in ["ورامین", "شهریار", "پاکدشت", "دماوند", "فیروزکوه", "چهاردانگه"]:
        City.objects.create(province=tehran, name_fa=name)
    names = list(tehran.cities.values_list("name_fa", flat=True))
    assert names == persian_sorted(names)
    assert names.index("پاکدشت") < names.index("تهران") < names.index("چهاردانگه")


@pytest.mark.django_db
def test_crafts_to_choose_from_are_in_persian_order(reference_data):
    names = [craft.name for craft in insight_crafts()]
    assert len(names) > 20
    assert names == persian_sorted(names)


@pytest.mark.django_db
def test_producers_are_ordered_by_the_persian_collation(reference_data):
    for name in ["همدان‌بافت", "گلیم گلستان", "کارگاه کرمان", "چرم چالوس", "جاجیم جیرفت"]:
        ProducerFactory(name=name)
    names = list(Partner.objects.order_by("name").values_list("name", flat=True))
    assert names == [
        "جاجیم جیرفت", "چرم چالوس", "کارگاه کرمان", "گلیم گلستان", "همدان‌بافت",
    ]  # fmt: skip
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT table_name, collation_name FROM information_schema.columns"
                " WHERE column_name IN ('name', 'name_fa') AND collation_name IS NOT NULL"
            )
            collations = dict(cursor.fetchall())
        for model in (Partner, Province, City, Organizer, Venue):
            assert collations[model._meta.db_table] == "persian"


def test_organizers_and_venues_are_ordered_by_the_persian_collation(reference_data):
    for name in ["هلال احمر", "گروه گیلان", "کانون کرج", "چهارمحال", "جهاد دانشگاهی"]:
        VenueFactory(name=f"بوستان {name}", organizer=OrganizerFactory(name=name))
    assert list(Organizer.objects.values_list("name", flat=True)) == [
        "جهاد دانشگاهی", "چهارمحال", "کانون کرج", "گروه گیلان", "هلال احمر",
    ]  # fmt: skip
    assert list(Venue.objects.values_list("name", flat=True))[0] == "بوستان جهاد دانشگاهی"
    assert list(Venue.objects.values_list("name", flat=True))[-1] == "بوستان هلال احمر"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ICU is PostgreSQL's")
@pytest.mark.django_db
def test_python_key_agrees_with_postgresql_icu_on_every_place_name(reference_data):
    names = list(Province.objects.values_list("name_fa", flat=True)) + list(
        City.objects.values_list("name_fa", flat=True)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            'SELECT name FROM unnest(%s::text[]) AS name ORDER BY name COLLATE "persian"',
            [names],
        )
        by_icu = [row[0] for row in cursor.fetchall()]
    assert persian_sorted(names) == by_icu


@pytest.mark.django_db
def test_search_facets_list_provinces_crafts_and_producers_in_persian_order(client, reference_data):
    # Most products in the provinces and crafts that sort last: counts do not decide order.
    places = [("HMD", "towel-weaving", "همدان‌بافت", 3), ("GLS", "gabbeh", "گلیم گلستان", 2),
              ("KRM", "khatam", "کارگاه کرمان", 1), ("CHB", "chit", "چرم چالوس", 1),
              ("THR", "kilim", "بافته تهران", 1)]  # fmt: skip
    for code, craft, producer_name, count in places:
        producer = ProducerFactory(name=producer_name, province=Province.objects.get(code=code))
        for n in range(count):
            make_product(
                title=f"محصول {producer_name} {n}",
                category_code=craft,
                class_slug=Category.objects.get(code=craft).get_root().code,
                producer=producer,
                with_image=False,
            )
    response = client.get(reverse("catalogue:index"))
    sections = {s.param: [o.label for o in s.options] for s in response.context["facet_sections"]}
    assert sections["province"] == ["تهران", "چهارمحال و بختیاری", "کرمان", "گلستان", "همدان"]
    assert sections["producer"] == [
        "بافته تهران", "چرم چالوس", "کارگاه کرمان", "گلیم گلستان", "همدان‌بافت",
    ]  # fmt: skip
    assert sections["category"] == persian_sorted(sections["category"])
    assert sections["category"][:2] == ["چیت‌بافی", "حوله‌بافی"]
