"""Who may do what with questionnaires: one place for every view of this app.

- the curator builds, distributes and reads everything;
- the administration reads surveys, their results and responses;
- a class leader sees the invitations of their own class's students and who has answered,
  and reads those students' answers only where the survey is neither confidential nor
  anonymous;
- respondents reach only their own form, through their personal link.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from mentoring import roles
from participants import access as bank_access
from surveys.models import Invitation, Response, Survey

writes = bank_access.writes
reads_everything = bank_access.reads_everyone


def require_reader(user):
    if not reads_everything(user):
        raise PermissionDenied


def get_survey(user, pk, *, write=False):
    """A survey for management (403 for others; 403 to change for the administration)."""
    if not (writes(user) if write else reads_everything(user)):
        raise PermissionDenied
    return get_object_or_404(Survey.objects.select_related("year", "compare_with"), pk=pk)


def class_invitations(user, year):
    """The invitations about students of the classes ``user`` leads in ``year``."""
    classes = bank_access.led_classes(user, year)
    if not classes:
        return Invitation.objects.none()
    return Invitation.objects.filter(survey__year=year, subject__school_class__in=classes)


def reads_class(user, school_class):
    """Management, or the leader of ``school_class``: may see its invitations and print its sheet."""
    return reads_everything(user) or school_class in bank_access.led_classes(user, school_class.year)


def answers_visible_to_class_leader(survey):
    return not survey.confidential and not survey.anonymous


def get_response(user, survey, pk):
    """A response to ``survey`` that ``user`` may read, else 404 (403 for someone who reads none)."""
    response = get_object_or_404(Response.objects.for_list().filter(survey=survey), pk=pk)
    if reads_everything(user):
        return response
    classes = bank_access.led_classes(user, survey.year)
    if not classes or not answers_visible_to_class_leader(survey):
        raise PermissionDenied
    if response.subject is None or response.subject.school_class not in classes:
        raise Http404("Нет такого ответа.")
    return response


def sees_my_surveys(user):
    """Menu check: staff with a login (what waits for them, and their class's invitations)."""
    return roles.has_role(user, roles.TEACHER, roles.MENTOR) and not reads_everything(user)
