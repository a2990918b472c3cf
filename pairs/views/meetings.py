"""The meeting journal: the curator plans meetings and logs them; the pair's own mentor logs them.

Another mentor's pair is 404; the administration reads the journal on the pair's page but
keeps none (403).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentoring import roles
from pairs import access, calendar, workflow
from pairs.models import Meeting
from pairs.programme_forms import HeldMeetingForm, LogForm, MeetingForm, PlanForm


def _journal(mentorship):
    return f"{mentorship.get_absolute_url()}#meetings"


@login_required
def meeting_add(request, pk):
    """pairs/meeting_form.html: the curator adds a meeting to the calendar; the pair's mentor adds
    one they held outside it."""
    mentorship = access.get_mentorship(request.user, pk, journal=True)
    form_class = PlanForm if access.writes(request.user) else HeldMeetingForm
    form = form_class(request.POST or None, instance=Meeting(mentorship=mentorship))
    if form.is_valid():
        calendar.save_meeting(form.instance, request.user)
        messages.success(request, "Встреча добавлена.")
        return redirect(_journal(mentorship))
    title = "Встреча в календаре" if form_class is PlanForm else "Проведённая встреча"
    return render(request, "pairs/meeting_form.html", {"form": form, "mentorship": mentorship, "title": title})


@login_required
def meeting_edit(request, pk, meeting_pk):
    """pairs/meeting_form.html: a meeting of the calendar, logged or changed."""
    mentorship = access.get_mentorship(request.user, pk, journal=True)
    meeting = get_object_or_404(mentorship.meetings, pk=meeting_pk)
    form_class = MeetingForm if access.writes(request.user) else LogForm
    form = form_class(request.POST or None, instance=meeting)
    if form.is_valid():
        calendar.save_meeting(form.instance, request.user)
        messages.success(request, "Встреча сохранена.")
        return redirect(_journal(mentorship))
    context = {"form": form, "mentorship": mentorship, "meeting": meeting, "title": "Отметка о встрече"}
    return render(request, "pairs/meeting_form.html", context)


@require_POST
@roles.role_required(roles.CURATOR)
def meeting_delete(request, pk, meeting_pk):
    """A meeting that was not held, taken out of the calendar."""
    mentorship = access.get_mentorship(request.user, pk, write=True)
    meeting = get_object_or_404(mentorship.meetings, pk=meeting_pk)
    try:
        calendar.delete_meeting(meeting)
    except workflow.Conflict as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Встреча «{meeting.topic}» удалена из календаря.")
    return redirect(_journal(mentorship))
