"""The five product classes and their attributes (architecture.md, catalog/)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class AttributeSpec:
    code: str
    name: str
    type: str  # an Oscar ProductAttribute type
    required: bool = False
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProductClassSpec:
    slug: str
    name: str
    category_name: str  # the top-level category its crafts sit under
    requires_shipping: bool
    track_stock: bool
    attributes: tuple[AttributeSpec, ...]


PRODUCT_CLASSES = (
    ProductClassSpec(
        slug="handicraft",
        name="صنایع دستی",
        category_name="صنایع دستی",
        requires_shipping=True,
        track_stock=True,
        attributes=(
            AttributeSpec("materials", "مواد اولیه", "text"),
            AttributeSpec("dimensions", "ابعاد", "text"),
            AttributeSpec("technique", "شیوه ساخت", "text"),
        ),
    ),
    ProductClassSpec(
        slug="carpet",
        name="فرش و گلیم",
        category_name="فرش، گلیم و گبه",
        requires_shipping=True,
        track_stock=True,
        attributes=(
            AttributeSpec("width_cm", "عرض (سانتی‌متر)", "integer", required=True),
            AttributeSpec("length_cm", "طول (سانتی‌متر)", "integer", required=True),
            AttributeSpec(
                "material", "جنس", "option", options=("پشم", "ابریشم", "پشم و ابریشم", "پنبه")
            ),
            AttributeSpec("knot_density", "تراکم (رج)", "integer"),
            AttributeSpec("dye", "رنگرزی", "option", options=("گیاهی", "شیمیایی", "ترکیبی")),
        ),
    ),
    ProductClassSpec(
        slug="food",
        name="خوراکی",
        category_name="خوراکی و گیاهان دارویی",
        requires_shipping=True,
        track_stock=True,
        attributes=(
            AttributeSpec("net_weight_g", "وزن خالص (گرم)", "integer", required=True),
            AttributeSpec("production_date", "تاریخ تولید", "date"),
            AttributeSpec("best_before", "تاریخ انقضا", "date"),
            AttributeSpec("health_licence", "شماره پروانه بهداشت", "text"),
        ),
    ),
    ProductClassSpec(
        slug="plant",
        name="گل و گیاه",
        category_name="گل و گیاه",
        requires_shipping=True,
        track_stock=True,
        attributes=(
            AttributeSpec("pot_size", "اندازه گلدان", "text"),
            AttributeSpec("care_notes", "نکات نگهداری", "text"),
        ),
    ),
    ProductClassSpec(
        slug="digital_service",
        name="خدمات دیجیتال",
        category_name="خدمات دیجیتال",
        requires_shipping=False,
        track_stock=False,
        attributes=(
            AttributeSpec("delivery_days", "مدت تحویل (روز)", "integer", required=True),
            AttributeSpec("revisions", "دفعات اصلاح", "integer"),
        ),
    ),
)

BY_SLUG = {spec.slug: spec for spec in PRODUCT_CLASSES}
