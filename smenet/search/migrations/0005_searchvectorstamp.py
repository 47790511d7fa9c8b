from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_vectors_and_vocabulary"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchVectorStamp",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=32, verbose_name="token")),
            ],
            options={
                "verbose_name": "search vector stamp",
                "verbose_name_plural": "search vector stamps",
            },
        ),
    ]
