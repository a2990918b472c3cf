"""Roadmap evidence that the banks produce (stages 2–4)."""

from mentoring import evidence
from participants.models import Consent, Mentee, Mentor, TrainingEvent


@evidence.register("mentee_bank", "Банк наставляемых сформирован (есть наставляемые «в банке»)")
def mentee_bank_formed(year):
    return Mentee.objects.filter(year=year).exclude(status=Mentee.Status.APPLICATION).exists()


@evidence.register("mentee_consents", "У всех наставляемых есть согласие на обработку персональных данных")
def mentee_consents_collected(year):
    return _all_consented(Mentee.objects.filter(year=year))


@evidence.register("mentor_bank", "Банк наставников сформирован (есть наставники после собеседования)")
def mentor_bank_formed(year):
    return Mentor.objects.filter(year=year).exclude(status=Mentor.Status.CANDIDATE).exists()


@evidence.register("mentor_consents", "У всех наставников есть согласие на обработку персональных данных")
def mentor_consents_collected(year):
    return _all_consented(Mentor.objects.filter(year=year))


@evidence.register("mentor_training", "Проведена установочная сессия для наставников")
def mentor_training_held(year):
    return TrainingEvent.objects.filter(year=year, kind=TrainingEvent.Kind.INDUCTION).exists()


def _all_consented(records):
    """A non-empty bank whose every person has an active personal-data consent."""
    consented = Consent.objects.filter(kind=Consent.Kind.PERSONAL_DATA, withdrawn_on__isnull=True).values("person")
    return records.exists() and not records.exclude(person__in=consented).exists()
