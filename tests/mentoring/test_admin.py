from django.urls import reverse


def test_the_curator_manages_users_in_russian_without_granting_superuser(client, personas):
    client.force_login(personas.curator)
    response = client.get(reverse("admin:mentoring_user_change", args=[personas.teacher.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Отчество" in content
    assert 'name="groups"' in content
    assert 'name="is_superuser"' not in content
    assert 'name="user_permissions"' not in content


def test_the_curator_searches_people_and_filters_activities(client, personas, year):
    client.force_login(personas.curator)
    assert client.get(reverse("admin:participants_person_changelist"), {"q": "Белова"}).status_code == 200
    assert client.get(reverse("admin:mentoring_roadmapactivity_changelist")).status_code == 200
    assert client.get(reverse("admin:participants_schoolclass_changelist")).status_code == 200


def test_the_curator_cannot_edit_groups(client, personas):
    client.force_login(personas.curator)
    response = client.get(reverse("admin:auth_group_change", args=[personas.curator.groups.first().pk]))
    assert 'name="permissions"' not in response.content.decode()
