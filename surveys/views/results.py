"""Reading what people answered: results with charts, each response, Excel, and the way into the banks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentoring.models import AcademicYear, DataExport
from participants.exporting import workbook_response
from participants.views.people import paginate, query_without_page
from surveys import access, exporting, intake, results
from surveys.models import Answer, Question, Survey
from surveys.views.builder import curator_only


@login_required
def survey_results(request, pk):
    """surveys/results.html: per question counts, averages and distributions, and before/after."""
    survey = access.get_survey(request.user, pk)
    sections, response_count = results.summarise(survey)
    comparison = results.compare(survey.compare_with, survey) if survey.compare_with else []
    return render(
        request,
        "surveys/results.html",
        {"survey": survey, "sections": sections, "response_count": response_count, "comparison": comparison},
    )


@login_required
def responses(request, pk):
    """surveys/responses.html: every response, newest first; intake responses can go to the banks."""
    survey = access.get_survey(request.user, pk)
    listed = survey.responses.for_list()
    if request.GET.get("bank") == "no":
        listed = listed.filter(added_to_bank_at__isnull=True)
    return render(
        request,
        "surveys/responses.html",
        {
            "survey": survey,
            "page": paginate(request, listed),
            "query": query_without_page(request),
            "to_bank": access.writes(request.user) and survey.purpose in intake.INTAKES and not survey.is_template,
        },
    )


@login_required
def response(request, pk, response_pk):
    """surveys/response.html: one response, question by question."""
    survey = get_object_or_404(Survey.objects.select_related("year"), pk=pk)
    answer = access.get_response(request.user, survey, response_pk)
    answers = {item.question_id: item for item in answer.answers.select_related("question").prefetch_related("choices")}
    rows = [(question, answers.get(question.pk)) for question in survey.questions.select_related("section")]
    return render(request, "surveys/response.html", {"survey": survey, "response": answer, "rows": rows})


@login_required
def question_answers(request, pk, question_pk):
    """surveys/question_answers.html: every written answer to one question."""
    survey = access.get_survey(request.user, pk)
    question = get_object_or_404(Question, pk=question_pk, survey=survey)
    answers = Answer.objects.filter(question=question).exclude(text="").order_by("-response__submitted_at", "-pk")
    page = paginate(request, answers.select_related("response"))
    return render(request, "surveys/question_answers.html", {"survey": survey, "question": question, "page": page})


@login_required
def export(request, pk):
    """All answers as an Excel sheet, one row per response, one column per question."""
    survey = access.get_survey(request.user, pk)
    columns, rows = exporting.response_table(survey)
    DataExport.log(request, f"Ответы на анкету «{survey.title}»", rows=len(rows))
    return workbook_response(exporting.file_name(survey), "Ответы", columns, rows)


@require_POST
@curator_only
def to_bank(request, pk):
    """The chosen intake responses become mentee or mentor records of the survey's year."""
    survey = access.get_survey(request.user, pk, write=True)
    if survey.purpose not in intake.INTAKES or survey.is_template:
        messages.error(request, "В банк включают по анкетам наставляемых и наставников.")
        return redirect("survey_responses", pk=pk)
    chosen = [value for value in request.POST.getlist("responses") if value.isascii() and value.isdigit()]
    if not chosen:
        messages.error(request, "Отметьте ответы, которые нужно включить в банк.")
        return redirect("survey_responses", pk=pk)
    year = survey.year or AcademicYear.objects.current_for(request)
    messages.success(request, intake.add_to_bank(survey, chosen, year).message())
    return redirect("survey_responses", pk=pk)
