"""Roadmap evidence of stage 5, from pairs, support, programmes and meetings."""

import pytest

from mentoring import evidence
from pairs import calendar, workflow
from participants.models import Mentee
from tests.factories import make_mentee, make_person
from tests.pairs.test_programmes import make_programme

pytestmark = pytest.mark.django_db


def proven(year, *codes):
    return evidence.evaluate(codes, year)


def test_pairs_are_formed_when_every_bank_mentee_is_paired_or_supported(year, school, personas):
    school.boris.status = Mentee.Status.IN_BANK  # in the bank, without a pair
    school.boris.save()
    assert proven(year, "pairs_formed", "unpaired_supported") == {"pairs_formed": False, "unpaired_supported": False}
    workflow.run(year, personas.curator)
    workflow.support(school.boris, "Консультации педагога-психолога")
    assert proven(year, "pairs_formed", "unpaired_supported") == {"pairs_formed": True, "unpaired_supported": True}


def test_support_is_not_proven_before_the_pool_is_matched(year, school):
    workflow.support(school.boris, "Консультации педагога-психолога")
    assert proven(year, "pairs_formed", "unpaired_supported") == {"pairs_formed": True, "unpaired_supported": False}


def test_programmes_count_once_every_open_pair_has_an_approved_calendar(year, school, personas):
    assert not proven(year, "programmes_approved")["programmes_approved"]
    for mentorship in (school.own_pair, school.other_pair):
        calendar.approve_calendar(make_programme(mentorship), personas.curator)
    assert proven(year, "programmes_approved")["programmes_approved"]


def test_groups_and_fixed_pairs(year, school, personas, forms):
    assert proven(year, "groups_formed", "pairs_fixed") == {"groups_formed": False, "pairs_fixed": True}
    mentees = [school.boris, make_mentee(make_person(last_name="Гусев"), form=forms.student)]
    workflow.make_group(year, school.student_mentor, mentees, "Олимпиада", forms.student, personas.curator)
    assert proven(year, "groups_formed", "pairs_fixed") == {"groups_formed": True, "pairs_fixed": False}
