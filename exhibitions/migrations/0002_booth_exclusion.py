"""A booth is never held twice for overlapping dates: on PostgreSQL an exclusion constraint
over (booth, [starts_on, ends_on]) for assignments not released. SQLite (the demo) relies on
the services' check."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE exhibitions_boothassignment ADD CONSTRAINT booth_assignment_no_overlap
    EXCLUDE USING gist (
        booth_id WITH =,
        daterange(starts_on, ends_on, '[]') WITH &&
    ) WHERE (released_at IS NULL);
"""
DROP = "ALTER TABLE exhibitions_boothassignment DROP CONSTRAINT booth_assignment_no_overlap;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("exhibitions", "0001_organizers_exhibitions_booths")]
    operations = [migrations.RunPython(forwards, backwards)]
