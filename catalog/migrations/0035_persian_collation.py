from django.contrib.postgres.operations import CreateCollation
from django.db import migrations, models


class Migration(migrations.Migration):
    """The "persian" collation (ICU "fa") on the names people see in sorted lists.

    On SQLite CreateCollation does nothing: shop/persian/collation.py registers a collation
    of the same name on each connection."""

    dependencies = [
        ("catalogue", "0034_product_listing_details"),
    ]

    operations = [
        CreateCollation("persian", provider="icu", locale="fa"),
        migrations.AlterField(
            model_name="province",
            name="name_fa",
            field=models.CharField(
                db_collation="persian", max_length=64, verbose_name="Persian name"
            ),
        ),
        migrations.AlterField(
            model_name="city",
            name="name_fa",
            field=models.CharField(
                db_collation="persian", max_length=64, verbose_name="Persian name"
            ),
        ),
    ]
