import oscar.apps.dashboard.orders.apps as apps


class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    """Oscar's order dashboard, speaking of statuses by their Persian names (forms.py, views.py)."""

    name = "shop.dashboard.orders"
