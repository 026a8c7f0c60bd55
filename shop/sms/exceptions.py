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

