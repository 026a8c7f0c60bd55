"""One-time codes by SMS: sent in Persian, kept hashed, single use, five wrong tries, five
minutes, one a minute and five an hour. Time moves by `clock`, not by sleeping."""

import re
import threading

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from shop.persian.digits import to_latin_digits
from shop.sms import otp
from shop.sms.base import SmsBackend
from shop.sms.exceptions import OtpThrottled, SmsNotSent

MOBILE = "09121234567"


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(otp, "clock", clock)
    return clock


def sent_code(sms_outbox):
    """The code in the last message, in Latin digits."""
    match = re.fullmatch(r"کد تأیید دست‌ساز: ([۰-۹]{6})", sms_outbox[-1].text)
    assert match, sms_outbox[-1].text
    return to_latin_digits(match[1])


class RefusingBackend(SmsBackend):
    def send(self, mobile, text):
        raise SmsNotSent("Kavenegar refused the message: 418 not enough credit", status=418)


def test_a_code_is_sent_in_persian_digits_to_the_number_typed_any_way(sms_outbox):
    otp.issue_code("+98 ۹۱۲ ۱۲۳ ۴۵۶۷", "join")
    assert [m.mobile for m in sms_outbox] == [MOBILE]
    assert re.fullmatch(r"کد تأیید دست‌ساز: [۰-۹]{6}", sms_outbox[0].text)


def test_the_code_is_kept_only_as_a_hash(sms_outbox):
    otp.issue_code(MOBILE, "join")
    code = sent_code(sms_outbox)
    kept = cache.get(otp._key("code", "join", MOBILE))
    assert kept is not None and code not in repr(kept)


def test_the_code_works_typed_in_persian_digits_and_only_once(sms_outbox):
    otp.issue_code(MOBILE, "join")
    code = sent_code(sms_outbox)
    persian = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert otp.check_code("۰۹۱۲۱۲۳۴۵۶۷", "join", f" {persian} ") is True
    assert otp.check_code(MOBILE, "join", code) is False


def test_a_code_is_for_its_number_and_purpose_only(sms_outbox):
    otp.issue_code(MOBILE, "join")
    code = sent_code(sms_outbox)
    assert otp.check_code("09121234568", "join", code) is False
    assert otp.check_code(MOBILE, "login", code) is False
    assert otp.check_code("not a number", "join", code) is False
    assert otp.check_code(MOBILE, "join", code) is True


def test_a_code_expires_after_five_minutes(sms_outbox, clock):
    otp.issue_code(MOBILE, "join")
    code = sent_code(sms_outbox)
    clock.advance(5 * 60)
    assert otp.check_code(MOBILE, "join", code) is False


def test_a_code_works_until_its_last_second(sms_outbox, clock):
    otp.issue_code(MOBILE, "join")
    clock.advance(5 * 60 - 1)
    assert otp.check_code(MOBILE, "join", sent_code(sms_outbox)) is True


def test_four_wrong_tries_still_leave_the_code_working(sms_outbox):
    otp.issue_code(MOBILE, "join")
    code = sent_code(sms_outbox)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(4):
        assert otp.check_code(MOBILE, "join", wrong) is False
    assert otp.check_code(MOBILE, "join", code) is True


def test_five_wrong_tries_kill_the_code(sms_outbox):
    otp.issue_code(MOBILE, "join")
    code = sent_code(sms_outbox)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        assert otp.check_code(MOBILE, "join", wrong) is False
    assert otp.check_code(MOBILE, "join", code) is False
    assert cache.get(otp._key("code", "join", MOBILE)) is None


def test_of_many_tries_at_once_with_the_right_code_exactly_one_succeeds(sms_outbox):
    otp.issue_code(MOBILE, "join")
    code = sent_code(sms_outbox)
    start, results = threading.Barrier(5), []

    def attempt():
        start.wait()
        results.append(otp.check_code(MOBILE, "join", code))

    threads = [threading.Thread(target=attempt) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, False, False, False, True]


def test_a_new_code_within_a_minute_is_refused_with_the_seconds_left(sms_outbox, clock):
    otp.issue_code(MOBILE, "join")
    clock.advance(15)
    with pytest.raises(OtpThrottled) as throttled:
        otp.issue_code(MOBILE, "join")
    assert throttled.value.seconds_left == 45
    assert throttled.value.message == "برای کد تازه ۴۵ ثانیه دیگر صبر کنید."
    assert len(sms_outbox) == 1


def test_after_a_minute_a_new_code_replaces_the_old_one(sms_outbox, clock):
    otp.issue_code(MOBILE, "join")
    old = sent_code(sms_outbox)
    clock.advance(60)
    otp.issue_code(MOBILE, "join")
    new = sent_code(sms_outbox)
    if old != new:
        assert otp.check_code(MOBILE, "join", old) is False
    assert otp.check_code(MOBILE, "join", new) is True


def test_the_minute_between_codes_is_per_purpose(sms_outbox):
    otp.issue_code(MOBILE, "join")
    otp.issue_code(MOBILE, "login")
    assert len(sms_outbox) == 2


def five_codes_a_minute_apart(clock):
    for _ in range(5):
        otp.issue_code(MOBILE, "join")
        clock.advance(61)


def test_a_sixth_code_within_an_hour_is_refused_until_the_first_is_an_hour_old(sms_outbox, clock):
    five_codes_a_minute_apart(clock)
    with pytest.raises(OtpThrottled) as throttled:
        otp.issue_code(MOBILE, "login")  # the hourly limit counts every purpose
    assert throttled.value.seconds_left == 3600 - 5 * 61
    assert throttled.value.message == "برای کد تازه ۵۵ دقیقه دیگر صبر کنید."
    clock.advance(throttled.value.seconds_left)
    otp.issue_code(MOBILE, "join")
    assert len(sms_outbox) == 6


def test_the_hourly_limit_is_per_number(sms_outbox, clock):
    five_codes_a_minute_apart(clock)
    otp.issue_code("09351234567", "join")
    assert sms_outbox[-1].mobile == "09351234567"


def test_a_code_the_provider_refused_is_not_kept_and_may_be_asked_for_again(sms_outbox, settings):
    settings.SMS_BACKEND = f"{__name__}.RefusingBackend"
    with pytest.raises(SmsNotSent):
        otp.issue_code(MOBILE, "join")
    assert cache.get(otp._key("code", "join", MOBILE)) is None
    settings.SMS_BACKEND = "shop.sms.console.ConsoleBackend"
    otp.issue_code(MOBILE, "join")  # at once: no minute to wait
    assert otp.check_code(MOBILE, "join", sent_code(sms_outbox)) is True


def test_a_code_for_a_number_that_is_no_mobile_is_refused(sms_outbox):
    with pytest.raises(ValidationError):
        otp.issue_code("021 1234 5678", "join")
    assert sms_outbox == []


def test_codes_go_through_kavenegars_lookup_template_when_set(kavenegar, settings):
    settings.SMS_KAVENEGAR_OTP_TEMPLATE = "dastsaz-verify"
    otp.issue_code(MOBILE, "join")
    (request,) = kavenegar.requests
    assert request["path"].endswith("/verify/lookup.json")
    assert re.fullmatch(r"\d{6}", request["params"]["token"])
    assert otp.check_code(MOBILE, "join", request["params"]["token"]) is True
