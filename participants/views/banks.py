"""The year's banks of mentees and mentors, their records, and what others tell about a mentee."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from mentoring import roles
from mentoring.models import AcademicYear
from participants import access, filters
from participants.forms import MenteeForm, MentorForm, RequestNoteForm
from participants.models import Mentee, Person, RequestNote
from participants.views.people import curator_only, paginate, query_without_page


@login_required
def mentees(request):
    """participants/mentees.html: the year's bank of mentees, narrowed to what the user may see."""
    year = AcademicYear.objects.from_request(request)
    bank_filter = filters.mentee_bank(request, year)
    return render(request, "participants/mentees.html", _bank_context(request, year, bank_filter))


@login_required
def mentors(request):
    """participants/mentors.html: the year's bank of mentors (management only)."""
    year = AcademicYear.objects.from_request(request)
    bank_filter = filters.mentor_bank(request, year)
    return render(request, "participants/mentors.html", _bank_context(request, year, bank_filter))


def _bank_context(request, year, bank_filter):
    return {
        "year": year,
        "years": AcademicYear.objects.all(),
        "filter": bank_filter,
        "page": paginate(request, bank_filter.qs),
        "query": query_without_page(request),
        "can_edit": access.writes(request.user),
    }


@curator_only
def mentee_edit(request, pk):
    mentee = get_object_or_404(Mentee.objects.select_related("person", "year"), pk=pk)
    form = MenteeForm(request.POST or None, instance=mentee)
    if form.is_valid():
        form.save()
        messages.success(request, "Запись наставляемого сохранена.")
        return redirect(_card(mentee))
    return render(request, "participants/record_form.html", _record_page(form, mentee, "Наставляемый"))


@curator_only
def mentor_edit(request, pk):
    mentor = access.get_mentor(request.user, pk)
    form = MentorForm(request.POST or None, instance=mentor)
    if form.is_valid():
        form.save()
        messages.success(request, "Запись наставника сохранена.")
        return redirect(_card(mentor))
    return render(request, "participants/record_form.html", _record_page(form, mentor, "Наставник"))


def _record_page(form, record, role):
    return {"form": form, "record": record, "title": f"{role}, {record.year}", "back": _card(record)}


def _card(record):
    url = record.person.get_absolute_url()
    return url if record.year.is_current else f"{url}?year={record.year.start_year}"


@login_required
def request_note_add(request, pk):
    """Third-party information about a mentee: the curator, or the class leader of the mentee's class."""
    mentee = access.get_mentee(request.user, pk)
    author_role = _author_role(request.user, mentee)
    if author_role is None:
        raise PermissionDenied
    form = RequestNoteForm(request.POST or None)
    if form.is_valid():
        _save_note(form, mentee, request.user, author_role)
        messages.success(request, "Сведения о запросе сохранены.")
        return redirect(_card(mentee))
    context = {"form": form, "mentee": mentee, "back": _card(mentee)}
    return render(request, "participants/request_note_form.html", context)


def _author_role(user, mentee):
    if access.writes(user):
        return RequestNote.AuthorRole.CURATOR
    if mentee.person.school_class in access.led_classes(user, mentee.year):
        return RequestNote.AuthorRole.CLASS_LEADER
    return None


def _staff_role(user):
    position = getattr(getattr(user, "person", None), "position", "") or user.position
    return RequestNote.AuthorRole.PSYCHOLOGIST if "психолог" in position.lower() else RequestNote.AuthorRole.STAFF


def _save_note(form, mentee, user, author_role):
    note = form.save(commit=False)
    note.mentee, note.author, note.author_role = mentee, user, author_role
    note.save()
    return note


@roles.role_required(roles.TEACHER, roles.CURATOR)
def request_note_report(request):
    """participants/request_note_report.html: staff tell about a mentee's request without reading the bank.

    The psychologist or any teacher finds a mentee of the current year by name (at least three
    letters; only name and class are shown) and writes what they or a parent report.
    """
    year = AcademicYear.objects.current_for(request)
    query = request.GET.get("q", "").strip()
    found = []
    if year and len(query) >= 3:
        found = (
            Mentee.objects.filter(year=year, person__in=Person.objects.search(query))
            .select_related("person__school_class")
            .order_by("person__last_name", "person__first_name", "pk")[:10]
        )
    chosen, form = None, None
    if year and (chosen_pk := request.GET.get("mentee") or request.POST.get("mentee")):
        chosen = get_object_or_404(Mentee.objects.select_related("person__school_class"), pk=chosen_pk, year=year)
        form = RequestNoteForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            _save_note(form, chosen, request.user, _reporting_role(request.user, chosen))
            messages.success(request, f"Спасибо! Сведения о запросе ({chosen.person.short_name}) переданы куратору.")
            return redirect("request_note_report")
    context = {"year": year, "query": query, "found": found, "chosen": chosen, "form": form}
    return render(request, "participants/request_note_report.html", context)


def _reporting_role(user, mentee):
    return _author_role(user, mentee) or _staff_role(user)
