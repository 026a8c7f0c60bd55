"""The database backend's non-PostgreSQL matching (`whole_terms_q`), called directly so
that it runs whatever database the tests use. The backend contract tests run it through
the backend when DATABASE_URL=sqlite:///…"""

import pytest

from search.backends.database import PADDED_TERMS, whole_terms_q
from search.models import ProductDocument
from shop.persian.text import query_alternatives
from tests.factories import make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def towel(reference_data):
    return make_product(
        title="لنگ حمام",
        description="بافته به دست در کارگاه حوله‌بافی یزد",
        category_code="leather",
        with_image=False,
    )


def matching(text, prefix=False):
    documents = ProductDocument.objects.alias(padded_terms=PADDED_TERMS)
    found = documents.filter(whole_terms_q(query_alternatives(text), prefix))
    return set(found.values_list("product_id", flat=True))


def test_query_words_are_not_found_inside_longer_indexed_words(towel):
    assert matching("دست باف") == set()
    assert matching("باف") == set()
    assert matching("لنگ حما") == set()


def test_whole_words_are_found_in_title_keywords_and_description(towel):
    assert matching("لنگ حمام") == {towel.pk}
    assert matching("حوله بافی") == {towel.pk}  # the joined pair حولهبافی is indexed too
    assert matching("کارگاه یزد") == {towel.pk}


def test_the_last_word_of_a_suggestion_may_be_the_start_of_a_word(towel):
    assert matching("لنگ حما", prefix=True) == {towel.pk}
    assert matching("حوله باف", prefix=True) == {towel.pk}
    assert matching("حما لنگ", prefix=True) == set()  # only the last word is a prefix
    assert matching("نگ", prefix=True) == set()  # a prefix starts a word
