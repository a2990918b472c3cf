from django.urls import reverse

from mentoring.models import School

DATA = {
    "full_name": "Государственное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 43",
    "short_name": "ГБОУ школа № 43",
    "director_title": "Директор",
    "director_name": "Миронов Алексей Николаевич",
    "address": "ул. Школьная, д. 43",
    "city": "Санкт-Петербург",
    "phone": "+7 812 000-00-43",
    "email": "school43@example.ru",
    "site": "school43.example.ru",
}


def test_the_curator_fills_the_requisites_on_one_screen(curator_client):
    response = curator_client.get(reverse("school"))
    assert "Не заполнено" in response.content.decode()
    response = curator_client.post(reverse("school"), DATA)
    assert response.status_code == 302
    school = School.load()
    assert school.short_name == "ГБОУ школа № 43"
    assert school.site == "https://school43.example.ru"
    assert school.director_short_name == "А.Н. Миронов"
    assert school.missing_requisites == []
    assert "ГБОУ школа № 43" in curator_client.get(reverse("home")).content.decode()


def test_the_director_edits_them_too_and_there_stays_one_row(client, personas):
    client.force_login(personas.director)
    client.post(reverse("school"), DATA)
    client.post(reverse("school"), {**DATA, "phone": "+7 812 111-11-11"})
    assert School.objects.count() == 1
    assert School.load().phone == "+7 812 111-11-11"


def test_bad_input_is_explained_and_saves_nothing(curator_client):
    response = curator_client.post(reverse("school"), {**DATA, "email": "не почта", "short_name": ""})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Введите правильный адрес электронной почты." in content
    assert "Обязательное поле." in content
    assert not School.objects.exists()


def test_load_gives_an_empty_school_before_anything_is_saved(db):
    school = School.load()
    assert school.pk is None
    assert "полное наименование" in school.missing_requisites
