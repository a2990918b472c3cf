"""Correcting the long-term mentor base at the end of the year.

The page lists the year's mentors (the archived left out) with what the year showed of them —
their pairs and groups with outcomes, meetings held, the best-practice mark — beside the
long-term record that outlives the year (``participants.MentorProfile``: rating and notes). The
curator corrects the records in one form; only rows whose values changed are written, with
their history.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from pairs.models import Mentorship
from participants.models import Mentor, MentorProfile

Status = Mentorship.Status


@dataclass
class Row:
    mentor: Mentor
    profile: MentorProfile | None
    pairs: list

    @property
    def person(self):
        return self.mentor.person

    @property
    def finished(self):
        return sum(1 for pair in self.pairs if pair.status == Status.FINISHED)

    @property
    def terminated(self):
        return sum(1 for pair in self.pairs if pair.status == Status.TERMINATED)

    @property
    def held(self):
        return sum(pair.held_count for pair in self.pairs)

    @property
    def best(self):
        return self.mentor.best_practice or any(pair.best_practice for pair in self.pairs)

    @property
    def rating(self):
        return self.profile.rating if self.profile else None

    @property
    def notes(self):
        return self.profile.notes if self.profile else ""


def rows(year):
    """The year's mentors, the archived left out, in Russian order of names (two queries)."""
    pairs = Mentorship.objects.select_related("form").annotate(
        held_count=Count("meetings", filter=Q(meetings__held=True))
    )
    mentors = (
        Mentor.objects.filter(year=year)
        .exclude(status=Mentor.Status.ARCHIVED)
        .select_related("person__school_class", "person__mentor_profile")
        .prefetch_related(Prefetch("mentorships", queryset=pairs.order_by("pk"), to_attr="year_pairs"))
        .order_by("person__last_name", "person__first_name", "person__patronymic", "pk")
    )
    return [Row(mentor, getattr(mentor.person, "mentor_profile", None), mentor.year_pairs) for mentor in mentors]


@transaction.atomic
def save(year, changes, user):
    """Write ``changes`` — {person pk: (rating or None, notes)} for the year's mentors — into the
    long-term base: records created where missing, changed where different, each with history.
    Returns how many records were written."""
    # The year's mentor rows of these people are locked, so two saves of the page take turns and
    # the second finds the records the first created.
    list(Mentor.objects.select_for_update().filter(year=year, person__in=changes).values_list("pk", flat=True))
    existing = {
        profile.person_id: profile for profile in MentorProfile.objects.select_for_update().filter(person__in=changes)
    }
    now = timezone.now()
    new, changed = [], []
    for person, (rating, notes) in changes.items():
        profile = existing.get(person)
        if profile is None:
            if rating is not None or notes:
                new.append(MentorProfile(person_id=person, rating=rating, notes=notes, updated_at=now))
        elif (profile.rating, profile.notes) != (rating, notes):
            profile.rating, profile.notes, profile.updated_at = rating, notes, now
            changed.append(profile)
    if new:
        bulk_create_with_history(new, MentorProfile, default_user=user)
    if changed:
        bulk_update_with_history(changed, MentorProfile, ["rating", "notes", "updated_at"], default_user=user)
    return len(new) + len(changed)
