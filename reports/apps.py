from django.apps import AppConfig

from mentoring import roles
from mentoring.permissions import model_permissions


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Документы и отчёты"
    role_permissions = {
        roles.CURATOR: model_permissions("mentoring", ["normativeact"], ("add", "change", "delete", "view")),
        roles.ADMINISTRATION: model_permissions("mentoring", ["normativeact"], ("change", "view")),
    }

    def ready(self):
        from reports import evidence  # noqa: F401  registers the checks the signed documents prove
