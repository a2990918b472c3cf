"""Roadmap evidence that questionnaires produce (stages 2, 3 and 6)."""

from django.db.models import Exists, OuterRef

from mentoring import evidence
from participants.models import Mentee
from surveys import codes
from surveys.models import Answer, Question, Response, Survey


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
    growth = Question.objects.filter(survey__year=year, code__startswith=codes.GROWTH_PREFIX)
    assessed = Answer.objects.filter(question__in=growth)
    # Two anti-joins rather than NOT (… OR …): the database hashes each once instead of probing per mentee.
    unassessed = bank.filter(
        ~Exists(assessed.filter(response__subject=OuterRef("person"))),
        ~Exists(assessed.filter(response__mentee=OuterRef("pk"))),
    )
    return bank.exists() and not unassessed.exists()


@evidence.register("satisfaction_surveyed", "Проведено анкетирование участников по итогам программы")
def satisfaction_surveyed(year):
    return _answered(year, Survey.Purpose.AFTER)
