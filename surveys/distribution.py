"""Inviting people to a survey: whom a choice of groups names, and one personal link each."""

from dataclasses import dataclass

from django.db.models import Q

from participants.models import Person
from surveys.models import Invitation

Respondent = Invitation.Respondent


@dataclass
class Outcome:
    created: int = 0
    already: int = 0  # invited before
    skipped: int = 0  # no one to answer: a class without a class leader, a parent of an adult

    def message(self):
        parts = [f"Создано приглашений: {self.created}."]
        if self.already:
            parts.append(f"Уже были приглашены: {self.already}.")
        if self.skipped:
            parts.append(f"Пропущено — некому отвечать (нет классного руководителя, не ученик): {self.skipped}.")
        return " ".join(parts)


def people_in(year, classes=(), all_staff=False, all_mentees=False, mentees_of_form=None, all_mentors=False):
    """The people a choice of groups names, once each."""
    condition = Q(pk__in=[])
    if classes:
        condition |= Q(kind=Person.Kind.STUDENT, school_class__in=classes)
    if all_staff:
        condition |= Q(kind__in=Person.STAFF_KINDS)
    if all_mentees:
        condition |= Q(mentee_records__year=year)
    elif mentees_of_form:
        condition |= Q(mentee_records__year=year, mentee_records__form=mentees_of_form)
    if all_mentors:
        condition |= Q(mentor_records__year=year)
    return Person.objects.filter(pk__in=Person.objects.filter(condition).values("pk"))


def invite(survey, people, respondent_role, user):
    """One invitation per person for ``respondent_role``; people invited before are left as they are."""
    people = list(people.select_related("school_class__class_leader"))
    invited = set(
        Invitation.objects.filter(survey=survey, respondent_role=respondent_role, subject__in=people).values_list(
            "subject_id", flat=True
        )
    )
    outcome, expires_at, new = Outcome(already=len(invited)), survey.link_expiry(), []
    for person in people:
        if person.pk in invited:
            continue
        respondent, answerable = _respondent(person, respondent_role)
        if not answerable:
            outcome.skipped += 1
            continue
        new.append(
            Invitation(
                survey=survey,
                subject=person,
                respondent=respondent,
                respondent_role=respondent_role,
                expires_at=expires_at,
                created_by=user,
            )
        )
    # A second click on «Создать» meets the unique constraint and adds nothing.
    before = survey.invitations.count()
    Invitation.objects.bulk_create(new, ignore_conflicts=True)
    outcome.created = survey.invitations.count() - before
    return outcome


def _respondent(person, role):
    """(who answers, whether anyone can) for an invitation about ``person``."""
    if role == Respondent.SELF:
        return person, True
    if role == Respondent.PARENT:
        return None, person.kind == Person.Kind.STUDENT
    leader = person.school_class.class_leader if person.school_class_id else None
    return leader, leader is not None
