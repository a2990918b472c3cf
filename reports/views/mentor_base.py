"""Correcting the long-term mentor base at the end of the year: the curator edits every mentor's
rating and notes in one form; the administration reads."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from mentoring import roles
from mentoring.models import AcademicYear
from reports import mentor_base
from reports.best_forms import ProfileFormSet

management = roles.role_required(*roles.MANAGEMENT)


def _initial(rows):
    return [{"person": row.person.pk, "rating": row.rating, "notes": row.notes} for row in rows]


def _changes(formset, rows):
    """{person pk: (rating, notes)} of the rows the curator changed, or None when the posted rows
    are not the year's mentors as listed now (the list changed since the page was opened)."""
    if len(formset.forms) != len(rows):
        return None
    changes = {}
    for form, row in zip(formset.forms, rows, strict=True):
        if form.cleaned_data.get("person") != row.person.pk:
            return None
        if form.has_changed():
            changes[row.person.pk] = (form.cleaned_data["rating"], form.cleaned_data["notes"])
    return changes


@management
def mentor_base_page(request):
    """reports/mentor_base.html: the year's mentors, what the year showed of them, and their
    long-term record (rating, notes) — a form for the curator."""
    year = AcademicYear.objects.from_request(request)
    is_curator = roles.has_role(request.user, roles.CURATOR)
    if request.method == "POST" and not is_curator:
        raise PermissionDenied
    rows = mentor_base.rows(year) if year else []
    formset = ProfileFormSet(request.POST or None, initial=_initial(rows)) if is_curator else None
    if request.method == "POST" and year:
        changes = _changes(formset, rows) if formset.is_valid() else None
        if changes is not None:
            written = mentor_base.save(year, changes, request.user)
            messages.success(request, f"Сохранено записей: {written}." if written else "Изменений нет.")
            url = reverse("mentor_base")
            return redirect(url if year.is_current else f"{url}?year={year.start_year}")
        if len(formset.forms) != len(rows) or formset.is_valid():
            messages.error(
                request, "Список наставников изменился, пока страница была открыта. Внесите изменения заново."
            )
            formset = ProfileFormSet(initial=_initial(rows))
        else:
            messages.error(request, "Исправьте ошибки в отмеченных строках.")
    forms = formset.forms if formset is not None else [None] * len(rows)
    return render(
        request,
        "reports/mentor_base.html",
        {
            "year": year,
            "years": AcademicYear.objects.all(),
            "rows": list(zip(rows, forms, strict=True)),
            "formset": formset,
            "is_curator": is_curator,
        },
    )
