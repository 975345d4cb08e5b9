import secrets

from django.db import migrations, models
from django.utils import timezone


def first_structure_token(apps: object, schema_editor: object) -> None:
    """Every database starts with its own random structure token (see PageVersion)."""
    version = apps.get_model("portal", "PageVersion")  # type: ignore[attr-defined]
    version.objects.create(
        scope="structure", token=secrets.token_hex(16), changed_at=timezone.now()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_listing_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="PageVersion",
            fields=[
                (
                    "scope",
                    models.CharField(max_length=120, primary_key=True, serialize=False),
                ),
                ("token", models.CharField(max_length=32)),
                ("changed_at", models.DateTimeField()),
            ],
            options={
                "verbose_name": "公开页面版本",
                "verbose_name_plural": "公开页面版本",
            },
        ),
        migrations.RunPython(first_structure_token, migrations.RunPython.noop),
    ]
