"""Oscar's order dashboard forms with statuses by their Persian names; the values stay slugs."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.orders import forms as oscar_forms
from oscar.apps.dashboard.orders.forms import *  # noqa: F403
from oscar.apps.order.models import Order

from shop.checkout.status import status_name


def _status_choices(statuses):
    return [("", "---------"), *((status, status_name(status)) for status in statuses)]


class OrderSearchForm(oscar_forms.OrderSearchForm):
    status = forms.ChoiceField(
        choices=lambda: _status_choices(Order.all_statuses()), label=_("Status"), required=False
    )


class OrderStatusForm(oscar_forms.OrderStatusForm):
    """Starts on an empty choice, as Oscar's line status select does: a status is picked, never
    submitted because it happened to come first (or last)."""

    def __init__(self, order, *args, **kwargs):
        super().__init__(order, *args, **kwargs)
        self.available = order.available_statuses()
        self.fields["new_status"].choices = _status_choices(self.available)

    @property
    def has_choices(self):
        return bool(self.available)
