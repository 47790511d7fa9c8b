"""The database itself refuses two overlapping mandates for a single-seat position
(``exclusive``): an exclusion constraint on PostgreSQL, triggers on SQLite."""

from django.db import migrations

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """ALTER TABLE governance_mandate ADD CONSTRAINT mandate_single_holder_no_overlap
       EXCLUDE USING gist (position_id WITH =, daterange(start, "end", '[]') WITH &&)
       WHERE (exclusive)""",
]
PG_BACKWARD = ["ALTER TABLE governance_mandate DROP CONSTRAINT mandate_single_holder_no_overlap"]

SQLITE_CHECK = """
    SELECT RAISE(ABORT, 'mandate_single_holder_no_overlap')
    WHERE NEW.exclusive AND EXISTS (
        SELECT 1 FROM governance_mandate m
        WHERE m.position_id = NEW.position_id AND m.exclusive AND m.id IS NOT NEW.id
          AND (m."end" IS NULL OR m."end" >= NEW.start)
          AND (NEW."end" IS NULL OR m.start <= NEW."end")
    );
"""
SQLITE_FORWARD = [
    f"CREATE TRIGGER mandate_no_overlap_insert BEFORE INSERT ON governance_mandate "
    f"BEGIN {SQLITE_CHECK} END",
    f"CREATE TRIGGER mandate_no_overlap_update BEFORE UPDATE ON governance_mandate "
    f"BEGIN {SQLITE_CHECK} END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS mandate_no_overlap_insert",
    "DROP TRIGGER IF EXISTS mandate_no_overlap_update",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("governance", "0002_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
