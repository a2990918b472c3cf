"""What the curator does with proposals, pairs and groups; each step in one transaction.

A pair or group lives through: предложена → утверждена (fixed by an order) → действует →
завершена, or прекращена досрочно with a reason from any open status. Its mentees' places in
the bank follow: «в паре/группе» while it is open, «завершил» when it is finished, back «в
банке» (the search goes on) when it is ended early.

A double-submitted accept makes one pair: the proposal is claimed by a conditional UPDATE,
and the mentee's row is locked while the pair is made.
"""

import datetime
import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from pairs import pool
from pairs.models import MatchingRun, Membership, Mentorship, PairRule, Programme, Proposal
from participants.models import Mentee, Mentor, MentoringForm

Status = Mentorship.Status


class Conflict(Exception):
    """The request no longer fits the data (already decided, already paired): a message for the user."""


# ---------------------------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------------------------


def run(year, user, coverage_first=False):
    """Match the year's pool and store the proposals of a new run."""
    started = time.perf_counter()
    data = pool.load(year)
    result = data.match(coverage_first)
    with transaction.atomic():
        matching_run = MatchingRun.objects.create(
            year=year,
            coverage_first=coverage_first,
            mentee_count=len(data.mentees),
            mentor_count=len(data.mentors),
            max_score=result.max_score,
            criteria=[
                {"label": c.label, "weight": c.weight, "required": c.required, "comparison": c.comparison}
                for c in data.criteria
            ],
            seconds=0,
            created_by=user,
        )
        rows = [
            Proposal(
                run=matching_run,
                mentee_id=proposal.mentee.key,
                mentor_id=proposal.mentor.key,
                score=proposal.score,
                parts=parts_json(proposal.parts),
                locked=proposal.locked,
            )
            for proposal in result.proposals
        ]
        rows += [
            Proposal(run=matching_run, mentee_id=unmatched.mentee.key, reason=unmatched.reason)
            for unmatched in result.unmatched
        ]
        Proposal.objects.bulk_create(rows)
        matching_run.seconds = round(time.perf_counter() - started, 3)
        matching_run.save(update_fields=["seconds"])
    return matching_run


def parts_json(parts):
    return [
        {
            "label": part.label,
            "weight": part.weight,
            "similarity": part.similarity,
            "points": part.points,
            "mentee_answer": part.mentee_answer,
            "mentor_answer": part.mentor_answer,
            "required": part.required,
        }
        for part in parts
    ]


def latest_run(year):
    return MatchingRun.objects.filter(year=year).first()


@transaction.atomic
def accept(proposal, user):
    """Make the proposal a pair (status «предложена»); the mentee's lock, if any, is fulfilled."""
    claimed = Proposal.objects.filter(pk=proposal.pk, status=Proposal.Status.OPEN, mentor__isnull=False).update(
        status=Proposal.Status.ACCEPTED
    )
    if not claimed:
        raise Conflict("Это предложение уже рассмотрено.")
    mentorship = make_pair(proposal.mentee, proposal.mentor, user, score=proposal.score)
    Proposal.objects.filter(pk=proposal.pk).update(mentorship=mentorship)
    PairRule.objects.filter(mentee=proposal.mentee, kind=PairRule.Kind.LOCK).delete()
    return mentorship


@transaction.atomic
def reject(proposal, user):
    """Decline the proposal; the pair is forbidden so that the next run does not offer it again."""
    claimed = Proposal.objects.filter(pk=proposal.pk, status=Proposal.Status.OPEN, mentor__isnull=False).update(
        status=Proposal.Status.REJECTED
    )
    if not claimed:
        raise Conflict("Это предложение уже рассмотрено.")
    PairRule.objects.update_or_create(
        mentee=proposal.mentee,
        mentor=proposal.mentor,
        defaults={"kind": PairRule.Kind.FORBID, "year": proposal.run.year, "created_by": user},
    )


@transaction.atomic
def set_rule(year, mentee, mentor, kind, user):
    """Lock or forbid a pair for the next runs (a mentee has one locked pair at most)."""
    if kind == PairRule.Kind.LOCK:
        PairRule.objects.filter(mentee=mentee, kind=PairRule.Kind.LOCK).exclude(mentor=mentor).delete()
    PairRule.objects.update_or_create(
        mentee=mentee, mentor=mentor, defaults={"kind": kind, "year": year, "created_by": user}
    )


def clear_rule(mentee, mentor):
    PairRule.objects.filter(mentee=mentee, mentor=mentor).delete()


@transaction.atomic
def change_mentor(proposal, mentor, user):
    """Edit a proposal: the curator's choice of mentor, locked for the next runs."""
    if proposal.status != Proposal.Status.OPEN:
        raise Conflict("Это предложение уже рассмотрено.")
    data = pool.load(proposal.run.year, only_mentee=proposal.mentee)
    found = [row for row in data.ranked(proposal.mentee_id) if row[0].key == mentor.pk]
    if not found:
        raise Conflict("Этого наставника нет в банке года.")
    (_candidate, score, parts, blocked) = found[0]
    proposal.mentor, proposal.score, proposal.parts, proposal.locked = mentor, score, parts_json(parts), True
    proposal.reason = ""
    proposal.save(update_fields=["mentor", "score", "parts", "locked", "reason"])
    set_rule(proposal.run.year, proposal.mentee, mentor, PairRule.Kind.LOCK, user)
    return blocked


# ---------------------------------------------------------------------------------------------
# Pairs and groups
# ---------------------------------------------------------------------------------------------


def choose_form(mentee, mentor):
    """The pair's form: the mentee's, else the mentor's only one, else the first active form for the mentee."""
    if mentee.form_id:
        return mentee.form
    forms = list(mentor.forms.all())
    if len(forms) == 1:
        return forms[0]
    audience = MentoringForm.Audience.STUDENTS if mentee.person.is_student else MentoringForm.Audience.TEACHERS
    return (
        MentoringForm.objects.filter(is_active=True, audience=audience, pk__in=[f.pk for f in forms]).first()
        or MentoringForm.objects.filter(is_active=True, audience=audience).first()
    )


def _lock_unpaired(mentees):
    """Lock the mentees' rows and check that none is in an open pair or group already."""
    locked = list(Mentee.objects.select_for_update().filter(pk__in=[m.pk for m in mentees]).select_related("person"))
    busy = Mentee.objects.filter(pk__in=[m.pk for m in locked], mentorships__status__in=Mentorship.OPEN)
    if taken := [str(mentee.person) for mentee in busy.select_related("person")]:
        raise Conflict(f"Уже в паре или группе: {', '.join(taken)}.")
    return locked


def default_dates(form, today=None):
    start = today or timezone.localdate()
    months = form.months if form else 6
    year, month = divmod(start.month - 1 + months, 12)
    end_month_start = datetime.date(start.year + year, month + 1, 1)
    return start, end_month_start - datetime.timedelta(days=1)


@transaction.atomic
def make_pair(mentee, mentor, user, score=None, form=None, role_model=None):
    """A new pair in status «предложена»."""
    (mentee,) = _lock_unpaired([mentee])
    form = form or choose_form(mentee, mentor)
    if form is None:
        raise Conflict("Не выбрана форма наставничества: укажите её у наставляемого.")
    starts_on, ends_on = default_dates(form)
    mentorship = Mentorship.objects.create(
        year=mentee.year,
        form=form,
        role_model=role_model
        or (mentee.role_model if mentee.role_model and mentee.role_model.form_id == form.pk else None),
        mentor=mentor,
        starts_on=starts_on,
        ends_on=ends_on,
        score=score,
        created_by=user,
    )
    Membership.objects.create(mentorship=mentorship, mentee=mentee)
    _set_mentee_status([mentee], Mentee.Status.PAIRED)
    return mentorship


@transaction.atomic
def make_group(year, mentor, mentees, title, form, user, role_model=None):
    """A group: one mentor, several mentees (contests, olympiads, projects)."""
    mentees = _lock_unpaired(mentees)
    starts_on, ends_on = default_dates(form)
    mentorship = Mentorship.objects.create(
        year=year,
        is_group=True,
        title=title,
        form=form,
        role_model=role_model,
        mentor=mentor,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=user,
    )
    Membership.objects.bulk_create(Membership(mentorship=mentorship, mentee=mentee) for mentee in mentees)
    _set_mentee_status(mentees, Mentee.Status.PAIRED)
    return mentorship


@transaction.atomic
def add_to_group(mentorship, mentees):
    mentees = _lock_unpaired(mentees)
    Membership.objects.bulk_create(Membership(mentorship=mentorship, mentee=mentee) for mentee in mentees)
    _set_mentee_status(mentees, Mentee.Status.PAIRED)


@transaction.atomic
def remove_from_group(mentorship, mentee):
    """Take a mentee out of a group; they return to the bank and the search goes on."""
    Membership.objects.filter(mentorship=mentorship, mentee=mentee).delete()
    _set_mentee_status([mentee], Mentee.Status.IN_BANK)


def _set_mentee_status(mentees, status):
    for mentee in mentees:
        if mentee.status != status:
            mentee.status = status
            mentee.save(update_fields=["status", "updated_at"])


def _claim(mentorship, allowed_from, **changes):
    """Move the mentorship on only from ``allowed_from``; a second click finds it moved and changes nothing."""
    moved = Mentorship.objects.filter(pk=mentorship.pk, status__in=allowed_from).update(
        updated_at=timezone.now(), **changes
    )
    if not moved:
        raise Conflict("Статус пары уже изменён.")
    mentorship.refresh_from_db()
    # django-simple-history records saves, not updates.
    mentorship.save(update_fields=["updated_at"])


@transaction.atomic
def approve(mentorships, order):
    """Fixed by the director's signed ``order``: proposed pairs and groups become «утверждена»,
    and every one of them cites the order (the caller holds their rows locked)."""
    now = timezone.now()
    for mentorship in mentorships:
        if mentorship.status == Status.PROPOSED:
            mentorship.status = Status.APPROVED
        mentorship.order, mentorship.updated_at = order, now
    bulk_update_with_history(mentorships, Mentorship, ["status", "order", "updated_at"], batch_size=500)


@transaction.atomic
def start(mentorship):
    _claim(mentorship, [Status.PROPOSED, Status.APPROVED], status=Status.ACTIVE)


@transaction.atomic
def finish(mentorship, achievements, outcome, best_practice, ended_on):
    """Completed: the results go to the bank records of the mentees and of the mentor."""
    _claim(
        mentorship,
        [Status.APPROVED, Status.ACTIVE],
        status=Status.FINISHED,
        achievements=achievements,
        outcome=outcome,
        best_practice=best_practice,
        ended_on=ended_on,
    )
    write_results(mentorship)


def write_results(mentorship):
    """Copy the pair's results into both banks (the mentor's record keeps one line per pair)."""
    summary = f"{mentorship}: {mentorship.get_outcome_display() or 'итог не указан'}"
    if mentorship.achievements:
        summary += f". {mentorship.achievements}"
    mentees = list(mentorship.mentees.select_for_update())
    for mentee in mentees:
        mentee.results = summary
        mentee.best_practice = mentorship.best_practice
        mentee.status = Mentee.Status.FINISHED
        mentee.save(update_fields=["results", "best_practice", "status", "updated_at"])
    mentor = Mentor.objects.select_for_update().get(pk=mentorship.mentor_id)
    lines = [line for line in mentor.results.splitlines() if line and not line.startswith(f"{mentorship}:")]
    mentor.results = "\n".join([*lines, summary])
    mentor.best_practice = mentor.best_practice or mentorship.best_practice
    mentor.save(update_fields=["results", "best_practice", "updated_at"])


@transaction.atomic
def terminate(mentorship, reason, ended_on):
    """Ended early with a reason; the mentees return to the bank and the search goes on."""
    if not reason.strip():
        raise ValidationError("Укажите причину досрочного прекращения.")
    _claim(mentorship, Mentorship.OPEN, status=Status.TERMINATED, end_reason=reason.strip(), ended_on=ended_on)
    _set_mentee_status(list(mentorship.mentees.select_for_update()), Mentee.Status.IN_BANK)


@transaction.atomic
def support(mentee, text):
    """A mentee left without a pair: psychological and pedagogical support while the search goes on."""
    mentee = Mentee.objects.select_for_update().get(pk=mentee.pk)
    if Mentorship.objects.open().filter(memberships__mentee=mentee).exists():
        raise Conflict(f"{mentee.person} уже в паре или группе: сопровождение назначают тем, кто остался без пары.")
    mentee.support = text.strip()
    mentee.status = Mentee.Status.SUPPORT
    mentee.full_clean(exclude=["person", "year", "form", "role_model"])
    mentee.save(update_fields=["support", "status", "updated_at"])
    return mentee


# ---------------------------------------------------------------------------------------------
# Programmes
# ---------------------------------------------------------------------------------------------


def programme_from_template(mentorship, template):
    """An unsaved programme prefilled from ``template`` and the mentees' requests."""
    requests = [m.request for m in mentorship.mentees.all() if m.request]
    return Programme(
        mentorship=mentorship,
        request="\n\n".join(requests),
        goal=template.goal if template else "",
        tasks=template.tasks if template else "",
        expected_results=template.expected_results if template else "",
        starts_on=mentorship.starts_on or timezone.localdate(),
        ends_on=mentorship.ends_on or default_dates(mentorship.form)[1],
    )
