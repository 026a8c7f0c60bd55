"""Oscar's and Wagtail's hard-coded English labels come out translated
(shop/template_loaders.py)."""

import re

import pytest
from django.utils.translation import gettext, override

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_oscar_dashboard_filters_and_breadcrumbs_are_labelled_in_persian(client, reference_data):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    # With a filter on, Oscar shows its "Filters:" label.
    html = client.get("/dashboard/offers/", {"name": "نوروز"}).content.decode()
    with override("fa"):
        filters, breadcrumb = gettext("Filters:"), gettext("Breadcrumb")
    assert filters != "Filters:" and breadcrumb != "Breadcrumb"
    assert "Filters:" not in html
    assert f"<label>{filters}</label>" in html
    assert 'aria-label="breadcrumb"' not in html
    assert f'aria-label="{breadcrumb}"' in html


def test_the_storefront_navigation_button_is_labelled_in_persian(client, reference_data):
    html = client.get("/catalogue/").content.decode()
    with override("fa"):
        label = gettext("Toggle navigation")
    labels = re.findall(r'aria-label="([^"]*)"', html)
    assert "Toggle navigation" not in labels and labels
    assert not [text for text in labels if re.search("[A-Za-z]{3,}", text)], labels
    assert label != "Toggle navigation"
