import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    name = "catalog"

    def ready(self):
        super().ready()
        from django.db.backends.signals import connection_created

        from shop.persian.collation import register_on_sqlite

        # SQLite learns the "persian" collation PostgreSQL gets from ICU (migration 0035).
        connection_created.connect(register_on_sqlite, dispatch_uid="persian_collation")
        from oscar.apps.analytics.receivers import receive_product_view
        from oscar.apps.catalogue.signals import product_viewed
        from oscar.apps.customer.receivers import receive_product_view as remember_in_cookie

        # Oscar counts every product view with an UPDATE on the read path; we don't
        # (docs/decisions.md, "No writes on a read path"). Nor do we keep the visitor's
        # recently viewed products in a cookie: no page shows them, and a product page
        # that sets a cookie could not be served from the page cache.
        product_viewed.disconnect(receive_product_view)
        product_viewed.disconnect(remember_in_cookie)
