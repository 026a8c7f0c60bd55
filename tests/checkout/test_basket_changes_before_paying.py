import pytest
from django.urls import reverse
from oscar.apps.order.models import Order

from sellers.models import StockRecord
from tests.factories import make_product

from .conftest import place_order_as_guest, walk_to_preview

pytestmark = pytest.mark.django_db


def test_a_product_that_ran_out_sends_the_buyer_back_to_the_basket(
    client, zarinpal, reference_data, add_to_basket
):
    product = make_product(title="کلاه نمدی", stock=2, with_image=False)
    add_to_basket(product)
    StockRecord.objects.filter(product=product).update(num_in_stock=0)
    response = place_order_as_guest(client)
    assert response.status_code == 302 and response["Location"] == reverse("basket:summary")
    shown = [str(m) for m in response.wsgi_request._messages]
    assert any("کلاه نمدی" in m for m in shown)
    assert not Order.objects.exists()


def test_a_price_change_is_shown_before_paying_and_the_new_price_is_charged(
    client, zarinpal, reference_data, add_to_basket
):
    product = make_product(title="کیف چرمی", price_rials=2_000_000, with_image=False)
    add_to_basket(product)
    StockRecord.objects.filter(product=product).update(price=2_500_000)
    walk_to_preview(client)
    preview = client.get(reverse("checkout:preview"))
    shown = " ".join(str(m) for m in preview.context["messages"])
    assert "کیف چرمی" in shown and "۲۵۰٬۰۰۰ تومان" in shown
    response = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert "StartPay" in response["Location"]
    assert int(Order.objects.get().total_incl_tax) == 2_500_000 + 600_000  # new price + post
