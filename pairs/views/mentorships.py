"""Pairs and groups: the list, a pair's page and its status, groups, informing the participants."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mass_mail
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from mentoring import pdf, roles
from mentoring.models import AcademicYear, DataExport, School
from pairs import access, workflow
from pairs.filters import MentorshipFilter
from pairs.forms import (
    FinishForm,
    GroupForm,
    InviteForm,
    MembersForm,
    MentorshipForm,
    TerminateForm,
)
from pairs.models import Mentorship
from pairs.views.programmes import panels
from participants import access as bank_access
from participants.models import Mentee, Person, SchoolClass
from participants.views.people import paginate, query_without_page
from surveys import distribution
from surveys.models import Invitation

management = roles.role_required(*roles.MANAGEMENT)
curator = roles.role_required(roles.CURATOR)


@management
def mentorship_list(request):
    """pairs/mentorships.html: the year's pairs and groups with search and filters."""
    year = AcademicYear.objects.from_request(request)
    queryset = Mentorship.objects.filter(year=year).for_list().order_by("-created_at", "-pk")
    mentorship_filter = MentorshipFilter(request.GET, queryset=queryset)
    counts = dict(
        Mentorship.objects.filter(year=year)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return render(
        request,
        "pairs/mentorships.html",
        {
            "year": year,
            "years": AcademicYear.objects.all(),
            "filter": mentorship_filter,
            "page": paginate(request, mentorship_filter.qs),
            "query": query_without_page(request),
            "counts": [(label, counts.get(value, 0)) for value, label in Mentorship.Status.choices],
            "classes": SchoolClass.objects.filter(year=year) if year else [],
            "can_write": access.writes(request.user),
        },
    )


@login_required
def mentorship(request, pk):
    """pairs/mentorship.html: a pair or group, its status, programme, meetings and questionnaires."""
    mentorship = access.get_mentorship(request.user, pk)
    mentees = list(mentorship.mentees.select_related("person__school_class").order_by("person__last_name"))
    can_write = access.writes(request.user)
    context = {
        "mentorship": mentorship,
        "mentees": mentees,
        "can_write": can_write,
        "actions": _actions(mentorship) if can_write else [],
        "finish_form": FinishForm(),
        "terminate_form": TerminateForm(),
        **panels(request, mentorship),
    }
    if access.reads_everything(request.user):
        people = [mentorship.mentor.person, *(mentee.person for mentee in mentees)]
        context["invitations"] = (
            Invitation.objects.filter(
                subject__in=people, survey__year=mentorship.year, survey__purpose__in=InviteForm.PURPOSES
            )
            .select_related("survey", "subject")
            .order_by("survey__title", "subject__last_name")
        )
        context["invite_form"] = InviteForm(year=mentorship.year)
        context["without_email"] = [person for person in people if not person.email]
    return render(request, "pairs/mentorship.html", context)


def _actions(mentorship):
    """The status changes open to the curator from the pair's current status."""
    status = Mentorship.Status
    return {
        status.PROPOSED: ["start", "terminate"],
        status.APPROVED: ["start", "finish", "terminate"],
        status.ACTIVE: ["finish", "terminate"],
    }.get(mentorship.status, [])


STATUS_FORMS = {"finish": FinishForm, "terminate": TerminateForm}


@curator
@require_POST
def status(request, pk, action):
    """Move a pair along its statuses; a form with errors is shown again on the pair's page."""
    mentorship = access.get_mentorship(request.user, pk, write=True)
    if action not in _actions(mentorship):
        messages.error(request, "Это действие недоступно при текущем статусе.")
        return redirect(mentorship)
    form = STATUS_FORMS[action](request.POST) if action in STATUS_FORMS else None
    if form is not None and not form.is_valid():
        errors = "; ".join(f"{form.fields[field].label}: {' '.join(e)}" for field, e in form.errors.items())
        messages.error(request, f"Не сохранено. {errors}")
        return redirect(mentorship)
    data = form.cleaned_data if form else {}
    try:
        if action == "start":
            workflow.start(mentorship)
            messages.success(request, "Пара начала работу.")
        elif action == "finish":
            workflow.finish(mentorship, data["achievements"], data["outcome"], data["best_practice"], data["ended_on"])
            messages.success(request, "Завершена; итоги внесены в банки наставников и наставляемых.")
        else:
            workflow.terminate(mentorship, data["reason"], data["ended_on"])
            messages.success(request, "Прекращена досрочно; наставляемые вернулись в банк, поиск продолжается.")
    except workflow.Conflict as error:
        messages.error(request, str(error))
    return redirect(mentorship)


@curator
def mentorship_edit(request, pk):
    mentorship = access.get_mentorship(request.user, pk, write=True)
    form = MentorshipForm(request.POST or None, instance=mentorship)
    if form.is_valid():
        form.save()
        messages.success(request, "Сохранено.")
        return redirect(mentorship)
    return render(request, "pairs/mentorship_form.html", {"form": form, "mentorship": mentorship})


@curator
def group_add(request):
    """pairs/group_form.html: a group — one mentor, several mentees (contests, olympiads)."""
    year = AcademicYear.objects.current_for(request)
    form = GroupForm(request.POST or None, year=year)
    if form.is_valid():
        data = form.cleaned_data
        try:
            group = workflow.make_group(
                year, data["mentor"], list(data["mentees"]), data["title"], data["form"], request.user
            )
        except workflow.Conflict as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{group} создана.")
            return redirect(group)
    return render(request, "pairs/group_form.html", {"form": form, "year": year})


@curator
def members(request, pk):
    """pairs/members.html: add mentees to a group, or take one out."""
    mentorship = access.get_mentorship(request.user, pk, write=True)
    if not mentorship.is_group or mentorship.is_closed:
        raise Http404("Состав меняется только у действующей группы.")
    form = MembersForm(request.POST or None, mentorship=mentorship)
    if request.method == "POST" and "remove" in request.POST:
        if not request.POST["remove"].isdecimal():
            raise Http404("Нет такого наставляемого в группе.")
        mentee = get_object_or_404(Mentee, pk=request.POST["remove"], mentorships=mentorship)
        if mentorship.memberships.count() <= 2:
            messages.error(request, "В группе должно остаться хотя бы два наставляемых.")
        else:
            workflow.remove_from_group(mentorship, mentee)
            messages.success(request, f"{mentee.person} выведен из группы и вернулся в банк.")
        return redirect("mentorship_members", pk=pk)
    if form.is_valid():
        try:
            workflow.add_to_group(mentorship, list(form.cleaned_data["mentees"]))
        except workflow.Conflict as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Наставляемые добавлены.")
        return redirect("mentorship_members", pk=pk)
    current = mentorship.mentees.select_related("person__school_class").order_by("person__last_name")
    return render(request, "pairs/members.html", {"mentorship": mentorship, "form": form, "current": current})


@curator
@require_POST
def notify(request, pk):
    """E-mail the pair's participants who have an address about their pair."""
    mentorship = access.get_mentorship(request.user, pk, write=True)
    mentees = list(mentorship.mentees.select_related("person__school_class"))
    people = [mentorship.mentor.person, *(mentee.person for mentee in mentees)]
    school = School.load()
    subject = f"Наставничество: {'группа' if mentorship.is_group else 'наставническая пара'} сформирована"
    letters = [
        (
            subject,
            render_to_string(
                "pairs/email/formed.txt",
                {"person": person, "mentorship": mentorship, "mentees": mentees, "school": school},
            ),
            None,
            [person.email],
        )
        for person in people
        if person.email
    ]
    sent = send_mass_mail(letters, fail_silently=False) if letters else 0
    if sent:
        Mentorship.objects.filter(pk=mentorship.pk).update(notified_at=timezone.now())
    missing = [person.short_name for person in people if not person.email]
    messages.success(request, f"Отправлено писем: {sent}.")
    if missing:
        messages.warning(request, f"Нет адреса электронной почты: {', '.join(missing)} — сообщите лично.")
    return redirect(mentorship)


@curator
@require_POST
def invite(request, pk):
    """Send a feedback or final questionnaire to the pair's mentor and mentees (personal links)."""
    mentorship = access.get_mentorship(request.user, pk, write=True)
    form = InviteForm(request.POST, year=mentorship.year)
    if not form.is_valid():
        messages.error(request, "Выберите анкету.")
        return redirect(mentorship)
    people = Person.objects.filter(Q(mentor_records=mentorship.mentor) | Q(mentee_records__mentorships=mentorship))
    outcome = distribution.invite(
        form.cleaned_data["survey"], people.distinct(), Invitation.Respondent.SELF, request.user
    )
    messages.success(request, outcome.message())
    return redirect(mentorship)


@login_required
def class_sheet(request, class_pk):
    """A class's students in pairs and groups, for the class leader to inform them (PDF)."""
    school_class = get_object_or_404(SchoolClass.objects.select_related("year", "class_leader"), pk=class_pk)
    if not (
        access.reads_everything(request.user)
        or school_class in bank_access.led_classes(request.user, school_class.year)
    ):
        raise PermissionDenied
    current = Mentorship.objects.filter(year=school_class.year).exclude(status=Mentorship.Status.TERMINATED)
    students = Q(person__school_class=school_class)
    rows = []
    for mentorship in (
        current.filter(Q(mentees__in=Mentee.objects.filter(students)) | Q(mentor__person__school_class=school_class))
        .distinct()
        .for_list()
    ):
        for mentee in mentorship.mentees.all():
            if mentee.person.school_class_id == school_class.pk:
                rows.append(
                    {
                        "student": mentee.person,
                        "role": "наставляемый",
                        "mentorship": mentorship,
                        "other": mentorship.mentor.person.full_name,
                    }
                )
        if mentorship.mentor.person.school_class_id == school_class.pk:
            others = ", ".join(mentee.person.full_name for mentee in mentorship.mentees.all())
            rows.append(
                {"student": mentorship.mentor.person, "role": "наставник", "mentorship": mentorship, "other": others}
            )
    rows.sort(key=lambda row: (row["student"].last_name, row["student"].first_name))
    DataExport.log(request, f"Пары учеников {school_class} класса (PDF)", len(rows))
    return pdf.response(
        f"Пары {school_class} класса.pdf",
        "pairs/print/class_sheet.html",
        {"school_class": school_class, "rows": rows, "school": School.load(), "today": timezone.localdate()},
        request,
    )
