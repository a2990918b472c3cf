from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe

from mentoring import roadmap, roles
from mentoring.forms import AcademicYearForm, ActivityForm, DoneForm, SchoolForm
from mentoring.models import AcademicYear, RoadmapActivity, RoadmapStage, School

curator_only = roles.role_required(roles.CURATOR)
management = roles.role_required(*roles.MANAGEMENT)


def _get_activity(pk):
    return get_object_or_404(RoadmapActivity.objects.select_related("stage__year"), pk=pk)


def _to_roadmap(year):
    return redirect(reverse("roadmap") + ("" if year.is_current else f"?year={year.start_year}"))


@login_required
def home(request):
    """templates/mentoring/home.html: the start page, with the roadmap's state for management."""
    context = {}
    if roles.has_role(request.user, *roles.MANAGEMENT) and (year := AcademicYear.objects.current_for(request)):
        stages, overall = roadmap.load(year)
        context.update(
            year=year,
            stages=stages,
            overall=overall,
            overdue=[a for s in stages for a in s.activities.all() if a.status == roadmap.Status.OVERDUE],
        )
    return render(request, "mentoring/home.html", context)


@management
def roadmap_page(request):
    """templates/mentoring/roadmap.html: the year's roadmap with live statuses and progress."""
    year = AcademicYear.objects.from_request(request)
    context = {"year": year, "years": AcademicYear.objects.all()}
    if year:
        context["stages"], context["overall"] = roadmap.load(year)
    return render(request, "mentoring/roadmap.html", context)


@require_POST
@curator_only
def roadmap_create(request, start_year):
    year = get_object_or_404(AcademicYear, start_year=start_year)
    try:
        roadmap.create_from_seed(year)
    except roadmap.RoadmapError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Дорожная карта на {year} учебный год создана по типовой.")
    return _to_roadmap(year)


@require_POST
@curator_only
def roadmap_copy(request, start_year):
    year = get_object_or_404(AcademicYear, start_year=start_year)
    try:
        next_year = roadmap.copy_to_next_year(year)
    except roadmap.RoadmapError as error:
        messages.error(request, str(error))
        return _to_roadmap(year)
    messages.success(request, f"Дорожная карта на {next_year} учебный год создана: сроки сдвинуты на год.")
    return _to_roadmap(next_year)


@curator_only
def activity_create(request, stage_pk):
    stage = get_object_or_404(RoadmapStage.objects.select_related("year"), pk=stage_pk)
    form = ActivityForm(request.POST or None, instance=RoadmapActivity(stage=stage))
    if form.is_valid():
        activity, created = roadmap.add_activity(stage, form.instance)
        if created:
            messages.success(request, f"Мероприятие {activity.code} добавлено.")
        else:
            messages.info(request, f"Такое мероприятие уже есть в этапе: {activity.code}.")
        return redirect(activity)
    return render(request, "mentoring/activity_form.html", {"form": form, "stage": stage})


@curator_only
def activity_edit(request, pk):
    activity = _get_activity(pk)
    form = ActivityForm(request.POST or None, instance=activity)
    if form.is_valid():
        form.save()
        messages.success(request, f"Мероприятие {activity.code} сохранено.")
        return redirect(activity)
    return render(
        request, "mentoring/activity_form.html", {"form": form, "stage": activity.stage, "activity": activity}
    )


@require_POST
@curator_only
def activity_delete(request, pk):
    activity = _get_activity(pk)
    roadmap.delete_activity(activity)
    messages.success(request, f"Мероприятие {activity.code} удалено.")
    return _to_roadmap(activity.stage.year)


@require_POST
@curator_only
def activity_done(request, pk):
    activity = _get_activity(pk)
    form = DoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Примечание не сохранено: {form.errors['note'][0]}")
    elif activity.done_at is None:  # a repeated submit keeps the first mark
        activity.done_at = timezone.now()
        activity.done_by = request.user
        activity.done_note = form.cleaned_data["note"]
        activity.save(update_fields=["done_at", "done_by", "done_note"])
        messages.success(request, f"Мероприятие {activity.code} отмечено выполненным.")
    return redirect(activity)


@require_POST
@curator_only
def activity_reopen(request, pk):
    activity = _get_activity(pk)
    activity.done_at, activity.done_by, activity.done_note = None, None, ""
    activity.save(update_fields=["done_at", "done_by", "done_note"])
    messages.success(request, f"Отметка о выполнении мероприятия {activity.code} снята.")
    return redirect(activity)


def _years_page(request, form=None, status=200):
    """templates/mentoring/years.html: the academic years, the current one and their roadmaps;
    the new-year form suggests the year after the latest."""
    all_years = list(AcademicYear.objects.annotate(stage_count=Count("roadmap_stages")))  # newest first
    if form is None:
        next_start = all_years[0].start_year + 1 if all_years else AcademicYear.start_year_of(timezone.localdate())
        form = AcademicYearForm(initial={"start_year": next_start})
    return render(request, "mentoring/years.html", {"years": all_years, "form": form}, status=status)


@management
def years(request):
    return _years_page(request)


@require_POST
@curator_only
def year_add(request):
    form = AcademicYearForm(request.POST)
    if not form.is_valid():
        return _years_page(request, form, status=400)
    try:
        with transaction.atomic():
            year = form.save()
    except IntegrityError:  # the same year added at the same moment in another window
        form.add_error("start_year", AcademicYear._meta.get_field("start_year").error_messages["unique"])
        return _years_page(request, form, status=400)
    if not AcademicYear.objects.current():
        year.make_current()
    if form.cleaned_data["with_roadmap"]:
        roadmap.create_from_seed(year)
    messages.success(request, f"Учебный год {year} добавлен.")
    return redirect("years")


@require_POST
@curator_only
def year_make_current(request, start_year):
    year = get_object_or_404(AcademicYear, start_year=start_year)
    if year.is_closed:
        messages.error(request, f"Учебный год {year} закрыт: текущим может стать только открытый год.")
        return redirect("years")
    year.make_current()
    messages.success(request, f"Текущий учебный год: {year}.")
    return redirect("years")


@management
def school_edit(request):
    """templates/mentoring/school_form.html: the requisites printed on every document."""
    form = SchoolForm(request.POST or None, instance=School.load())
    if form.is_valid():
        try:
            with transaction.atomic():
                form.save()
        except IntegrityError:  # the first requisites saved from two windows at once
            messages.error(request, "Реквизиты только что сохранены в другом окне. Проверьте их и сохраните снова.")
        else:
            messages.success(request, "Реквизиты школы сохранены.")
        return redirect("school")
    return render(request, "mentoring/school_form.html", {"form": form})


@never_cache
@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_GET
def favicon(request):
    """Browsers and the admin ask for /favicon.ico; the icon lives in the static files."""
    return redirect(static("img/favicon.svg"))
