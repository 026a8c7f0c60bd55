"""Oscar's own strings, as buyers read them: the corrections in shop/locale_oscar win over
Oscar's Persian catalogue (docs/decisions.md, "Two Persian catalogues")."""

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.exhibitions.channel_helpers import place_order
from tests.factories import UserFactory, make_product

OVERRIDES = Path(settings.BASE_DIR) / "shop" / "locale_oscar" / "fa" / "LC_MESSAGES"
LATIN = re.compile("[A-Za-z]")
# What a Persian string may keep from its msgid: HTML tags, code, format placeholders, and
# the names and codes staff read in Latin letters in Persian too (Wagtail admin, dashboard).
MARKUP = re.compile(
    r"<code>.*?</code>|<[^>]*>|%\(\w+\)(?:\.\d)?[sdfr]|%[sdi]|\{\w*\}"
    r"|\b(?:API|UTC|SKU|UPC|ISO|Enter|AttributeOption|ascii_snake_case|A-Z|last)\b"
)


def override_catalogue():
    with open(OVERRIDES / "django.po", "rb") as po:
        return read_po(po)


def msgid_containing(text):
    """The exact msgid (blocktrans keeps the template's newlines and indentation)."""
    return next(m.id for m in override_catalogue() if m.id and text in str(m.id))


def assert_persian(translated, msgid):
    assert translated != msgid
    assert not LATIN.search(MARKUP.sub("", translated)), translated


def persian(msgid, context=None):
    with translation.override("fa"):
        return translation.pgettext(context, msgid) if context else translation.gettext(msgid)


def test_the_override_catalogue_is_listed_after_ours():
    assert settings.LOCALE_PATHS == [
        Path(settings.BASE_DIR) / "shop" / "locale",
        Path(settings.BASE_DIR) / "shop" / "locale_oscar",
    ]


def test_the_override_catalogue_is_compiled_in_step_with_its_po():
    """Every entry of the .po is in the .mo (read as Django reads it) with the same Persian."""
    with open(OVERRIDES / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    entries = [m for m in override_catalogue() if m.id]
    assert len(entries) > 200
    for message in entries:
        if message.pluralizable:
            singular, plural = message.id
            ctx = message.context
            found = tuple(
                compiled.npgettext(ctx, singular, plural, n)
                if ctx
                else compiled.ngettext(singular, plural, n)
                for n in (1, 2)
            )
        else:
            singular = message.id
            found = (
                compiled.pgettext(message.context, singular)
                if message.context
                else compiled.gettext(singular)
            )
        assert found == message.string, singular
        for text in found if message.pluralizable else [found]:
            assert_persian(text.strip(), singular.strip())


@pytest.mark.django_db
def test_the_register_page_says_sabt_e_nam_not_sabat(client):
    html = client.get(reverse("customer:login")).content.decode()
    assert persian("Register") == "ثبت‌نام"
    assert "ثبت‌نام" in html
    assert "ثبات" not in html


@pytest.fixture
def ordered(reference_data):
    buyer = UserFactory()
    order = place_order([(make_product(title="جعبه خاتم"), 1)])
    order.user = buyer
    order.save(update_fields=["user"])
    client = Client()
    client.force_login(buyer)
    return client, order


def test_an_order_page_heading_says_sefaresh(ordered):
    client, order = ordered
    html = client.get(reverse("customer:order", args=[order.number])).content.decode()
    assert persian("Order") == "سفارش"
    assert "سفارش #" in html
    assert "ترتیب" not in html

    # Re-order, on each line of the buyer's own order.
    assert_persian(persian("Re-order", "Buy again"), "Re-order")
    assert persian("Re-order", "Buy again") in html
    assert "Re-order" not in html


@pytest.mark.django_db
def test_the_address_form_and_account_menu_read_right(ordered):
    client, _ = ordered
    html = client.get(reverse("customer:address-create")).content.decode()
    # Oscar's fa_IR catalogue and Wagtail's answer before Oscar's fa one for these.
    assert persian("Phone number") in html and "شماره تلقن" not in html
    assert persian("First line of address") in html and "خط اول آدرس" not in html
    assert persian("Notifications") == "اعلان‌ها"


@pytest.mark.django_db
def test_the_guest_order_status_form_is_persian(reference_data):
    order = place_order([(make_product(title="گبه قشقایی"), 1)])  # a guest's order
    kwargs = {"order_number": order.number, "hash": order.verification_hash()}
    html = Client().get(reverse("customer:anon-order-form", kwargs=kwargs)).content.decode()
    for msgid in ("Enter the following information you used for this order", "Submit"):
        assert_persian(persian(msgid), msgid)
        assert persian(msgid) in html
    assert "Enter the following information" not in html

    status_page = Client().post(
        reverse("customer:anon-order-form", kwargs=kwargs),
        {"email": "buyer@example.ir"},
        follow=True,
    )
    assert "سفارش #" in status_page.content.decode()


@pytest.mark.django_db
def test_adding_to_the_basket_tells_the_new_total_in_persian(client, reference_data):
    product = make_product(title="گلیم قشقایی")
    msgid = msgid_containing("Your basket total is now")
    assert_persian(persian(msgid).strip(), msgid.strip())

    response = client.post(reverse("basket:add", args=[product.pk]), {"quantity": 1}, follow=True)
    html = response.content.decode()
    assert persian(msgid).split("<strong>")[0].strip() in html
    assert "Your basket total is now" not in html


def test_the_mini_basket_toggle_is_labelled_in_persian(client, reference_data):
    html = client.get("/").content.decode()
    assert_persian(persian("Toggle Dropdown"), "Toggle Dropdown")
    assert "Toggle Dropdown" not in html
