"""Roadmap evidence that pairs, programmes and meetings produce (stage 5)."""

from django.db.models import Exists, OuterRef

from mentoring import evidence
from pairs.models import Event, MatchingRun, Meeting, Mentorship, Programme
from participants.models import Mentee
from surveys.models import Response, Survey


def _mentorships(year):
    return Mentorship.objects.filter(year=year)


def _unpaired(year):
    """The year's bank mentees without an open or finished pair or group."""
    return (
        Mentee.objects.filter(year=year)
        .exclude(status__in=[Mentee.Status.APPLICATION, Mentee.Status.DROPPED])
        .exclude(mentorships__status__in=[*Mentorship.OPEN, Mentorship.Status.FINISHED])
    )


def _left_unsupported(year):
    return _unpaired(year).exclude(status=Mentee.Status.SUPPORT).exists()


@evidence.register(
    "pairs_formed", "Сформированы пары и группы: каждый наставляемый банка в паре, группе или на сопровождении"
)
def pairs_formed(year):
    return _mentorships(year).exists() and not _left_unsupported(year)


@evidence.register("programmes_approved", "У каждой пары и группы есть программа с утверждённым календарём встреч")
def programmes_approved(year):
    working = _mentorships(year).open()
    approved = Programme.objects.filter(mentorship=OuterRef("pk"), calendar_approved_at__isnull=False)
    return working.exists() and not working.exclude(Exists(approved)).exists()


@evidence.register("unpaired_supported", "Наставляемым без пары оказывается сопровождение")
def unpaired_supported(year):
    """Done once the pool has been matched and whoever it left without a pair is supported."""
    return MatchingRun.objects.filter(year=year).exists() and not _left_unsupported(year)


@evidence.register("pairs_fixed", "Пары и группы закреплены приказом")
def pairs_fixed(year):
    current = _mentorships(year).exclude(status=Mentorship.Status.TERMINATED)
    return current.exists() and not current.filter(status=Mentorship.Status.PROPOSED).exists()


@evidence.register("groups_formed", "Сформированы группы наставляемых")
def groups_formed(year):
    return _mentorships(year).filter(is_group=True).exists()


@evidence.register("meetings_and_feedback", "Встречи ведутся в журнале, получена обратная связь участников")
def meetings_and_feedback(year):
    held = Meeting.objects.filter(mentorship__year=year, held=True).exists()
    return held and Response.objects.filter(survey__year=year, survey__purpose=Survey.Purpose.FEEDBACK).exists()


@evidence.register("final_meetings", "Каждая пара и группа провела итоговую встречу")
def final_meetings(year):
    current = _mentorships(year).exclude(status=Mentorship.Status.TERMINATED)
    final = Meeting.objects.filter(mentorship=OuterRef("pk"), stage=Meeting.Stage.FINAL, held=True)
    return current.exists() and not current.exclude(Exists(final)).exists()


@evidence.register("final_event", "Проведена групповая заключительная встреча всех пар и групп")
def final_event(year):
    return Event.objects.filter(year=year, kind=Event.Kind.FINAL, mentorships__isnull=False).exists()


@evidence.register("results_in_banks", "Итоги программы внесены в базы наставников и наставляемых")
def results_in_banks(year):
    mentorships = _mentorships(year)
    return mentorships.filter(status=Mentorship.Status.FINISHED).exists() and not mentorships.open().exists()


@evidence.register("best_practices", "Отобраны лучшие практики")
def best_practices(year):
    return _mentorships(year).filter(best_practice=True).exists()
