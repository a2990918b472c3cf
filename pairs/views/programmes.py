"""Personalised programmes: the year's list, a pair's programme and its calendar, the templates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mentoring import roles
from mentoring.models import AcademicYear
from pairs import access, calendar, workflow
from pairs.models import Mentorship, Programme, ProgrammeTemplate
from pairs.programme_forms import (
    NewProgrammeForm,
    ProgrammeFilter,
    ProgrammeForm,
    ProgrammeTemplateForm,
    TemplateChoiceForm,
)
from participants.views.people import paginate, query_without_page

management = roles.role_required(*roles.MANAGEMENT)
curator = roles.role_required(roles.CURATOR)


def panels(request, mentorship):
    """The context of ``pairs/_programme_panel.html`` and ``pairs/_meetings_panel.html`` on a
    pair's page: the programme (or None) and the meetings by their day, in two queries."""
    meetings = list(mentorship.meetings.order_by(Coalesce("planned_on", "held_on").asc(nulls_last=True), "pk"))
    return {
        "mentorship": mentorship,
        "programme": Programme.objects.filter(mentorship=mentorship).select_related("calendar_approved_by").first(),
        "meetings": meetings,
        "held_count": sum(1 for meeting in meetings if meeting.held),
        "can_write": access.writes(request.user),
        "can_log": access.keeps_journal(request.user, mentorship),
        "today": timezone.localdate(),
    }


@management
def programme_list(request):
    """pairs/programmes.html: the year's pairs and groups, open or finished, with their programmes and journals."""
    year = AcademicYear.objects.from_request(request)
    rows = calendar.with_progress(
        Mentorship.objects.filter(year=year).exclude(status=Mentorship.Status.TERMINATED).for_list()
    ).order_by("mentor__person__last_name", "mentor__person__first_name", "pk")
    programme_filter = ProgrammeFilter(request.GET, queryset=rows)
    return render(
        request,
        "pairs/programmes.html",
        {
            "year": year,
            "years": AcademicYear.objects.all(),
            "filter": programme_filter,
            "page": paginate(request, programme_filter.qs),
            "query": query_without_page(request),
            "can_write": access.writes(request.user),
        },
    )


@login_required
def programme(request, pk):
    """pairs/programme.html: a pair's programme and calendar, for management and the pair's own mentor."""
    mentorship = access.get_mentorship(request.user, pk)
    context = panels(request, mentorship)
    programme = context["programme"]
    context.update(
        mentees=mentorship.mentees.select_related("person__school_class").order_by("person__last_name"),
        tasks=calendar.lines(programme.tasks) if programme else [],
        results=calendar.lines(programme.expected_results) if programme else [],
    )
    return render(request, "pairs/programme.html", context)


@curator
def programme_edit(request, pk):
    """pairs/programme_form.html: the programme written from a template (its plan makes the calendar), or edited."""
    mentorship = access.get_mentorship(request.user, pk, write=True)
    programme = Programme.objects.filter(mentorship=mentorship).first()
    if programme is None:
        return _programme_add(request, mentorship)
    form = ProgrammeForm(request.POST or None, instance=programme)
    if form.is_valid():
        form.save()
        messages.success(request, "Программа сохранена.")
        return redirect(programme)
    return render(request, "pairs/programme_form.html", {"form": form, "mentorship": mentorship})


def _programme_add(request, mentorship):
    choice = TemplateChoiceForm(request.GET, audience=mentorship.form.audience)
    template = choice.chosen
    draft = workflow.programme_from_template(mentorship, template)
    form = NewProgrammeForm(request.POST or None, instance=draft, initial={"plan": template.plan if template else ""})
    if form.is_valid():
        try:
            programme = calendar.create_programme(form.save(commit=False), form.cleaned_data["plan"])
        except workflow.Conflict as error:
            messages.error(request, str(error))
            return redirect("programme", pk=mentorship.pk)
        messages.success(request, "Программа составлена, встречи внесены в календарь. Проверьте даты и утвердите его.")
        return redirect(programme)
    return render(request, "pairs/programme_form.html", {"form": form, "mentorship": mentorship, "choice": choice})


@require_POST
@curator
def programme_approve(request, pk):
    """The curator approves the pair's calendar of meetings."""
    mentorship = access.get_mentorship(request.user, pk, write=True)
    programme = get_object_or_404(Programme, mentorship=mentorship)
    try:
        calendar.approve_calendar(programme, request.user)
    except workflow.Conflict as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Календарь встреч утверждён.")
    return redirect(programme)


@management
def template_list(request):
    """pairs/programme_templates.html: the starting texts of programmes, for pupils and for teachers."""
    return render(
        request,
        "pairs/programme_templates.html",
        {"programme_templates": ProgrammeTemplate.objects.all(), "can_write": access.writes(request.user)},
    )


@curator
def template_edit(request, pk=None):
    """pairs/programme_template_form.html: a new template, or one changed."""
    template = get_object_or_404(ProgrammeTemplate, pk=pk) if pk else ProgrammeTemplate()
    form = ProgrammeTemplateForm(request.POST or None, instance=template)
    if form.is_valid():
        form.save()
        messages.success(request, f"Шаблон «{template.name}» сохранён.")
        return redirect("programme_templates")
    return render(request, "pairs/programme_template_form.html", {"form": form, "programme_template": template})
