"""Roadmap evidence that questionnaires produce (stages 2, 3 and 6)."""

from django.db.models import Q

from mentoring import evidence
from participants.models import Mentee
from surveys import codes
from surveys.models import Answer, Response, Survey


def _answered(year, purpose):
    return Response.objects.filter(survey__year=year, survey__purpose=purpose).exists()


@evidence.register("mentee_questionnaires", "Получены анкеты желающих стать наставляемыми")
def mentee_questionnaires(year):
    return _answered(year, Survey.Purpose.MENTEE_INTAKE)


@evidence.register("third_party_info", "Получены сведения о запросах наставляемых от третьих лиц")
def third_party_info(year):
    return _answered(year, Survey.Purpose.THIRD_PARTY)


@evidence.register("mentor_questionnaires", "Получены анкеты потенциальных наставников")
def mentor_questionnaires(year):
    return _answered(year, Survey.Purpose.MENTOR_INTAKE)


@evidence.register("mentee_baseline", "У каждого наставляемого банка есть стартовая оценка")
def mentee_baseline(year):
    bank = Mentee.objects.filter(year=year).exclude(status=Mentee.Status.APPLICATION)
    assessed = Answer.objects.filter(question__code__startswith=codes.GROWTH_PREFIX, response__survey__year=year)
    unassessed = bank.exclude(
        Q(person__in=assessed.filter(response__subject__isnull=False).values("response__subject"))
        | Q(pk__in=assessed.filter(response__mentee__isnull=False).values("response__mentee"))
    )
    return bank.exists() and not unassessed.exists()


@evidence.register("satisfaction_surveyed", "Проведено анкетирование участников по итогам программы")
def satisfaction_surveyed(year):
    return _answered(year, Survey.Purpose.AFTER)
