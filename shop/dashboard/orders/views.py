"""Oscar's order list and detail with statuses by their Persian names.

The bulk and per-line status selects offer only the statuses Oscar's pipelines let staff set
by hand (OSCAR_ORDER_STATUS_PIPELINE, OSCAR_LINE_STATUS_PIPELINE: none; shop/checkout/status.py
moves orders), not every status there is.
"""

from django.utils.translation import gettext as _
from oscar.apps.dashboard.orders import views as oscar_views
from oscar.apps.dashboard.orders.views import *  # noqa: F403
from oscar.apps.order.models import Line, Order

from shop.checkout.status import status_name


def settable_statuses(model):
    """The statuses some status of `model` may move to by hand, in the pipeline's order."""
    targets = {target for targets in model.pipeline.values() for target in targets}
    return [status for status in model.all_statuses() if status in targets]


class OrderListView(oscar_views.OrderListView):
    def get_search_filter_descriptions(self):
        descriptions = super().get_search_filter_descriptions()
        status = self.form.cleaned_data.get("status") if self.form.is_valid() else None
        if status:
            # Oscar's description names the stored slug; the same sentence with its name.
            english = _("Order status is {order_status}").format(order_status=status)
            persian = _("Order status is {order_status}").format(order_status=status_name(status))
            descriptions = [persian if text == english else text for text in descriptions]
        return descriptions

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["order_statuses"] = settable_statuses(Order)
        return ctx


class OrderDetailView(oscar_views.OrderDetailView):
    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["line_statuses"] = settable_statuses(Line)
        return ctx
