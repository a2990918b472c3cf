from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate

from mentoring import roles
from mentoring.permissions import model_permissions

_CORE_MODELS = ["school", "academicyear", "roadmapstage", "roadmapactivity"]


class MentoringConfig(AppConfig):
    default = True
    name = "mentoring"
    verbose_name = "Программа наставничества"
    role_permissions = {
        roles.CURATOR: [
            *model_permissions("mentoring", _CORE_MODELS),
            *model_permissions("mentoring", ["user"], ("add", "change", "view")),
            "auth.view_group",
            "mentoring.view_dataexport",
            # Login lockouts: the curator sees them and lifts one by deleting it.
            "axes.view_accessattempt",
            "axes.delete_accessattempt",
            "axes.view_accessfailurelog",
        ],
        roles.ADMINISTRATION: [
            *model_permissions("mentoring", [*_CORE_MODELS, "user"], ("view",)),
            "mentoring.change_school",
        ],
    }

    def ready(self):
        from mentoring import evidence  # noqa: F401  registers the checks of its own evidence
        from mentoring.collation import register_sqlite_collation
        from mentoring.permissions import sync_roles
        from mentoring.storage import delete_files_with_rows

        connection_created.connect(register_sqlite_collation)
        post_migrate.connect(sync_roles, dispatch_uid="mentoring.sync_roles")
        _guard_closed_years()
        delete_files_with_rows()


def _guard_closed_years():
    """A closed year's roadmap and documents stay as they were; a signed act may still be
    published (its copy for the site made), and the scan of its signed paper attached.
    Publications are not a year's data: the results of a closed year are published after it."""
    from mentoring.closing import guard
    from mentoring.models import NormativeAct, RoadmapActivity, RoadmapStage

    guard(RoadmapStage, "year")
    guard(RoadmapActivity, "stage__year")
    guard(NormativeAct, "year", allow={"status", "published_at", "slug", "public_pdf", "scan", "updated_at"})


class MentoringAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "mentoring.admin_site.MentoringAdminSite"
