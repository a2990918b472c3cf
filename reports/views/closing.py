"""«Закрытие учебного года»: what blocks closing, the roll-over choice, and closing.

The administration reads the page; only the curator closes. The work is done by
``reports.closing.close``.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring import roles
from mentoring.models import AcademicYear
from participants.models import Mentee, Mentor
from reports import closing

management = roles.role_required(*roles.MANAGEMENT)


class CloseForm(forms.Form):
    """The ticked rows of the roll-over lists: records of the year (closing ignores any other)."""

    mentors = forms.ModelMultipleChoiceField(queryset=Mentor.objects.none(), required=False)
    mentees = forms.ModelMultipleChoiceField(queryset=Mentee.objects.none(), required=False)

    def __init__(self, year, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentors"].queryset = Mentor.objects.filter(year=year)
        self.fields["mentees"].queryset = Mentee.objects.filter(year=year)


def _page_url(year):
    return f"{reverse('year_close')}?year={year.start_year}"


@management
def year_close(request):
    """reports/year_close.html: the year's blocks and roll-over lists; POST (curator) closes it."""
    year = AcademicYear.objects.from_request(request)
    status = 200
    if request.method == "POST":
        if not roles.has_role(request.user, roles.CURATOR):
            raise PermissionDenied
        if year is None:
            raise Http404("Нет учебного года.")
        form = CloseForm(year, request.POST)
        if form.is_valid():
            return _close(request, year, form.cleaned_data)
        messages.error(request, "Списки переноса устарели: откройте страницу заново.")
        status = 400
    context = {"year": year, "years": AcademicYear.objects.all(), "can_close": False}
    if year and not year.is_closed:
        context.update(
            blocks=closing.blocks(year),
            mentors=closing.mentor_candidates(year),
            mentees=closing.mentee_candidates(year),
            next_label=f"{year.start_year + 1}/{year.start_year + 2}",
            trained=[status.value for status in closing.TRAINED],
        )
        context["can_close"] = roles.has_role(request.user, roles.CURATOR) and not context["blocks"]
    return render(request, "reports/year_close.html", context, status=status)


def _close(request, year, data):
    try:
        outcome = closing.close(year, request.user, [m.pk for m in data["mentors"]], [m.pk for m in data["mentees"]])
    except closing.Refused as refused:
        messages.error(request, str(refused))
        return redirect(_page_url(year))
    if not outcome.closed:
        messages.info(request, f"Учебный год {year} уже закрыт.")
        return redirect(_page_url(year))
    next_year = outcome.next_year
    messages.success(request, f"Учебный год {year} закрыт.")
    messages.success(request, f"Перенесено в банк наставников {next_year} учебного года: {len(outcome.mentors)}.")
    messages.success(request, f"Перенесено в банк наставляемых {next_year} учебного года: {len(outcome.mentees)}.")
    if outcome.already:
        names = ", ".join(str(person) for person in outcome.already)
        messages.info(request, f"Уже были в банках {next_year} учебного года: {names}.")
    if outcome.roadmap == "copied":
        messages.success(request, f"Дорожная карта на {next_year} учебный год скопирована: сроки сдвинуты на год.")
    elif outcome.roadmap == "seeded":
        messages.success(request, f"Дорожная карта на {next_year} учебный год создана по типовой.")
    if outcome.made_current:
        messages.success(request, f"Текущий учебный год: {next_year}.")
    return redirect(_page_url(year))
