"""The year's roadmap as a printed plan of activities."""

from django.http import Http404

from mentoring import pdf, roadmap, roles
from mentoring.models import AcademicYear, NormativeAct, School


@roles.role_required(*roles.MANAGEMENT)
def roadmap_pdf(request):
    """The plan of activities (дорожная карта) of the year, with the order approving it once signed."""
    year = AcademicYear.objects.from_request(request)
    if year is None:
        raise Http404("Учебный год не выбран.")
    stages, _progress = roadmap.load(year)
    if not stages:
        raise Http404("У этого учебного года нет дорожной карты.")
    order = (
        NormativeAct.objects.signed()
        .filter(year=year, kind=NormativeAct.Kind.ROADMAP_ORDER)
        .order_by("-date", "-pk")
        .first()
    )
    return pdf.response(
        f"Дорожная карта {year}",
        "documents/roadmap.html",
        {"year": year, "stages": stages, "order": order, "school": School.load()},
        request,
    )
