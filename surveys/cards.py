"""The questionnaires panel of a person's card: their answers, what others told about them,
the starting assessment, and the links waiting for them."""

from django.db.models import Prefetch, Q
from django.template.loader import render_to_string

from participants import access as bank_access
from participants import cards
from surveys import access, codes
from surveys.models import Answer, Invitation, Response, Survey


@cards.register
def questionnaires(request, person, year):
    user = request.user
    if access.reads_everything(user):
        responses = Response.objects.filter(Q(subject=person) | Q(respondent=person))
    elif person.school_class_id and person.school_class in bank_access.led_classes(user, year):
        responses = Response.objects.filter(subject=person, survey__confidential=False, survey__anonymous=False)
    else:
        return ""
    responses = list(
        responses.filter(survey__year=year)
        .select_related("survey", "subject", "mentee")
        .prefetch_related(Prefetch("answers", Answer.objects.select_related("question").prefetch_related("choices")))
        .order_by("-submitted_at")
    )
    invitations = list(
        Invitation.objects.filter(subject=person, survey__year=year).select_related("survey").order_by("-created_at")
    )
    if not responses and not invitations:
        return ""
    about = [response for response in responses if _is_about(response, person)]
    third_party = [r for r in about if r.survey.purpose == Survey.Purpose.THIRD_PARTY]
    baseline = [
        (response, [a for a in response.answers.all() if a.question.code.startswith(codes.GROWTH_PREFIX)])
        for response in about
        if response.mentee_id or response.survey.purpose == Survey.Purpose.BEFORE
    ]
    return render_to_string(
        "surveys/_card_panel.html",
        {
            "person": person,
            "responses": [r for r in responses if r not in third_party],
            "third_party": third_party,
            "baseline": [(response, items) for response, items in baseline if items],
            "invitations": invitations,
        },
        request=request,
    )


def _is_about(response, person):
    """Answers about ``person`` (not those they gave about someone else)."""
    subject = response.mentee.person_id if response.mentee_id else response.subject_id
    return subject == person.pk or (subject is None and response.respondent_id == person.pk)
