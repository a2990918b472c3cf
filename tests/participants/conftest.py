from types import SimpleNamespace

import pytest

from participants.models import Mentee, MentoringForm, Person
from tests.factories import make_class, make_consent, make_mentee, make_mentor, make_person

# The smallest file each kind of upload recognises by its content.
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded files go to a temporary folder, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def bank(year, personas):
    """A small bank: students of 7А (led by the class leader persona) and 8Б, a young teacher, mentors."""
    class_7a = personas.class_leader.person.led_classes.get()
    class_8b = make_class(year, 8, "Б")
    student_form = MentoringForm.objects.get(name="ученик – ученик")
    teacher_form = MentoringForm.objects.get(name="учитель – учитель")
    alyona = make_person(last_name="Семёнова", first_name="Алёна", patronymic="Игоревна", school_class=class_7a)
    boris = make_person(last_name="Абрамов", first_name="Борис", school_class=class_7a)
    egor = make_person(last_name="Егоров", first_name="Егор", school_class=class_8b)
    young = make_person(last_name="Юрьева", first_name="Яна", kind=Person.Kind.TEACHER, position="Учитель химии")
    mentees = SimpleNamespace(
        alyona=make_mentee(alyona, status=Mentee.Status.IN_BANK, form=student_form, request="Алгебра"),
        boris=make_mentee(boris, form=student_form),
        egor=make_mentee(egor, status=Mentee.Status.SUPPORT, support="Психолог", form=student_form),
        young=make_mentee(young, form=teacher_form),
    )
    make_consent(alyona, given_by="representative")
    make_consent(egor, kind="dissemination", given_by="representative")
    senior = make_person(last_name="Ёжиков", first_name="Илья", school_class=make_class(year, 10, "А"))
    teacher = make_person(last_name="Ильина", first_name="Ольга", kind=Person.Kind.TEACHER, position="Учитель")
    mentors = SimpleNamespace(
        senior=make_mentor(senior, forms=[student_form]),
        teacher=make_mentor(teacher, forms=[teacher_form], capacity=2),
    )
    make_consent(teacher)
    return SimpleNamespace(
        class_7a=class_7a, class_8b=class_8b, mentees=mentees, mentors=mentors, student_form=student_form
    )


def names(response):
    """The names listed on a bank page, in order."""
    return [row.person.full_name for row in response.context["page"]]
