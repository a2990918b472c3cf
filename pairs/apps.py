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
        _guard_closed_years()


def _guard_closed_years():
    """A closed year's pairs, programmes, meetings and matching stay as they were; a pair may still
    be marked a best practice and linked to its case at the year's completion."""
    from mentoring.closing import guard
    from pairs import models

    guard(models.Mentorship, "year", allow={"case", "best_practice", "updated_at"})
    for model in (models.Membership, models.Programme, models.Meeting):
        guard(model, "mentorship__year")
    for model in (models.Event, models.MatchingRun, models.PairRule):
        guard(model, "year")
    guard(models.Proposal, "run__year")
