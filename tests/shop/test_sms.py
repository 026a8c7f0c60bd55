"""Text messages: the entry point, the console outbox, the Celery task, and the Kavenegar
adapter over real HTTP against a local stub of its API (tests/shop/conftest.py)."""

import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

from shop.celery import app
from shop.sms import send_code, send_sms
from shop.sms.exceptions import SmsNotSent
from shop.sms.kavenegar import KavenegarBackend
from shop.sms.tasks import send_sms_task

from .conftest import KAVENEGAR_KEY, refusal, sent_reply


def test_a_message_to_a_number_typed_any_way_goes_to_its_09_form(sms_outbox):
    sent = send_sms("+98 912 ۱۲۳ ۴۵۶۷", "سلام")
    assert [(m.mobile, m.text) for m in sms_outbox] == [("09121234567", "سلام")]
    assert sent == sms_outbox[0]


def test_a_message_to_a_number_that_is_no_mobile_is_not_sent(sms_outbox):
    with pytest.raises(SmsNotSent) as error:
        send_sms("021 1234 5678", "سلام")
    assert error.value.retryable is False
    assert sms_outbox == []


def test_a_one_time_code_through_the_console_is_the_whole_text(sms_outbox):
    send_code("09121234567", "123456", "کد تأیید دست‌ساز: ۱۲۳۴۵۶")
    assert sms_outbox[0].text == "کد تأیید دست‌ساز: ۱۲۳۴۵۶"


# Kavenegar over HTTP


def test_kavenegar_sends_receptor_message_and_sender_and_returns_its_message_id(kavenegar):
    kavenegar.reply = (200, sent_reply(message_id=55501), 0)
    sent = send_sms("۰۹۱۲۱۲۳۴۵۶۷", "سفارش شما رسید. ۱۲")
    assert kavenegar.requests == [
        {
            "path": f"/v1/{KAVENEGAR_KEY}/sms/send.json",
            "params": {
                "receptor": "09121234567",
                "message": "سفارش شما رسید. ۱۲",
                "sender": "10004346",
            },
        }
    ]
    assert (sent.mobile, sent.provider_id) == ("09121234567", "55501")


def test_kavenegar_without_a_sender_line_uses_the_accounts_default(kavenegar, settings):
    settings.SMS_KAVENEGAR_SENDER = ""
    send_sms("09121234567", "سلام")
    assert "sender" not in kavenegar.requests[0]["params"]


@pytest.mark.parametrize(
    "status, reason",
    [(411, "receptor is invalid"), (412, "sender is invalid"), (418, "not enough credit")],
)
def test_kavenegar_refusals_become_sms_not_sent_with_the_status_and_no_retry(
    kavenegar, status, reason
):
    kavenegar.reply = (status, refusal(status, reason), 0)
    with pytest.raises(SmsNotSent) as error:
        send_sms("09121234567", "سلام")
    assert (error.value.status, error.value.retryable) == (status, False)
    assert reason in str(error.value)
    assert KAVENEGAR_KEY not in str(error.value)


def test_a_refusal_inside_an_http_200_reply_is_still_a_refusal(kavenegar):
    kavenegar.reply = (200, refusal(411, "receptor is invalid"), 0)
    with pytest.raises(SmsNotSent) as error:
        send_sms("09121234567", "سلام")
    assert error.value.status == 411


@pytest.mark.parametrize(
    "status, body",
    [
        (500, refusal(500, "server error")),
        (502, b"<html>Bad Gateway</html>"),
        (451, refusal(451, "too many requests")),
        (409, refusal(409, "server busy")),
    ],
)
def test_kavenegar_down_or_busy_is_sms_not_sent_worth_retrying(kavenegar, status, body):
    kavenegar.reply = (status, body, 0)
    with pytest.raises(SmsNotSent) as error:
        send_sms("09121234567", "سلام")
    assert (error.value.status, error.value.retryable) == (status, True)


def test_a_slow_kavenegar_times_out_as_sms_not_sent_worth_retrying(kavenegar, settings):
    settings.SMS_TIMEOUT_SECONDS = 0.3
    kavenegar.reply = (200, sent_reply(), 2)
    with pytest.raises(SmsNotSent) as error:
        send_sms("09121234567", "سلام")
    assert (error.value.status, error.value.retryable) == (None, True)
    assert len(kavenegar.requests) == 1


def test_an_unreachable_kavenegar_is_sms_not_sent_worth_retrying(kavenegar, settings):
    port = kavenegar.server_address[1]
    kavenegar.shutdown()
    kavenegar.server_close()  # nothing listens on the port now
    settings.SMS_KAVENEGAR_URL = f"http://127.0.0.1:{port}/v1/"
    with pytest.raises(SmsNotSent) as error:
        send_sms("09121234567", "سلام")
    assert (error.value.status, error.value.retryable) == (None, True)


def test_a_200_reply_that_is_not_kavenegars_json_is_not_retried(kavenegar):
    kavenegar.reply = (200, b"<html>captive portal</html>", 0)
    with pytest.raises(SmsNotSent) as error:
        send_sms("09121234567", "سلام")
    assert (error.value.status, error.value.retryable) == (200, False)


def test_one_time_codes_go_through_the_lookup_template_when_one_is_set(kavenegar, settings):
    settings.SMS_KAVENEGAR_OTP_TEMPLATE = "dastsaz-verify"
    sent = send_code("09121234567", "123456", "کد تأیید دست‌ساز: ۱۲۳۴۵۶")
    assert kavenegar.requests == [
        {
            "path": f"/v1/{KAVENEGAR_KEY}/verify/lookup.json",
            "params": {"receptor": "09121234567", "token": "123456", "template": "dastsaz-verify"},
        }
    ]
    assert sent.provider_id == "8792343"


def test_an_unknown_lookup_template_is_sms_not_sent(kavenegar, settings):
    settings.SMS_KAVENEGAR_OTP_TEMPLATE = "no-such-template"
    kavenegar.reply = (424, refusal(424, "template not found"), 0)
    with pytest.raises(SmsNotSent) as error:
        send_code("09121234567", "123456", "کد تأیید دست‌ساز: ۱۲۳۴۵۶")
    assert (error.value.status, error.value.retryable) == (424, False)


def test_one_time_codes_without_a_template_go_as_a_plain_message(kavenegar):
    send_code("09121234567", "123456", "کد تأیید دست‌ساز: ۱۲۳۴۵۶")
    assert kavenegar.requests[0]["path"].endswith("/sms/send.json")
    assert kavenegar.requests[0]["params"]["message"] == "کد تأیید دست‌ساز: ۱۲۳۴۵۶"


def test_the_kavenegar_backend_needs_an_api_key(settings):
    settings.KAVENEGAR_API_KEY = ""
    with pytest.raises(ImproperlyConfigured):
        KavenegarBackend()


# The Celery task (inline in tests)


def test_the_task_sends_the_message(sms_outbox):
    assert send_sms_task.delay("9121234567", "سلام").get() is True
    assert sms_outbox[0].mobile == "09121234567"


def test_the_task_drops_a_message_the_provider_refuses_for_good(kavenegar):
    kavenegar.reply = (411, refusal(411, "receptor is invalid"), 0)
    assert send_sms_task.delay("09121234567", "سلام").get() is False
    assert len(kavenegar.requests) == 1


@pytest.fixture
def retries_inline(monkeypatch):
    """Retries run inline too, at once (tests otherwise propagate the first Retry)."""
    monkeypatch.setitem(app.conf, "task_eager_propagates", False)


def test_the_task_tries_a_provider_that_is_down_three_more_times_then_gives_up(
    kavenegar, retries_inline
):
    kavenegar.reply = (503, b"Service Unavailable", 0)
    assert send_sms_task.delay("09121234567", "سلام").get() is False
    assert len(kavenegar.requests) == 1 + send_sms_task.max_retries


def test_the_task_succeeds_when_the_provider_comes_back_on_a_retry(kavenegar, retries_inline):
    kavenegar.replies = [(503, b"Service Unavailable", 0)]  # then the usual success
    assert send_sms_task.delay("09121234567", "سلام").get() is True
    assert len(kavenegar.requests) == 2


def test_a_worker_knows_the_task():
    code = (
        "import django; django.setup(); from shop.celery import app; "
        "app.loader.import_default_modules(); print('shop.sms.tasks.send_sms_task' in app.tasks)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "True", result.stderr
