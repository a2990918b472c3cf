"""Logging in: throttling of failed attempts, strong passwords, sessions that end."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mentoring import roles
from tests.factories import make_user

LOGIN = reverse("login")
LOCKED = "Вход временно заблокирован"


def attempt(client, username, password="wrong-password"):
    return client.post(LOGIN, {"username": username, "password": password})


def fail(client, username, times):
    """``times`` wrong passwords: the form says so up to the fourth, the fifth locks the login."""
    for number in range(1, times + 1):
        response = attempt(client, username)
        if number < 5:
            assert response.status_code == 200
            assert "введите правильные имя пользователя и пароль" in response.content.decode()
        else:
            assert response.status_code == 429
            assert LOCKED in response.content.decode()


def from_address(address, **headers):
    return Client(REMOTE_ADDR=address, **headers)


def test_five_failures_lock_the_login_from_that_address_for_fifteen_minutes(personas):
    client = from_address("10.0.0.5")
    fail(client, "teacher", 5)

    response = attempt(client, "teacher", "password")  # the right password no longer helps
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page
    assert "Неудачных попыток войти под логином «teacher»: 5." in page
    assert "15 мин." in page
    assert "_auth_user_id" not in client.session

    lock = AccessAttempt.objects.get(username="teacher", ip_address="10.0.0.5")
    lock.attempt_time = timezone.now() - datetime.timedelta(minutes=16)
    lock.save(update_fields=["attempt_time"])
    response = attempt(client, "teacher", "password")
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_four_failures_and_a_success_start_the_count_again(personas):
    client = from_address("10.0.0.6")
    fail(client, "teacher", 4)
    assert attempt(client, "teacher", "password").status_code == 302
    client.post(reverse("logout"))
    fail(client, "teacher", 4)
    assert attempt(client, "teacher", "password").status_code == 302


def test_the_lock_is_for_that_login_from_that_address_only(personas):
    fail(from_address("10.0.0.7"), "teacher", 5)
    assert attempt(from_address("10.0.0.7"), "teacher", "password").status_code == 429
    # A colleague behind the same school address logs in; the teacher does from elsewhere.
    assert attempt(from_address("10.0.0.7"), "director", "password").status_code == 302
    assert attempt(from_address("10.0.0.8"), "teacher", "password").status_code == 302


def test_spaces_and_lookalike_characters_around_a_login_count_as_the_same_login(personas):
    client = from_address("10.0.0.9")
    for typed in ["teacher", " teacher", "teacher ", "  teacher", "ｔｅａｃｈｅｒ"]:
        attempt(client, typed)
    assert attempt(client, "teacher", "password").status_code == 429


def test_a_forged_forwarded_for_header_does_not_escape_the_lock(personas):
    for n in range(6):
        response = attempt(from_address("10.0.0.10", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"), "teacher")
    assert response.status_code == 429


def test_behind_the_proxy_the_address_is_the_one_the_proxy_appended(personas, settings):
    settings.BEHIND_HTTPS_PROXY = True
    proxy = "10.0.0.1"
    for n in range(5):
        attempt(from_address(proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.4"), "teacher")
    locked = from_address(proxy, HTTP_X_FORWARDED_FOR="203.0.113.4")
    assert attempt(locked, "teacher", "password").status_code == 429
    other = from_address(proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert attempt(other, "teacher", "password").status_code == 302
    assert AccessAttempt.objects.get(username="teacher").ip_address == "203.0.113.4"


def test_the_curator_sees_a_lock_and_lifts_it(personas):
    fail(from_address("10.0.0.11"), "teacher", 5)
    curator = Client()
    curator.force_login(personas.curator)
    listing = curator.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200
    assert "teacher" in listing.content.decode()

    lock = AccessAttempt.objects.get(username="teacher")
    response = curator.post(reverse("admin:axes_accessattempt_delete", args=[lock.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert attempt(from_address("10.0.0.11"), "teacher", "password").status_code == 302


@pytest.mark.parametrize("persona", ["director", "teacher"])
def test_no_one_else_sees_the_locks(client, personas, persona):
    client.force_login(getattr(personas, persona))
    response = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 302
    assert "/login/" in response.url


@pytest.mark.parametrize(
    "password",
    [
        "1234567890",  # digits only
        "Наставничество",  # letters only
        "aaaaaaaaa1",  # one letter repeated
        "qwertyuiop1",  # a keyboard row
        "йцукенгшщз7",  # the Russian keyboard's row
        "Пароль-654321",  # digits down the row
        "абвгдеж2026",  # the alphabet
        "вгдежз-2026",  # the alphabet typed without «ё»
        "password123",  # a common password
        "Коротк-1",  # too short
        "sokolova2026",  # the user's own name
    ],
)
def test_weak_passwords_are_refused_with_a_reason_in_russian(personas, password):
    user = personas.curator
    user.last_name = "Sokolova"
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert all(any("а" <= char <= "я" for char in message.lower()) for message in refused.value.messages)


@pytest.mark.parametrize("password", ["Наставничество-2026", "nastavnik2026", "Лес-у-реки-7", "g7#Kp2!vQz"])
def test_strong_passwords_pass(personas, password):
    validate_password(password, personas.teacher)


def test_the_password_form_explains_the_rules(client, personas):
    client.force_login(personas.teacher)
    response = client.post(
        reverse("password_change"),
        {"old_password": "password", "new_password1": "qwerty2026x", "new_password2": "qwerty2026x"},
    )
    assert response.status_code == 200
    assert "ряд клавиш" in response.content.decode()
    personas.teacher.refresh_from_db()
    assert personas.teacher.check_password("password")


def test_a_session_ends_with_the_browser_and_after_a_working_day(client, personas):
    response = client.post(LOGIN, {"username": "teacher", "password": "password"})
    cookie = response.cookies["sessionid"]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # gone when the browser closes
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"

    session = Session.objects.get(session_key=cookie.value)
    lifetime = session.expire_date - timezone.now()
    assert datetime.timedelta(hours=7, minutes=59) < lifetime <= datetime.timedelta(hours=8)
    assert client.get(reverse("home")).status_code == 200

    session.expire_date = timezone.now() - datetime.timedelta(seconds=1)
    session.save()
    response = client.get(reverse("people"))
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)


def test_changing_the_password_ends_the_other_sessions(personas):
    user = make_user("changer", [roles.TEACHER])
    office, home = Client(), Client()
    for browser in (office, home):
        assert browser.post(LOGIN, {"username": "changer", "password": "password"}).status_code == 302
    office.post(
        reverse("password_change"),
        {"old_password": "password", "new_password1": "Лес-у-реки-7", "new_password2": "Лес-у-реки-7"},
    )
    assert office.get(reverse("home")).status_code == 200
    assert home.get(reverse("home")).status_code == 302
    user.refresh_from_db()
    assert user.check_password("Лес-у-реки-7")


def test_an_inactive_user_cannot_log_in_and_loses_an_open_session(client, personas):
    client.force_login(personas.teacher)
    personas.teacher.is_active = False
    personas.teacher.save()
    assert client.get(reverse("home")).status_code == 302
    assert attempt(Client(), "teacher", "password").status_code == 200
