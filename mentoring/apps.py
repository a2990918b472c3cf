from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.backends.signals import connection_created


class MentoringConfig(AppConfig):
    default = True
    name = "mentoring"
    verbose_name = "Программа наставничества"

    def ready(self):
        from mentoring import evidence  # noqa: F401  registers the checks of its own evidence
        from mentoring.collation import register_sqlite_collation

        connection_created.connect(register_sqlite_collation)


class MentoringAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "mentoring.admin_site.MentoringAdminSite"
