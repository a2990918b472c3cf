"""Who is trying to log in, from where: the keys of login throttling (django-axes) and of the logs."""

import unicodedata

from django.conf import settings
from django.shortcuts import render


def client_address(request):
    """The address the request came from.

    Behind the reverse proxy (``BEHIND_HTTPS_PROXY``) that is the last address the proxy appended
    to X-Forwarded-For; anything before it was written by the client and proves nothing.
    """
    if settings.BEHIND_HTTPS_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR")


def attempted_username(request, credentials):
    """The login as the login form reads it (NFKC, no surrounding spaces).

    Counting failures under the typed text would let « curator», «curator » and «curator  » each
    have their own five attempts, while all of them try the same account.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    typed = (credentials or {}).get(field) or request.POST.get(field) or ""
    return unicodedata.normalize("NFKC", str(typed)).strip()


def locked_out(request, original_response=None, credentials=None):
    """The page a locked-out login gets instead of the login form (429 Too Many Requests)."""
    context = {
        "username": attempted_username(request, credentials),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/locked_out.html", context, status=429)
