"""Matching: the criteria, a run over the year's pool, its proposals and their explanations,
pairing by hand, and the mentees left without a mentor."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from mentoring import roles
from mentoring.models import AcademicYear
from pairs import access, pool, workflow
from pairs.forms import CriterionFormSet, PairRuleForm, RunForm, SupportForm
from pairs.models import PairRule, Proposal
from participants.models import Mentee, Mentor
from surveys.models import Question, Survey

management = roles.role_required(*roles.MANAGEMENT)
curator = roles.role_required(roles.CURATOR)

CANDIDATES_SHOWN = 10


@management
def matching(request):
    """pairs/matching.html: run the matching; the latest run's proposals and the mentees it left."""
    year = AcademicYear.objects.current_for(request)
    # Bound on every POST: the form's only field is a checkbox, so a run without it posts nothing.
    form = RunForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        access.require_writer(request.user)
        if form.is_valid():
            matching_run = workflow.run(year, request.user, form.cleaned_data["coverage_first"])
            messages.success(
                request,
                f"Подбор выполнен: предложено пар — {matching_run.proposals.exclude(mentor=None).count()}, "
                f"без наставника — {matching_run.proposals.filter(mentor=None).count()}.",
            )
            return redirect("matching")
    matching_run = workflow.latest_run(year)
    proposals = list(matching_run.proposals.for_list()) if matching_run else []
    for proposal in proposals:
        proposal.run = matching_run
    return render(
        request,
        "pairs/matching.html",
        {
            "year": year,
            "form": form,
            "run": matching_run,
            "proposals": [p for p in proposals if p.mentor_id],
            "unmatched": [p for p in proposals if not p.mentor_id],
            "open_count": sum(1 for p in proposals if p.mentor_id and p.status == Proposal.Status.OPEN),
            "pool": _pool_summary(year),
            "can_write": access.writes(request.user),
        },
    )


def _pool_summary(year):
    return {
        "mentees": pool.unpaired_mentees(year).count(),
        "mentors": pool.available_mentors(year).count(),
        "locked": PairRule.objects.filter(year=year, kind=PairRule.Kind.LOCK).count(),
        "forbidden": PairRule.objects.filter(year=year, kind=PairRule.Kind.FORBID).count(),
    }


@management
def criteria(request):
    """pairs/criteria.html: which mentee answer meets which mentor answer, and the weights."""
    formset = CriterionFormSet(request.POST or None, prefix="criteria")
    if request.method == "POST":
        access.require_writer(request.user)
        if formset.is_valid():
            formset.save()
            messages.success(request, "Критерии подбора сохранены.")
            return redirect("matching_criteria")
    return render(
        request,
        "pairs/criteria.html",
        {"formset": formset, "codes": _intake_codes(), "can_write": access.writes(request.user)},
    )


def _intake_codes():
    """The codes of the intake questions that matching can compare, each with one wording."""
    questions = Question.objects.filter(
        survey__is_template=True,
        survey__purpose__in=[Survey.Purpose.MENTEE_INTAKE, Survey.Purpose.MENTOR_INTAKE],
        kind__in=[Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.SCALE_10, Question.Kind.SCALE_5],
    )
    codes = {}
    for code, text in questions.order_by("code", "pk").values_list("code", "text"):
        codes.setdefault(code, text)
    return sorted(codes.items())


@management
def rules(request):
    """pairs/rules.html: the locked and forbidden pairs of the year."""
    year = AcademicYear.objects.current_for(request)
    form = PairRuleForm(request.POST or None, year=year)
    if request.method == "POST":
        access.require_writer(request.user)
        if form.is_valid():
            data = form.cleaned_data
            workflow.set_rule(year, data["mentee"], data["mentor"], data["kind"], request.user)
            messages.success(request, "Правило сохранено: оно действует при следующем подборе.")
            return redirect("pair_rules")
    rows = PairRule.objects.filter(year=year).select_related(
        "mentee__person__school_class", "mentor__person__school_class", "created_by"
    )
    return render(request, "pairs/rules.html", {"form": form, "rules": rows, "can_write": access.writes(request.user)})


@curator
@require_POST
def rule_delete(request, pk):
    PairRule.objects.filter(pk=pk).delete()
    messages.success(request, "Правило снято.")
    return _back(request, "pair_rules")


def _back(request, default):
    """Back to the page the form was on (``next``), if it is one of ours."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(default)


@management
def proposal(request, pk):
    """pairs/proposal.html: why this pair — criterion by criterion, the answers side by side —
    and the other candidates for this mentee with their scores."""
    proposal = get_object_or_404(Proposal.objects.for_list().select_related("run"), pk=pk)
    candidates = []
    if proposal.status == Proposal.Status.OPEN:
        data = pool.load(proposal.run.year, only_mentee=proposal.mentee)
        max_score = proposal.run.max_score or 1
        for mentor, score, _parts, blocked in data.ranked(proposal.mentee_id)[: CANDIDATES_SHOWN + 1]:
            if mentor.key != proposal.mentor_id:
                candidates.append(
                    {
                        "record": data.mentor_records[mentor.key],
                        "score": score,
                        "percent": round(100 * score / max_score),
                        "places": mentor.capacity,
                        "blocked": blocked,
                    }
                )
    return render(
        request,
        "pairs/proposal.html",
        {
            "proposal": proposal,
            "parts": proposal.parts,
            "candidates": candidates[:CANDIDATES_SHOWN],
            "can_write": access.writes(request.user),
        },
    )


DECISIONS = {"accept", "reject", "lock", "unlock"}


@curator
@require_POST
def proposal_decide(request, pk, action):
    proposal = get_object_or_404(Proposal.objects.select_related("run__year", "mentee__person", "mentor"), pk=pk)
    if action not in DECISIONS or not proposal.mentor_id:
        return redirect("matching")
    try:
        if action == "accept":
            mentorship = workflow.accept(proposal, request.user)
            messages.success(request, f"Пара создана: {mentorship}. Статус «предложена» — до приказа.")
        elif action == "reject":
            workflow.reject(proposal, request.user)
            messages.success(request, "Предложение отклонено; эту пару подбор больше не предложит.")
        elif action == "lock":
            workflow.set_rule(proposal.run.year, proposal.mentee, proposal.mentor, PairRule.Kind.LOCK, request.user)
            Proposal.objects.filter(pk=proposal.pk).update(locked=True)
            messages.success(request, "Пара закреплена: повторный подбор её сохранит.")
        else:
            workflow.clear_rule(proposal.mentee, proposal.mentor)
            Proposal.objects.filter(pk=proposal.pk).update(locked=False)
            messages.success(request, "Закрепление снято.")
    except workflow.Conflict as error:
        messages.error(request, str(error))
    return _back(request, "matching")


@curator
@require_POST
def accept_all(request):
    """Accept every open proposal of the latest run; those no longer possible are named."""
    year = AcademicYear.objects.current_for(request)
    matching_run = workflow.latest_run(year)
    made, failed = 0, []
    if matching_run:
        for item in matching_run.proposals.for_list().filter(status=Proposal.Status.OPEN, mentor__isnull=False):
            try:
                with transaction.atomic():
                    workflow.accept(item, request.user)
                made += 1
            except workflow.Conflict as error:
                failed.append(f"{item.mentee.person}: {error}")
    messages.success(request, f"Создано пар: {made}.")
    if failed:
        messages.warning(request, "Не созданы: " + "; ".join(failed))
    return redirect("matching")


@curator
@require_POST
def proposal_change(request, pk, mentor_pk):
    """Edit a proposal: another mentor from the candidates, locked for the next runs."""
    proposal = get_object_or_404(Proposal.objects.select_related("run__year", "mentee"), pk=pk)
    mentor = get_object_or_404(Mentor, pk=mentor_pk, year=proposal.run.year)
    try:
        blocked = workflow.change_mentor(proposal, mentor, request.user)
    except workflow.Conflict as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Наставник изменён: {mentor.person}. Пара закреплена.")
        if blocked:
            messages.warning(request, "Обратите внимание: " + "; ".join(blocked) + ".")
    return redirect("proposal", pk=proposal.pk)


@management
def pair_by_hand(request, mentee_pk):
    """pairs/pair_by_hand.html: the top candidates for one mentee with their scores; pick one."""
    year = AcademicYear.objects.current_for(request)
    mentee = get_object_or_404(Mentee.objects.select_related("person__school_class", "form"), pk=mentee_pk, year=year)
    data = pool.load(year, only_mentee=mentee)
    ranked = data.ranked(mentee.pk)
    if request.method == "POST":
        access.require_writer(request.user)
        chosen = {mentor.key: (mentor, score) for mentor, score, _parts, blocked in ranked if not blocked}
        try:
            mentor, score = chosen[int(request.POST.get("mentor", 0))]
        except (KeyError, ValueError):
            messages.error(request, "Выберите наставника из подходящих.")
        else:
            try:
                mentorship = workflow.make_pair(mentee, data.mentor_records[mentor.key], request.user, score=score)
            except workflow.Conflict as error:
                messages.error(request, str(error))
            else:
                messages.success(request, f"Пара создана: {mentorship}.")
                return redirect(mentorship)
    max_score = pool.matching.max_score(data.criteria) or 1
    rows = [
        {
            "record": data.mentor_records[mentor.key],
            "score": score,
            "percent": round(100 * score / max_score),
            "places": mentor.capacity,
            "parts": parts,
            "blocked": blocked,
        }
        for mentor, score, parts, blocked in ranked
    ]
    return render(
        request,
        "pairs/pair_by_hand.html",
        {
            "mentee": mentee,
            "suitable": [row for row in rows if not row["blocked"]][:CANDIDATES_SHOWN],
            "unsuitable": [row for row in rows if row["blocked"]][:CANDIDATES_SHOWN],
            "can_write": access.writes(request.user),
        },
    )


@curator
def mentee_support(request, mentee_pk):
    """pairs/support_form.html: psychological and pedagogical support for a mentee without a pair."""
    year = AcademicYear.objects.current_for(request)
    mentee = get_object_or_404(Mentee.objects.select_related("person__school_class"), pk=mentee_pk, year=year)
    form = SupportForm(request.POST or None, initial={"support": mentee.support})
    if form.is_valid():
        try:
            workflow.support(mentee, form.cleaned_data["support"])
        except workflow.Conflict as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{mentee.person}: сопровождение записано, поиск наставника продолжается.")
            return redirect("matching")
    return render(request, "pairs/support_form.html", {"form": form, "mentee": mentee})
