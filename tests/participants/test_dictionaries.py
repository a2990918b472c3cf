"""The dictionary of forms of mentoring, role models and kinds of teachers' mentoring."""

from django.urls import reverse

from participants.models import MentoringForm, MentoringKind, RoleModel
from tests.factories import make_mentee


def test_the_dictionary_starts_with_the_methodologys_forms(db):
    names = list(MentoringForm.objects.values_list("name", flat=True))
    assert names == [
        "ученик – ученик",
        "учитель – ученик",
        "студент – ученик",
        "работодатель – ученик",
        "работодатель – студент",
        "учитель – учитель",
    ]
    assert not MentoringForm.objects.get(name="работодатель – студент").is_active
    assert RoleModel.objects.filter(form__name="ученик – ученик").count() == 4
    assert RoleModel.objects.filter(form__name="учитель – учитель").count() == 5
    assert MentoringKind.objects.filter(name="реверсивное").exists()


def test_the_curator_edits_a_form_and_its_role_models(curator_client, year):
    form = MentoringForm.objects.get(name="ученик – ученик")
    in_use = form.role_models.get(name="лидер – пассивный")
    make_mentee(form=form, role_model=in_use)
    data = {
        "name": "ученик – ученик",
        "audience": "students",
        "position": 1,
        "is_active": "on",
        "role_models": "равный – равному\nстарший – младший\n\nравный – равному",
        "mentor_kind": "student",
        "min_grade_gap": 3,
        "default_capacity": 2,
        "months": 8,
    }
    response = curator_client.post(reverse("mentoring_form_edit", args=[form.pk]), data, follow=True)
    assert "Не удалены, потому что выбраны у наставляемых: лидер – пассивный." in response.content.decode()
    form.refresh_from_db()
    assert (form.min_grade_gap, form.default_capacity, form.months) == (3, 2, 8)
    assert "старше хотя бы на 3 кл." in response.content.decode()
    assert list(form.role_models.values_list("name", flat=True)) == [
        "равный – равному",
        "старший – младший",
        "лидер – пассивный",
    ]


def test_the_director_reads_the_dictionary_but_may_not_change_it(client, personas):
    client.force_login(personas.director)
    assert client.get(reverse("mentoring_forms")).status_code == 200
    assert client.get(reverse("mentoring_form_add")).status_code == 403
    client.force_login(personas.teacher)
    assert client.get(reverse("mentoring_forms")).status_code == 403


def test_a_kind_is_added(curator_client):
    curator_client.post(reverse("mentoring_kinds"), {"name": "командное", "position": 10})
    assert MentoringKind.objects.filter(name="командное").exists()
