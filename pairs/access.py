"""Who may see which pairs and groups: one place for every view of this app.

- the curator runs everything: matching, pairs, programmes, meetings;
- the administration reads everything;
- a mentor with a login sees their own pairs and groups, their programmes, and keeps their
  meeting journal; anyone else's pair is 404 to them;
- a class leader reads the pairs of their own class's students (the printable list).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from mentoring import roles
from pairs.models import Mentorship
from participants import access as bank_access

writes = bank_access.writes
reads_everything = bank_access.reads_everyone


def require_writer(user):
    if not writes(user):
        raise PermissionDenied


def require_reader(user):
    if not reads_everything(user):
        raise PermissionDenied


def mentor_scope(user, mentees):
    """The mentees among ``mentees`` that ``user`` mentors in a pair or group of any status."""
    return mentees.filter(mentorships__in=Mentorship.objects.of_mentor_user(user)).distinct()


def is_mentor(user):
    return roles.has_role(user, roles.MENTOR)


def mentorships_for(user):
    """The pairs and groups ``user`` may open: all for management, their own for a mentor."""
    if reads_everything(user):
        return Mentorship.objects.all()
    if is_mentor(user):
        return Mentorship.objects.of_mentor_user(user)
    raise PermissionDenied


def get_mentorship(user, pk, *, write=False, journal=False):
    """A pair or group ``user`` may open (404 for another mentor's), may change (``write``: the
    curator) or may keep the journal of (``journal``: the curator or its own mentor)."""
    mentorship = get_object_or_404(
        mentorships_for(user).select_related(
            "year", "form", "role_model", "order", "mentor__person__school_class", "mentor__person__user"
        ),
        pk=pk,
    )
    if write and not writes(user):
        raise PermissionDenied
    if journal and not keeps_journal(user, mentorship):
        raise PermissionDenied
    return mentorship


def keeps_journal(user, mentorship):
    return writes(user) or (
        mentorship.mentor.person.user_id is not None and mentorship.mentor.person.user_id == user.pk
    )


def sees_my_mentees(user):
    """Menu check: a mentor with at least one pair or group."""
    return Mentorship.objects.of_mentor_user(user).exists()
