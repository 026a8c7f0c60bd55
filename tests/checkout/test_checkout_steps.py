"""The checkout asks only what there is to choose: with one way to receive the basket the
address leads straight to the order's preview (which says how paying works); with a booth to
collect at too, the buyer chooses first. Each step's SQL stays under a ceiling."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.apps.order.models import Order

from tests.factories import ProducerFactory, make_product

from .conftest import ADDRESS, pay_at_sandbox
from .test_click_and_collect import stall  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def basket(reference_data, add_to_basket):
    for title, producer in (("جعبه خاتم", ProducerFactory()), ("گلیم قشقایی", ProducerFactory())):
        add_to_basket(make_product(title=title, producer=producer, stock=5, with_image=False))


GUEST = {**ADDRESS, "email": "b@example.ir"}  # a guest gives the e-mail with the address


def test_one_way_to_receive_goes_from_the_address_to_the_preview(client, zarinpal, basket):
    response = client.post(reverse("checkout:shipping-address"), GUEST)
    assert response.status_code == 302 and response["Location"] == reverse("checkout:preview")
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    page = preview.content.decode()
    assert 'data-testid="payment-method"' in page and "زرین‌پال" in page
    placed = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert placed["Location"].startswith(f"{zarinpal.url}pg/StartPay/")
    assert Order.objects.get().shipping_code == "producer-post"


def test_a_booth_to_collect_at_makes_the_buyer_choose_first(client, stall, add_to_basket):  # noqa: F811
    fair, _producer, product, _record = stall
    add_to_basket(product)
    response = client.post(reverse("checkout:shipping-address"), GUEST)
    assert response["Location"] == reverse("checkout:shipping-method")
    assert client.get(response["Location"]).status_code == 200  # the choice is shown
    chosen = client.post(response["Location"], {"method_code": f"pickup-{fair.pk}"})
    assert chosen["Location"] == reverse("checkout:preview")


def test_the_preview_is_not_reached_without_an_address(client, zarinpal, basket):
    """Skipping the empty steps skips no check: no address, no preview and no order."""
    bad = client.post(reverse("checkout:shipping-address"), {**GUEST, "postcode": "12"})
    assert bad.status_code == 200 and bad.context["form"].errors  # said on the form
    response = client.get(reverse("checkout:preview"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("checkout:shipping-address")
    placed = client.post(reverse("checkout:preview"), {"action": "place_order"})
    assert placed.status_code == 302 and "StartPay" not in placed["Location"]
    assert not Order.objects.exists()


@pytest.mark.parametrize("step", ["checkout:shipping-method", "checkout:payment-method",
                                  "checkout:payment-details"])  # fmt: skip
def test_steps_with_nothing_to_choose_lead_to_the_preview(client, basket, step):
    client.post(reverse("checkout:shipping-address"), GUEST)
    response = client.get(reverse(step))
    assert response.status_code == 302 and response["Location"] == reverse("checkout:preview")


def test_each_step_stays_under_its_query_ceiling(client, zarinpal, basket):
    """Two lines of two producers (three when the order is placed): the lines load with
    their products, classes, stock records, producers and their cities in one query,
    whatever the number of lines; no query for site offers, vouchers, line options or
    flatpages the basket does not have."""
    ceilings = {}
    third = make_product(title="گبه قشقایی", stock=5, with_image=False)
    client.get(reverse("basket:summary"))  # the new product: offers and options read again
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("basket:summary"))
    ceilings["basket"] = len(queries)
    with CaptureQueriesContext(connection) as queries:
        client.post(reverse("basket:add", args=[third.pk]), {"quantity": 1})
    ceilings["add"] = len(queries)
    with CaptureQueriesContext(connection) as queries:
        client.post(reverse("checkout:shipping-address"), GUEST)
    ceilings["address"] = len(queries)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("checkout:preview")).status_code == 200
    ceilings["preview"] = len(queries)
    with CaptureQueriesContext(connection) as queries:
        placed = client.post(reverse("checkout:preview"), {"action": "place_order"})
    ceilings["place"] = len(queries)
    callback = pay_at_sandbox(zarinpal, placed["Location"])
    with CaptureQueriesContext(connection) as queries:
        paid = client.get(callback)
    assert paid["Location"] == reverse("checkout:thank-you")
    ceilings["callback"] = len(queries)
    with CaptureQueriesContext(connection) as queries:
        thanks = client.get(paid["Location"])
    assert thanks.status_code == 200 and "گبه قشقایی" in thanks.content.decode()
    ceilings["thank-you"] = len(queries)
    assert ceilings["basket"] <= 2  # 7 before the menu's categories came from the cache;
    # the basket and its lines: the lines' images are remembered (catalog/selectors.py)
    assert ceilings["add"] <= 15  # 12, and the product's first analytics row, 2 savepoints
    assert ceilings["address"] <= 10  # the guest's session starts here; no e-mail page first
    assert ceilings["preview"] <= 2  # the country's name and the images from the cache
    assert ceilings["place"] <= 46  # 49 before the country, province, attempt's 2nd write
    assert ceilings["callback"] <= 26  # 39 before each producer's lines went in one insert;
    # 29 before the order was locked with its channel and its lines read once for both its
    # status and its fulfilments
    assert ceilings["thank-you"] <= 8  # 22 before its lines, payments, discounts, address…
    # 12 before its channel came with the order and no analytics mark was written (no id),
    # 10 before the discounts Oscar's totals filter themselves were no longer prefetched,
    # 9 before the lines' images were the ones remembered since the basket


def test_a_second_shipping_country_is_offered_at_once(client, basket):
    """The countries come from the cache (no query on each step); saving one is seen on the
    next page."""
    from oscar.apps.address.models import Country

    page = client.get(reverse("checkout:shipping-address"))
    assert "country" not in page.context["form"].fields  # Iran only: nothing to choose
    Country.objects.create(
        iso_3166_1_a2="AF", iso_3166_1_a3="AFG", printable_name="افغانستان", name="Afghanistan",
        is_shipping_country=True,
    )  # fmt: skip
    page = client.get(reverse("checkout:shipping-address"))
    choices = [label for _value, label in page.context["form"].fields["country"].choices]
    assert "افغانستان" in choices


def test_staff_may_open_any_orders_confirmation_page(client, zarinpal, basket, admin_user):
    """As in Oscar: a superuser names the order (by number, or by id) on the thank-you page;
    anyone else sees only the order their own checkout placed."""
    client.post(reverse("checkout:shipping-address"), GUEST)
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    order = Order.objects.get()
    url = reverse("checkout:thank-you")
    client.logout()
    assert client.get(url, {"order_number": order.number}).status_code == 302  # no order: home
    client.force_login(admin_user)
    for query in ({"order_number": order.number}, {"order_id": order.pk}):
        page = client.get(url, query)
        assert page.status_code == 200 and page.context["order"] == order


def test_the_confirmation_page_writes_nothing_for_analytics(client, zarinpal, basket):
    """Oscar marks an order as sent to Google Analytics on its confirmation page's first
    view (a write to the order). Our pages send nothing to analytics, so nothing is marked,
    even with an analytics id set."""
    client.post(reverse("checkout:shipping-address"), GUEST)
    placed = client.post(reverse("checkout:preview"), {"action": "place_order"})
    thanks_url = client.get(pay_at_sandbox(zarinpal, placed["Location"]))["Location"]
    order = Order.objects.get()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(thanks_url)
    assert page.status_code == 200 and order.number in page.content.decode().translate(
        str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")
    )
    assert not [q for q in queries if q["sql"].startswith("UPDATE")]
    assert "googletagmanager" not in page.content.decode()
    order.refresh_from_db()
    assert not order.analytics_tracked


def test_the_confirmation_shows_each_lines_own_image_remembered_since_the_basket(
    client, zarinpal, reference_data, add_to_basket
):
    """The order's lines are the basket's products: their images were read once (for the
    mini-basket of the add) and the confirmation shows each line's own without asking."""
    products = [make_product(title=title, stock=5) for title in ("جعبه خاتم", "گلیم قشقایی")]
    for product in products:
        add_to_basket(product)
    client.post(reverse("checkout:shipping-address"), GUEST)
    placed = client.post(reverse("checkout:preview"), {"action": "place_order"})
    thanks_url = client.get(pay_at_sandbox(zarinpal, placed["Location"]))["Location"]
    with CaptureQueriesContext(connection) as queries:
        page = client.get(thanks_url)
    assert not [q for q in queries if "catalogue_productimage" in q["sql"]]
    shown = {
        line.product_id: [image.pk for image in line.product.get_all_images()]
        for line in page.context["order"].lines.all()
    }
    assert shown == {p.pk: [p.images.get().pk] for p in products}
    assert page.content.decode().count("/media/cache/") >= 2


def test_the_confirmation_shows_the_orders_discount(client, zarinpal, basket):
    """Oscar's totals read the order's discounts by category (one query each), so the page
    does not prefetch them; an order placed under a site offer still shows its discount."""
    from oscar.test.factories import create_offer

    create_offer(name="جشنواره یلدا")  # 20 % off every product
    client.post(reverse("checkout:shipping-address"), GUEST)
    placed = client.post(reverse("checkout:preview"), {"action": "place_order"})
    page = client.get(client.get(pay_at_sandbox(zarinpal, placed["Location"]))["Location"])
    order = Order.objects.get()
    assert order.total_discount_incl_tax > 0
    text = page.content.decode()
    assert "جمع سبد خرید (پیش از تخفیف)" in text and "جشنواره یلدا" in text


def address_fields(page):
    """The address form's fields as the page shows them (between its CSRF token and its
    button)."""
    form = page.content.decode().split('id="new_shipping_address"', 1)[1].split("</form>")[0]
    after_token = form.split('name="csrfmiddlewaretoken"', 1)[1].split(">", 1)[1]
    return after_token.split('type="submit"', 1)[0]


def test_the_blank_address_form_is_kept_and_reads_as_rendered(client, basket, settings):
    """A blank form (most buyers' first look) is rendered once per language and kept: the
    kept copy reads as the one rendered, and each language keeps its own."""
    first = client.get(reverse("checkout:shipping-address"))  # rendered, then kept
    kept = client.get(reverse("checkout:shipping-address"))
    fields = "oscar/partials/form_fields.html"
    assert fields in [t.name for t in first.templates]
    assert fields not in [t.name for t in kept.templates]  # from the cache
    assert address_fields(first) == address_fields(kept)
    assert 'name="email"' in address_fields(kept) and "اصفهان" in address_fields(kept)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("checkout:shipping-address"))
    assert "Postal code" in address_fields(english)
    assert address_fields(english) == address_fields(client.get(english.request["PATH_INFO"]))


def test_what_the_buyer_typed_or_got_wrong_is_never_the_kept_form(client, basket):
    client.get(reverse("checkout:shipping-address"))  # the blank form, kept
    wrong = client.post(reverse("checkout:shipping-address"), {**GUEST, "postcode": "12"})
    assert "error-block" in wrong.content.decode()  # said on the form
    assert f'value="{GUEST["email"]}"' in wrong.content.decode()
    client.post(reverse("checkout:shipping-address"), GUEST)
    back = client.get(reverse("checkout:shipping-address"))  # from the preview, to correct
    assert 'value="خیابان چهارباغ، کوچه ۱۲، پلاک ۳"' in back.content.decode()
    assert f'value="{GUEST["email"]}"' in back.content.decode()


def test_the_next_visitor_gets_the_blank_form_not_the_last_ones(client, basket, reference_data):
    """A guest's e-mail and address never reach another visitor's form, and a signed-in
    buyer gets their own form (no e-mail field), not the guest's kept one."""
    from django.test import Client

    from tests.factories import UserFactory, make_product

    client.get(reverse("checkout:shipping-address"))  # the blank form, kept
    client.post(reverse("checkout:shipping-address"), GUEST)
    back = client.get(reverse("checkout:shipping-address"))
    assert GUEST["email"] in back.content.decode()
    other = Client()
    other.post(reverse("basket:add", args=[make_product().pk]), {"quantity": 1})
    page = other.get(reverse("checkout:shipping-address")).content.decode()
    assert GUEST["email"] not in page and "چهارباغ" not in page and 'name="email"' in page
    buyer = Client()
    buyer.force_login(UserFactory())
    buyer.post(reverse("basket:add", args=[make_product().pk]), {"quantity": 1})
    page = buyer.get(reverse("checkout:shipping-address")).content.decode()
    assert 'name="email"' not in page and 'name="postcode"' in page


def test_a_callback_never_settles_an_attempt_under_another_orders_lock(client, zarinpal, basket):
    """The callback locks the order by the id the view read with the attempt; an id of
    another order is refused, not settled under the wrong lock."""
    from shop.checkout import services
    from shop.payments.exceptions import CallbackMismatch
    from shop.payments.models import PaymentAttempt

    client.post(reverse("checkout:shipping-address"), GUEST)
    client.post(reverse("checkout:preview"), {"action": "place_order"})
    attempt = PaymentAttempt.objects.get()
    other = Order.objects.create(number="DZ-OTHER", total_incl_tax=0, total_excl_tax=0)
    with pytest.raises(CallbackMismatch):
        services.settle_callback(attempt.pk, {}, "zarinpal", other.pk)
    attempt.refresh_from_db()
    assert attempt.status == PaymentAttempt.Status.REDIRECTED
