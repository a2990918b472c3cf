"""«Мониторинг»: the year at a glance, the figures per pair, the SWOT analysis, completion of the year."""

from django.shortcuts import render

from mentoring import roles
from mentoring.models import AcademicYear

management = roles.role_required(*roles.MANAGEMENT)
curator = roles.role_required(roles.CURATOR)


def _page(request, template, active):
    year = AcademicYear.objects.from_request(request)
    return render(request, template, {"year": year, "years": AcademicYear.objects.all(), "active": active})


@management
def dashboard(request):
    return _page(request, "reports/monitoring.html", "monitoring")


@management
def pair_figures(request):
    return _page(request, "reports/monitoring.html", "monitoring_pairs")


@management
def swot(request):
    return _page(request, "reports/monitoring.html", "monitoring_swot")


@curator
def settings_edit(request):
    return _page(request, "reports/monitoring.html", "monitoring")


@management
def completion(request):
    return _page(request, "reports/monitoring.html", "completion")
