from django.apps import AppConfig
from django.db.models.signals import post_migrate

from mentoring import roles
from mentoring.permissions import model_permissions

_MODELS = ["survey", "section", "question", "choice", "invitation", "response", "answer"]


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "Анкеты"
    role_permissions = {
        roles.CURATOR: model_permissions("surveys", _MODELS),
        roles.ADMINISTRATION: model_permissions("surveys", _MODELS, ("view",)),
    }

    def ready(self):
        from surveys import cards, evidence, library  # noqa: F401  cards and evidence register themselves

        post_migrate.connect(library.install, sender=self, dispatch_uid="surveys.library")
        _guard_closed_years()


def _guard_closed_years():
    """A closed year's surveys and answers stay as they were (templates have no year)."""
    from mentoring.closing import guard
    from surveys.models import Answer, Choice, Invitation, Question, Response, Section, Survey

    guard(Survey, "year")
    guard(Section, "survey__year")
    guard(Question, "survey__year")
    guard(Choice, "question__survey__year")
    guard(Invitation, "survey__year")
    guard(Response, "survey__year")
    guard(Answer, "response__survey__year")
