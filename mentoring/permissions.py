"""The role groups and their model permissions, kept in step with the installed apps.

Each app declares on its AppConfig which permissions each role holds::

    role_permissions = {roles.CURATOR: ["participants.view_person", ...]}

After every ``migrate`` (and every test-database flush) the groups are created if missing and
given the declared permissions. Permissions are only ever added here, never taken away.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

from mentoring import roles


def model_permissions(app_label, models, actions=("add", "change", "delete", "view")):
    return [f"{app_label}.{action}_{model}" for model in models for action in actions]


def sync_roles(sender, using="default", apps=global_apps, **kwargs):
    """post_migrate receiver: the groups exist and hold what ``sender`` declares for them."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groups = {name: Group.objects.using(using).get_or_create(name=name)[0] for name in roles.ALL}
    declared = getattr(sender, "role_permissions", {})
    if not declared:
        return
    # A permission may belong to an app whose own post_migrate has not run yet: create it now.
    for app_label in {name.split(".")[0] for names in declared.values() for name in names}:
        create_permissions(global_apps.get_app_config(app_label), verbosity=0, using=using, apps=apps)
    existing = {
        f"{permission.content_type.app_label}.{permission.codename}": permission
        for permission in Permission.objects.using(using).select_related("content_type")
    }
    for role, names in declared.items():
        if missing := sorted(set(names) - existing.keys()):
            raise LookupError(f"Unknown permissions for {role}: {missing}")
        groups[role].permissions.add(*(existing[name] for name in names))
