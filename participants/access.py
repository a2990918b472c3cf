"""Who may see which people of the banks: one place for every view of this app.

- the curator and the administration see everyone; only the curator changes anything;
- a class leader sees the students of the classes they lead in the year shown;
- a mentor sees their own mentees (the pairs app tells which, see ``set_mentor_scope``);
- everyone else sees no one.

Helpers return querysets already narrowed to what the user may see, so a view that fetches
an object through them answers 404 for anyone else's.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from mentoring import roles
from mentoring.models import AcademicYear
from participants.models import Mentee, Mentor, Person, SchoolClass

# mentor_scope(user, mentees) -> the mentees paired with ``user``; until the pairs app
# provides it a mentor has no mentees of their own.
_mentor_scope = None


def set_mentor_scope(scope):
    global _mentor_scope
    _mentor_scope = scope


def reads_everyone(user):
    return roles.has_role(user, *roles.MANAGEMENT)


def led_classes(user, year):
    """The classes ``user`` leads in ``year`` (cached on the user for the request)."""
    if year is None or not user.is_authenticated:
        return SchoolClass.objects.none()
    cache = user.__dict__.setdefault("_led_classes", {})
    if year.pk not in cache:
        cache[year.pk] = list(SchoolClass.objects.filter(year=year, class_leader__user=user))
    return cache[year.pk]


def reads_banks(user, year):
    """May ``user`` open the mentee bank of ``year`` at all (perhaps narrowed)?"""
    return reads_everyone(user) or bool(led_classes(user, year)) or roles.has_role(user, roles.MENTOR)


def mentees_for(user, year):
    """The year's mentees ``user`` may see; PermissionDenied for someone who may see none."""
    mentees = Mentee.objects.filter(year=year)
    if reads_everyone(user):
        return mentees
    if classes := led_classes(user, year):
        narrowed = mentees.filter(person__school_class__in=classes)
        if roles.has_role(user, roles.MENTOR):
            narrowed = narrowed | _own_mentees(user, mentees)
        return narrowed
    if roles.has_role(user, roles.MENTOR):
        return _own_mentees(user, mentees)
    raise PermissionDenied


def _own_mentees(user, mentees):
    return _mentor_scope(user, mentees) if _mentor_scope else mentees.none()


def mentors_for(user, year):
    """The year's mentors: management only."""
    if not reads_everyone(user):
        raise PermissionDenied
    return Mentor.objects.filter(year=year)


def people_for(user, year):
    """The people ``user`` may see: everyone for management, own class's students for a class leader."""
    if reads_everyone(user):
        return Person.objects.all()
    if classes := led_classes(user, year):
        people = Person.objects.filter(kind=Person.Kind.STUDENT, school_class__in=classes)
        if roles.has_role(user, roles.MENTOR):
            people = people | Person.objects.filter(mentee_records__in=_own_mentees(user, Mentee.objects.all()))
        return people
    if roles.has_role(user, roles.MENTOR):
        return Person.objects.filter(mentee_records__in=_own_mentees(user, Mentee.objects.filter(year=year)))
    raise PermissionDenied


def get_person(user, pk, year):
    """The person with ``pk`` if ``user`` may see them, else 404 (or 403 for someone who sees no one)."""
    return get_object_or_404(people_for(user, year).select_related("school_class", "user").distinct(), pk=pk)


def get_mentee(user, pk):
    """A mentee record of any year that ``user`` may see, else 404 (403 for someone who sees no one)."""
    mentee = get_object_or_404(Mentee.objects.select_related("year", "person__school_class"), pk=pk)
    if not mentees_for(user, mentee.year).filter(pk=pk).exists():
        raise Http404("Нет такого наставляемого.")
    return mentee


def get_mentor(user, pk):
    """A mentor record of any year: management only."""
    if not reads_everyone(user):
        raise PermissionDenied
    return get_object_or_404(Mentor.objects.select_related("year", "person__school_class"), pk=pk)


def writes(user):
    return roles.has_role(user, roles.CURATOR)


def require_writer(user):
    if not writes(user):
        raise PermissionDenied


def sees_mentee_bank(user):
    """Menu check: management, a mentor, or a class leader of the current year."""
    return (
        reads_everyone(user)
        or roles.has_role(user, roles.MENTOR)
        or bool(led_classes(user, AcademicYear.objects.current()))
    )


def reports_only(user):
    """Menu check: staff who tell about mentees' requests without reading the bank."""
    return not reads_everyone(user)
