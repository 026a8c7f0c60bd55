/* Oscar's dashboard, mended. Oscar 4.2's orders/order_detail.html calls
   oscar.dashboard.orders.initTable(), which its dashboard.js no longer defines (as
   django-oscar#1813 was for the order list); the call threw and stopped the page's other
   start-up code. The table needs nothing started, so the call does nothing. */
(function (oscar) {
    if (oscar && oscar.dashboard && oscar.dashboard.orders && !oscar.dashboard.orders.initTable) {
        oscar.dashboard.orders.initTable = function () {};
    }
})(window.oscar);
