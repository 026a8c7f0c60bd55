from django.db import transaction

from . import reference
from .models import (
    AttributeOption,
    AttributeOptionGroup,
    Category,
    City,
    ProductAttribute,
    ProductClass,
    Province,
)
from .product_classes import PRODUCT_CLASSES


@transaction.atomic
def seed_reference_data():
    """Provinces and capitals, product classes with attributes, and craft categories.

    Idempotent: rows are matched by their codes and updated in place.
    """
    seed_provinces()
    seed_product_classes()
    seed_categories()
    seed_country()


def seed_country():
    """Iran, the one country Dastsaz ships to (Oscar's address forms need it)."""
    from oscar.apps.address.models import Country

    Country.objects.update_or_create(
        iso_3166_1_a2="IR",
        defaults={
            "iso_3166_1_a3": "IRN",
            "iso_3166_1_numeric": "364",
            "name": "Islamic Republic of Iran",
            "printable_name": "ایران",
            "is_shipping_country": True,
            "display_order": 1,
        },
    )


def seed_provinces():
    for row in reference.provinces():
        province, _ = Province.objects.update_or_create(
            code=row.code, defaults={"name_fa": row.name_fa, "name_en": row.name_en}
        )
        City.objects.update_or_create(
            province=province,
            name_fa=row.capital_fa,
            defaults={"name_en": row.capital_en, "is_capital": True},
        )


def seed_product_classes():
    for spec in PRODUCT_CLASSES:
        product_class, _ = ProductClass.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "requires_shipping": spec.requires_shipping,
                "track_stock": spec.track_stock,
            },
        )
        for attr in spec.attributes:
            option_group = None
            if attr.options:
                option_group, _ = AttributeOptionGroup.objects.get_or_create(
                    code=f"{spec.slug}-{attr.code}", defaults={"name": attr.name}
                )
                for option in attr.options:
                    AttributeOption.objects.get_or_create(group=option_group, option=option)
            ProductAttribute.objects.update_or_create(
                product_class=product_class,
                code=attr.code,
                defaults={
                    "name": attr.name,
                    "type": attr.type,
                    "required": attr.required,
                    "option_group": option_group,
                },
            )


def seed_categories():
    roots = {}
    for spec in PRODUCT_CLASSES:
        root = Category.objects.filter(code=spec.slug).first()
        if root is None:
            root = Category.add_root(name=spec.category_name, code=spec.slug, slug=spec.slug)
        roots[spec.slug] = root
    for craft in reference.crafts():
        if Category.objects.filter(code=craft.slug).exists():
            continue
        parent = Category.objects.get(pk=roots[craft.product_class].pk)  # fresh numchild
        parent.add_child(name=craft.name_fa, code=craft.slug, slug=craft.slug)
