"""The standard questionnaires' content: plain data checks, no database."""

import re

import pytest

from participants.dictionaries import FORMS
from participants.models import Person
from surveys import codes, standard
from surveys.models import Question, Survey

CODE = re.compile(r"^[a-z][a-z0-9_]*$")
TEMPLATE_KEYS = {
    "key",
    "title",
    "purpose",
    "audience",
    "anonymous",
    "confidential",
    "introduction",
    "compare_with",
    "sections",
}
SECTION_KEYS = {"title", "description", "questions"}
QUESTION_KEYS = {"code", "kind", "text", "help", "required", "choices"}
BY_KEY = {template["key"]: template for template in standard.TEMPLATES}
FORM_NAMES = {name for name, *_ in FORMS}
IDENTITY = {codes.LAST_NAME, codes.FIRST_NAME, codes.PATRONYMIC, codes.EMAIL, codes.PHONE}


def questions(template):
    return [question for section in template["sections"] for question in section["questions"]]


def question(template_key, code):
    (found,) = [q for q in questions(BY_KEY[template_key]) if q["code"] == code]
    return found


def values(template_key, code):
    return [value for value, _text in question(template_key, code)["choices"]]


def coded(template_key, prefix):
    return {q["code"]: q["kind"] for q in questions(BY_KEY[template_key]) if q["code"].startswith(prefix)}


each_template = pytest.mark.parametrize("template", standard.TEMPLATES, ids=lambda template: template["key"])


def test_a_teachers_final_self_assessment_repeats_the_teachers_baseline_items():
    assert coded("mentee_after_teacher", "growth_") == coded("mentee_intake_teacher", "growth_")
    assert coded("mentee_after_teacher", "sat_") == coded("mentee_before", "sat_")


def test_the_issues_templates_are_all_there_with_unique_keys():
    keys = [template["key"] for template in standard.TEMPLATES]
    assert len(keys) == len(set(keys))
    assert set(keys) == {
        "mentee_intake_student",
        "mentee_intake_teacher",
        "mentee_after_teacher",
        "mentor_intake",
        "mentor_intake_student",
        "third_party",
        "mentee_before",
        "mentee_after",
        "mentor_before",
        "mentor_after",
        "swot",
        "feedback",
    }


@each_template
def test_a_template_has_the_installers_fields(template):
    assert set(template) == TEMPLATE_KEYS
    assert re.fullmatch(r"[a-z][a-z0-9_]*", template["key"]) and len(template["key"]) <= 50
    assert 0 < len(template["title"]) <= 300
    assert template["purpose"] in Survey.Purpose.values
    assert template["audience"] in Survey.Audience.values
    assert isinstance(template["anonymous"], bool)
    assert isinstance(template["confidential"], bool)
    assert template["introduction"].strip()
    assert template["sections"]
    for section in template["sections"]:
        assert set(section) == SECTION_KEYS
        assert 0 < len(section["title"]) <= 300
        assert isinstance(section["description"], str)
        assert section["questions"]


@each_template
def test_questions_are_valid(template):
    seen = set()
    for q in questions(template):
        assert set(q) <= QUESTION_KEYS and set(q) >= QUESTION_KEYS - {"choices"}, q
        assert CODE.match(q["code"]) and len(q["code"]) <= 50, q["code"]
        assert q["code"] not in seen, f"{q['code']} twice in {template['key']}"
        seen.add(q["code"])
        assert q["kind"] in Question.Kind.values and isinstance(q["kind"], Question.Kind), q["code"]
        assert 0 < len(q["text"]) <= 500, q["code"]
        assert len(q["help"]) <= 500, q["code"]
        assert isinstance(q["required"], bool), q["code"]
        if q["kind"] in Question.WITH_CHOICES:
            choice_values = [value for value, _text in q["choices"]]
            assert len(choice_values) >= 1, q["code"]
            assert len(choice_values) == len(set(choice_values)), q["code"]
            for value, text in q["choices"]:
                assert CODE.match(value) and len(value) <= 50, (q["code"], value)
                assert 0 < len(text) <= 300, (q["code"], value)
        else:
            assert "choices" not in q, q["code"]
        if q["kind"] in Question.SCALES:
            top = Question.SCALES[q["kind"]]
            assert "1 —" in q["help"] and f"{top} —" in q["help"], f"{q['code']}: the help says what 1 and {top} mean"


@each_template
def test_the_introduction_says_who_reads_the_answers(template):
    assert "куратор" in template["introduction"]
    assert "минут" in template["introduction"]
    if template["confidential"] and template["purpose"] != Survey.Purpose.SWOT:
        assert "не публикуют" in template["introduction"] or "не опубликуют" in template["introduction"]


def test_anonymous_templates_ask_nobodys_identity():
    for template in standard.TEMPLATES:
        if template["anonymous"]:
            assert not {q["code"] for q in questions(template)} & IDENTITY


def test_only_the_mentor_intake_asks_for_names():
    asking = {template["key"] for template in standard.TEMPLATES if {q["code"] for q in questions(template)} & IDENTITY}
    assert asking == {"mentor_intake"}


def test_the_mentor_intake_starts_with_a_required_identity_for_the_open_link():
    first_section = BY_KEY["mentor_intake"]["sections"][0]
    first_codes = [q["code"] for q in first_section["questions"]]
    assert first_codes[:2] == [codes.LAST_NAME, codes.FIRST_NAME]
    for code in (codes.LAST_NAME, codes.FIRST_NAME):
        assert question("mentor_intake", code)["required"]
        assert question("mentor_intake", code)["kind"] == Question.Kind.SHORT_TEXT
    assert not question("mentor_intake", codes.PATRONYMIC)["required"]
    assert not question("mentor_intake", codes.PHONE)["required"]
    assert "только" in question("mentor_intake", codes.PHONE)["help"]


def test_categories_are_person_kinds():
    assert [value for value, _text in standard.CATEGORIES] == ["student", "teacher", "staff", "external"]
    assert {value for value, _text in standard.CATEGORIES} == set(Person.Kind.values)
    assert set(values("mentor_intake", codes.CATEGORY)) == {"teacher", "staff", "external"}


@pytest.mark.parametrize("key", ["mentee_intake_student", "mentee_intake_teacher", "third_party"])
def test_a_mentees_request_is_required(key):
    request = question(key, codes.REQUEST)
    assert request["required"] and request["kind"] == Question.Kind.LONG_TEXT


def test_what_a_student_needs_is_what_mentors_offer():
    needed = set(values("mentee_intake_student", codes.TOPICS))
    assert needed == {value for value, _text in standard.STUDENT_TOPICS}
    assert needed <= set(values("mentor_intake", codes.TOPICS))
    assert needed <= set(values("mentor_intake_student", codes.TOPICS))
    assert needed <= set(values("third_party", codes.TOPICS))


def test_what_a_teacher_needs_is_what_mentors_of_teachers_offer():
    needed = set(values("mentee_intake_teacher", codes.TEACHER_TOPICS))
    assert needed == {value for value, _text in standard.TEACHER_TOPICS}
    assert needed <= set(values("mentor_intake", codes.TEACHER_TOPICS))


@pytest.mark.parametrize(
    "code, kind, shared",
    [
        (codes.INTERESTS, Question.Kind.MULTIPLE, standard.INTERESTS),
        (codes.MEETING_FORMAT, Question.Kind.SINGLE, standard.MEETING_FORMATS),
        (codes.AVAILABILITY, Question.Kind.MULTIPLE, standard.AVAILABILITY),
    ],
)
def test_the_intakes_share_interests_meeting_formats_and_availability(code, kind, shared):
    intakes = [
        template
        for template in standard.TEMPLATES
        if template["purpose"] in (Survey.Purpose.MENTEE_INTAKE, Survey.Purpose.MENTOR_INTAKE)
    ]
    asking = [template["key"] for template in intakes if code in {q["code"] for q in questions(template)}]
    assert "mentee_intake_student" in asking and "mentor_intake" in asking and "mentor_intake_student" in asking
    if code != codes.INTERESTS:
        assert "mentee_intake_teacher" in asking
    for key in asking:
        assert question(key, code)["kind"] == kind
        assert question(key, code)["choices"] == shared, key


def test_a_choice_code_means_the_same_wherever_it_appears():
    """The same value in the same question code carries the same text in every template."""
    texts = {}
    for template in standard.TEMPLATES:
        for q in questions(template):
            for value, text in q.get("choices", []):
                assert texts.setdefault((q["code"], value), text) == text, (template["key"], q["code"], value)


@pytest.mark.parametrize("before, after", [("mentee_before", "mentee_after"), ("mentor_before", "mentor_after")])
def test_before_and_after_ask_the_same_satisfaction_items(before, after):
    assert BY_KEY[after]["compare_with"] == before
    assert BY_KEY[before]["purpose"] == Survey.Purpose.BEFORE
    assert BY_KEY[after]["purpose"] == Survey.Purpose.AFTER
    assert BY_KEY[before]["audience"] == BY_KEY[after]["audience"]
    before_items = coded(before, codes.SATISFACTION_PREFIX)
    assert 6 <= len(before_items) <= 10
    assert before_items == coded(after, codes.SATISFACTION_PREFIX)
    assert set(before_items.values()) == {Question.Kind.SCALE_10}
    assert not BY_KEY[before]["anonymous"] and not BY_KEY[after]["anonymous"]


def test_an_item_shared_by_mentors_and_mentees_reads_the_same():
    mentee = {code: (b, a) for code, b, a in standard.MENTEE_SATISFACTION}
    mentor = {code: (b, a) for code, b, a in standard.MENTOR_SATISFACTION}
    shared = mentee.keys() & mentor.keys()
    assert {"sat_programme_overall", "sat_comfort", "sat_meetings_useful", "sat_goal_reached"} <= shared
    for code in shared:
        assert mentee[code] == mentor[code]


def test_compare_with_points_to_an_existing_before_template():
    for template in standard.TEMPLATES:
        target = template["compare_with"]
        if target is not None:
            assert target in BY_KEY and target != template["key"]
            assert BY_KEY[target]["purpose"] == Survey.Purpose.BEFORE
        assert (template["purpose"] == Survey.Purpose.AFTER) == (target is not None)


def test_the_final_self_assessment_repeats_the_baseline():
    baseline = coded("mentee_intake_student", codes.GROWTH_PREFIX)
    assert 5 <= len(baseline) <= 7
    assert set(baseline.values()) == {Question.Kind.SCALE_10}
    final = coded("mentee_after", codes.GROWTH_PREFIX)
    assert baseline.items() <= final.items()
    for code in baseline:
        assert question("mentee_after", code)["text"] == question("mentee_intake_student", code)["text"]
    teacher = coded("mentee_intake_teacher", codes.GROWTH_PREFIX)
    assert len(teacher) >= 5 and set(teacher.values()) == {Question.Kind.SCALE_10}


def test_every_form_choice_is_a_form_of_the_dictionary():
    for template in standard.TEMPLATES:
        for q in questions(template):
            if q["code"] == codes.FORM:
                assert q["kind"] == Question.Kind.SINGLE
                for _value, text in q["choices"]:
                    assert text in FORM_NAMES, (template["key"], text)


def test_each_intake_offers_the_forms_of_its_audience():
    def texts(key):
        return {text for _value, text in question(key, codes.FORM)["choices"]}

    for_students = {name for name, audience, active, *_ in FORMS if audience == "students" and active}
    assert texts("mentee_intake_student") == for_students
    assert texts("mentee_intake_teacher") == {"учитель – учитель"}
    assert texts("mentor_intake") == {
        "учитель – ученик",
        "учитель – учитель",
        "студент – ученик",
        "работодатель – ученик",
    }
    assert texts("mentor_intake_student") == {"ученик – ученик"}


def test_the_swot_questionnaire_asks_the_four_quadrants():
    for code in ("swot_strengths", "swot_weaknesses", "swot_opportunities", "swot_threats"):
        assert question("swot", code)["required"]
        assert question("swot", code)["kind"] == Question.Kind.LONG_TEXT


def test_feedback_is_anonymous_and_open():
    feedback = BY_KEY["feedback"]
    assert feedback["anonymous"] and not feedback["confidential"]
    kinds = {q["kind"] for q in questions(feedback)}
    assert {Question.Kind.SCALE_10, Question.Kind.SCALE_5, Question.Kind.DATE} <= kinds


@each_template
def test_templates_stay_a_reasonable_length(template):
    count = len(questions(template))
    assert 5 <= count <= 25, (template["key"], count)
    if template["audience"] == Survey.Audience.STUDENTS:
        assert 12 <= count <= 20, (template["key"], count)
