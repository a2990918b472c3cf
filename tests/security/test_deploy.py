"""Production settings: Django's deployment checks, HTTPS, cookies, and a strict Content Security Policy."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]

# The environment of a production server, as README's table describes it.
PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "nastavnik.school43.ru",
    "DATABASE_URL": "postgres://mentoring@db.internal:5432/mentoring",
    "BEHIND_HTTPS_PROXY": "true",
}


def run_with(environment, *args):
    inherited = {"DEBUG", "SECRET_KEY", "SECURE_COOKIES", "DATABASE_URL"}
    env = {key: value for key, value in os.environ.items() if key not in inherited}
    env.update(environment, DJANGO_SETTINGS_MODULE="mentoring.settings")
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def production_settings(**overrides):
    """The values Django ends up with in a fresh process under the production environment."""
    names = [
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "X_FRAME_OPTIONS",
        "SECURE_PROXY_SSL_HEADER",
    ]
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    result = run_with({**PRODUCTION, **overrides}, "-c", code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_deployment_checks_find_nothing_in_production():
    result = run_with(PRODUCTION, "manage.py", "check", "--deploy", "--fail-level", "DEBUG")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_production_is_https_only_with_secure_cookies_and_hsts():
    values = production_settings()
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_hsts_is_configurable():
    assert production_settings(SECURE_HSTS_SECONDS="600")["SECURE_HSTS_SECONDS"] == 600
    intranet = production_settings(SECURE_COOKIES="false")
    assert intranet["SECURE_HSTS_SECONDS"] == 0
    assert intranet["SECURE_SSL_REDIRECT"] is False
    assert intranet["SESSION_COOKIE_SECURE"] is False


def test_production_refuses_to_start_without_a_secret_key():
    environment = {key: value for key, value in PRODUCTION.items() if key != "SECRET_KEY"}
    result = run_with(environment, "manage.py", "check")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_every_response_carries_the_protective_headers(client, personas, settings):
    settings.SECURE_HSTS_SECONDS = 365 * 24 * 3600
    curator = Client()
    curator.force_login(personas.curator)
    pages = [(client, reverse("login")), (client, reverse("public_home")), (curator, reverse("people"))]
    for browser, url in pages:
        response = browser.get(url, secure=True)
        assert response.status_code == 200, url
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Strict-Transport-Security"].startswith("max-age=31536000")
        directives = [directive.split() for directive in response["Content-Security-Policy"].split(";")]
        policy = {name: values for name, *values in directives}
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["object-src"] == ["'none'"]
        assert "unsafe" not in response["Content-Security-Policy"]


def test_plain_http_is_redirected_to_https_but_the_health_probe_is_not(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("login"))
    assert response.status_code == 301
    assert response.url == "https://testserver/login/"
    assert client.get(reverse("healthz")).status_code == 200


def extended(path, text):
    match = re.search(r'{%\s*extends\s+"([^"]+)"', text)
    return match.group(1) if match else None


def served_templates():
    """Every template a browser gets as HTML: all but those printed to PDF (which extend print/base.html)."""
    files = {}
    for folder in [ROOT / "templates", *ROOT.glob("*/templates")]:
        for path in folder.rglob("*.html"):
            files[path.relative_to(folder).as_posix()] = path.read_text()

    def printed(name, seen=()):
        if name == "print/base.html":
            return True
        parent = extended(name, files.get(name, ""))
        return parent is not None and parent not in seen and printed(parent, (*seen, name))

    printed_by_hand = {"reports/demo/memo.html"}  # the demo's memo, rendered straight to PDF
    return {name: text for name, text in files.items() if not printed(name) and name not in printed_by_hand}


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline script"),
    (re.compile(r"<style\b", re.I), "an inline style sheet"),
    (re.compile(r"\sstyle\s*=", re.I), "a style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an event handler attribute"),
    (re.compile(r"javascript:", re.I), "a javascript: address"),
]


def test_no_template_served_to_a_browser_has_inline_scripts_or_styles():
    templates = served_templates()
    assert len(templates) > 100
    found = [f"{name}: {what}" for name, text in templates.items() for pattern, what in INLINE if pattern.search(text)]
    assert found == []


@pytest.mark.parametrize("pattern, what", INLINE)
def test_the_inline_check_recognises_what_it_looks_for(pattern, what):
    samples = {
        "an inline script": "<script>alert(1)</script>",
        "an inline style sheet": "<style>p{}</style>",
        "a style attribute": '<p style="color:red">',
        "an event handler attribute": '<img src="x" onerror="alert(1)">',
        "a javascript: address": '<a href="javascript:alert(1)">',
    }
    assert pattern.search(samples[what])
    assert not pattern.search('<script src="/static/js/app.js"></script><p class="x">')


def test_the_test_settings_differ_from_production_only_in_speed_and_plain_http():
    assert settings.MIDDLEWARE[0] == "django.middleware.security.SecurityMiddleware"
    assert "csp.middleware.CSPMiddleware" in settings.MIDDLEWARE
    assert "django.middleware.clickjacking.XFrameOptionsMiddleware" in settings.MIDDLEWARE
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
