"""Filling in a survey through a personal or an open link: no login, one response per link.

A link shows only its own form, never anyone's answers, not even the respondent's own.
"""

import secrets

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from surveys import filling
from surveys.models import Invitation, Survey

SUBMISSION_KEY = "submission_key"
STALE_PAGE = "Страница анкеты устарела, ответы не сохранены. Проверьте их и нажмите «Отправить ответы» ещё раз."


@never_cache
@csrf_protect
def fill(request, token):
    """surveys/fill.html for the person the link was made for; a clear page when it cannot be used."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("survey", "subject__school_class", "respondent"), token=token
    )
    survey = invitation.survey
    if invitation.used_at:
        return _closed(request, survey, "answered")
    if reason := _unusable(invitation):
        return _closed(request, survey, reason)
    form = filling.ResponseForm(filling.questions_of(survey), request.POST or None)
    if form.is_valid():
        try:
            filling.save(survey, form, invitation=invitation, user=request.user)
        except filling.AlreadyAnswered:
            return _closed(request, survey, "answered")
        return redirect("survey_fill", token=token)  # now shows the thanks
    return render(request, "surveys/fill.html", {"survey": survey, "form": form, "invitation": invitation})


@never_cache
@csrf_protect
def open_fill(request, token):
    """surveys/fill.html for anyone holding the survey's open link, such as «Хочу стать наставником»."""
    survey = get_object_or_404(Survey, open_token=token, is_template=False)
    if not survey.is_open:
        return _closed(request, survey, "closed")
    key = request.POST.get(SUBMISSION_KEY, "")
    form = filling.ResponseForm(filling.questions_of(survey), request.POST or None)
    if form.is_valid() and _well_formed(key):
        try:
            filling.save(survey, form, submission_key=key, user=request.user)
        except filling.AlreadyAnswered:
            return _closed(request, survey, "answered")
        return redirect("survey_open_done", token=token)
    if form.is_valid():  # the answers are fine, the page's one-time key is missing or damaged
        form.add_error(None, STALE_PAGE)
    context = {"survey": survey, "form": form, "submission_key": secrets.token_urlsafe(24)}
    return render(request, "surveys/fill.html", context)


def open_done(request, token):
    survey = get_object_or_404(Survey, open_token=token, is_template=False)
    return _closed(request, survey, "answered")


def _unusable(invitation):
    if invitation.revoked_at:
        return "revoked"
    if invitation.is_expired:
        return "expired"
    survey = invitation.survey
    if survey.is_open:
        return ""
    return "not_open" if survey.state in ("ожидает открытия", "черновик") else "closed"


def _well_formed(key):
    return 16 <= len(key) <= 64 and key.replace("-", "").replace("_", "").isalnum()


def _closed(request, survey, reason):
    """surveys/link_closed.html: thanks after answering, or why the link cannot be used."""
    status = 200 if reason == "answered" else 410
    return render(request, "surveys/link_closed.html", {"survey": survey, "reason": reason}, status=status)
