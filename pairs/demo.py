"""Demo pairs of the current year: mentors' intake answers, a matching run, pairs at every status
with programmes and a meeting journal, a group for an olympiad, and proposals still waiting
for the curator's decision."""

import datetime

from mentoring.models import User
from pairs import calendar, workflow
from pairs.models import Meeting, Mentorship, ProgrammeTemplate, Proposal
from participants.models import Mentee, Mentor, MentoringForm, Person
from surveys import copying, distribution
from surveys.demo import answer
from surveys.models import Invitation, Survey

ACCEPTED = 14  # proposals the curator has already accepted; the rest wait on the «Подбор» page


def seed(ctx):
    year = ctx.year
    curator = User.objects.get(username="curator")
    _mentors_answer(ctx, curator)

    # The demo mentor (login «mentor») already leads a pair the curator made by hand.
    own = Mentor.objects.get(year=year, person__user__username="mentor")
    first = Mentee.objects.filter(year=year, form__name="учитель – ученик", status=Mentee.Status.IN_BANK).first()
    own_pair = workflow.make_pair(first, own, curator)

    matching_run = workflow.run(year, curator)
    for proposal in matching_run.proposals.for_list().exclude(mentor=None).order_by("-score")[:ACCEPTED]:
        workflow.accept(proposal, curator)

    group_mentees = list(
        Mentee.objects.filter(year=year, status=Mentee.Status.IN_BANK, person__school_class__grade=8)[:4]
    )
    if len(group_mentees) >= 2:
        olympiad_mentor = Mentor.objects.filter(year=year, person__kind="teacher").exclude(pk=own.pk).last()
        workflow.make_group(
            year,
            olympiad_mentor,
            group_mentees,
            "Подготовка к олимпиаде по математике",
            MentoringForm.objects.get(name="учитель – ученик"),
            curator,
        )

    # The order fixing the pairs is the register's (reports.demo).
    mentorships = list(Mentorship.objects.filter(year=year).order_by("pk"))
    for number, mentorship in enumerate(mentorships):
        _programme(ctx, mentorship, curator, with_journal=mentorship.pk == own_pair.pk or number % 3 == 0)
    # A proposal the curator rejected, so the page shows every decision.
    if rejected := Proposal.objects.filter(run=matching_run, status=Proposal.Status.OPEN).exclude(mentor=None).last():
        workflow.reject(rejected, curator)


def _mentors_answer(ctx, curator):
    """The bank's mentors answer their intake questionnaires, so matching has something to compare."""
    year = ctx.year
    templates = {survey.template_key: survey for survey in Survey.objects.templates()}
    student_intake = copying.copy(templates["mentor_intake_student"], year, curator)
    student_intake.opens_on = ctx.today - datetime.timedelta(days=60)
    student_intake.save(update_fields=["opens_on"])
    adult_intake = Survey.objects.of_year(year).get(source__template_key="mentor_intake")
    mentors = Mentor.objects.filter(year=year)
    for survey, people in (
        (student_intake, Person.objects.filter(mentor_records__in=mentors.filter(person__kind="student"))),
        (adult_intake, Person.objects.filter(mentor_records__in=mentors.exclude(person__kind="student"))),
    ):
        distribution.invite(survey, people, Invitation.Respondent.SELF, curator)
        answer(ctx.rng, survey, survey.invitations.filter(used_at=None).order_by("pk"), share=0.9)


def _programme(ctx, mentorship, curator, with_journal):
    """A programme from the template of the pair's audience, its calendar approved, and for some
    pairs the first meetings held."""
    template = ProgrammeTemplate.objects.filter(audience=mentorship.form.audience).first()
    programme = workflow.programme_from_template(mentorship, template)
    programme.starts_on = ctx.today - datetime.timedelta(days=21)
    programme.ends_on = datetime.date(ctx.year.start_year + 1, 4, 30)
    programme.save()
    calendar.plan_meetings(programme, template.topics)
    if mentorship.status == Mentorship.Status.PROPOSED:
        return
    calendar.approve_calendar(programme, curator)
    if not with_journal:
        return
    mentor_user = mentorship.mentor.person.user or curator
    for meeting in mentorship.meetings.filter(planned_on__lt=ctx.today).order_by("planned_on"):
        calendar.log_meeting(
            meeting,
            mentor_user,
            held=True,
            held_on=meeting.planned_on,
            duration=ctx.rng.choice([30, 40, 45, 60]),
            format=ctx.rng.choice([Meeting.Format.IN_PERSON, Meeting.Format.IN_PERSON, Meeting.Format.ONLINE]),
            notes="Встреча прошла по плану.",
        )
