"""Giving the role groups their model permissions from data migrations."""

from django.contrib.auth.management import create_permissions


def grant(apps, role_permissions):
    """``role_permissions``: {group name: ["app_label.codename", ...]}; groups are created as needed."""
    # Permissions are normally created after all migrations; create them now so they can be granted.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, names in role_permissions.items():
        group, _ = Group.objects.get_or_create(name=role)
        for name in names:
            app_label, codename = name.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def model_permissions(app_label, models, actions=("add", "change", "delete", "view")):
    return [f"{app_label}.{action}_{model}" for model in models for action in actions]
