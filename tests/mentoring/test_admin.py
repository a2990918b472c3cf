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


def test_the_curator_cannot_touch_superusers_or_staff_accounts(client, personas):
    from tests.factories import make_user

    root = make_user("root", is_superuser=True, is_staff=True)
    it = make_user("it", is_staff=True)
    client.force_login(personas.curator)
    for user in (root, it):
        assert client.get(reverse("admin:mentoring_user_change", args=[user.pk])).status_code == 302
        password_url = reverse("admin:auth_user_password_change", args=[user.pk])
        response = client.post(password_url, {"password1": "Захват-2026-пароль", "password2": "Захват-2026-пароль"})
        assert response.status_code == 404
        user.refresh_from_db()
        assert user.check_password("password")
    listing = client.get(reverse("admin:mentoring_user_changelist")).content.decode()
    assert "root" not in listing and "teacher" in listing


def test_activities_are_not_added_or_deleted_in_the_admin(client, personas, year):
    client.force_login(personas.curator)
    assert client.get(reverse("admin:mentoring_roadmapactivity_add")).status_code == 403
