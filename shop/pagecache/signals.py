"""A change to what storefront pages show starts a new page-cache generation: any saved or
deleted row of the catalogue (products, categories, images, provinces), producers (Oscar's
partner app), exhibitions, offers, CMS pages and the countries checkout ships to, and every
publish or unpublish. Coarse on
purpose: a page lists products, producers, exhibitions and CMS blocks together, and a
change is rare next to the views it serves.

Two narrower rules keep the pages cached while orders flow (each order writes stock, its
channel and, once paid, its fulfilments):
- rows no storefront page shows (an order's channel and fulfilments, the ledger, payouts,
  commissions, imports, stock alerts, support grants, booth stock moves) change nothing;
- a stock record whose price, producer and "in stock or not" stay as they were (an order
  allocating one unit of ten) makes only its product's page stale: that page says how many
  are left, listings only whether any are.
What visitors do (insights events, baskets, orders' own rows, sessions) is not watched.

A voucher created or deleted starts one too (not one saved as an order uses it): whether the
shop has any decides whether loading a basket asks for its vouchers (shop/basket/models.py)."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from wagtail.signals import page_published, page_unpublished

from .store import forget, forget_all

WATCHED_APPS = frozenset(
    {"catalogue", "partner", "exhibitions", "offer", "cms", "wagtailcore", "flatpages", "sites"}
)
WATCHED_MODELS = frozenset({("address", "country")})  # the countries checkout offers
NOT_SHOWN = frozenset(
    {
        ("partner", "fulfilment"),
        ("partner", "ledgerentry"),
        ("partner", "payout"),
        ("partner", "payoutbatch"),
        ("partner", "commissionrate"),
        ("partner", "listingimport"),
        ("partner", "stockalert"),
        ("partner", "supportaction"),
        ("partner", "supportgrant"),
        ("exhibitions", "orderchannel"),
        ("exhibitions", "stockmove"),
    }
)


def _shown(model):
    meta = (model._meta.auto_created or model)._meta  # an m2m table: the model it belongs to
    name = (meta.app_label, meta.model_name)
    return (meta.app_label in WATCHED_APPS or name in WATCHED_MODELS) and name not in NOT_SHOWN


def _row_changed(sender, raw=False, **kwargs):
    if not raw and _shown(sender):
        forget_all()


def _row_saved(sender, **kwargs):
    from sellers.models import StockRecord

    if sender is StockRecord:
        _stock_saved(sender, **kwargs)
    else:
        _row_changed(sender, **kwargs)


def _listing_face(record):
    """What listings show of a stock record: its price, producer and whether any is left."""
    available = (record["num_in_stock"] or 0) - (record["num_allocated"] or 0)
    return record["price"], record["partner_id"], record["product_id"], available > 0


def _stock_before(sender, instance, raw=False, **kwargs):
    """Remember how listings showed the record before this save (one small query)."""
    if raw or instance.pk is None:
        return
    before = (
        sender.objects.filter(pk=instance.pk)
        .values("price", "partner_id", "product_id", "num_in_stock", "num_allocated")
        .first()
    )
    instance._page_face = _listing_face(before) if before else None


def _stock_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_page_face", None)
    instance._page_face = None
    now = _listing_face(
        {
            "price": instance.price,
            "partner_id": instance.partner_id,
            "product_id": instance.product_id,
            "num_in_stock": instance.num_in_stock,
            "num_allocated": instance.num_allocated,
        }
    )
    if created or before != now:
        forget_all()
    else:
        forget(f"product:{instance.product_id}")


def _published(sender, **kwargs):
    forget_all()


def _voucher_created_or_deleted(sender, created=True, **kwargs):
    if created:  # (fixtures too: `raw` saves)
        forget_all()


def _voucher_added_to_a_basket(sender, action, **kwargs):
    """A voucher made without a signal (bulk, SQL) reaches a basket: the shop has one."""
    from shop.basket.models import shop_has_vouchers

    if action == "post_add" and not shop_has_vouchers():
        forget_all()


def connect():
    from oscar.core.loading import get_model

    from sellers.models import StockRecord

    Voucher = get_model("voucher", "Voucher")
    post_save.connect(_voucher_created_or_deleted, sender=Voucher, dispatch_uid="pagecache-voucher")
    post_delete.connect(
        _voucher_created_or_deleted, sender=Voucher, dispatch_uid="pagecache-voucher-deleted"
    )
    m2m_changed.connect(
        _voucher_added_to_a_basket,
        sender=get_model("basket", "Basket").vouchers.through,
        dispatch_uid="pagecache-voucher-in-basket",
    )

    post_save.connect(_row_saved, dispatch_uid="pagecache-saved")
    for signal in (post_delete, m2m_changed):
        signal.connect(_row_changed, dispatch_uid=f"pagecache-{id(signal)}")
    pre_save.connect(_stock_before, sender=StockRecord, dispatch_uid="pagecache-stock-before")
    page_published.connect(_published, dispatch_uid="pagecache-published")
    page_unpublished.connect(_published, dispatch_uid="pagecache-unpublished")
