"""Building questionnaires: the list, a survey with its sections and questions, templates and copies."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from mentoring import roles
from mentoring.models import AcademicYear
from surveys import access, copying, filling
from surveys.forms import QuestionForm, SectionForm, SurveyForm
from surveys.models import Question, Section, Survey, new_token

curator_only = roles.role_required(roles.CURATOR)
STATE_ACTIONS = ("open", "close", "link-on", "link-off")


@login_required
def survey_list(request):
    """surveys/survey_list.html: the year's questionnaires with their answers, and the templates."""
    access.require_reader(request.user)
    year = AcademicYear.objects.from_request(request)
    counted = Survey.objects.with_counts()
    return render(
        request,
        "surveys/survey_list.html",
        {
            "year": year,
            "years": AcademicYear.objects.all(),
            "surveys": counted.of_year(year).order_by("title", "pk") if year else [],
            "templates": counted.templates().order_by("title", "pk"),
            "can_edit": access.writes(request.user),
        },
    )


@curator_only
def survey_add(request):
    year = AcademicYear.objects.current_for(request)
    if year is None:
        messages.error(request, "Сначала добавьте учебный год и сделайте его текущим.")
        return redirect("survey_list")
    form = SurveyForm(request.POST or None, year=year)
    if form.is_valid():
        with transaction.atomic():
            survey = form.save(commit=False)
            survey.year, survey.created_by = year, request.user
            survey.save()
            survey.sections.create(title="Основные вопросы", position=1)
        messages.success(request, "Анкета создана. Добавьте вопросы.")
        return redirect(survey)
    return render(request, "surveys/survey_form.html", {"form": form, "title": "Новая анкета"})


@login_required
def survey(request, pk):
    """surveys/survey.html: a survey's settings, sections and questions, and its state."""
    survey = access.get_survey(request.user, pk)
    sections = survey.sections.prefetch_related("questions__choices")
    return render(
        request,
        "surveys/survey.html",
        {
            "survey": survey,
            "sections": sections,
            "can_edit": access.writes(request.user),
            "counts": {
                "responses": survey.responses.count(),
                "invitations": survey.invitations.count(),
            },
            "years": AcademicYear.objects.all(),
        },
    )


@curator_only
def survey_edit(request, pk):
    survey = get_object_or_404(Survey, pk=pk)
    form = SurveyForm(request.POST or None, instance=survey, year=survey.year)
    if form.is_valid():
        form.save()
        messages.success(request, "Настройки анкеты сохранены.")
        return redirect(survey)
    return render(request, "surveys/survey_form.html", {"form": form, "survey": survey, "title": "Настройки анкеты"})


@require_POST
@curator_only
def survey_copy(request, pk):
    """A copy into a year (the current one unless named): a template becomes the year's survey."""
    source = get_object_or_404(Survey, pk=pk)
    year = AcademicYear.objects.filter(start_year=request.POST.get("year")).first()
    year = year or AcademicYear.objects.current_for(request)
    if year is None:
        messages.error(request, "Сначала добавьте учебный год и сделайте его текущим.")
        return redirect(source)
    copy = copying.copy(source, year, request.user)
    messages.success(request, f"Создана анкета «{copy.title}» на {year} учебный год. Проверьте вопросы и даты приёма.")
    return redirect(copy)


@require_POST
@curator_only
def survey_delete(request, pk):
    survey = get_object_or_404(Survey, pk=pk)
    if survey.template_key:
        messages.error(request, "Стандартный шаблон удалить нельзя: его можно изменить или скопировать.")
        return redirect(survey)
    if survey.responses.exists():
        messages.error(request, "На анкету уже ответили: её нельзя удалить. Закройте приём ответов.")
        return redirect(survey)
    survey.delete()
    messages.success(request, f"Анкета «{survey.title}» удалена.")
    return redirect("survey_list")


@require_POST
@curator_only
def survey_state(request, pk, action):
    """Open the survey today, stop taking answers, or turn the open link on or off."""
    if action not in STATE_ACTIONS:
        raise Http404
    with transaction.atomic():
        survey = get_object_or_404(Survey.objects.select_for_update(), pk=pk, is_template=False)
        today = timezone.localdate()
        if action == "open":
            if survey.opens_on is None or survey.opens_on > today:
                survey.opens_on = today
            if survey.closes_on and survey.closes_on < today:
                survey.closes_on = None
            survey.stopped = False
            note = "Приём ответов открыт."
        elif action == "close":
            survey.stopped = True
            note = "Приём ответов остановлен: ссылки показывают, что анкета закрыта."
        elif action == "link-on":
            survey.open_token = survey.open_token or new_token()
            note = "Открытая ссылка включена: по ней анкету может заполнить любой, у кого она есть."
        else:  # link-off
            survey.open_token = None
            note = "Открытая ссылка отключена."
        survey.save(update_fields=["opens_on", "closes_on", "stopped", "open_token"])
    messages.success(request, note)
    return redirect(survey)


@login_required
def survey_preview(request, pk):
    """surveys/fill.html as a respondent sees it; nothing is stored."""
    survey = access.get_survey(request.user, pk)
    form = filling.ResponseForm(filling.questions_of(survey), request.POST or None)
    if form.is_valid():
        messages.info(request, "Предпросмотр: ответы прошли проверку, но не сохраняются.")
    return render(request, "surveys/fill.html", {"survey": survey, "form": form, "preview": True})


@curator_only
def section_add(request, pk):
    survey = get_object_or_404(Survey, pk=pk)
    form = SectionForm(request.POST or None)
    if form.is_valid():
        section = form.save(commit=False)
        section.survey = survey
        section.position = (survey.sections.aggregate(last=Max("position"))["last"] or 0) + 1
        section.save()
        messages.success(request, "Раздел добавлен.")
        return redirect(survey)
    return _form_page(request, form, survey, "Новый раздел")


@curator_only
def section_edit(request, pk, section_pk):
    section = get_object_or_404(Section.objects.select_related("survey"), pk=section_pk, survey_id=pk)
    form = SectionForm(request.POST or None, instance=section)
    if form.is_valid():
        form.save()
        messages.success(request, "Раздел сохранён.")
        return redirect(section.survey)
    return _form_page(request, form, section.survey, "Раздел")


@require_POST
@curator_only
def section_delete(request, pk, section_pk):
    section = get_object_or_404(Section.objects.select_related("survey"), pk=section_pk, survey_id=pk)
    if section.questions.filter(answers__isnull=False).exists():
        messages.error(request, "В разделе есть вопросы, на которые уже отвечали: раздел удалить нельзя.")
    elif section.survey.sections.count() == 1:
        messages.error(request, "В анкете должен остаться хотя бы один раздел.")
    else:
        section.delete()
        messages.success(request, "Раздел удалён вместе с его вопросами.")
    return redirect(section.survey)


@curator_only
def question_add(request, pk):
    survey = get_object_or_404(Survey, pk=pk)
    initial = {"section": request.GET.get("section"), "required": True}
    form = QuestionForm(request.POST or None, survey=survey, initial=initial)
    if form.is_valid():
        question = form.save()
        messages.success(request, f"Вопрос добавлен, код — {question.code}.")
        return redirect(f"{survey.get_absolute_url()}#question-{question.pk}")
    return _form_page(request, form, survey, "Новый вопрос", "surveys/question_form.html")


@curator_only
def question_edit(request, pk, question_pk):
    question = get_object_or_404(Question.objects.select_related("survey"), pk=question_pk, survey_id=pk)
    form = QuestionForm(request.POST or None, instance=question, survey=question.survey)
    if form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, "Вопрос сохранён.")
        return redirect(f"{question.survey.get_absolute_url()}#question-{question.pk}")
    return _form_page(request, form, question.survey, "Вопрос", "surveys/question_form.html")


@require_POST
@curator_only
def question_delete(request, pk, question_pk):
    question = get_object_or_404(Question.objects.select_related("survey"), pk=question_pk, survey_id=pk)
    if question.answers.exists():
        messages.error(request, "На вопрос уже отвечали: удалить его нельзя.")
    else:
        question.delete()
        messages.success(request, "Вопрос удалён.")
    return redirect(question.survey)


@require_POST
@curator_only
def question_move(request, pk, question_pk, direction):
    """Swap the question with its neighbour in the section."""
    if direction not in ("up", "down"):
        raise Http404
    with transaction.atomic():
        question = get_object_or_404(Question.objects.select_for_update(), pk=question_pk, survey_id=pk)
        siblings = list(Question.objects.filter(section_id=question.section_id).order_by("position", "pk"))
        index = siblings.index(question)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(siblings):
            siblings[index], siblings[other] = siblings[other], siblings[index]
            for position, sibling in enumerate(siblings, start=1):
                sibling.position = position
            Question.objects.bulk_update(siblings, ["position"])
    return redirect(f"{question.survey.get_absolute_url()}#question-{question.pk}")


def _form_page(request, form, survey, title, template="surveys/survey_form.html"):
    return render(request, template, {"form": form, "survey": survey, "title": title})
