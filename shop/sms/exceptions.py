class SmsNotSent(Exception):
    """The message was not sent: the provider refused it or could not be reached.

    `status` is the provider's status code (Kavenegar's `return.status`, e.g. 411 for an
    invalid receptor, 418 for no credit), or None when no answer came (timeout, network).
    `retryable` says whether sending the same message later may succeed.
    """

    def __init__(self, message, status=None, retryable=False):
        super().__init__(message)
        self.status = status
        self.retryable = retryable


class OtpThrottled(Exception):
    """No new one-time code yet: one was sent a moment ago, or too many this hour.

    `seconds_left` says when asking again will work; `message` says so in the UI language.
    """

    def __init__(self, seconds_left):
        self.seconds_left = max(1, int(seconds_left))
        super().__init__(f"no new code for {self.seconds_left} seconds")

    @property
    def message(self):
        from django.utils.translation import gettext

        from shop.persian.numbers import localised_number

        if self.seconds_left <= 90:
            return gettext("Wait %(seconds)s seconds before asking for a new code.") % {
                "seconds": localised_number(self.seconds_left)
            }
        return gettext("Wait %(minutes)s minutes before asking for a new code.") % {
            "minutes": localised_number(-(-self.seconds_left // 60))
        }
