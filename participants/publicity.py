"""What of a person may appear on the school's site: the rule of every public page.

A name, a photo or results appear only under a dissemination consent in force (152-ФЗ ст. 10.1)
that covers them: given by a legal representative, or by the person themself if of age on the
day it was given. A student whose birth date is unknown is taken for a minor, so their own
signature is not enough. Withdrawing the consent takes the person off the site at once: the
rule is applied on every request, never stored.
"""

from django.db.models import DateField, Exists, Func, OuterRef, Q

from participants.consents import ADULT_AGE
from participants.models import Appearance, Consent, Person

COVERS = {"name": "covers_name", "photo": "covers_photo", "results": "covers_results"}


class YearsBefore(Func):
    """The date ``years`` years before a date column (29 February − 1 year → 28 February)."""

    output_field = DateField()

    def __init__(self, expression, years):
        super().__init__(expression)
        self.years = int(years)

    def as_sql(self, compiler, connection, **extra):  # PostgreSQL
        return super().as_sql(
            compiler, connection, template=f"(%(expressions)s - interval '{self.years} years')::date", **extra
        )

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template=f"date(%(expressions)s, '-{self.years} years')", **extra)


def dissemination_consents():
    """Dissemination consents in force that the public rule accepts."""
    by_adult = Q(person__birth_date__lte=YearsBefore("given_on", ADULT_AGE))
    not_a_child = Q(person__birth_date__isnull=True) & ~Q(person__kind=Person.Kind.STUDENT)
    return Consent.objects.filter(kind=Consent.Kind.DISSEMINATION, withdrawn_on__isnull=True).filter(
        Q(given_by=Consent.GivenBy.REPRESENTATIVE) | by_adult | not_a_child
    )


def covering(*marks, person=None):
    """``Exists``: ``person`` (by default the outer row's ``person``) has an accepted consent
    covering each of ``marks`` («name», «photo», «results»)."""
    consents = dissemination_consents().filter(
        person=OuterRef("person") if person is None else person, **{COVERS[mark]: True for mark in marks}
    )
    return Exists(consents)


def uncovered_appearances():
    """Appearances some mark of which the person's consent does not cover."""
    beyond = [Q(**{mark: True}) & ~covering(mark) for mark in COVERS]
    return Appearance.objects.filter(beyond[0] | beyond[1] | beyond[2])


def consented(publications):
    """``publications`` less those that show someone beyond their consent."""
    return publications.exclude(Exists(uncovered_appearances().filter(publication=OuterRef("pk"))))


def people_covering(mark, people=None):
    """People (of ``people``, by default everyone) whose consent covers ``mark``."""
    people = Person.objects.all() if people is None else people
    return people.filter(covering(mark, person=OuterRef("pk")))


def nameable(person_ids):
    """Of ``person_ids``, the ids of people whose names may be published."""
    ids = {pk for pk in person_ids if pk is not None}
    if not ids:
        return set()
    return set(people_covering("name", Person.objects.filter(pk__in=ids)).values_list("pk", flat=True))
