import oscar.apps.dashboard.apps as apps


class DashboardConfig(apps.DashboardConfig):
    """Oscar's dashboard, forked only so that its sub-apps can be (Oscar finds a fork of
    `dashboard.orders` under the dashboard app's own package): orders/."""

    name = "shop.dashboard"
