"""The back-end index tables, which Django models cannot describe (see backends.py)."""

from django.db import migrations


def create(apps, schema_editor):
    from smenet.search.backends import backend_for

    backend_for(schema_editor.connection).create_tables(schema_editor.connection)


def drop(apps, schema_editor):
    from smenet.search.backends import backend_for

    backend_for(schema_editor.connection).drop_tables(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
