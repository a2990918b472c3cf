from django.apps import AppConfig
from django.db.models.signals import post_migrate

from mentoring import roles
from mentoring.permissions import model_permissions

_MODELS = [
    "schoolclass",
    "person",
    "mentoringform",
    "rolemodel",
    "mentoringkind",
    "consent",
    "mentee",
    "mentor",
    "mentorprofile",
    "requestnote",
    "evaluationparameter",
    "mentorscore",
    "interview",
    "trainingevent",
    "trainingmaterial",
    "peopleimport",
]


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = "Участники"
    role_permissions = {
        roles.CURATOR: model_permissions("participants", _MODELS),
        roles.ADMINISTRATION: model_permissions("participants", _MODELS, ("view",)),
    }

    def ready(self):
        from participants import dictionaries, evidence  # noqa: F401  evidence registers its checks

        post_migrate.connect(dictionaries.fill, sender=self, dispatch_uid="participants.dictionaries")
        _guard_closed_years()


def _guard_closed_years():
    """The banks of a closed year stay as they were. People, consents (withdrawable at any time)
    and the long-term mentor base are not a year's data; best practices are marked at the year's
    completion, possibly after closing."""
    from mentoring.closing import guard
    from participants import models

    best_practice = {"best_practice", "updated_at"}
    guard(models.SchoolClass, "year")
    guard(models.Mentee, "year", allow=best_practice)
    guard(models.Mentor, "year", allow=best_practice)
    guard(models.Interview, "mentor__year")
    guard(models.MentorScore, "mentor__year")
    guard(models.TrainingEvent, "year")
    guard(models.TrainingMaterial, "event__year")
    guard(models.RequestNote, "mentee__year")
