"""A survey's answers as one table: a row per response, a column per question."""

from django.utils import timezone

from participants.exporting import DATE, NUMBER, TEXT, Column
from surveys.models import Answer, Question

_KINDS = {Question.Kind.DATE: DATE, **{kind: NUMBER for kind in Question.NUMERIC}}


def response_table(survey):
    """(columns, rows) for every response; anonymous surveys carry no names."""
    questions = list(survey.questions.select_related("section"))
    columns = [Column("№", 6, NUMBER), Column("Дата ответа", 14, DATE)]
    if not survey.anonymous:
        columns += [Column("Участник", 32), Column("Класс / должность", 20), Column("Кто отвечал", 22)]
    columns += [Column(f"{q.code}: {q.text}", 24, _KINDS.get(q.kind, TEXT)) for q in questions]
    listed = survey.responses.for_list().order_by("submitted_at", "pk").prefetch_related("answers")
    chosen = _chosen_texts(survey)
    rows = []
    for number, response in enumerate(listed, start=1):
        given = {answer.question_id: answer for answer in response.answers.all()}
        row = [number, timezone.localdate(response.submitted_at)]
        if not survey.anonymous:
            person = response.subject or response.respondent
            row += [getattr(person, "full_name", ""), getattr(person, "place", "")]
            row.append(response.get_respondent_role_display())
        row += [_value(given.get(question.pk), chosen) for question in questions]
        rows.append(row)
    return columns, rows


def _chosen_texts(survey):
    """{answer id: [choice text, …]} for the whole survey in one query: a prefetch of every
    answer's choices would build a queryset per answer, which dominated the export's time."""
    texts = {}
    rows = (
        Answer.choices.through.objects.filter(answer__response__survey=survey)
        .order_by("choice__position", "choice_id")
        .values_list("answer_id", "choice__text")
    )
    for answer_id, text in rows:
        texts.setdefault(answer_id, []).append(text)
    return texts


def _value(answer, chosen):
    if answer is None:
        return None
    if answer.number is not None:
        return int(answer.number) if answer.number == int(answer.number) else float(answer.number)
    if answer.date is not None:
        return answer.date
    if answer.flag is not None or answer.text:
        return answer.display
    return "; ".join(chosen.get(answer.pk, ()))


def file_name(survey):
    return f"survey-{survey.pk}-answers.xlsx"
