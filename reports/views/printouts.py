"""Printed forms outside the register of orders, and the page that lists them.

- a class's consents: for each student, the consent to processing and the consent to
  dissemination, two separate documents (152-ФЗ since 01.09.2025);
- a staff mentor's consent to mentoring and a draft supplementary agreement (ТК РФ ст. 351.8);
- a pair's or group's personalised programme with its calendar plan.

Everything the forms say lives in ``templates/documents/forms/``; the views only gather data,
in a fixed number of queries whatever the size of the class or of the year.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from mentoring import names, pdf, roles
from mentoring.models import AcademicYear, DataExport, School
from pairs import access as pairs_access
from pairs import calendar
from pairs.models import Mentorship, Programme
from participants import access as bank_access
from participants.consents import birthday, is_minor
from participants.models import Consent, Mentee, Mentor, Person, SchoolClass

management = roles.role_required(*roles.MANAGEMENT)

# Schools also take the signature of a student of 14 and over beside the parent's (practice).
OWN_SIGNATURE_AGE = 14


# ---------------------------------------------------------------------------------------------
# Consents of a class
# ---------------------------------------------------------------------------------------------


def consent_subject(person, today):
    """A row of the consent forms: ``person``, whether a legal representative signs for them
    (``minor``), whether they sign too (``own_signature``), and the representative's consent on
    record to prefill the form from (``representative``, or None; ``representative_short``).

    A student whose birth date is unknown gets the form of a minor with both signatures, the
    one that fits most students; recording the birth date gives the right one.
    """
    if person.birth_date is None:
        minor = own_signature = person.is_student
    else:
        minor = is_minor(person, today)
        own_signature = minor and today >= birthday(person.birth_date, OWN_SIGNATURE_AGE)
    consents = getattr(person, "representative_consents", [])
    representative = consents[0] if minor and consents else None
    return {
        "person": person,
        "minor": minor,
        "own_signature": own_signature,
        "representative": representative,
        "representative_short": names.short_from_full(representative.representative_name) if representative else "",
    }


def consent_people(school_class, everyone=False):
    """The students of ``school_class`` in its year's bank (mentees or mentors), or all of them
    (``everyone``), by name, with the representatives' consents on record: two queries."""
    people = Person.objects.filter(school_class=school_class, kind=Person.Kind.STUDENT)
    if not everyone:
        year = school_class.year_id
        people = people.filter(
            Exists(Mentee.objects.filter(person=OuterRef("pk"), year=year))
            | Exists(Mentor.objects.filter(person=OuterRef("pk"), year=year))
        )
    representatives = (
        Consent.objects.filter(given_by=Consent.GivenBy.REPRESENTATIVE)
        .exclude(representative_name="")
        .order_by(F("withdrawn_on").desc(nulls_first=True), "-given_on", "-pk")
    )
    return (
        people.select_related("school_class")
        .order_by("last_name", "first_name", "patronymic", "pk")
        .prefetch_related(Prefetch("consents", queryset=representatives, to_attr="representative_consents"))
    )


@login_required
def class_consents(request, class_pk):
    """documents/forms/consents_class.html: the two consents of each student of a class, as a PDF.

    The class's students in the year's bank; ``?all=1``: every student of the class. For the
    curator, the administration and the class's own leader.
    """
    school_class = get_object_or_404(SchoolClass.objects.select_related("year"), pk=class_pk)
    if not (
        bank_access.reads_everyone(request.user)
        or school_class in bank_access.led_classes(request.user, school_class.year)
    ):
        raise PermissionDenied
    everyone = request.GET.get("all") == "1"
    today = timezone.localdate()
    rows = [consent_subject(person, today) for person in consent_people(school_class, everyone)]
    DataExport.log(request, f"Согласия {school_class} класса (PDF)", len(rows))
    return pdf.response(
        f"Согласия {school_class} класса.pdf",
        "documents/forms/consents_class.html",
        {
            "school": School.load(),
            "school_class": school_class,
            "year": school_class.year,
            "rows": rows,
            "everyone": everyone,
        },
        request,
    )


# ---------------------------------------------------------------------------------------------
# A staff mentor's consent to mentoring and supplementary agreement (ТК РФ ст. 351.8)
# ---------------------------------------------------------------------------------------------


def _staff_mentors():
    """Staff mentors with what their forms name: the pairs and groups not terminated, with their
    forms, periods and mentees; the mentor's forms for one not yet paired. Four queries."""
    mentees = Mentee.objects.select_related("person__school_class").order_by(
        "person__last_name", "person__first_name", "pk"
    )
    mentorships = (
        Mentorship.objects.exclude(status=Mentorship.Status.TERMINATED)
        .select_related("form", "role_model")
        .prefetch_related(Prefetch("mentees", queryset=mentees))
        .order_by(F("starts_on").asc(nulls_last=True), "pk")
    )
    return (
        Mentor.objects.filter(person__kind__in=Person.STAFF_KINDS)
        .select_related("person", "year")
        .prefetch_related("forms", Prefetch("mentorships", queryset=mentorships, to_attr="current_mentorships"))
        .order_by("person__last_name", "person__first_name", "person__patronymic", "pk")
    )


def labour_row(mentor):
    """What the labour-law forms of ``mentor`` fill in: forms, mentees and the period of work."""
    mentorships = mentor.current_mentorships
    forms = list(dict.fromkeys(m.form for m in mentorships)) or list(mentor.forms.all())
    starts = [m.starts_on for m in mentorships if m.starts_on]
    ends = [m.ends_on for m in mentorships if m.ends_on]
    return {
        "mentor": mentor,
        "person": mentor.person,
        "year": mentor.year,
        "mentorships": mentorships,
        "forms": forms,
        "mentees": [mentee for m in mentorships for mentee in m.mentees.all()],
        "starts_on": min(starts, default=None),
        "ends_on": max(ends, default=None),
    }


@management
def mentor_labour(request, mentor_pk):
    """documents/forms/labour.html for one staff mentor: the consent and the draft agreement."""
    mentor = get_object_or_404(_staff_mentors(), pk=mentor_pk)
    DataExport.log(request, f"Согласие на наставничество и доп. соглашение: {mentor.person.full_name} (PDF)", 1)
    return pdf.response(
        f"Наставничество по ТК РФ {mentor.person.short_name}.pdf",
        "documents/forms/labour.html",
        {"school": School.load(), "rows": [labour_row(mentor)], "year": mentor.year},
        request,
    )


@management
def labour_forms(request):
    """documents/forms/labour.html for all the staff mentors of the year (``?year=``)."""
    year = AcademicYear.objects.from_request(request)
    if year is None:
        raise Http404("Учебный год не выбран.")
    rows = [labour_row(mentor) for mentor in _staff_mentors().filter(year=year)]
    DataExport.log(request, f"Согласия на наставничество и доп. соглашения, {year} (PDF)", len(rows))
    return pdf.response(
        f"Наставничество по ТК РФ {year.start_year}-{year.start_year + 1}.pdf",
        "documents/forms/labour.html",
        {"school": School.load(), "rows": rows, "year": year},
        request,
    )


# ---------------------------------------------------------------------------------------------
# A pair's programme
# ---------------------------------------------------------------------------------------------


@login_required
def programme_pdf(request, pk):
    """documents/forms/programme.html: a pair's personalised programme and calendar plan, for
    management and the pair's own mentor (another mentor's pair is 404)."""
    mentorship = pairs_access.get_mentorship(request.user, pk)
    programme = Programme.objects.filter(mentorship=mentorship).first()
    if programme is None:
        raise Http404("Программа этой пары ещё не составлена.")
    mentees = list(
        mentorship.mentees.select_related("person__school_class").order_by(
            "person__last_name", "person__first_name", "pk"
        )
    )
    meetings = mentorship.meetings.order_by(Coalesce("planned_on", "held_on").asc(nulls_last=True), "pk")
    DataExport.log(request, f"Программа: {mentorship} (PDF)", 1 + len(mentees))
    return pdf.response(
        f"Программа {mentorship}.pdf",
        "documents/forms/programme.html",
        {
            "school": School.load(),
            "mentorship": mentorship,
            "programme": programme,
            "mentees": mentees,
            "tasks": calendar.lines(programme.tasks),
            "results": calendar.lines(programme.expected_results),
            "meetings": meetings,
        },
        request,
    )


# ---------------------------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------------------------


@management
def printouts(request):
    """reports/printouts.html: the year's classes, staff mentors and programmes with
    links to their printed forms; the same number of queries for any number of rows."""
    year = AcademicYear.objects.from_request(request)
    context = {"year": year, "years": AcademicYear.objects.all()}
    if year is not None:
        student = Q(students__kind=Person.Kind.STUDENT)
        in_bank = Q(students__mentee_records__year=year) | Q(students__mentor_records__year=year)
        context["classes"] = (
            SchoolClass.objects.filter(year=year)
            .select_related("class_leader")
            .annotate(
                student_count=Count("students", filter=student, distinct=True),
                bank_count=Count("students", filter=student & in_bank, distinct=True),
            )
        )
        labour = Consent.objects.filter(person=OuterRef("person"), kind=Consent.Kind.LABOUR, withdrawn_on__isnull=True)
        context["mentors"] = (
            Mentor.objects.filter(year=year, person__kind__in=Person.STAFF_KINDS)
            .select_related("person")
            .annotate(has_labour_consent=Exists(labour))
            .order_by("person__last_name", "person__first_name", "person__patronymic", "pk")
        )
        mentees = Mentee.objects.select_related("person__school_class").order_by(
            "person__last_name", "person__first_name", "pk"
        )
        context["mentorships"] = (
            Mentorship.objects.filter(year=year, programme__isnull=False)
            .select_related("mentor__person", "form", "programme")
            .prefetch_related(Prefetch("mentees", queryset=mentees))
            .order_by("mentor__person__last_name", "mentor__person__first_name", "pk")
        )
    return render(request, "reports/printouts.html", context)
