from django.db import migrations

from mentoring.permissions import grant, model_permissions

MODELS = ["school", "academicyear", "roadmapstage", "roadmapactivity"]


def create_roles(apps, schema_editor):
    grant(
        apps,
        {
            "Куратор": [
                *model_permissions("mentoring", MODELS),
                *model_permissions("mentoring", ["user"], ("add", "change", "view")),
                "auth.view_group",
            ],
            "Администрация": [
                *model_permissions("mentoring", [*MODELS, "user"], ("view",)),
                "mentoring.change_school",
            ],
            "Педагог": [],
            "Наставник": [],
        },
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Куратор", "Администрация", "Педагог", "Наставник"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
