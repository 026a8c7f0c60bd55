class OutOfStock(Exception):
    """A basket line wants more units than are left."""

    def __init__(self, product, available):
        self.product = product
        self.available = available
        super().__init__(f"{product}: {available} left")
