"""Selection and training of mentors: the curator writes, the administration reads."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from mentoring import roles
from mentoring.models import AcademicYear, DataExport
from participants import access, selection, uploads
from participants.models import EvaluationParameter, Interview, Mentor, TrainingEvent, TrainingMaterial
from participants.selection import (
    EvaluationParameterForm,
    InterviewForm,
    MaterialForm,
    ScoresForm,
    TrainingEventForm,
)

curator_only = roles.role_required(roles.CURATOR)
management = roles.role_required(*roles.MANAGEMENT)


def _to_card(mentor):
    url = mentor.person.get_absolute_url()
    return redirect(url if mentor.year.is_current else f"{url}?year={mentor.year.start_year}")


def _get_event(pk):
    return get_object_or_404(TrainingEvent.objects.select_related("year"), pk=pk)


@curator_only
def mentor_scores(request, pk):
    """participants/scores_form.html: a candidate's scores on the active parameters."""
    mentor = access.get_mentor(request.user, pk)
    form = ScoresForm(request.POST or None, mentor=mentor)
    if form.is_valid():
        changes = form.save(request.user)
        if changes:
            messages.success(request, f"Оценки наставника {mentor.person.short_name} сохранены.")
        else:
            messages.info(request, "Оценки не изменились.")
        return _to_card(mentor)
    return render(request, "participants/scores_form.html", {"form": form, "mentor": mentor})


@curator_only
def interview_add(request, pk):
    """participants/interview_form.html: an interview with a candidate, and its effect on the status."""
    mentor = access.get_mentor(request.user, pk)
    form = InterviewForm(request.POST or None, instance=Interview(mentor=mentor))
    if form.is_valid():
        with transaction.atomic():
            interview, created = selection.add_interview(form.instance)
            mentor = interview.mentor
            status = selection.status_after_interview(mentor, interview) if created else None
            if status:
                mentor.status = status
                mentor.save(update_fields=["status", "updated_at"])
        if not created:
            messages.info(request, "Это собеседование уже записано.")
        elif status:
            messages.success(request, f"Собеседование записано. Статус наставника — «{mentor.get_status_display()}».")
        else:
            messages.success(request, "Собеседование записано.")
        return _to_card(mentor)
    return render(request, "participants/interview_form.html", {"form": form, "mentor": mentor})


@management
def parameters(request):
    """participants/parameters.html: the parameters candidates are scored on."""
    return render(request, "participants/parameters.html", {"parameters": selection.parameters_with_use()})


@curator_only
def parameter_add(request):
    form = EvaluationParameterForm(request.POST or None)
    if form.is_valid():
        try:
            with transaction.atomic():
                parameter = form.save()
        except IntegrityError:  # the same name saved at the same moment in another window
            form.add_error("name", EvaluationParameter._meta.get_field("name").error_messages["unique"])
        else:
            messages.success(request, f"Параметр «{parameter.name}» добавлен.")
            return redirect("evaluation_parameters")
    return render(request, "participants/parameter_form.html", {"form": form})


@curator_only
def parameter_edit(request, pk):
    parameter = get_object_or_404(EvaluationParameter, pk=pk)
    form = EvaluationParameterForm(request.POST or None, instance=parameter)
    if form.is_valid():
        form.save()
        messages.success(request, f"Параметр «{parameter.name}» сохранён.")
        return redirect("evaluation_parameters")
    return render(request, "participants/parameter_form.html", {"form": form, "parameter": parameter})


@management
def training_events(request):
    """participants/training_events.html: the year's induction sessions and exchanges of experience."""
    year = AcademicYear.objects.from_request(request)
    events = []
    if year:
        events = year.training_events.annotate(
            attendee_count=Count("attendees", distinct=True), material_count=Count("materials", distinct=True)
        )
    return render(
        request,
        "participants/training_events.html",
        {"year": year, "years": AcademicYear.objects.all(), "events": events},
    )


def _report_trained(request, event):
    """An induction session makes its interviewed attendees trained; the curator is told whom."""
    trained = selection.trained_by(event)
    for mentor in trained:
        mentor.status = Mentor.Status.TRAINED
        mentor.save(update_fields=["status", "updated_at"])
    if trained:
        names = ", ".join(mentor.person.short_name for mentor in trained)
        messages.info(request, f"Статус «{Mentor.Status.TRAINED.label}»: {names}.")


@curator_only
def training_event_add(request):
    """participants/training_event_form.html: a new event of the year shown (``?year=``)."""
    year = AcademicYear.objects.from_request(request)
    if year is None:
        messages.error(request, "Текущий учебный год не выбран.")
        return redirect("years")
    form = TrainingEventForm(request.POST or None, instance=TrainingEvent(year=year))
    if form.is_valid():
        with transaction.atomic():
            event, created = selection.add_event(form)
            if created:
                messages.success(request, f"Занятие «{event.title}» добавлено.")
                _report_trained(request, event)
            else:
                messages.info(request, f"Занятие «{event.title}» уже записано.")
        return redirect(event)
    return render(request, "participants/training_event_form.html", {"form": form, "year": year})


@management
def training_event(request, pk):
    """participants/training_event.html: who attended and the materials."""
    event = _get_event(pk)
    attendees = event.attendees.select_related("person__school_class").order_by(*selection.BY_NAME)
    return render(
        request,
        "participants/training_event.html",
        {"event": event, "attendees": attendees, "materials": event.materials.all()},
    )


@curator_only
def training_event_edit(request, pk):
    event = _get_event(pk)
    form = TrainingEventForm(request.POST or None, instance=event)
    if form.is_valid():
        with transaction.atomic():
            event = form.save()
            messages.success(request, f"Занятие «{event.title}» сохранено.")
            _report_trained(request, event)
        return redirect(event)
    return render(request, "participants/training_event_form.html", {"form": form, "year": event.year, "event": event})


@curator_only
def material_add(request, pk):
    """participants/material_form.html: a file handed out at an event."""
    event = _get_event(pk)
    form = MaterialForm(request.POST or None, request.FILES or None, instance=TrainingMaterial(event=event))
    if form.is_valid():
        material = form.save()
        messages.success(request, f"Материал «{material.title}» загружен.")
        return redirect(event)
    return render(request, "participants/material_form.html", {"form": form, "event": event})


@require_safe
@management
def material_download(request, pk):
    material = get_object_or_404(TrainingMaterial.objects.select_related("event"), pk=pk)
    response = uploads.serve(material.file, material.title)
    DataExport.log(request, f"Материал «{material.title}» ({material.event})")
    return response
