"""«Мониторинг → Отчёты»: the Excel reports of the year and the region's list of indicators.

The curator and the administration download the reports and read the list; the curator keeps
the list. Every download carries personal data or the school's figures and is logged.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from mentoring import roles
from mentoring.models import AcademicYear, DataExport
from participants import exporting
from reports import exports, indicators
from reports.indicator_forms import IndicatorForm
from reports.models import Indicator
from reports.views.monitoring import _year, figures

management = roles.role_required(*roles.MANAGEMENT)
curator = roles.role_required(roles.CURATOR)


def _download(request, report, name, what):
    DataExport.log(request, what, rows=report.rows)
    response = HttpResponse(exporting.workbook_bytes(report.sheets), content_type=exporting.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@management
def reports_page(request):
    """reports/monitoring_reports.html: the downloads of the year and the region's indicators."""
    year = AcademicYear.objects.from_request(request)
    context = {
        "year": year,
        "years": AcademicYear.objects.all(),
        "active": "monitoring_reports",
        "is_curator": roles.has_role(request.user, roles.CURATOR),
        "indicator_count": Indicator.objects.count(),
    }
    return render(request, "reports/monitoring_reports.html", context)


@never_cache
@require_safe
@management
def year_report(request):
    """The programme's full report of the year (.xlsx)."""
    year = _year(request)
    report = exports.year_report(year, figures(year), timezone.localdate())
    return _download(
        request,
        report,
        exports.filename("otchet-nastavnichestvo", year),
        f"Отчёт о программе наставничества за {year} учебный год: экспорт в Excel",
    )


@never_cache
@require_safe
@management
def regional_report(request):
    """The region's report from the list of indicators (.xlsx)."""
    year = _year(request)
    report = exports.regional_report(year, timezone.localdate())
    return _download(
        request,
        report,
        exports.filename("otchet-region", year),
        f"Отчёт для региона за {year} учебный год: экспорт в Excel",
    )


@management
def indicator_list(request):
    """reports/indicators.html: the region's indicators with their figures and dates in the year shown."""
    year = AcademicYear.objects.from_request(request)
    figures_by_key = indicators.catalogue()
    rows = list(Indicator.objects.all())
    for row in rows:
        row.figure = figures_by_key.get(row.metric)
        row.start, row.end = row.dates(year) if year else (None, None)
    return render(
        request,
        "reports/indicators.html",
        {
            "year": year,
            "years": AcademicYear.objects.all(),
            "active": "monitoring_reports",
            "rows": rows,
            "year_note": indicators.YEAR_NOTE,
            "is_curator": roles.has_role(request.user, roles.CURATOR),
        },
    )


def _back(request):
    """The list, for the year it was opened for (carried in ``?year=``)."""
    url = reverse("indicators")
    year = request.GET.get("year", "")
    return redirect(f"{url}?year={year}" if year.isdigit() else url)


@curator
def indicator_add(request):
    form = IndicatorForm(request.POST or None)
    if form.is_valid():
        indicators.save(form.save(commit=False))
        messages.success(request, "Показатель добавлен.")
        return _back(request)
    return render(request, "reports/indicator_form.html", {"form": form, "title": "Новый показатель", **_nav(request)})


@curator
def indicator_edit(request, pk):
    indicator = get_object_or_404(Indicator, pk=pk)
    form = IndicatorForm(request.POST or None, instance=indicator)
    if form.is_valid():
        indicators.save(form.save(commit=False))
        messages.success(request, "Показатель сохранён.")
        return _back(request)
    return render(
        request,
        "reports/indicator_form.html",
        {"form": form, "title": "Показатель регионального отчёта", **_nav(request)},
    )


def _nav(request):
    year = AcademicYear.objects.from_request(request)
    return {"year": year, "active": "monitoring_reports"}


@require_POST
@curator
def indicator_delete(request, pk):
    indicators.delete(pk)
    messages.success(request, "Показатель удалён.")
    return _back(request)


@require_POST
@curator
def indicator_move(request, pk, direction):
    if direction not in ("up", "down"):
        raise Http404
    indicators.move(pk, direction)
    return _back(request)


@require_POST
@curator
def indicators_fill(request):
    """Fill an empty list with the typical indicators (a second click adds nothing)."""
    added = indicators.add_typical()
    if added:
        messages.success(
            request, f"Добавлен типовой список: {added} показателей. Сверьте формулировки с формой региона."
        )
    else:
        messages.info(request, "Список уже заполнен: типовой список добавляется только в пустой.")
    return _back(request)
