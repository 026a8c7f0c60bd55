import pytest
from oscar.test.factories import create_order

from shop.payments import services
from shop.payments.models import PaymentAttempt

pytestmark = pytest.mark.django_db


def test_booth_payment_is_confirmed_by_the_producer_and_settles_once(reference_data):
    attempt = services.create_attempt(create_order(), "booth", 3_000_000)
    url = services.start_attempt(attempt, "/seller/booth-sales/")
    attempt.refresh_from_db()
    assert url == "/seller/booth-sales/" and attempt.authority.startswith("booth-")
    settled = services.confirm_callback(attempt.authority, {"received_by": 7}, "booth")
    assert settled.status == PaymentAttempt.Status.PAID
    again = services.confirm_callback(attempt.authority, {"received_by": 8}, "booth")
    assert again.replies == settled.replies  # final: nothing recorded twice


def test_unknown_adapter_is_refused(reference_data):
    with pytest.raises(ValueError, match="unknown payment adapter"):
        services.create_attempt(create_order(), "stripe", 1_000_000)
