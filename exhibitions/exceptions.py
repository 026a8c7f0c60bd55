"""The exhibitions app's error vocabulary; each carries the Persian message a person sees."""

from django.utils.translation import gettext_lazy as _

from shop.persian.dates import format_jalali_date
from shop.persian.money import format_toman
from shop.persian.numbers import localised_number, localised_percent_bp, ui_language


class ExhibitionsError(Exception):
    message = _("This could not be done.")

    def __init__(self, message=None):
        super().__init__(message or self.message)
        if message:
            self.message = message

    def __str__(self):
        return str(self.message)


class NotApproved(ExhibitionsError):
    message = _(
        "Only approved producers with a valid licence can apply for a booth. Your application "
        "to join Dastsaz must be approved first."
    )


class ExhibitionClosed(ExhibitionsError):
    message = _("This exhibition is not taking applications.")


class OutsideWindow(ExhibitionsError):
    message = _("Applications for this exhibition are taken from %(opens)s to %(closes)s.")

    def __init__(self, exhibition):
        super().__init__(
            self.message
            % {
                "opens": format_jalali_date(exhibition.applications_open_on),
                "closes": format_jalali_date(exhibition.applications_close_on),
            }
        )


class AlreadyApplied(ExhibitionsError):
    message = _("You have applied to this exhibition already; see your application.")


class ApplicationStateError(ExhibitionsError):
    message = _("This application's current state does not allow that.")


class ReasonRequired(ExhibitionsError):
    message = _("Please write the reason; the producer will read it.")


class _AboutBooth(ExhibitionsError):
    """An error about one booth; `message` names it by its code."""

    def __init__(self, booth):
        super().__init__(self.message % {"code": booth.code})
        self.booth = booth


class BoothTaken(_AboutBooth):
    message = _("Booth %(code)s is taken for those dates. Choose another booth.")


class WrongBooth(ExhibitionsError):
    message = _("That booth is not in this exhibition.")


class CannotPay(ExhibitionsError):
    message = _("This booth fee cannot be paid: the application is not waiting for payment.")


class PaymentDeadlinePassed(ExhibitionsError):
    message = _("The time to pay this booth fee has passed and the booth was released.")


class FeeDiffers(ExhibitionsError):
    message = _(
        "The fee is paid already, and that booth costs more. Choose a booth with the same or a "
        "lower fee."
    )


class StatusChangeNotAllowed(ExhibitionsError):
    message = _("An exhibition cannot go from this state to that one.")


class NotAllowed(ExhibitionsError):
    message = _("You may not do that for this exhibition.")


class BoothInUse(_AboutBooth):
    message = _(
        "Booth %(code)s has been assigned to a producer, so it is kept with its history. You "
        "can change its details instead."
    )


class GridTooLarge(ExhibitionsError):
    message = _("A grid has at most %(rows)s rows and %(columns)s columns.")

    def __init__(self, rows, columns):
        super().__init__(
            self.message % {"rows": localised_number(rows), "columns": localised_number(columns)}
        )


# ---- booth stock and sales (exhibitions/channels/) --------------------------------------


class NoBooth(ExhibitionsError):
    message = _("You have no confirmed booth at this exhibition.")


class NotSellingNow(ExhibitionsError):
    message = _("This exhibition is not running, so nothing can be sold or collected there now.")


class _TooFew(ExhibitionsError):
    """Fewer units of a product than asked for; `message` names where."""

    def __init__(self, product, count):
        super().__init__(
            self.message % {"count": localised_number(count), "product": product.get_title()}
        )
        self.count = count


class NotEnoughOnline(_TooFew):
    message = _("Only %(count)s of “%(product)s” are in your online stock.")


class NotEnoughAtBooth(_TooFew):
    message = _("Only %(count)s of “%(product)s” are at the booth.")


class NotYourProduct(ExhibitionsError):
    message = _("That product is not one of yours.")


class EmptySale(ExhibitionsError):
    message = _("Choose at least one product and how many.")


class WrongPickupCode(ExhibitionsError):
    message = _("No order waits for pick-up with this code at your booth.")


class AlreadyCollected(ExhibitionsError):
    message = _("This order was collected already.")


# ---- shared booths and deferred fees -------------------------------------------------------


class NotYourBooth(ExhibitionsError):
    message = _("Only the producer whose booth is confirmed (paid) can invite others to share it.")


class ProducerNotFound(ExhibitionsError):
    message = _("No approved producer has this licence number or shop address.")


class CannotShare(ExhibitionsError):
    message = _(
        "This producer cannot share your booth: they must be approved, with a valid licence, "
        "and not already at this exhibition."
    )


class ShareTooLarge(ExhibitionsError):
    message = _("The shares of a booth must add up to less than the whole; %(left)s is left.")

    def __init__(self, left_bp):
        super().__init__(self.message % {"left": localised_percent_bp(max(left_bp, 0))})
        self.left_bp = left_bp


class ShareStateError(ExhibitionsError):
    message = _("This invitation is no longer open.")


class CannotDefer(ExhibitionsError):
    message = _("This booth fee cannot be taken from your later sales.")


class DeferralCapExceeded(ExhibitionsError):
    message = _(
        "This exhibition lets a fee of up to %(cap)s be taken from later sales; this fee is "
        "larger, so it must be paid."
    )

    def __init__(self, cap_rials):
        super().__init__(self.message % {"cap": format_toman(cap_rials, ui_language())})


class PickupsWaiting(ExhibitionsError):
    message = _(
        "Buyers are still to collect orders from this producer at the booth. Hand them over "
        "(or have them cancelled) before ending the share."
    )
