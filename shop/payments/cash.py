"""Cash handed to an organizer (a booth fee paid at the organizer's office): the organizer's
member records it, and that record is the payment (the exhibitions service checks who may)."""

from .booth import BoothAdapter


class CashAdapter(BoothAdapter):
    name = "cash"
