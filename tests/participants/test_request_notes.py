"""Third-party information about a mentee's request."""

from django.urls import reverse

from mentoring import roles
from participants.models import RequestNote
from tests.factories import make_user


def test_a_class_leader_tells_about_a_student_of_own_class(client, personas, bank):
    client.force_login(personas.class_leader)
    mentee = bank.mentees.alyona
    response = client.post(
        reverse("request_note_add", args=[mentee.pk]), {"source": "parent", "text": "Мама просит помочь с алгеброй"}
    )
    assert response.status_code == 302
    note = RequestNote.objects.get()
    assert (note.author, note.author_role, note.source) == (personas.class_leader, "class_leader", "parent")
    card = client.get(mentee.person.get_absolute_url()).content.decode()
    assert "Мама просит помочь с алгеброй" in card
    assert "Белова Наталья, классный руководитель · со слов родителя" in card


def test_a_class_leader_may_not_tell_about_another_class(client, personas, bank):
    client.force_login(personas.class_leader)
    response = client.post(reverse("request_note_add", args=[bank.mentees.egor.pk]), {"source": "author", "text": "x"})
    assert response.status_code == 404
    assert not RequestNote.objects.exists()


def test_the_psychologist_finds_a_mentee_by_name_and_reports(client, personas, bank):
    psychologist = make_user("psy", [roles.TEACHER], position="Педагог-психолог")
    client.force_login(psychologist)
    found = client.get(reverse("request_note_report"), {"q": "егоров"})
    assert [m.person.full_name for m in found.context["found"]] == ["Егоров Егор"]
    assert "Психолог" not in found.content.decode()  # nothing of the record beyond name and class
    mentee = bank.mentees.egor
    response = client.post(
        reverse("request_note_report"), {"mentee": mentee.pk, "source": "author", "text": "Тревожность"}
    )
    assert response.status_code == 302
    note = RequestNote.objects.get()
    assert (note.author_role, note.mentee) == ("psychologist", mentee)


def test_a_short_query_finds_nothing(client, personas, bank):
    client.force_login(personas.teacher)
    assert list(client.get(reverse("request_note_report"), {"q": "ег"}).context["found"]) == []


def test_a_staff_member_reports_as_staff(client, personas, bank):
    client.force_login(personas.teacher)
    client.post(
        reverse("request_note_report"), {"mentee": bank.mentees.egor.pk, "source": "author", "text": "Наблюдение"}
    )
    assert RequestNote.objects.get().author_role == "staff"


def test_the_director_and_outsiders_may_not_report(client, personas, bank):
    for persona in ["director", "outsider"]:
        client.force_login(getattr(personas, persona))
        assert client.get(reverse("request_note_report")).status_code == 403
