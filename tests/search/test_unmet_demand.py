"""The unmet-demand list cannot be flooded: a query counts once per visitor a day, only
queries made of words are kept, and their length is capped (issue 7, item 9)."""

import random
import string

import pytest
from django.test import Client
from django.urls import reverse

from search.models import ZeroResultQuery
from search.services import NEW_QUERIES_PER_VISITOR_PER_DAY
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
JUNK = string.ascii_letters + string.digits + string.punctuation + "۰۱۲۳؟،«»"


def search(query, client=None, **extra):
    response = (client or Client()).get(reverse("search:search"), {"q": query}, **extra)
    assert response.status_code == 200


def test_three_hundred_anonymous_junk_searches_leave_no_rows(reference_data):
    rng = random.Random(7)
    junk = ["".join(rng.choice(JUNK) for _ in range(rng.randint(3, 40))) for _ in range(280)] + [
        "12345",
        "۰۹۱۲۳۴۵۶۷۸۹",
        "http://spam.example/x",
        "%%%",
        "a1b2c3",
    ] * 4
    for query in junk:
        search(query)
    assert ZeroResultQuery.objects.filter(query__regex=r"[0-9%/:]").count() == 0
    assert ZeroResultQuery.objects.count() <= NEW_QUERIES_PER_VISITOR_PER_DAY


def test_one_visitor_repeating_a_search_counts_once_a_day(reference_data):
    for _ in range(50):
        search("سفال لالجین")  # a new client each time: no cookies, like a bot
    assert list(ZeroResultQuery.objects.values_list("query", "count")) == [("سفال لالجین", 1)]


def test_two_visitors_count_twice(reference_data):
    search("سفال لالجین", REMOTE_ADDR="192.0.2.1")
    search("سفال لالجین", REMOTE_ADDR="192.0.2.2")
    buyer = Client()
    buyer.force_login(UserFactory())
    search("سفال لالجين", buyer)
    assert ZeroResultQuery.objects.get().count == 3


def test_a_long_query_is_not_recorded(reference_data):
    search("سفال " * 7)  # seven words
    search("ق" * 65)
    assert not ZeroResultQuery.objects.exists()


def test_one_visitor_adds_at_most_a_day_of_new_queries(reference_data):
    words = ["سفال", "مس", "نمد", "گبه", "خاتم", "ترمه", "چرم", "گیوه", "زری", "قلمکار"]
    for first in words:
        for second in words[:3]:
            search(f"{first} {second} دستساز")
    assert ZeroResultQuery.objects.count() == NEW_QUERIES_PER_VISITOR_PER_DAY


def test_real_persian_and_english_searches_are_recorded(reference_data):
    search("پته کرمان", REMOTE_ADDR="192.0.2.3")
    search("Termeh 2 metre", REMOTE_ADDR="192.0.2.4")
    search("دست‌بافت یزدی", REMOTE_ADDR="192.0.2.5")
    assert set(ZeroResultQuery.objects.values_list("query", flat=True)) == {
        "پته کرمان", "termeh 2 metre", "دست بافت یزدی",  # the normaliser splits at ZWNJ
    }  # fmt: skip
