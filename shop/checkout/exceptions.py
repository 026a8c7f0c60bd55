class OutOfStock(Exception):
    """A basket line wants more units than are left."""

    def __init__(self, product, available):
        self.product = product
        self.available = available
        super().__init__(f"{product}: {available} left")


class PaymentNotAllowed(Exception):
    """Someone who may not settle this payment tried to (e.g. a booth payment confirmed by
    anyone but the producer who took the money)."""
