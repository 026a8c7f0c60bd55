"""Every page the demo reaches, read as a Persian-speaking buyer, producer, support company
and organizer would: no Latin digits in what they read (outside code-like values in an LTR
span, and e-mail and web addresses) and no untranslated English; no broken links."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from oscar.core.loading import get_model

from catalog.models import Product
from sellers.notifications import order_url
from shop.demo.money import BUYER_EMAIL, COMPANY_EMAIL
from tests.checkout.conftest import ADDRESS
from tests.shop.crawler import crawl

pytestmark = pytest.mark.django_db

ROLES = {
    "visitor": (None, ["/", "/catalogue/", "/exhibitions/", "/search/?q=گلیم"], ("/",)),
    "buyer": (BUYER_EMAIL, ["/accounts/", "/basket/"], ("/accounts/", "/basket/")),
    "producer": ("producer001@demo.dastsaz.ir", ["/seller/"], ("/seller/",)),
    "newcomer": ("producer034@demo.dastsaz.ir", ["/seller/"], ("/seller/",)),
    "support company": (COMPANY_EMAIL, ["/seller/company/"], ("/seller/",)),
    "organizer": ("organizer-isfahan@demo.dastsaz.ir", ["/organizer/"], ("/organizer/",)),
}


def demo_buyer():
    """The demo's orders were placed by a guest; here that guest has an account."""
    User = get_user_model()
    buyer = User.objects.create_user("demo-buyer", BUYER_EMAIL, "x", first_name="مریم")
    get_model("order", "Order").objects.filter(guest_email=BUYER_EMAIL).update(user=buyer)
    return buyer


def fill_basket_and_checkout(client):
    """A basket with two products and the checkout walked to its preview: the pages a buyer
    sees on the way, to read too."""
    for product in Product.objects.filter(stockrecords__num_in_stock__gt=2)[:2]:
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 2})
    pages = []
    for step in ("shipping-address", "shipping-method", "payment-method", "preview"):
        pages.append(reverse(f"checkout:{step}"))
        if step == "shipping-address":
            client.post(pages[-1], ADDRESS)
    return pages


def test_every_page_the_demo_reaches_reads_in_persian(client, reference_data):
    call_command("load_demo", "--no-progress", "--products", "40")
    demo_buyer()
    guest_order = get_model("order", "Order").objects.filter(user=None).order_by("pk").first()
    roles = {
        **ROLES,
        "visitor": (None, [*ROLES["visitor"][1], urlsplit(order_url(guest_order)).path], ("/",)),
    }
    User = get_user_model()
    problems, pages = [], 0
    for role, (email, starts, within) in roles.items():
        client.logout()
        if email:
            client.force_login(User.objects.get(email=email))
        if role == "buyer":
            starts = starts + fill_basket_and_checkout(client)
        result = crawl(client, starts, within=within)
        pages += len(result.pages)
        problems += [f"[{role}] {line}" for line in result.problems()]
    assert pages > 100, f"the crawl reached only {pages} pages"
    assert not problems, f"{len(problems)} problems on {pages} pages:\n" + "\n".join(problems)
