"""The curator's builder: surveys, sections, questions and choices, state, copies; who may change what."""

import pytest
from django.urls import reverse

from mentoring.models import AcademicYear
from surveys.models import Answer, Choice, Question, Response, Section, Survey
from tests.factories import make_user, make_year
from tests.surveys.conftest import answers_for, copy_template, days, field_errors, page, today

KINDS = [kind for kind, _ in Question.Kind.choices]


def survey_data(**fields):
    data = {
        "title": "Анкета для 7-х классов",
        "purpose": Survey.Purpose.OTHER,
        "audience": Survey.Audience.STUDENTS,
        "introduction": "Ответьте, пожалуйста, на вопросы.",
        "thanks": "Спасибо!",
        "opens_on": "",
        "closes_on": "",
        "link_days": "30",
        "confidential": "on",
        "compare_with": "",
    }
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}


def question_data(survey, kind="text", text="Как вас зовут?", code="", choices="", **fields):
    data = {
        "section": survey.sections.first().pk,
        "kind": kind,
        "text": text,
        "help_text": "",
        "required": "on",
        "code": code,
        "choices_text": choices,
    }
    data.update(fields)
    return data


def add_question(client, survey, **fields):
    response = client.post(reverse("question_add", args=[survey.pk]), question_data(survey, **fields))
    return response


def answer_once(survey):
    """A stored response answering every question of ``survey`` (through the preview's validation)."""
    from surveys import filling

    form = filling.ResponseForm(filling.questions_of(survey), answers_for(survey))
    assert form.is_valid(), form.errors
    return filling.save(survey, form)


# Creating and editing


def test_the_curator_creates_a_survey_with_a_first_section(curator_client, year, personas):
    response = curator_client.post(reverse("survey_add"), survey_data())
    survey = Survey.objects.get(title="Анкета для 7-х классов")
    assert response.status_code == 302 and response["Location"] == survey.get_absolute_url()
    assert survey.year == year and not survey.is_template
    assert survey.created_by == personas.curator
    assert survey.state == "черновик"
    assert [section.title for section in survey.sections.all()] == ["Основные вопросы"]


def test_a_survey_needs_a_current_year(client, db):
    client.force_login(make_user("admin", is_superuser=True))
    response = client.post(reverse("survey_add"), survey_data(), follow=True)
    assert "Сначала добавьте учебный год и сделайте его текущим." in page(response)
    assert not Survey.objects.filter(is_template=False).exists()


def test_closing_before_opening_is_refused(curator_client, year):
    response = curator_client.post(
        reverse("survey_add"), survey_data(opens_on=str(today()), closes_on=str(today() - days(1)))
    )
    assert response.status_code == 200
    assert field_errors(response)["closes_on"] == ["Дата окончания приёма раньше даты начала."]
    response = curator_client.post(reverse("survey_add"), survey_data(closes_on=str(today())))
    assert field_errors(response)["opens_on"] == ["Укажите, с какого дня принимать ответы."]
    assert not Survey.objects.filter(is_template=False).exists()


def test_the_curator_edits_the_settings(curator_client, survey):
    response = curator_client.post(reverse("survey_edit", args=[survey.pk]), survey_data(title="Новое название"))
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.title == "Новое название" and survey.opens_on is None


def test_a_survey_compares_only_with_a_before_survey_of_its_own_year(curator_client, survey, year):
    own = Survey.objects.create(title="До программы", year=year, purpose=Survey.Purpose.BEFORE)
    elsewhere = Survey.objects.create(title="До (прошлый год)", year=make_year(2025, current=False), purpose="before")
    not_before = Survey.objects.create(title="Обратная связь", year=year, purpose=Survey.Purpose.FEEDBACK)
    url = reverse("survey_edit", args=[survey.pk])
    for wrong in (elsewhere, not_before, Survey.objects.templates().get(template_key="mentee_before")):
        response = curator_client.post(url, survey_data(compare_with=wrong.pk))
        assert "compare_with" in field_errors(response), wrong
    assert curator_client.post(url, survey_data(compare_with=own.pk)).status_code == 302
    survey.refresh_from_db()
    assert survey.compare_with == own


def test_sections_are_added_at_the_end(curator_client, survey):
    response = curator_client.post(reverse("section_add", args=[survey.pk]), {"title": "Итоги", "description": ""})
    assert response.status_code == 302
    assert [(s.title, s.position) for s in survey.sections.all()] == [
        ("Основные вопросы", 1),
        ("Подробности", 2),
        ("Итоги", 3),
    ]


def test_the_last_section_cannot_be_deleted(curator_client, year, client):
    curator_client.post(reverse("survey_add"), survey_data())
    survey = Survey.objects.get(title="Анкета для 7-х классов")
    section = survey.sections.get()
    response = curator_client.post(reverse("section_delete", args=[survey.pk, section.pk]), follow=True)
    assert "В анкете должен остаться хотя бы один раздел." in page(response)
    assert survey.sections.count() == 1


def test_a_section_with_answered_questions_cannot_be_deleted(curator_client, survey):
    answer_once(survey)
    second = survey.sections.get(position=2)
    response = curator_client.post(reverse("section_delete", args=[survey.pk, second.pk]), follow=True)
    assert "уже отвечали: раздел удалить нельзя" in page(response)
    assert survey.sections.filter(pk=second.pk).exists()


def test_an_empty_section_is_deleted(curator_client, survey):
    empty = survey.sections.create(title="Лишний", position=3)
    curator_client.post(reverse("section_delete", args=[survey.pk, empty.pk]))
    assert not Section.objects.filter(pk=empty.pk).exists()


@pytest.fixture
def blank(curator_client, year):
    """A new survey made through the builder: one empty section."""
    curator_client.post(reverse("survey_add"), survey_data())
    return Survey.objects.get(title="Анкета для 7-х классов")


def test_questions_of_every_kind_get_codes_q1_q2_in_order(curator_client, blank):
    for kind in KINDS:
        choices = "Первый\nВторой" if kind in Question.WITH_CHOICES else ""
        response = add_question(curator_client, blank, kind=kind, text=f"Вопрос типа {kind}", choices=choices)
        assert response.status_code == 302, field_errors(response)
    questions = list(blank.questions.order_by("position"))
    assert [(q.code, q.kind, q.position) for q in questions] == [
        (f"q{number}", kind, number) for number, kind in enumerate(KINDS, start=1)
    ]
    for question in questions:
        expected = ["Первый", "Второй"] if question.kind in Question.WITH_CHOICES else []
        assert [choice.text for choice in question.choices.all()] == expected


def test_a_message_names_the_new_questions_code(curator_client, blank):
    response = add_question(curator_client, blank, code="need_topics")
    assert response["Location"].endswith(f"#question-{blank.questions.get().pk}")
    follow = curator_client.get(response["Location"])
    assert "Вопрос добавлен, код — need_topics." in page(follow)


def test_an_auto_code_skips_the_codes_taken(curator_client, blank):
    add_question(curator_client, blank, code="q1")
    add_question(curator_client, blank, code="q3")
    add_question(curator_client, blank)
    add_question(curator_client, blank)
    assert sorted(blank.questions.values_list("code", flat=True)) == ["q1", "q2", "q3", "q4"]


def test_choices_come_one_per_line_with_transliterated_codes(curator_client, blank):
    lines = "  Математика  \n\nРусский язык\nОлимпиады и конкурсы\nМатематика\nматематика\nЁлка-2"
    response = add_question(curator_client, blank, kind="multiple", choices=lines)
    assert response.status_code == 302
    question = blank.questions.get()
    assert [(c.text, c.value, c.position) for c in question.choices.all()] == [
        ("Математика", "matematika", 1),
        ("Русский язык", "russkiy_yazyk", 2),
        ("Олимпиады и конкурсы", "olimpiady_i_konkursy", 3),
        ("математика", "matematika_2", 4),
        ("Ёлка-2", "elka_2", 5),
    ]


def test_a_kept_choice_keeps_its_code_and_answers_on_edit(curator_client, blank):
    add_question(curator_client, blank, kind="single", choices="Математика\nФизика")
    question = blank.questions.get()
    kept = question.choices.get(text="Математика")
    url = reverse("question_edit", args=[blank.pk, question.pk])
    response = curator_client.post(
        url, question_data(blank, kind="single", code=question.code, choices="Химия\nМатематика")
    )
    assert response.status_code == 302
    assert [(c.pk == kept.pk, c.text, c.value) for c in question.choices.all()] == [
        (False, "Химия", "khimiya"),
        (True, "Математика", "matematika"),
    ]


def test_the_edit_form_lists_the_choices_one_per_line(curator_client, blank):
    add_question(curator_client, blank, kind="single", choices="Математика\nФизика")
    question = blank.questions.get()
    response = curator_client.get(reverse("question_edit", args=[blank.pk, question.pk]))
    assert response.context["form"]["choices_text"].value() == "Математика\nФизика"


def test_a_question_goes_only_into_a_section_of_its_survey(curator_client, survey, blank):
    foreign = survey.sections.first()
    response = add_question(curator_client, blank, section=foreign.pk)
    assert "section" in field_errors(response)
    assert not foreign.questions.filter(text="Как вас зовут?").exists()


def test_a_section_or_question_of_another_survey_is_404(curator_client, survey, blank):
    section, question = survey.sections.first(), survey.questions.first()
    assert curator_client.post(reverse("section_edit", args=[blank.pk, section.pk]), {"title": "X"}).status_code == 404
    assert curator_client.post(reverse("question_delete", args=[blank.pk, question.pk])).status_code == 404
    assert curator_client.post(reverse("question_move", args=[blank.pk, question.pk, "up"])).status_code == 404


def test_a_duplicate_code_is_refused(curator_client, survey):
    response = add_question(curator_client, survey, code="mood")
    assert response.status_code == 200
    assert field_errors(response)["code"] == ["В анкете уже есть вопрос с таким кодом."]
    assert survey.questions.filter(code="mood").count() == 1


def test_a_code_must_be_latin_lowercase(curator_client, survey):
    response = add_question(curator_client, survey, code="Настроение")
    assert "латинские строчные буквы" in field_errors(response)["code"][0]


def test_a_choice_question_needs_two_choices(curator_client, blank):
    for kind in Question.WITH_CHOICES:
        response = add_question(curator_client, blank, kind=kind, choices="Единственный\n  \nЕдинственный")
        assert field_errors(response)["choices_text"] == ["Укажите не меньше двух вариантов ответа."]
    assert not blank.questions.exists()


def test_choices_typed_for_a_text_question_are_ignored(curator_client, blank):
    add_question(curator_client, blank, kind="text", choices="Да\nНет")
    assert not Choice.objects.filter(question__survey=blank).exists()


def test_the_kind_of_an_answered_question_cannot_change(curator_client, survey):
    answer_once(survey)
    question = survey.questions.get(code="nickname")
    response = curator_client.post(
        reverse("question_edit", args=[survey.pk, question.pk]),
        question_data(survey, kind="number", code="nickname", text=question.text),
    )
    assert response.status_code == 200
    assert field_errors(response)["kind"] == ["На вопрос уже отвечали: тип изменить нельзя, создайте новый вопрос."]
    question.refresh_from_db()
    assert question.kind == "text"


def test_the_text_of_an_answered_question_can_change(curator_client, survey):
    answer_once(survey)
    question = survey.questions.get(code="nickname")
    response = curator_client.post(
        reverse("question_edit", args=[survey.pk, question.pk]),
        question_data(survey, kind="text", code="nickname", text="Как вас называют друзья?"),
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "Как вас называют друзья?"


def test_a_choice_already_chosen_cannot_be_dropped(curator_client, survey):
    answer_once(survey)  # chose «Математика»
    question = survey.questions.get(code="favourite")
    response = curator_client.post(
        reverse("question_edit", args=[survey.pk, question.pk]),
        question_data(survey, kind="single", code="favourite", text=question.text, choices="Физика\nЛитература"),
    )
    assert field_errors(response)["choices_text"] == ["Эти варианты уже выбирали, их нельзя удалить: «Математика»."]
    assert question.choices.count() == 3


def test_an_answered_question_cannot_be_deleted(curator_client, survey):
    answer_once(survey)
    question = survey.questions.get(code="mood")
    response = curator_client.post(reverse("question_delete", args=[survey.pk, question.pk]), follow=True)
    assert "На вопрос уже отвечали: удалить его нельзя." in page(response)
    assert Question.objects.filter(pk=question.pk).exists()


def test_an_unanswered_question_is_deleted(curator_client, survey):
    question = survey.questions.get(code="mood")
    curator_client.post(reverse("question_delete", args=[survey.pk, question.pk]))
    assert not Question.objects.filter(pk=question.pk).exists()


def codes_in_section(survey, position=1):
    return list(survey.questions.filter(section__position=position).order_by("position").values_list("code", flat=True))


def test_questions_move_up_and_down_within_their_section(curator_client, survey):
    assert codes_in_section(survey) == ["mood", "energy", "favourite", "hobbies", "agree"]
    favourite = survey.questions.get(code="favourite")
    response = curator_client.post(reverse("question_move", args=[survey.pk, favourite.pk, "up"]))
    assert response.status_code == 302 and response["Location"].endswith(f"#question-{favourite.pk}")
    assert codes_in_section(survey) == ["mood", "favourite", "energy", "hobbies", "agree"]
    curator_client.post(reverse("question_move", args=[survey.pk, favourite.pk, "down"]))
    curator_client.post(reverse("question_move", args=[survey.pk, favourite.pk, "down"]))
    assert codes_in_section(survey) == ["mood", "energy", "hobbies", "favourite", "agree"]
    mood = survey.questions.get(code="mood")
    curator_client.post(reverse("question_move", args=[survey.pk, mood.pk, "up"]))  # already first
    assert codes_in_section(survey) == ["mood", "energy", "hobbies", "favourite", "agree"]
    assert codes_in_section(survey, 2) == ["nickname", "story", "age", "birthday"]
    assert curator_client.post(reverse("question_move", args=[survey.pk, mood.pk, "sideways"])).status_code == 404


# State


def test_open_close_and_the_open_link(curator_client, survey):
    Survey.objects.filter(pk=survey.pk).update(opens_on=None)

    def state(action):
        response = curator_client.post(reverse("survey_state", args=[survey.pk, action]))
        assert response.status_code == 302
        survey.refresh_from_db()
        return survey

    assert state("open").opens_on == today() and survey.is_open
    assert state("close").stopped and survey.state == "закрыта"
    Survey.objects.filter(pk=survey.pk).update(opens_on=today() - days(9), closes_on=today() - days(1), stopped=False)
    reopened = state("open")
    assert reopened.is_open and reopened.closes_on is None and not reopened.stopped
    token = state("link-on").open_token
    assert token and len(token) >= 43
    assert state("link-on").open_token == token  # a second click keeps the link
    assert curator_client.get(reverse("survey_open_fill", args=[token])).status_code == 200
    assert state("link-off").open_token is None
    assert curator_client.get(reverse("survey_open_fill", args=[token])).status_code == 404
    assert curator_client.post(reverse("survey_state", args=[survey.pk, "explode"])).status_code == 404


def test_opening_keeps_an_earlier_opening_date(curator_client, survey):
    Survey.objects.filter(pk=survey.pk).update(opens_on=today() - days(5), stopped=True)
    curator_client.post(reverse("survey_state", args=[survey.pk, "open"]))
    survey.refresh_from_db()
    assert survey.opens_on == today() - days(5) and survey.is_open


def test_a_template_has_no_state_to_change(curator_client, db):
    template = Survey.objects.templates().get(template_key="feedback")
    assert curator_client.post(reverse("survey_state", args=[template.pk, "open"])).status_code == 404


def test_the_preview_checks_answers_but_stores_nothing(curator_client, survey):
    url = reverse("survey_preview", args=[survey.pk])
    shown = curator_client.get(url)
    assert shown.status_code == 200
    assert "Предпросмотр." in page(shown)
    checked = curator_client.post(url, answers_for(survey), follow=True)
    assert "Предпросмотр: ответы прошли проверку, но не сохраняются." in page(checked)
    refused = curator_client.post(url, answers_for(survey, mood=None))
    assert field_errors(refused) == {"mood": ["Обязательное поле."]}
    assert Response.objects.count() == 0 and Answer.objects.count() == 0


# Templates and copies


def test_a_template_becomes_the_current_years_survey_with_every_question(curator_client, year, personas):
    template = Survey.objects.templates().get(template_key="mentee_intake_student")
    copy = copy_template(curator_client, "mentee_intake_student")
    assert copy.year == year and not copy.is_template and copy.template_key == ""
    assert copy.source == template and copy.title == template.title
    assert copy.created_by == personas.curator
    assert (copy.purpose, copy.audience, copy.confidential) == (template.purpose, template.audience, True)
    assert copy.state == "черновик"

    def content(survey):
        return [
            (q.section.title, q.section.position, q.code, q.kind, q.text, q.required, q.position,
             [(c.text, c.value, c.position) for c in q.choices.all()])
            for q in survey.questions.select_related("section").prefetch_related("choices")
        ]  # fmt: skip

    assert content(copy) == content(template)
    assert len(content(copy)) == template.questions.count() > 10
    assert (
        Choice.objects.filter(question__survey=copy).count() == Choice.objects.filter(question__survey=template).count()
    )


def test_a_copy_can_go_to_another_year(curator_client, year):
    next_year = make_year(2027, current=False)
    template = Survey.objects.templates().get(template_key="swot")
    curator_client.post(reverse("survey_copy", args=[template.pk]), {"year": "2027"})
    assert Survey.objects.get(source=template).year == next_year


def test_a_copy_of_a_years_survey_is_marked_as_a_copy(curator_client, survey):
    curator_client.post(reverse("survey_copy", args=[survey.pk]))
    copy = Survey.objects.get(source=survey)
    assert copy.title == "Анкета обо всём (копия)"
    assert copy.opens_on is None and copy.open_token is None
    assert list(copy.questions.values_list("code", flat=True)) == list(survey.questions.values_list("code", flat=True))


def test_the_after_survey_compares_with_the_years_copy_of_the_before_survey(curator_client, year):
    before = copy_template(curator_client, "mentee_before")
    after = copy_template(curator_client, "mentee_after")
    assert after.compare_with == before


def test_a_copy_into_another_year_compares_with_that_years_before_survey(curator_client, year):
    copy_template(curator_client, "mentee_before")  # this year's
    make_year(2027, current=False)
    before_2027 = copy_template(curator_client, "mentee_before", year="2027")
    after_2027 = copy_template(curator_client, "mentee_after", year="2027")
    assert before_2027.year.start_year == 2027
    assert after_2027.compare_with == before_2027


def test_a_standard_template_cannot_be_deleted(curator_client, db):
    template = Survey.objects.templates().get(template_key="mentee_before")
    response = curator_client.post(reverse("survey_delete", args=[template.pk]), follow=True)
    assert "Стандартный шаблон удалить нельзя" in page(response)
    assert Survey.objects.filter(pk=template.pk).exists()


def test_a_survey_with_responses_cannot_be_deleted(curator_client, survey):
    answer_once(survey)
    response = curator_client.post(reverse("survey_delete", args=[survey.pk]), follow=True)
    assert "На анкету уже ответили: её нельзя удалить." in page(response)
    assert Survey.objects.filter(pk=survey.pk).exists()


def test_a_survey_without_responses_is_deleted(curator_client, survey):
    response = curator_client.post(reverse("survey_delete", args=[survey.pk]))
    assert response["Location"] == reverse("survey_list")
    assert not Survey.objects.filter(pk=survey.pk).exists()


# The list


def test_the_list_shows_the_years_surveys_with_counts_and_the_templates(curator_client, survey, year):
    answer_once(survey)
    response = curator_client.get(reverse("survey_list"))
    assert response.status_code == 200
    (listed,) = response.context["surveys"]
    assert (listed, listed.question_count, listed.response_count) == (survey, 9, 1)
    assert len(response.context["templates"]) == Survey.objects.templates().count() >= 11
    other_year = make_year(2025, current=False)
    Survey.objects.create(title="Прошлогодняя", year=other_year)
    assert [s.title for s in curator_client.get(reverse("survey_list"), {"year": 2025}).context["surveys"]] == [
        "Прошлогодняя"
    ]
    assert AcademicYear.objects.count() == 2


# Who may do what


def writes(survey):
    """Every change the builder offers, as (url, data)."""
    question = survey.questions.get(code="mood")
    section = survey.sections.first()
    return [
        (reverse("survey_add"), survey_data()),
        (reverse("survey_edit", args=[survey.pk]), survey_data(title="Взлом")),
        (reverse("survey_copy", args=[survey.pk]), {}),
        (reverse("survey_delete", args=[survey.pk]), {}),
        *[
            (reverse("survey_state", args=[survey.pk, action]), {})
            for action in ("open", "close", "link-on", "link-off")
        ],
        (reverse("section_add", args=[survey.pk]), {"title": "Взлом"}),
        (reverse("section_edit", args=[survey.pk, section.pk]), {"title": "Взлом"}),
        (reverse("section_delete", args=[survey.pk, section.pk]), {}),
        (reverse("question_add", args=[survey.pk]), question_data(survey, code="hack")),
        (reverse("question_edit", args=[survey.pk, question.pk]), question_data(survey, code="mood", text="Взлом")),
        (reverse("question_delete", args=[survey.pk, question.pk]), {}),
        (reverse("question_move", args=[survey.pk, question.pk, "down"]), {}),
        (reverse("survey_invite_people", args=[survey.pk]), {"people": ["1"]}),
        (reverse("survey_to_bank", args=[survey.pk]), {"responses": ["1"]}),
    ]


def snapshot():
    return (
        list(Survey.objects.order_by("pk").values_list("pk", "title", "opens_on", "stopped", "open_token")),
        list(Section.objects.order_by("pk").values_list("pk", "title")),
        list(Question.objects.order_by("pk").values_list("pk", "code", "text", "position")),
    )


def test_the_administration_reads_the_survey_but_changes_nothing(client, personas, survey):
    client.force_login(personas.director)
    for name in ("survey_list", "survey_preview", "survey"):
        response = client.get(reverse(name, args=[survey.pk] if name != "survey_list" else []))
        assert response.status_code == 200, name
    shown = client.get(survey.get_absolute_url())
    assert shown.context["can_edit"] is False
    assert "Изменить настройки" not in page(shown) and "Включить открытую ссылку" not in page(shown)
    before = snapshot()
    for url, data in writes(survey):
        assert client.post(url, data).status_code == 403, url
        assert client.get(url).status_code in (403, 405), url
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["teacher", "outsider", "class_leader", "mentor"])
def test_staff_outside_management_may_not_open_the_builder(client, personas, survey, persona):
    client.force_login(getattr(personas, persona))
    for url in (reverse("survey_list"), survey.get_absolute_url(), reverse("survey_preview", args=[survey.pk])):
        assert client.get(url).status_code == 403, url
    before = snapshot()
    for url, data in writes(survey):
        assert client.post(url, data).status_code == 403, url
    assert snapshot() == before


def test_an_anonymous_visitor_is_sent_to_log_in(client, survey):
    for url in (reverse("survey_list"), survey.get_absolute_url(), reverse("survey_preview", args=[survey.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url
    before = snapshot()
    for url, data in writes(survey):
        response = client.post(url, data)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url
    assert snapshot() == before
