"""Index keys now encode the document date (backends.index_key), and documents carry a
"sample" flag: drop the old entries.

The index is derived data; ``smenet serve`` rebuilds an empty index on start
(``rebuild_search_index --if-empty``), or run ``smenet manage rebuild_search_index``.
"""

from django.db import migrations, models


def clear(apps, schema_editor):
    from smenet.search.backends import backend_for

    backend_for(schema_editor.connection).clear(schema_editor.connection)
    apps.get_model("search", "SearchDocument").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_backend_tables")]

    operations = [
        migrations.RunPython(clear, migrations.RunPython.noop),
        migrations.AddField(
            model_name="searchdocument",
            name="sample",
            field=models.BooleanField(default=False, verbose_name="sample data"),
        ),
    ]
