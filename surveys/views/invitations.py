"""Inviting people: personal links by class, staff, bank or hand-picked, and the class sheets."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mentoring import pdf
from mentoring.models import DataExport
from participants import filters
from participants.models import Person, SchoolClass
from participants.views.people import paginate, query_without_page
from surveys import access, distribution
from surveys.forms import InviteForm
from surveys.models import Invitation, Survey
from surveys.views.builder import curator_only

STATUSES = {
    "waiting": ("ожидают ответа", Q(used_at__isnull=True, revoked_at__isnull=True)),
    "answered": ("ответили", Q(used_at__isnull=False)),
    "revoked": ("отозваны", Q(revoked_at__isnull=False)),
}


@login_required
def invitations(request, pk):
    """surveys/invitations.html: who is invited, who has answered, and the form to invite more."""
    survey = access.get_survey(request.user, pk)
    form = None
    if access.writes(request.user) and not survey.is_template:
        form = InviteForm(request.POST or None, year=survey.year)
        if form.is_valid():
            data = form.cleaned_data
            people = distribution.people_in(survey.year, **{name: data[name] for name in InviteForm.GROUPS})
            outcome = distribution.invite(survey, people, data["respondent_role"], request.user)
            messages.success(request, outcome.message())
            return redirect("survey_invitations", pk=survey.pk)
    listed = survey.invitations.for_list()
    if (status := request.GET.get("status")) in STATUSES:
        listed = listed.filter(STATUSES[status][1])
    if (class_pk := request.GET.get("class", "")).isascii() and class_pk.isdigit():
        listed = listed.filter(subject__school_class_id=class_pk)
    return render(
        request,
        "surveys/invitations.html",
        {
            "survey": survey,
            "form": form,
            "page": paginate(request, listed),
            "query": query_without_page(request),
            "statuses": {key: label for key, (label, _) in STATUSES.items()},
            "classes": _classes_with_invitations(survey),
            "can_edit": access.writes(request.user),
        },
    )


def _classes_with_invitations(survey):
    """The classes whose students are invited, with how many are invited and have answered."""
    rows = SchoolClass.objects.filter(year=survey.year)
    invited = Q(students__survey_invitations__survey=survey)
    return (
        rows.annotate(
            invited=Count("students__survey_invitations", filter=invited),
            answered=Count(
                "students__survey_invitations", filter=invited & Q(students__survey_invitations__used_at__isnull=False)
            ),
        )
        .filter(invited__gt=0)
        .order_by("grade", "letter")
    )


@curator_only
def invite_people(request, pk):
    """surveys/invite_people.html: hand-picking people from the directory to invite."""
    survey = get_object_or_404(Survey.objects.select_related("year"), pk=pk, is_template=False)
    if request.method == "POST":
        role = request.POST.get("respondent_role", Invitation.Respondent.SELF)
        if role not in Invitation.Respondent.values:
            messages.error(request, "Выберите, кто отвечает.")
            return redirect("survey_invite_people", pk=survey.pk)
        ids = [pk for pk in request.POST.getlist("people") if pk.isascii() and pk.isdigit()]
        chosen = Person.objects.filter(pk__in=ids)
        if not chosen.exists():
            messages.error(request, "Отметьте хотя бы одного человека.")
        else:
            messages.success(request, distribution.invite(survey, chosen, role, request.user).message())
            return redirect("survey_invitations", pk=survey.pk)
    people_filter = filters.directory(request, survey.year)
    return render(
        request,
        "surveys/invite_people.html",
        {
            "survey": survey,
            "filter": people_filter,
            "page": paginate(request, people_filter.qs),
            "query": query_without_page(request),
            "roles": Invitation.Respondent.choices,
        },
    )


@require_POST
@curator_only
def invitation_revoke(request, pk, invitation_pk):
    updated = Invitation.objects.filter(
        pk=invitation_pk, survey_id=pk, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    if updated:
        messages.success(request, "Ссылка отозвана: по ней больше нельзя ответить.")
    else:
        messages.error(request, "Эту ссылку отозвать нельзя: по ней уже ответили или она отозвана.")
    return redirect("survey_invitations", pk=pk)


@login_required
def class_sheet(request, pk, class_pk):
    """A printable PDF: each invited student of the class with their personal link and its QR code."""
    survey = get_object_or_404(Survey.objects.select_related("year"), pk=pk, is_template=False)
    school_class = get_object_or_404(SchoolClass.objects.select_related("class_leader"), pk=class_pk, year=survey.year)
    if not access.reads_class(request.user, school_class):
        raise PermissionDenied
    rows = [
        (invitation, request.build_absolute_uri(invitation.get_absolute_url()))
        for invitation in survey.invitations.for_list().filter(
            subject__school_class=school_class, used_at__isnull=True, revoked_at__isnull=True
        )
    ]
    DataExport.log(request, f"Листы ссылок: «{survey.title}», {school_class}", rows=len(rows))
    return pdf.response(
        f"Ссылки {school_class} — {survey.title}.pdf",
        "surveys/print/class_sheet.html",
        {"survey": survey, "school_class": school_class, "rows": rows, "today": timezone.localdate()},
        request=request,
    )
