import pytest
from django.urls import reverse

from tests.factories import UserFactory, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "url",
    [
        "/dashboard/",
        "/dashboard/catalogue/",
        "/dashboard/partners/",
        "/cms/",
        "/cms/pages/",
        "/admin/catalogue/province/",
    ],
)
def test_staff_areas_open_for_staff(staff_client, reference_data, url):
    make_product()
    assert staff_client.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/dashboard/", "/cms/", "/admin/"])
def test_staff_areas_are_closed_to_buyers(client, reference_data, url):
    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or "login" in response["Location"]


def test_search_matches_arabic_letters(client, reference_data):
    product = make_product(title="کیف چرمی سه جیب")
    make_product(title="گبه قشقایی")
    response = client.get(reverse("search:search"), {"q": "كيف چرمي"})
    assert [p.pk for p in response.context["products"]] == [product.pk]


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/")
    assert response.content == b"ok"
