"""«Мониторинг»: the year at a glance, the figures per pair, the SWOT analysis and its settings,
and the hub of completing the year. The curator and the administration read; the curator writes."""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring import roadmap, roles
from mentoring.closing import YearClosed
from mentoring.models import AcademicYear, NormativeAct
from pairs import calendar
from pairs.models import Event, Mentorship
from participants.filters import AutoSubmitSelect
from participants.models import MentoringForm
from participants.views.people import paginate, query_without_page
from reports import monitoring
from reports.forms import MonitoringSettingsForm, SwotForm
from reports.models import YearReview

management = roles.role_required(*roles.MANAGEMENT)
curator = roles.role_required(roles.CURATOR)


def _year(request):
    year = AcademicYear.objects.from_request(request)
    if year is None:
        raise Http404("Учебный год ещё не выбран.")
    return year


def _year_url(name, year):
    url = reverse(name)
    return url if year.is_current else f"{url}?year={year.start_year}"


def figures(year):
    """Everything the dashboard shows, in a fixed number of queries."""
    review = YearReview.of(year)
    forms_of = monitoring.participants_forms(year)
    stages, progress = roadmap.load(year)
    overdue = [activity for stage in stages for activity in stage.activities.all() if activity.status == "overdue"]
    return {
        "review": review,
        "coverage": monitoring.coverage(year, review),
        "young": monitoring.young_teachers(year),
        "mentorships": monitoring.mentorships(year),
        "bank": monitoring.mentee_bank(year),
        "load": monitoring.mentor_load(year),
        "meetings": monitoring.meetings(year),
        "satisfaction": monitoring.satisfaction(year, forms_of),
        "growth": monitoring.growth(year, forms_of),
        "stages": stages,
        "progress": progress,
        "overdue": overdue,
    }


@management
def dashboard(request):
    """reports/monitoring.html: the year's figures, each with its chart and its numbers."""
    year = AcademicYear.objects.from_request(request)
    context = {"year": year, "years": AcademicYear.objects.all(), "active": "monitoring"}
    if year is not None:
        context.update(figures(year), is_curator=roles.has_role(request.user, roles.CURATOR))
    return render(request, "reports/monitoring.html", context)


class PairFilter(django_filters.FilterSet):
    STATUSES = [(value, label) for value, label in Mentorship.Status.choices if value in monitoring.TAKING_PART]

    form = django_filters.ModelChoiceFilter(
        label="Форма", queryset=MentoringForm.objects.all(), empty_label="Все формы", widget=AutoSubmitSelect
    )
    status = django_filters.ChoiceFilter(
        label="Статус", choices=STATUSES, empty_label="Все статусы", widget=AutoSubmitSelect
    )
    quiet = django_filters.ChoiceFilter(
        label="Встречи",
        choices=[("1", f"нет встреч больше {calendar.QUIET_DAYS} дней")],
        method="by_quiet",
        empty_label="Все пары",
        widget=AutoSubmitSelect,
    )

    class Meta:
        model = Mentorship
        fields = ["form", "status", "quiet"]

    def by_quiet(self, queryset, name, value):
        return queryset.filter(quiet=True)


@management
def pair_figures(request):
    """reports/monitoring_pairs.html: each pair and group taking part, its meetings held against
    planned, and its mentees' growth."""
    year = _year(request)
    rows = calendar.with_progress(
        Mentorship.objects.filter(year=year, status__in=monitoring.TAKING_PART).for_list()
    ).order_by("form__position", "mentor__person__last_name", "mentor__person__first_name", "pk")
    pair_filter = PairFilter(request.GET, queryset=rows)
    page = paginate(request, pair_filter.qs)
    growth = monitoring.pair_growth(page.object_list, year)
    for row in page.object_list:
        row.growth = growth.get(row.pk)
    return render(
        request,
        "reports/monitoring_pairs.html",
        {
            "year": year,
            "years": AcademicYear.objects.all(),
            "active": "monitoring_pairs",
            "filter": pair_filter,
            "page": page,
            "query": query_without_page(request),
        },
    )


@transaction.atomic
def _save_review(form, year, user):
    """Write the year's review; the year's row is locked so two first saves make one review."""
    AcademicYear.objects.select_for_update().get(pk=year.pk)
    review = YearReview.of(year)
    for name, value in form.cleaned_data.items():
        setattr(review, name, value)
    review.updated_by = user
    review.save()
    return review


def _review_form(request, form_class, review):
    """The form bound to a POST (the curator's only), else unbound."""
    if request.method != "POST":
        return form_class(instance=review)
    if not roles.has_role(request.user, roles.CURATOR):
        raise PermissionDenied
    return form_class(request.POST, instance=review)


@management
def swot(request):
    """reports/swot.html: the curator's SWOT analysis, with the year's key figures beside it."""
    year = _year(request)
    review = YearReview.of(year)
    form = _review_form(request, SwotForm, review)
    if form.is_bound and form.is_valid():
        _save_review(form, year, request.user)
        messages.success(request, "SWOT-анализ сохранён.")
        return redirect(_year_url("monitoring_swot", year))
    context = {
        "year": year,
        "years": AcademicYear.objects.all(),
        "active": "monitoring_swot",
        "review": review,
        "form": form,
        "can_edit": roles.has_role(request.user, roles.CURATOR),
        **key_figures(year, review),
    }
    return render(request, "reports/swot.html", context)


def key_figures(year, review):
    """The figures the SWOT analysis is written against (the first stage of monitoring)."""
    forms_of = monitoring.participants_forms(year)
    return {
        "coverage": monitoring.coverage(year, review),
        "young": monitoring.young_teachers(year),
        "bank": monitoring.mentee_bank(year),
        "meetings": monitoring.meetings(year, quiet_shown=0),
        "satisfaction": monitoring.satisfaction(year, forms_of),
        "growth": monitoring.growth(year, forms_of),
    }


@curator
def settings_edit(request):
    """reports/monitoring_settings.html: the coverage target and the students' age band."""
    year = _year(request)
    if request.method == "POST" and year.is_closed:  # the closed year's figures stay as they were
        raise YearClosed(year)
    form = _review_form(request, MonitoringSettingsForm, YearReview.of(year))
    if form.is_bound and form.is_valid():
        _save_review(form, year, request.user)
        messages.success(request, "Настройки мониторинга сохранены.")
        return redirect(_year_url("monitoring", year))
    context = {"year": year, "years": AcademicYear.objects.all(), "active": "monitoring", "form": form}
    return render(request, "reports/monitoring_settings.html", context)


@management
def completion(request):
    """reports/completion.html: the steps of completing the year, each with its state and its page."""
    year = _year(request)
    taking_part = Mentorship.objects.filter(year=year, status__in=monitoring.TAKING_PART)
    events = Event.objects.filter(year=year, kind=Event.Kind.FINAL).annotate(pairs=Count("mentorships"))
    orders = NormativeAct.objects.filter(year=year, kind=NormativeAct.Kind.FINAL_EVENT_ORDER)
    review = YearReview.of(year)
    return render(
        request,
        "reports/completion.html",
        {
            "year": year,
            "years": AcademicYear.objects.all(),
            "active": "completion",
            "events": list(events.order_by("-held_on")),
            "orders": list(orders.order_by("-date", "-pk")),
            "counts": taking_part.aggregate(
                open=Count("pk", filter=Q(status__in=Mentorship.OPEN)),
                finished=Count("pk", filter=Q(status=Mentorship.Status.FINISHED)),
                best=Count("pk", filter=Q(best_practice=True)),
                cases=Count("pk", filter=Q(case__isnull=False)),
            ),
            "swot_written": any(items for _, _, items in review.swot()),
            "is_curator": roles.has_role(request.user, roles.CURATOR),
        },
    )
