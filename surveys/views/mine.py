"""«Мои анкеты»: what waits for a member of staff, and their class's invitations for a class leader."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from mentoring.models import AcademicYear
from participants import access as bank_access
from participants.models import SchoolClass
from surveys import access
from surveys.models import Invitation, Survey


@login_required
def my_surveys(request):
    """surveys/my_surveys.html: my open links, my answered ones, and my classes' surveys."""
    year = AcademicYear.objects.current_for(request)
    mine = Invitation.objects.for_list().filter(respondent__user=request.user, survey__is_template=False)
    waiting = [invitation for invitation in mine.waiting() if invitation.survey.is_open]
    classes = bank_access.led_classes(request.user, year)
    class_surveys = []
    if classes:
        invited = access.class_invitations(request.user, year).values("survey")
        class_surveys = (
            Survey.objects.filter(pk__in=invited)
            .with_counts(subject__school_class__in=classes)
            .select_related("year")
            .order_by("title")
        )
    return render(
        request,
        "surveys/my_surveys.html",
        {
            "waiting": waiting,
            "answered": mine.filter(used_at__isnull=False).order_by("-used_at")[:20],
            "classes": classes,
            "class_surveys": class_surveys,
        },
    )


@login_required
def class_status(request, pk, class_pk):
    """surveys/class_status.html: a class's students invited to a survey and who has answered."""
    survey = get_object_or_404(Survey.objects.select_related("year"), pk=pk, is_template=False)
    school_class = get_object_or_404(SchoolClass.objects.select_related("year"), pk=class_pk, year=survey.year)
    if not access.reads_class(request.user, school_class):
        raise PermissionDenied
    invitations = survey.invitations.for_list().filter(subject__school_class=school_class).select_related("response")
    return render(
        request,
        "surveys/class_status.html",
        {
            "survey": survey,
            "school_class": school_class,
            "invitations": invitations,
            "answers_visible": access.reads_everything(request.user) or access.answers_visible_to_class_leader(survey),
        },
    )
