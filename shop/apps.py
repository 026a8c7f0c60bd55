from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = "shop"

    def ready(self):
        from shop.persian import jalali_formats

        jalali_formats.install()  # dates Django formats for people read Jalali
        from shop.pagecache import signals as page_cache

        page_cache.connect()  # a catalogue, stock or page change drops the cached pages
