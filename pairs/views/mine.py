"""«Мои наставляемые»: a mentor's own pairs and groups and the meetings waiting for a mark."""

from django.db.models import F, Prefetch
from django.shortcuts import render
from django.utils import timezone

from mentoring import roles
from mentoring.models import AcademicYear
from pairs import calendar
from pairs.models import Meeting, Mentorship


@roles.role_required(roles.MENTOR)
def my_mentees(request):
    """pairs/my_mentees.html: the current year's pairs and groups of the mentor, the earlier years folded.

    Each one carries ``waiting``: its meetings not marked yet, and ``next_meeting``: the first of
    them from today on.
    """
    year = AcademicYear.objects.current_for(request)
    today = timezone.localdate()
    waiting = Meeting.objects.filter(held__isnull=True).order_by(F("planned_on").asc(nulls_last=True), "pk")
    mentorships = (
        calendar.with_progress(Mentorship.objects.of_mentor_user(request.user).for_list(), today)
        .prefetch_related(Prefetch("meetings", queryset=waiting, to_attr="waiting"))
        .order_by("-year__start_year", "-pk")
    )
    current, earlier = [], []
    for mentorship in mentorships:
        mentorship.next_meeting = next(
            (meeting for meeting in mentorship.waiting if meeting.planned_on and meeting.planned_on >= today), None
        )
        (current if year and mentorship.year_id == year.pk else earlier).append(mentorship)
    return render(request, "pairs/my_mentees.html", {"current": current, "earlier": earlier, "today": today})
