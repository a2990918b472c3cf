"""The panel of a person's card that shows their pairs and groups."""

from django.db.models import Q
from django.template.loader import render_to_string

from pairs import access
from pairs.models import Mentorship
from participants import cards


@cards.register
def panel(request, person, year):
    """The person's pairs and groups of every year, to those who may open them."""
    user = request.user
    if access.reads_everything(user):
        visible = Mentorship.objects.all()
    elif access.is_mentor(user):
        visible = Mentorship.objects.of_mentor_user(user)
    else:
        return ""
    mentorships = list(
        visible.filter(Q(mentor__person=person) | Q(mentees__person=person))
        .distinct()
        .for_list()
        .order_by("-year__start_year", "-pk")
    )
    if not mentorships:
        return ""
    return render_to_string("pairs/_card_panel.html", {"person": person, "mentorships": mentorships}, request)
