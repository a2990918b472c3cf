"""The directory of people, a person's card, and the classes of a year."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from mentoring import roles
from mentoring.closing import YearClosed
from mentoring.models import AcademicYear
from participants import access, cards, consents, filters, history, selection
from participants.forms import MentorProfileForm, PersonForm, SchoolClassForm, ToBankForm
from participants.models import Mentee, Mentor, MentorProfile, Person, SchoolClass

PAGE_SIZE = 50
curator_only = roles.role_required(roles.CURATOR)


def _current_year_or_message(request):
    year = AcademicYear.objects.current_for(request)
    if year is None:
        messages.error(request, "Сначала добавьте учебный год и сделайте его текущим.")
    return year


def paginate(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def query_without_page(request):
    """The list's query string for pagination links and exports."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def people(request):
    """participants/people.html: everyone the banks are built from, with search and filters."""
    year = AcademicYear.objects.from_request(request)
    people_filter = filters.directory(request, year)
    in_bank = {
        "in_mentees": Exists(Mentee.objects.filter(person=OuterRef("pk"), year=year)),
        "in_mentors": Exists(Mentor.objects.filter(person=OuterRef("pk"), year=year)),
    }
    page = paginate(request, people_filter.qs.annotate(**in_bank))
    return render(
        request,
        "participants/people.html",
        {
            "year": year,
            "filter": people_filter,
            "page": page,
            "query": query_without_page(request),
            "can_edit": access.writes(request.user),
        },
    )


@login_required
def person(request, pk):
    """participants/person.html: a person's card with everything the banks hold about them."""
    year = AcademicYear.objects.from_request(request)
    person = access.get_person(request.user, pk, year)
    mentee_records = list(
        person.mentee_records.select_related("year", "form", "role_model").order_by("-year__start_year")
    )
    mentor_records = list(
        person.mentor_records.select_related("year", "appointment")
        .prefetch_related("forms")
        .order_by("-year__start_year")
    )
    mentee = next((record for record in mentee_records if record.year_id == getattr(year, "pk", None)), None)
    mentor = next((record for record in mentor_records if record.year_id == getattr(year, "pk", None)), None)
    everyone = access.reads_everyone(request.user)
    context = {
        "year": year,
        "person": person,
        "mentee": mentee,
        "mentor": mentor if everyone else None,
        "mentee_records": mentee_records,
        "mentor_records": mentor_records if everyone else [],
        "can_edit": access.writes(request.user),
        "can_note": mentee is not None and _may_note(request.user, mentee),
        # Scans are for management and the class leader (participants.views.consents.consent_scan).
        "hide_scans": not (everyone or person.school_class in access.led_classes(request.user, year)),
        "request_notes": list(mentee.request_notes.select_related("author")) if mentee else [],
        **consents.card_context(person, year),
        "panels": cards.render(request, person, year),
    }
    if everyone:
        context["profile"] = MentorProfile.objects.filter(person=person).first()
        context["history"] = history.entries_for(person)
        context.update(selection.card_context(mentor))
    return render(request, "participants/person.html", context)


def _may_note(user, mentee):
    return access.writes(user) or mentee.person.school_class in access.led_classes(user, mentee.year)


@curator_only
def person_add(request):
    year = _current_year_or_message(request)
    form = PersonForm(request.POST or None, year=year)
    if form.is_valid():
        person = form.save()
        messages.success(request, f"{person.full_name} добавлен(а).")
        return redirect(person)
    return render(request, "participants/person_form.html", {"form": form, "year": year})


@curator_only
def person_edit(request, pk):
    person = get_object_or_404(Person, pk=pk)
    year = person.school_class.year if person.school_class_id else AcademicYear.objects.current_for(request)
    form = PersonForm(request.POST or None, instance=person, year=year)
    if form.is_valid():
        form.save()
        messages.success(request, "Изменения сохранены.")
        return redirect(person)
    return render(request, "participants/person_form.html", {"form": form, "person": person, "year": year})


def _include(request, pk, model, whom):
    """Include a person in ``model``'s bank of the current year once, however many times it is asked."""
    person = get_object_or_404(Person, pk=pk)
    if year := _current_year_or_message(request):
        try:
            with transaction.atomic():
                _, created = model.objects.get_or_create(person=person, year=year)
        except IntegrityError:  # the same request, submitted twice at once
            created = False
        messages.success(request, f"Включён(а) в банк {whom}." if created else f"Уже в банке {whom}.")
    return redirect(person)


@require_POST
@curator_only
def mentee_add(request, pk):
    return _include(request, pk, Mentee, "наставляемых")


@require_POST
@curator_only
def mentor_add(request, pk):
    return _include(request, pk, Mentor, "наставников")


@require_POST
@curator_only
def people_to_bank(request):
    form = ToBankForm(request.POST)
    year = _current_year_or_message(request)
    if year and form.is_valid():
        model = Mentee if form.cleaned_data["bank"] == "mentees" else Mentor
        people = form.cleaned_data["people"]
        with transaction.atomic():
            if year.is_closed:  # a bulk write sends no signals: the closed year's guard is asked here
                raise YearClosed(year)
            present = set(model.objects.filter(year=year, person__in=people).values_list("person", flat=True))
            new = [model(person=person, year=year) for person in people if person.pk not in present]
            model.objects.bulk_create(new, ignore_conflicts=True)
            # A bulk write leaves no history and, skipping conflicts, no ids: the rows this request
            # stored are told by their own creation times, and recorded as created by its user.
            stored = model.objects.filter(
                year=year, person__in=[row.person_id for row in new], created_at__in=[row.created_at for row in new]
            )
            model.history.bulk_history_create(list(stored))
        label = dict(form.BANKS)[form.cleaned_data["bank"]]
        messages.success(request, f"Включено {label}: {len(new)}; уже были там: {len(present)}.")
    elif year:
        messages.error(request, "Отметьте людей и выберите банк.")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = "people"  # only back to a page of this site
    return redirect(back)


@curator_only
def mentor_profile_edit(request, pk):
    person = get_object_or_404(Person, pk=pk)
    profile = MentorProfile.objects.filter(person=person).first() or MentorProfile(person=person)
    form = MentorProfileForm(request.POST or None, instance=profile)
    if form.is_valid():
        form.save()
        messages.success(request, "Запись долгосрочной базы наставников сохранена.")
        return redirect(person)
    return render(request, "participants/simple_form.html", _form_page(form, person, "Долгосрочная база наставников"))


def _form_page(form, person, title):
    return {"form": form, "person": person, "title": title, "back": person.get_absolute_url()}


@login_required
def classes(request):
    """participants/classes.html: the year's classes with their leaders and sizes."""
    if not access.reads_everyone(request.user):
        raise PermissionDenied
    year = AcademicYear.objects.from_request(request)
    rows = (
        SchoolClass.objects.filter(year=year)
        .select_related("class_leader")
        .annotate(
            student_count=Count("students", distinct=True),
            mentee_count=Count(
                "students__mentee_records", filter=Q(students__mentee_records__year=year), distinct=True
            ),
        )
    )
    return render(
        request, "participants/classes.html", {"year": year, "classes": rows, "years": AcademicYear.objects.all()}
    )


@curator_only
def class_add(request):
    year = AcademicYear.objects.from_request(request)
    if year is None:
        _current_year_or_message(request)
        return redirect("classes")
    form = SchoolClassForm(request.POST or None, year=year)
    if form.is_valid():
        school_class = form.save()
        messages.success(request, f"Класс {school_class} добавлен.")
        return redirect(_classes_url(year))
    return render(
        request,
        "participants/simple_form.html",
        {"form": form, "title": f"Новый класс, {year}", "back": _classes_url(year)},
    )


@curator_only
def class_edit(request, pk):
    school_class = get_object_or_404(SchoolClass.objects.select_related("year"), pk=pk)
    form = SchoolClassForm(request.POST or None, instance=school_class, year=school_class.year)
    if form.is_valid():
        form.save()
        messages.success(request, f"Класс {school_class} сохранён.")
        return redirect(_classes_url(school_class.year))
    back = _classes_url(school_class.year)
    return render(
        request, "participants/simple_form.html", {"form": form, "title": f"Класс {school_class}", "back": back}
    )


def _classes_url(year):
    return reverse("classes") + ("" if year.is_current else f"?year={year.start_year}")
