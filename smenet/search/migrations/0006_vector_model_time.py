from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0005_searchvectorstamp"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="searchvector",
            index=models.Index(fields=["model", "updated_at"], name="search_vector_model_time"),
        ),
    ]
