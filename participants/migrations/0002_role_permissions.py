from django.db import migrations

from mentoring.permissions import grant, model_permissions

MODELS = ["schoolclass", "person"]


def grant_permissions(apps, schema_editor):
    grant(
        apps,
        {
            "Куратор": model_permissions("participants", MODELS),
            "Администрация": model_permissions("participants", MODELS, ("view",)),
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0001_initial"),
        ("mentoring", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
