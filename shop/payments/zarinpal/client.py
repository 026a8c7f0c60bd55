"""The only module that imports irgateway: a Zarinpal v4 client configured for Dastsaz.

Amounts are integer Rials end to end (`currency="IRR"`; irgateway's default unit is Toman)
and the merchant pays the fee (`fee_type="MERCHANT"`; irgateway's default adds a buyer fee).
"""

from django.conf import settings
from irgateway._core import (
    GatewayProtocolError,
    GatewayTransportError,
    PaymentAmountMismatch,
)
from irgateway.zarinpal import ZarinpalClient
from irgateway.zarinpal.enums import Environment
from irgateway.zarinpal.errors import ZarinpalException
from irgateway.zarinpal.types import ZarinpalConfig

__all__ = [
    "GatewayProtocolError",
    "GatewayTransportError",
    "PaymentAmountMismatch",
    "ZarinpalException",
    "make_client",
]


def gateway_url():
    """Our sandbox server unless a real merchant id is configured with the sandbox off."""
    if settings.ZARINPAL_USE_SANDBOX:
        return settings.ZARINPAL_SANDBOX_URL.rstrip("/") + "/"
    return Environment.PRODUCTION.value


def make_client(timeout=None):
    client = ZarinpalClient(
        settings.ZARINPAL_MERCHANT_ID,
        Environment.PRODUCTION,
        ZarinpalConfig(
            startpay_endpoint=gateway_url() + "pg/StartPay/",
            timeout=timeout or settings.ZARINPAL_TIMEOUT_SECONDS,
            fee_type="MERCHANT",
            currency="IRR",
        ),
    )
    # irgateway fixes its API host per Environment; point it at the sandbox when asked.
    client._base_url = gateway_url()
    return client
