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
