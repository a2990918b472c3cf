from django.urls import reverse


def test_a_user_logs_in_with_a_password_and_lands_home(client, personas):
    response = client.post(reverse("login"), {"username": "curator", "password": "password"})
    assert response.status_code == 302
    assert response.url == reverse("home")
    page = client.get(reverse("home")).content.decode()
    assert "Дорожная карта" in page


def test_a_wrong_password_is_explained_in_russian(client, personas):
    response = client.post(reverse("login"), {"username": "curator", "password": "wrong"})
    assert response.status_code == 200
    assert "Пожалуйста, введите правильные имя пользователя и пароль" in response.content.decode()


def test_the_login_page_returns_to_the_page_asked_for(client, personas):
    response = client.post(
        reverse("login") + "?next=/roadmap/", {"username": "director", "password": "password", "next": "/roadmap/"}
    )
    assert response.url == "/roadmap/"


def test_logout_needs_post(client, personas):
    client.force_login(personas.teacher)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_a_user_changes_the_password(client, personas):
    client.force_login(personas.teacher)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "password",
            "new_password1": "Наставничество-2026",
            "new_password2": "Наставничество-2026",
        },
    )
    assert response.status_code == 302
    personas.teacher.refresh_from_db()
    assert personas.teacher.check_password("Наставничество-2026")


def test_a_weak_new_password_is_refused(client, personas):
    client.force_login(personas.teacher)
    response = client.post(
        reverse("password_change"),
        {"old_password": "password", "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert "Введённый пароль слишком короткий" in response.content.decode()


def test_the_menu_shows_sections_by_role(client, personas):
    client.force_login(personas.curator)
    assert 'href="/roadmap/"' in client.get(reverse("home")).content.decode()
    client.force_login(personas.teacher)
    assert 'href="/roadmap/"' not in client.get(reverse("home")).content.decode()


def test_pages_carry_a_strict_content_security_policy(client, personas):
    client.force_login(personas.curator)
    policy = client.get(reverse("roadmap"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_a_stale_form_gets_a_russian_page_and_changes_nothing(personas):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.curator)
    response = client.post(reverse("year_add"), {"start_year": 2030})
    assert response.status_code == 403
    assert "Форма устарела" in response.content.decode()
