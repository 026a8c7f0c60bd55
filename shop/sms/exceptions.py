class SmsNotSent(Exception):
    """The provider did not accept the message (status and reason in the message)."""
