"""Hostile input against the import of people, the questionnaire and the document forms.

Each property sends random and hostile values through the real views and demands one of two
outcomes: a refusal with a clear Russian message that writes nothing (no row, no history, no
file on disk), or a success that stores exactly what the form cleaned. Never a server error.

Every example runs in a savepoint rolled back afterwards, so examples never see each other's rows;
files are compared with the folder's listing before the example.
"""

import contextlib
import datetime
import io
import re
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import resolve, reverse
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, currently_in_test_context, event, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from mentoring import filetypes
from mentoring.material_forms import MaterialForm
from mentoring.models import Material, MaterialTag, NormativeAct, Publication, PublicationFile
from pairs.models import Mentorship
from participants import importing
from participants.consents import ConsentForm
from participants.forms import PersonForm
from participants.models import Consent, Mentee, Mentor, MentorProfile, PeopleImport, Person
from reports import documents
from reports.forms import AGENDA_MAX, CONTENT_FORMS, ActForm, NewActForm, SignForm, agenda, agenda_formset
from reports.publication_forms import PublicationForm
from surveys import filling
from surveys.models import Answer, Choice, Response, Survey
from tests.factories import (
    make_act,
    make_class,
    make_consent,
    make_mentee,
    make_mentor,
    make_mentorship,
    make_person,
    make_school,
)
from tests.participants.xlsx import HEADER, upload
from tests.security import hostile
from tests.surveys.conftest import answers_for, invite, make_survey

HOSTILE = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
FEW = settings(HOSTILE, max_examples=12)
CYRILLIC = re.compile("[А-Яа-яЁё]")
Kind = NormativeAct.Kind


# Helpers


@contextlib.contextmanager
def rolled_back(*clients):
    """One example in a savepoint undone afterwards; the messages ``clients`` have not shown yet
    (kept in a cookie) are forgotten first, so a page's messages are its own."""
    for client in clients:
        client.cookies.pop("messages", None)
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def checked(response):
    """``response`` once it is known not to be a server error (its status is counted in the
    statistics of ``--hypothesis-show-statistics``)."""
    if currently_in_test_context():
        event(f"{response.request['REQUEST_METHOD']} {response.status_code}")
    if response.status_code >= 500:
        error = response.exc_info[1] if response.exc_info else None
        raise AssertionError(f"server error {response.status_code}: {error!r}") from error
    return response


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def form_errors(response):
    """Every error message of the forms the page shows."""
    found = []
    for name in ("form", "content_form", "formset", "file_form"):
        form = response.context.get(name) if response.context else None
        if form is None:
            continue
        if hasattr(form, "forms"):  # a formset
            found += list(form.non_form_errors())
            found += [error for each in form.forms for errors in each.errors.values() for error in errors]
        else:
            found += [error for errors in form.errors.values() for error in errors]
    return found


def assert_refused(response):
    """A refusal the user can read: the page again with Russian errors of its forms, or Django's
    own page for a request whose fields exceed ``DATA_UPLOAD_MAX_MEMORY_SIZE``."""
    if response.status_code == 400 and "<h1>Неверный запрос</h1>" in response.content.decode():
        return
    assert response.status_code == 200, response
    assert_russian(form_errors(response))


def assert_russian(messages):
    assert messages, "refused without a message"
    for message in messages:
        assert CYRILLIC.search(str(message)), f"not a Russian message: {message!r}"


def files_in(root):
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def posted(data):
    """``data`` as the view receives it: a list is a repeated key."""
    if isinstance(data, MultiValueDict):
        return data
    return MultiValueDict({key: value if isinstance(value, list) else [value] for key, value in data.items()})


def without_none(data):
    return {key: value for key, value in data.items() if value is not None}


def hostile_fields(names, huge=True):
    """Hostile values for up to three of the fields ``names``; the others keep valid ones."""
    return st.dictionaries(st.sampled_from(names), hostile.form_value(huge), max_size=3)


def client_for(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture
def curator(personas):
    return client_for(personas.curator)


@pytest.fixture
def director(personas):
    return client_for(personas.director)


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded and generated files go to an empty folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


# The import of people


TRACKED = [Person, Mentee, Mentor, Consent, MentorProfile]


def import_counts():
    counts = {model.__name__: model.objects.count() for model in TRACKED}
    counts.update({f"{model.__name__} history": model.history.count() for model in TRACKED})
    return counts


def import_file(client, content, name="люди.xlsx"):
    """Upload ``content`` as the curator would; confirm the preview if there is one."""
    response = checked(client.post(reverse("people_import"), {"file": upload(content, name)}))
    if response.status_code != 302:
        return response
    preview = checked(client.get(response.url))
    assert preview.status_code == 200
    return checked(client.post(response.url))


def import_refusals(response):
    plan = response.context.get("plan")
    reasons = [reason for _row, reason in plan.errors] if plan else []
    for row, _reason in plan.errors if plan else []:
        assert row is None or (isinstance(row, int) and row >= 1)
    return reasons + form_errors(response)


def assert_import_outcome(response, before, people_before):
    """Refused with reasons and nothing written, or loaded and reported; the new people are
    returned."""
    if response.status_code == 400:
        assert_russian(import_refusals(response))
        assert import_counts() == before
        return []
    assert response.status_code == 302 and response.url == reverse("people"), response
    new = list(Person.objects.exclude(pk__in=people_before))
    updated = Person.history.filter(history_type="~", history_change_reason=importing.CHANGE_REASON).count()
    message = flashed(response)[-1]
    assert message.startswith(f"Загружено: новых {len(new)}, обновлено {updated},"), message
    after = import_counts()
    assert after["Person history"] - before["Person history"] == len(new) + updated
    assert {key: value for key, value in after.items() if not key.startswith("Person")} == {
        key: value for key, value in before.items() if not key.startswith("Person")
    }
    for person in new:
        for name in ("last_name", "first_name", "patronymic", "position", "email", "phone"):
            value = getattr(person, name)
            assert value == hostile.tidy(value), (name, value)
    return new


def assert_exported_as_text(client, people):
    """The people's export holds ``people`` as text: no cell of it is a formula."""
    response = checked(client.get(reverse("people_export")))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)
    exported = {tuple(cell.value or "" for cell in row[:3]) for row in sheet.iter_rows(min_row=2)}
    # the export drops the control characters a workbook cannot hold
    names = [(person.last_name, person.first_name, person.patronymic) for person in people]
    assert {tuple(ILLEGAL_CHARACTERS_RE.sub("", part) for part in name) for name in names} <= exported


@pytest.fixture
def import_world(year, personas, media):
    make_class(year, 8, "Б")
    return year


headers = st.one_of(
    st.just(HEADER),
    st.permutations(HEADER),
    st.lists(st.one_of(st.sampled_from([*HEADER, "стаж с", "e-mail", "ФАМИЛИЯ "]), hostile.cell_values()), max_size=12),
)
merges = st.lists(st.sampled_from(["A1:B1", "A2:C3", "B2:B9", "A1:XFD1048576"]), max_size=2)
hostile_workbooks = st.builds(
    lambda header, rows, merged, extra, dimension: hostile.xlsx(
        hostile.sheet_xml([header, *rows], dimension=dimension, merged=merged), *extra
    ),
    headers,
    st.lists(st.lists(hostile.cell_values(), max_size=11), max_size=6),
    merges,
    st.lists(st.just(hostile.sheet_xml([["=cmd|' /C calc'!A0"]])), max_size=2),
    st.sampled_from([None, "A1", "A1:XFD1048576", "ZZZ0", "A1:A0"]),
)


@HOSTILE
@given(content=st.one_of(hostile_workbooks, hostile.broken_files()))
@example(content=hostile.xlsx(hostile.sheet_xml([HEADER, ["Орлов", "Пётр", "", "", "педагог", "", "", "", ""]])))
@example(
    content=hostile.xlsx(
        hostile.sheet_xml(
            [
                ["Фамилия", "Имя", "Категория", "Год начала педагогической работы"],
                ["Орлов", "Пётр", "педагог", "nan"],
                ["Орлова", "Анна", "педагог", hostile.Raw("", "<v>1e400</v>")],
            ]
        )
    )
)
def test_any_file_is_refused_with_its_rows_named_or_loaded_clean(curator, import_world, content):
    with rolled_back(curator):
        before, people_before = import_counts(), set(Person.objects.values_list("pk", flat=True))
        response = import_file(curator, content)
        new = assert_import_outcome(response, before, people_before)
        if new:
            assert_exported_as_text(curator, new)


def names(max_length=150):
    return hostile.short_hostile_text().filter(lambda text: 0 < len(hostile.tidy(text)) <= max_length)


def optional(max_length):
    return st.one_of(
        st.just(""), hostile.short_hostile_text().filter(lambda text: len(hostile.tidy(text)) <= max_length)
    )


# Rows in the template's columns (tests.participants.xlsx.HEADER) that a school could mean:
# hostile text only where free text goes.
plausible_rows = st.builds(
    lambda last, first, patronymic, birth, kind_and_class, position, email, phone: [
        last,
        first,
        patronymic,
        birth,
        *kind_and_class,
        position,
        email,
        phone,
    ],
    names(),
    names(),
    optional(150),
    st.sampled_from(["05.03.2012", "2011-09-01", datetime.date(2010, 1, 2), 40000, None, ""]),
    st.sampled_from([("обучающийся", "7А"), ("ученица", "7 а"), ("Педагог", ""), ("сотрудник", ""), ("внешний", None)]),
    optional(200),
    st.sampled_from(["", None, "ivanova@school43.ru"]),
    optional(50),
)


PERSON_TEXT = ("last_name", "first_name", "patronymic", "position", "email", "phone")


def expected_people(content):
    """(ФИО, position, email, phone) of each row of the file in the template's columns, as the
    importer should store them: read as openpyxl reads them, tidied."""
    rows = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0].iter_rows(values_only=True)
    next(rows)
    text = {name: HEADER.index(header) for name, header in importing.HEADERS.items() if header in HEADER}
    return {
        tuple(hostile.tidy(row[text[name]] if row[text[name]] is not None else "") for name in PERSON_TEXT)
        for row in rows
    }


@HOSTILE
@given(rows=st.lists(plausible_rows, min_size=1, max_size=5))
@example(rows=[["=cmd|' /C calc'!A0", "@SUM(A1)", "+1", "", "педагог", "", "-1", "", "=1+1"]])
@example(rows=[["Иванова\u200b", "\u202eАнна", "", "", "педагог", "", "", "", ""]])
@example(rows=[["ß" * 150, "ﬃ" * 150, "ß" * 150, "", "педагог", "", "", "", ""]])
@example(
    rows=[
        ["Иванова", "Анна", "", "", "педагог", "", "", "", ""],
        ["Иванова", "Анна\u00ad", "", "", "педагог", "", "", "", ""],
    ]
)
def test_hostile_text_in_a_proper_list_is_stored_cleaned_and_exported_as_text(curator, import_world, rows):
    content = hostile.xlsx(hostile.sheet_xml([HEADER, *rows]))
    with rolled_back(curator):
        before, people_before = import_counts(), set(Person.objects.values_list("pk", flat=True))
        response = import_file(curator, content)
        new = assert_import_outcome(response, before, people_before)
        if response.status_code == 302:
            stored = {tuple(getattr(person, name) for name in PERSON_TEXT) for person in new}
            assert stored == expected_people(content)
            assert_exported_as_text(curator, new)


PERSON_FIELDS = ["last_name", "first_name", "patronymic", "birth_date", "kind", "school_class", "position"]
PERSON_FIELDS += ["career_start", "organisation", "email", "phone"]


@HOSTILE
@given(fields=hostile_fields(PERSON_FIELDS))
@example(fields={"last_name": "ß" * 150, "first_name": "ﬃ" * 150, "patronymic": "ß" * 150})
@example(fields={"first_name": "=cmd|' /C calc'!A0", "position": "\x01\x1b[31m\x7f"})
def test_a_person_is_saved_as_cleaned_and_exported_as_text_or_refused(curator, import_world, fields):
    data = {"last_name": "Орлов", "first_name": "Пётр", "kind": Person.Kind.TEACHER} | fields
    data = without_none(data)
    oracle = PersonForm(posted(data), year=import_world)
    valid = oracle.is_valid()
    with rolled_back():
        before, people_before = import_counts(), set(Person.objects.values_list("pk", flat=True))
        response = checked(curator.post(reverse("person_add"), data))
        if response.status_code == 302:
            assert valid
            person = Person.objects.exclude(pk__in=people_before).get()
            for name in PERSON_FIELDS:
                assert getattr(person, name) == oracle.cleaned_data[name], name
            assert import_counts()["Person history"] == before["Person history"] + 1
            assert_exported_as_text(curator, [person])
        else:
            assert_refused(response)
            assert not valid or response.status_code == 400
            assert import_counts() == before


@pytest.mark.parametrize("valid", [False, True])
def test_a_hundred_thousand_rows_are_refused_without_reading_them_all(curator, import_world, valid):
    row = ["Орлов", "Пётр", None, None, "педагог" if valid else "кто-то"]
    content = hostile.xlsx(hostile.many_rows(HEADER, row, 100_000))
    before = import_counts()
    response = import_file(curator, content)
    assert response.status_code == 400
    assert import_refusals(response) == ["В файле больше 10 000 строк с людьми. Разделите список на несколько файлов."]
    assert import_counts() == before and not PeopleImport.objects.exists()


# The questionnaire


@pytest.fixture
def questionnaire(year, personas, media):
    survey = make_survey(year)
    Survey.objects.filter(pk=survey.pk).update(open_token="open-token-for-hostile-tests-0123456789")
    survey.refresh_from_db()
    link = invite(survey, make_person(last_name="Семёнова", first_name="Алёна", school_class=make_class(year, 9, "В")))
    return survey, link


@dataclass(frozen=True)
class Pick:
    """The n-th choice of the question answered; past its last choice, a choice of another question."""

    number: int


answer_values = st.one_of(
    st.none(),
    hostile.form_value(),
    st.builds(Pick, st.integers(0, 4)),
    st.lists(st.builds(Pick, st.integers(0, 4)), min_size=1, max_size=4),
    st.sampled_from(["1", "5", "10", "11", "0", "yes", "no", "да", "12", "12.345", "-1", "2012-03-05", "²", "٣"]),
)
CODES = ["mood", "energy", "favourite", "hobbies", "agree", "nickname", "story", "age", "birthday"]
hostile_answers = st.dictionaries(st.sampled_from(CODES), answer_values, max_size=4)
extra_fields = st.dictionaries(
    st.one_of(st.sampled_from(["csrfmiddlewaretoken", "survey", "user", "id", "mood[]"]), st.text(max_size=8)),
    hostile.short_hostile_text(),
    max_size=2,
)


def survey_post(survey, answers, extra=None):
    """POST data answering ``survey``: valid answers with ``answers`` put over them."""
    data = answers_for(survey)
    choices = {question.code: [str(c.pk) for c in question.choices.all()] for question in filling.questions_of(survey)}
    foreign = [str(pk) for pk in Choice.objects.exclude(question__survey=survey).values_list("pk", flat=True)[:1]]

    def one(code, value):
        if isinstance(value, Pick):
            own = choices[code]
            return own[value.number] if value.number < len(own) else (foreign or ["999999"])[0]
        return value

    for key, value in (extra or {}).items():
        if key != "submission_key":
            data[key] = value
    for code, value in answers.items():
        data[code] = [one(code, item) for item in value] if isinstance(value, list) else one(code, value)
    return without_none(data)


def assert_stored_as_cleaned(survey, response, data):
    """Exactly one response, holding each answer as the form cleans it."""
    form = filling.ResponseForm(filling.questions_of(survey), posted(data))
    assert form.is_valid(), form.errors
    stored = Response.objects.get()
    answers = {answer.question.code: answer for answer in stored.answers.select_related("question")}
    for question in form.questions:
        value = form.cleaned_data.get(question.code)
        if value in (None, "", []):
            assert question.code not in answers, question.code
            continue
        answer = answers[question.code]
        if question.kind in question.NUMERIC:
            assert answer.number == value
        elif question.kind == question.Kind.YES_NO:
            assert answer.flag is value
        elif question.kind in question.TEXTUAL:
            assert answer.text == value
        elif question.kind == question.Kind.DATE:
            assert answer.date == value
        else:
            chosen = {value} if question.kind == question.Kind.SINGLE else set(value)
            assert set(answer.choices.all()) == chosen
    return stored


def assert_refused_survey(response, link=None):
    assert_refused(response)
    assert Response.objects.count() == 0 and Answer.objects.count() == 0
    if link is not None:
        link.refresh_from_db()
        assert link.used_at is None


def assert_results_readable(curator, survey):
    """The curator's pages of the answers and their Excel export open, with no formula in it."""
    for name in ("survey_results", "survey_responses"):
        assert checked(curator.get(reverse(name, args=[survey.pk]))).status_code == 200
    response = checked(curator.get(reverse("survey_export", args=[survey.pk])))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


@HOSTILE
@given(answers=hostile_answers, extra=extra_fields)
@example(answers={"hobbies": [Pick(0), Pick(0)]}, extra={})
@example(answers={"story": "=cmd|' /C calc'!A0\x01\x02\x1b", "nickname": "\x7f\x08"}, extra={})
@example(answers={"favourite": Pick(9), "age": "1e400", "birthday": "0000-00-00"}, extra={})
@example(answers={"nickname": "\x00", "mood": ["1", "11"]}, extra={})
def test_a_personal_link_stores_one_cleaned_response_or_names_the_questions(curator, questionnaire, answers, extra):
    survey, link = questionnaire
    data = survey_post(survey, answers, extra)
    with rolled_back():
        response = checked(Client(raise_request_exception=False).post(reverse("survey_fill", args=[link.token]), data))
        if response.status_code == 302:
            assert_stored_as_cleaned(survey, response, data)
            link.refresh_from_db()
            assert link.used_at is not None
            assert_results_readable(curator, survey)
        else:
            assert_refused_survey(response, link)


KEY = "k" * 24


@HOSTILE
@given(answers=hostile_answers, key=st.one_of(st.just(KEY), hostile.form_value(huge=False)))
@example(answers={}, key="")
@example(answers={}, key="ключ" * 6)
@example(answers={"story": "<script>alert(1)</script>"}, key=["k" * 24, "m" * 24])
def test_the_open_link_stores_one_cleaned_response_or_says_what_is_wrong(curator, questionnaire, answers, key):
    survey, _link = questionnaire
    data = {**survey_post(survey, answers), "submission_key": key}
    with rolled_back():
        response = checked(
            Client(raise_request_exception=False).post(reverse("survey_open_fill", args=[survey.open_token]), data)
        )
        if response.status_code == 302:
            stored = assert_stored_as_cleaned(survey, response, data)
            assert stored.submission_key == (key[-1] if isinstance(key, list) else key)
            assert_results_readable(curator, survey)
        else:
            assert_refused_survey(response)


@pytest.mark.parametrize("value", ["²", "٣", "1²", "9" * 30])
def test_ids_that_only_look_like_numbers_choose_nobody(curator, questionnaire, value):
    """«²» passes ``str.isdigit`` but not ``int()``: lists of ticked ids take ASCII digits only."""
    survey, _link = questionnaire
    Survey.objects.filter(pk=survey.pk).update(purpose=Survey.Purpose.MENTEE_INTAKE)
    with rolled_back(curator):
        response = checked(curator.post(reverse("survey_to_bank", args=[survey.pk]), {"responses": [value]}))
        none_ticked = "Включено в банк: 0." if value.isascii() else "Отметьте ответы, которые нужно включить в банк."
        assert flashed(response) == [none_ticked]
    with rolled_back(curator):
        url = reverse("survey_invite_people", args=[survey.pk])
        response = checked(curator.post(url, {"people": [value], "respondent_role": "self"}))
        assert flashed(response) == ["Отметьте хотя бы одного человека."]
    response = checked(curator.get(reverse("survey_invitations", args=[survey.pk]), {"class": value}))
    assert response.status_code == 200


raw_pieces = st.one_of(
    st.binary(max_size=16),
    st.sampled_from([b"%ED%A0%80", b"%FF%FE", b"%00", b"%C0%AF", b"\xed\xa0\x80", b"\xff", b"&&&", b"==", b"%", b"+"]),
)


@HOSTILE
@given(code=st.sampled_from(CODES), raw=st.lists(raw_pieces, min_size=1, max_size=4).map(b"".join))
@example(code="nickname", raw=b"%ED%A0%80")
def test_broken_bytes_in_a_posted_form_are_answered_cleanly(questionnaire, code, raw):
    """Bytes no browser sends (invalid UTF-8, an encoded lone surrogate, stray separators)."""
    survey, link = questionnaire
    data = answers_for(survey)
    data.pop(code)
    body = urlencode(data, doseq=True).encode() + b"&" + code.encode() + b"=" + raw
    with rolled_back():
        client = Client(raise_request_exception=False)
        response = checked(
            client.post(
                reverse("survey_fill", args=[link.token]), body, content_type="application/x-www-form-urlencoded"
            )
        )
        if response.status_code == 302:
            assert_stored_as_cleaned(survey, response, response.wsgi_request.POST)
        else:
            assert_refused_survey(response, link)


# The register of documents


@pytest.fixture
def register(year, personas, media):
    make_school()
    drafts = {
        kind: documents.create_draft(year, kind, personas.curator, f"{number}-о", datetime.date(2026, 9, 15))[0]
        for number, kind in enumerate(
            [
                Kind.REGULATION_ORDER,
                Kind.COUNCIL_PROTOCOL,
                Kind.CURATOR_ORDER,
                Kind.FINAL_EVENT_ORDER,
                Kind.PAIRS_ORDER,
            ],
            start=1,
        )
    }
    signed = make_act(year, kind=Kind.MENTORS_ORDER, number="90-о")
    mentor = make_mentor()
    pairs = {
        name: make_mentorship(
            mentor, [make_mentee(make_person(last_name=name, school_class=make_class(year, 9, name)))]
        )
        for name in ("А", "Б", "В")
    }
    Mentorship.objects.filter(pk=pairs["В"].pk).update(order=signed)  # fixed by a signed order: not a candidate
    return SimpleNamespace(drafts=drafts, signed=signed, pairs=pairs)


def act_row(act):
    return NormativeAct.objects.filter(pk=act.pk).values().get() | {"updated_at": None}


@HOSTILE
@given(kind=st.sampled_from(Kind.values), fields=hostile_fields(["number", "date"]))
@example(kind=Kind.PAIRS_ORDER, fields={"number": "1-о", "date": "9999-12-31"})
@example(kind=Kind.PAIRS_ORDER, fields={"number": "../../etc/passwd", "date": "0001-01-01"})
def test_a_new_draft_is_made_with_the_cleaned_number_or_refused(curator, register, kind, fields):
    data = without_none({"number": "7-о", "date": "2026-10-01", **fields})
    oracle = NewActForm(posted(data))
    with rolled_back():
        count = NormativeAct.objects.count()
        response = checked(curator.post(reverse("act_add", args=[kind]), data))
        if response.status_code == 302:
            assert oracle.is_valid()
            act = NormativeAct.objects.get(pk=resolve(response.url).kwargs["pk"])
            number, day = oracle.cleaned_data["number"], oracle.cleaned_data["date"]
            assert (act.kind, act.number, act.date, act.status) == (kind, number, day, "draft")
            assert NormativeAct.objects.count() in (count, count + 1)
        else:
            assert_refused(response)
            assert NormativeAct.objects.count() == count


def agenda_data(fields):
    data = {
        "agenda-TOTAL_FORMS": "1",
        "agenda-INITIAL_FORMS": "0",
        "agenda-MIN_NUM_FORMS": "1",
        "agenda-MAX_NUM_FORMS": "1000",
        "agenda-0-question": "О Положении",
        "agenda-0-heard": "Куратора",
        "agenda-0-decided": "Принять",
        "agenda-0-votes_for": "5",
        "agenda-0-votes_against": "0",
        "agenda-0-votes_abstained": "0",
    }
    return data | fields


EDIT_FIELDS = [
    "number",
    "date",
    "heading",
    "preamble",
    "items",
    "regulation",
    "curator",
    "event",
    "chair",
    "secretary",
    "members_total",
    "quorum_percent",
    "present",
    "invited",
    "agenda-TOTAL_FORMS",
    "agenda-INITIAL_FORMS",
    "agenda-0-question",
    "agenda-0-votes_for",
    "agenda-0-DELETE",
    "agenda-1-question",
]


def edit_data(act, fields, personas):
    data = {
        "number": act.number,
        "date": act.date.isoformat(),
        "heading": act.heading,
        "preamble": act.preamble,
        "items": act.items,
        "regulation": "# Общие положения\nТекст.",
        "curator": str(personas.curator.pk),
        "chair": "Миронов Алексей Николаевич",
        "secretary": "Соколова Ирина Владимировна",
        "members_total": "5",
        "quorum_percent": "50",
        "present": "Иванова А.А.\nПетров П.П.",
    }
    return without_none(agenda_data(data) | fields)


def edit_oracle(act, data):
    """The forms of the edit page bound to ``data``: valid together, and the values they clean."""
    form = ActForm(posted(data), instance=NormativeAct.objects.get(pk=act.pk), kind=act.kind, act=act)
    content_class = CONTENT_FORMS.get(act.kind)
    content = content_class(posted(data), act=act) if content_class else None
    formset = agenda_formset(act, posted(data))
    parts = [part for part in (form, content, formset) if part is not None]
    return all(part.is_valid() for part in parts), form, content, formset


@HOSTILE
@given(
    kind=st.sampled_from([Kind.REGULATION_ORDER, Kind.COUNCIL_PROTOCOL, Kind.CURATOR_ORDER, Kind.FINAL_EVENT_ORDER]),
    fields=hostile_fields(EDIT_FIELDS),
)
@example(kind=Kind.CURATOR_ORDER, fields={"curator": "²"})
@example(kind=Kind.COUNCIL_PROTOCOL, fields={"agenda-TOTAL_FORMS": "99999999", "present": "\x00"})
@example(kind=Kind.REGULATION_ORDER, fields={"heading": "=cmd|' /C calc'!A0", "items": "<script>alert(1)</script>"})
def test_a_draft_is_saved_as_its_forms_clean_it_or_left_unchanged(curator, personas, register, kind, fields):
    drafts = register.drafts
    act = NormativeAct.objects.get(pk=drafts[kind].pk)  # as stored, whatever an earlier example did to the object
    data = edit_data(act, fields, personas)
    valid, form, content, formset = edit_oracle(act, data)
    with rolled_back():
        before = act_row(act)
        response = checked(curator.post(reverse("act_edit", args=[act.pk]), data))
        if response.status_code == 302:
            assert valid
            act.refresh_from_db()
            for name, value in form.cleaned_data.items():
                assert getattr(act, name) == value, name
            if content is not None:
                for name, value in content.content().items():
                    assert act.content[name] == value, name
            if formset is not None:
                assert act.content["agenda"] == agenda(formset)
        else:
            assert_refused(response)
            assert not valid or response.status_code == 400
            assert act_row(act) == before
            if response.context and response.context.get("formset") is not None:
                # a forged form count never makes the page build more forms than an agenda holds
                assert len(response.context["formset"].forms) <= AGENDA_MAX


@HOSTILE
@given(chosen=st.lists(st.one_of(st.sampled_from(["А", "Б", "В"]), hostile.short_hostile_text()), max_size=5))
@example(chosen=["²", "٣", "9" * 30, "-1", "1e3", "А"])
@example(chosen=["В", "Б", "Б"])
def test_choosing_pairs_takes_the_candidates_named_by_their_numbers(curator, register, chosen):
    act = register.drafts[Kind.PAIRS_ORDER]
    pairs = register.pairs
    chosen = [str(pairs[value].pk) if value in pairs else value for value in chosen]
    ids = {int(value) for value in chosen if value.isascii() and value.isdigit()}
    expected = {pairs[name] for name in ("А", "Б") if pairs[name].pk in ids}
    with rolled_back(curator):
        response = checked(curator.post(reverse("act_members", args=[act.pk]), {"chosen": chosen}))
        assert response.status_code == 302
        assert set(act.mentorships.all()) == expected
        assert flashed(response) == [f"В приказе: {len(expected)}."]


@FEW
@given(
    fields=hostile_fields(["number", "date"], huge=False),
    text=hostile_fields(["heading", "items", "regulation"], huge=False),
)
@example(fields={"number": "1\x01-о"}, text={"items": "\x0c\x1b[31m", "heading": "\u202eО\u200b"})
@example(fields={"date": "0001-01-01"}, text={})
def test_signing_stores_the_pdf_or_refuses_and_leaves_no_file(
    director, curator, personas, register, media, fields, text
):
    drafts = register.drafts
    act = NormativeAct.objects.get(pk=drafts[Kind.REGULATION_ORDER].pk)
    with rolled_back(director, curator):
        checked(curator.post(reverse("act_edit", args=[act.pk]), edit_data(act, text, personas)))
        act.refresh_from_db()
        data = without_none({"number": act.number, "date": "2026-09-20", **fields})
        oracle = SignForm(posted(data), act=act)
        files = files_in(media)
        response = checked(director.post(reverse("act_sign", args=[act.pk]), data))
        assert response.status_code == 302
        assert_russian(flashed(response))
        act.refresh_from_db()
        if act.is_draft:
            assert files_in(media) == files
        else:
            assert oracle.is_valid()
            assert (act.number, act.date) == (oracle.cleaned_data["number"], oracle.cleaned_data["date"])
            assert files_in(media) - files == {act.pdf.name}
            assert (media / act.pdf.name).read_bytes().startswith(b"%PDF-")
            public = checked(Client(raise_request_exception=False).get(reverse("act_check", args=[act.token])))
            assert public.status_code == 200


def uploads():
    return st.builds(lambda name, content: (name, content), hostile.file_names(), hostile.upload_bytes())


def uploaded(name_and_content):
    name, content = name_and_content
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@HOSTILE
@given(scan=uploads())
@example(scan=("скан.pdf", b"%PDF-1.4\n%scan\n"))
@example(scan=("скан.pdf", b""))
def test_a_scan_of_a_signed_document_is_stored_by_content_or_refused_without_a_file(director, register, media, scan):
    act = NormativeAct.objects.get(pk=register.signed.pk)
    with rolled_back(director):
        files = files_in(media)
        response = checked(director.post(reverse("act_scan", args=[act.pk]), {"scan": uploaded(scan)}))
        assert response.status_code == 302
        assert_russian(flashed(response))
        act.refresh_from_db()
        if act.scan:
            assert files_in(media) - files == {act.scan.name}
            assert (media / act.scan.name).read_bytes() == scan[1]
        else:
            assert files_in(media) == files


# Publications, the piggy bank and consents


def publication_data(fields, year):
    data = {
        "kind": Publication.Kind.NEWS,
        "title": "Итоги года",
        "summary": "",
        "text": "",
        "level": "",
        "url": "",
        "event_date": "",
        "year": str(year.pk),
        "status": Publication.Status.DRAFT,
        "published_at": "2026-10-01T10:00",
    }
    return without_none(data | fields)


PUBLICATION_FIELDS = ["kind", "title", "slug", "summary", "text", "level", "url", "event_date", "year", "status"]
PUBLICATION_FIELDS += ["published_at", "named", "pictured", "with_results", "kept"]
DATETIMES = ["0001-01-01T00:00", "9999-12-31T23:59", "2026-02-30T10:00", "2026-10-01T25:00", "2026-10-01 10:00"]


@HOSTILE
@given(
    fields=st.one_of(
        hostile_fields(PUBLICATION_FIELDS), st.fixed_dictionaries({"published_at": st.sampled_from(DATETIMES)})
    )
)
@example(fields={"published_at": "0001-01-01T00:00", "status": "published"})
@example(fields={"title": "\u200b\u202e", "slug": "../../etc"})
def test_a_publication_is_stored_as_cleaned_or_refused(curator, year, media, fields):
    data = publication_data(fields, year)
    oracle = PublicationForm(posted(data))
    valid = oracle.is_valid()
    with rolled_back():
        response = checked(curator.post(reverse("publication_add"), data))
        if response.status_code == 302:
            assert valid
            publication = Publication.objects.get()
            for name in ("kind", "title", "summary", "text", "level", "url", "event_date", "year", "status"):
                assert getattr(publication, name) == oracle.cleaned_data[name], name
            assert publication.slug and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", publication.slug)
            assert checked(curator.get(reverse("publication", args=[publication.pk]))).status_code == 200
        else:
            assert_refused(response)
            assert not valid or response.status_code == 400
            assert not Publication.objects.exists()


@pytest.fixture
def publication(year, personas):
    return Publication.objects.create(title="Новость", slug="novost", created_by=personas.curator)


@HOSTILE
@given(file=uploads(), fields=hostile_fields(["title", "alt"], huge=False))
@example(file=("фото.png", hostile.png(1, 1)), fields={"alt": "Фото"})
@example(file=("фото.png", hostile.png(100_000, 100_000)), fields={"alt": "Фото"})
@example(file=("фото.jpg", hostile.jpeg()[:40]), fields={"alt": "Фото"})
@example(file=("фото.png", hostile.png(1, 1)), fields={"alt": "\x00"})
def test_a_publication_file_is_stored_once_or_refused_without_a_file(curator, publication, media, file, fields):
    data = {"file": uploaded(file), **without_none(fields)}
    with rolled_back():
        files = files_in(media)
        response = checked(curator.post(reverse("publication_file_add", args=[publication.pk]), data))
        if response.status_code == 302:
            item = PublicationFile.objects.get()
            assert files_in(media) - files == {item.file.name}
            assert filetypes.detect((media / item.file.name).open("rb"), item.file_name) is not None
        else:
            assert_refused(response)
            assert not PublicationFile.objects.exists() and files_in(media) == files


MATERIAL_FIELDS = ["title", "kind", "description", "authors", "url", "tags", "year"]


@HOSTILE
@given(fields=hostile_fields(MATERIAL_FIELDS), file=st.one_of(st.none(), uploads()))
@example(fields={"tags": "ß, SS, ss, \x00"}, file=None)
@example(fields={"description": ""}, file=("урок.txt", b"\xff\xfe"))
def test_a_material_is_stored_as_cleaned_or_refused_without_a_file(curator, year, media, fields, file):
    data = without_none({"title": "Памятка", "kind": Material.Kind.RECOMMENDATION, "description": "Текст"} | fields)
    oracle = MaterialForm(posted(data), MultiValueDict({"file": [uploaded(file)]} if file else {}))
    valid = oracle.is_valid()
    if file:
        data["file"] = uploaded(file)
    with rolled_back():
        files, tags = files_in(media), MaterialTag.objects.count()
        response = checked(curator.post(reverse("material_add"), data))
        if response.status_code == 302:
            assert valid
            item = Material.objects.get()
            for name in ("title", "kind", "description", "authors", "url", "year"):
                assert getattr(item, name) == oracle.cleaned_data[name], name
            assert sorted(tag.name.casefold() for tag in item.tags.all()) == sorted(
                name.casefold() for name in oracle.cleaned_data["tags"]
            )
            assert files_in(media) - files == ({item.file.name} if item.file else set())
        else:
            assert_refused(response)
            assert not valid or response.status_code == 400
            assert not Material.objects.exists() and MaterialTag.objects.count() == tags
            assert files_in(media) == files


@pytest.fixture
def people(year):
    adult = make_person(
        last_name="Зайцева", first_name="Ольга", kind=Person.Kind.TEACHER, birth_date=datetime.date(1980, 1, 1)
    )
    minor = make_person(last_name="Орлов", first_name="Пётр", birth_date=datetime.date(2013, 5, 5))
    return [adult, minor]


CONSENT_FIELDS = ["kind", "given_by", "representative_name", "representative_document", "given_on"]
CONSENT_FIELDS += ["covers_name", "covers_photo", "covers_results"]


@HOSTILE
@given(which=st.integers(0, 1), fields=hostile_fields(CONSENT_FIELDS), scan=st.one_of(st.none(), uploads()))
@example(which=1, fields={"given_by": "self", "given_on": "0001-01-01"}, scan=None)
@example(which=0, fields={"representative_name": "\x00"}, scan=("скан.pdf", b"%PDF-1.4\n"))
def test_a_consent_is_recorded_as_cleaned_or_refused_without_a_file(curator, people, media, which, fields, scan):
    person = people[which]
    data = {"kind": "personal_data", "given_by": "representative", "representative_name": "Орлова Анна Ивановна"}
    data = without_none(data | {"given_on": "2026-09-01", "covers_name": "on"} | fields)
    oracle = ConsentForm(posted(data), MultiValueDict({"scan": [uploaded(scan)]} if scan else {}), person=person)
    valid = oracle.is_valid()
    if scan:
        data["scan"] = uploaded(scan)
    with rolled_back():
        files, history = files_in(media), Consent.history.count()
        response = checked(curator.post(reverse("consent_add", args=[person.pk]), data))
        if response.status_code == 302:
            assert valid
            consent = Consent.objects.get()
            for name in ("kind", "given_by", "representative_name", "representative_document", "given_on"):
                assert getattr(consent, name) == oracle.cleaned_data[name], name
            assert files_in(media) - files == ({consent.scan.name} if consent.scan else set())
        else:
            assert_refused(response)
            assert not valid or response.status_code == 400
            assert not Consent.objects.exists() and Consent.history.count() == history
            assert files_in(media) == files


@HOSTILE
@given(scan=uploads())
@example(scan=("скан.png", hostile.png(1, 1)))
def test_a_consent_scan_is_attached_or_refused_without_a_file(curator, people, media, scan):
    with rolled_back():
        consent = make_consent(people[0])
        files = files_in(media)
        response = checked(curator.post(reverse("consent_scan_upload", args=[consent.pk]), {"scan": uploaded(scan)}))
        consent.refresh_from_db()
        if response.status_code == 302:
            assert files_in(media) - files == {consent.scan.name}
        else:
            assert_refused(response)
            assert not consent.scan and files_in(media) == files
