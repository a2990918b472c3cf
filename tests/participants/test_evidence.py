"""The roadmap activities of stages 2–4 that the banks prove."""

import datetime

from mentoring import evidence
from participants.models import Consent, Mentee, Mentor, TrainingEvent
from tests.factories import make_consent, make_mentee, make_mentor, make_person, make_year


def _proven(code, year):
    return evidence.evaluate([code], year)[code]


def test_the_mentee_bank_is_formed_when_consents_are_all_there(year):
    assert not _proven("mentee_consents", year)
    mentee = make_mentee(status=Mentee.Status.IN_BANK)
    assert _proven("mentee_bank", year)
    assert not _proven("mentee_consents", year)
    consent = make_consent(mentee.person, given_by="representative")
    assert _proven("mentee_consents", year)
    consent.withdrawn_on = datetime.date(2026, 10, 1)
    consent.save()
    assert not _proven("mentee_consents", year)


def test_the_mentor_bank_needs_a_mentor_past_the_interview_and_consents(year):
    mentor = make_mentor()
    assert not _proven("mentor_bank", year)
    Mentor.objects.update(status=Mentor.Status.INTERVIEWED)
    assert _proven("mentor_bank", year)
    assert not _proven("mentor_consents", year)
    make_consent(mentor.person, kind=Consent.Kind.PERSONAL_DATA)
    assert _proven("mentor_consents", year)


def test_an_induction_session_proves_the_training(year):
    assert not _proven("mentor_training", year)
    TrainingEvent.objects.create(year=year, kind="exchange", title="Обмен опытом", held_on=datetime.date(2026, 10, 1))
    assert not _proven("mentor_training", year)
    TrainingEvent.objects.create(year=year, kind="induction", title="Установочная", held_on=datetime.date(2026, 10, 2))
    assert _proven("mentor_training", year)


def test_another_years_bank_proves_nothing(year):
    other = make_year(2027, current=False)
    make_consent(make_mentee(make_person(), year=other, status=Mentee.Status.IN_BANK).person)
    assert not _proven("mentee_bank", year)
