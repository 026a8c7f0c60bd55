"""The exhibitions app's error vocabulary; each carries the Persian message a person sees."""

from django.utils.translation import gettext_lazy as _


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
        from shop.persian.dates import format_jalali_date

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


class BoothTaken(ExhibitionsError):
    message = _("Booth %(code)s is taken for those dates. Choose another booth.")

    def __init__(self, booth):
        super().__init__(self.message % {"code": booth.code})
        self.booth = booth


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


class BoothInUse(ExhibitionsError):
    message = _(
        "Booth %(code)s has been assigned to a producer, so it is kept with its history. You "
        "can change its details instead."
    )

    def __init__(self, booth):
        super().__init__(self.message % {"code": booth.code})
        self.booth = booth


class GridTooLarge(ExhibitionsError):
    message = _("A grid has at most %(rows)s rows and %(columns)s columns.")

    def __init__(self, rows, columns):
        from shop.persian.numbers import localised_number

        super().__init__(
            self.message % {"rows": localised_number(rows), "columns": localised_number(columns)}
        )
