"""«Общие встречи»: meetings of many pairs and groups at once, above all the final one."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render

from mentoring import roles
from mentoring.models import AcademicYear
from pairs.models import Event
from pairs.programme_forms import EventForm

management = roles.role_required(*roles.MANAGEMENT)
curator = roles.role_required(roles.CURATOR)


@management
def event_list(request):
    """pairs/events.html: the year's events with the number of pairs and groups taking part."""
    year = AcademicYear.objects.from_request(request)
    events = Event.objects.filter(year=year).annotate(mentorship_count=Count("mentorships"))
    return render(request, "pairs/events.html", {"year": year, "years": AcademicYear.objects.all(), "events": events})


@management
def event(request, pk):
    """pairs/event.html: an event and the pairs and groups that took part."""
    event = get_object_or_404(Event.objects.select_related("year"), pk=pk)
    mentorships = event.mentorships.for_list().order_by("mentor__person__last_name", "pk")
    return render(request, "pairs/event.html", {"event": event, "mentorships": mentorships})


@curator
def event_edit(request, pk=None):
    """pairs/event_form.html: a new event of the year shown (``?year=``), or one changed."""
    if pk is None:
        year = AcademicYear.objects.from_request(request)
        if year is None:
            messages.error(request, "Сначала добавьте учебный год и сделайте его текущим.")
            return redirect("pair_events")
        event = Event(year=year)
    else:
        event = get_object_or_404(Event.objects.select_related("year"), pk=pk)
    form = EventForm(request.POST or None, instance=event)
    if form.is_valid():
        event, saved = _save(form)
        if saved:
            messages.success(request, f"Встреча «{event.title}» сохранена.")
        else:
            messages.info(request, f"Встреча «{event.title}» уже записана.")
        return redirect(event)
    return render(request, "pairs/event_form.html", {"form": form, "event": event})


@transaction.atomic
def _save(form):
    """Save the event of a valid form: (event, True). A new event just like one of the same day is a
    repeated submission: (that event, False)."""
    event = form.save(commit=False)
    if event.pk is None:
        AcademicYear.objects.select_for_update().get(pk=event.year_id)  # two submissions at once, one by one
        same = Event.objects.filter(year=event.year_id, kind=event.kind, title=event.title, held_on=event.held_on)
        if existing := same.first():
            return existing, False
    event.save()
    form.save_m2m()
    return event, True
