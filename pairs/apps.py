from django.apps import AppConfig
from django.db.models.signals import post_migrate

from mentoring import roles
from mentoring.permissions import model_permissions

_MODELS = [
    "matchingcriterion",
    "pairrule",
    "matchingrun",
    "proposal",
    "mentorship",
    "membership",
    "programmetemplate",
    "programme",
    "meeting",
    "event",
]


class PairsConfig(AppConfig):
    name = "pairs"
    verbose_name = "Пары и группы"
    role_permissions = {
        roles.CURATOR: model_permissions("pairs", _MODELS),
        roles.ADMINISTRATION: model_permissions("pairs", _MODELS, ("view",)),
    }

    def ready(self):
        from pairs import access, cards, defaults, evidence  # noqa: F401  cards and evidence register themselves
        from participants import access as bank_access

        bank_access.set_mentor_scope(access.mentor_scope)
        post_migrate.connect(defaults.fill, sender=self, dispatch_uid="pairs.defaults")
