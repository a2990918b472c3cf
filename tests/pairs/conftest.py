"""A small school for the pairs tests: two classes, mentees, mentors, one mentor with a login."""

from types import SimpleNamespace

import pytest

from participants.models import MentoringForm, Person
from tests.factories import make_class, make_mentee, make_mentor, make_mentorship, make_person


@pytest.fixture
def forms(db):
    return SimpleNamespace(
        student=MentoringForm.objects.get(name="ученик – ученик"),
        teacher_student=MentoringForm.objects.get(name="учитель – ученик"),
        teachers=MentoringForm.objects.get(name="учитель – учитель"),
    )


@pytest.fixture
def school(db, year, personas, forms):
    """7А (led by the class leader) with two mentees; 10Б with a student mentor; two adult mentors,
    one of them the ``mentor`` user; a pair of the ``mentor`` user and another mentor's pair."""
    seventh = personas.class_leader.person.led_classes.get(year=year)
    tenth = make_class(year, 10, "Б")
    anna = make_mentee(make_person(last_name="Антонова", first_name="Анна", school_class=seventh), form=forms.student)
    boris = make_mentee(make_person(last_name="Борисов", first_name="Борис", school_class=seventh), form=forms.student)
    vera = make_mentee(make_person(last_name="Веселова", first_name="Вера", school_class=tenth), form=forms.student)
    student_mentor = make_mentor(
        make_person(last_name="Старшеклассников", first_name="Глеб", school_class=tenth), forms=[forms.student]
    )
    mentor_person = make_person(
        last_name="Королёв", first_name="Дмитрий", kind=Person.Kind.TEACHER, user=personas.mentor
    )
    own_mentor = make_mentor(mentor_person, forms=[forms.teacher_student, forms.student], capacity=3)
    other_mentor = make_mentor(
        make_person(last_name="Другова", first_name="Елена", kind=Person.Kind.TEACHER), forms=[forms.teacher_student]
    )
    own_pair = make_mentorship(own_mentor, [anna], form=forms.teacher_student, status="active")
    other_pair = make_mentorship(other_mentor, [vera], form=forms.teacher_student, status="active")
    return SimpleNamespace(
        seventh=seventh,
        tenth=tenth,
        anna=anna,
        boris=boris,
        vera=vera,
        student_mentor=student_mentor,
        own_mentor=own_mentor,
        other_mentor=other_mentor,
        own_pair=own_pair,
        other_pair=other_pair,
    )
