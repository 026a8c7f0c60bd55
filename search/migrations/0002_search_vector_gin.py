from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS productdoc_search_vector "
    "ON search_productdocument USING GIN (search_vector)"
)
DROP = "DROP INDEX IF EXISTS productdoc_search_vector"


def create_gin_index(apps, schema_editor):
    # Full-text search runs on PostgreSQL; SQLite (the zero-setup default) matches terms.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_product_document")]

    operations = [migrations.RunPython(create_gin_index, drop_gin_index)]
