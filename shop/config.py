from oscar.config import Shop as OscarShop


class Shop(OscarShop):
    """Oscar's URL tree without its home redirect: Wagtail serves `/`."""

    def get_urls(self):
        return [url for url in super().get_urls() if getattr(url, "name", None) != "home"]
