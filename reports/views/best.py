"""Best practices of the year («Мониторинг» → «Завершение года»): the curator marks pairs,
groups and mentors as best and writes up a best pair as a case; the administration reads."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from mentoring import roles
from mentoring.materials import tags_text
from mentoring.models import AcademicYear
from pairs.models import Mentorship
from reports import best
from reports.best_forms import CaseForm, MarkForm

management = roles.role_required(*roles.MANAGEMENT)
curator = roles.role_required(roles.CURATOR)


def _with_year(url_name, year, *args):
    url = reverse(url_name, args=args)
    return f"{url}?year={year.start_year}" if year and not year.is_current else url


@management
def best_practices(request):
    """reports/best_practices.html: the year's finished pairs and groups (and the working ones,
    not finished yet) with the best-practice marks, one form for the curator."""
    year = AcademicYear.objects.from_request(request)
    is_curator = roles.has_role(request.user, roles.CURATOR)
    if request.method == "POST" and not is_curator:
        raise PermissionDenied
    listing = best.listing(year) if year else None
    if request.method == "POST" and year:
        form = MarkForm(request.POST, listing=listing)
        if form.is_valid():
            pairs, mentees, mentors = best.mark(year, set(form.cleaned_data["pair"]), set(form.cleaned_data["mentor"]))
            if pairs or mentors:
                messages.success(
                    request,
                    f"Отметки сохранены: пар и групп — {pairs}, наставляемых — {mentees}, наставников — {mentors}.",
                )
            else:
                messages.info(request, "Отметки не изменились.")
            return redirect(_with_year("best_practices", year))
        messages.error(request, "Список пар изменился — отметьте заново.")
        listing = best.listing(year)
    return render(
        request,
        "reports/best_practices.html",
        {
            "year": year,
            "years": AcademicYear.objects.all(),
            "listing": listing,
            "is_curator": is_curator,
        },
    )


@curator
def best_case(request, pk):
    """reports/best_case.html: the case of a best pair — a draft from the pair's data, or the
    case already written — saved to the piggy bank."""
    mentorship = get_object_or_404(Mentorship.objects.select_related("year", "case", "form"), pk=pk)
    if not mentorship.best_practice and not mentorship.case_id:
        messages.error(request, "Кейс пишут о лучшей практике: сначала отметьте пару как лучшую.")
        return redirect(_with_year("best_practices", mentorship.year))
    case = mentorship.case
    if case:
        initial = {"title": case.title, "text": case.description, "tags": tags_text(case), "authors": case.authors}
    else:
        draft = best.draft_case(mentorship)
        initial = {"title": draft.title, "text": draft.text, "authors": draft.authors}
        initial["tags"] = f"лучшая практика, {mentorship.form.name}"
    form = CaseForm(request.POST or None, initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        material, created = best.save_case(
            mentorship, data["title"], data["text"], data["tags"], data["authors"], request.user
        )
        messages.success(request, "Кейс сохранён в методическую копилку." if created else "Кейс сохранён.")
        return redirect(material)
    return render(
        request,
        "reports/best_case.html",
        {"form": form, "mentorship": mentorship, "case": case, "year": mentorship.year},
    )
