"""Printed forms outside the register: a class's consents, a staff mentor's labour-law forms, a
pair's programme, and the «Печатные формы» page."""

import datetime
import io
import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from mentoring.models import DataExport
from pairs import calendar
from pairs.models import Meeting, Programme
from participants.models import Person
from tests.factories import (
    make_class,
    make_consent,
    make_mentee,
    make_mentor,
    make_mentorship,
    make_person,
    make_school,
    make_year,
)

pytestmark = pytest.mark.django_db

PROCESSING = "Согласие на обработку персональных данных"
DISSEMINATION = (
    "Согласие на обработку персональных данных, разрешённых субъектом персональных данных для распространения"
)
LABOUR_CONSENT = "Согласие работника на осуществление наставничества"
AGREEMENT = "Дополнительное соглашение"
TOPICS = ["Знакомство", "Пробная встреча", "Планирование", "Разбор дробей", "Итоговая встреча"]


def years_ago(years, days=0):
    today = timezone.localdate()
    return today.replace(year=today.year - years) - datetime.timedelta(days=days)


def pdf_pages(response):
    """The text of each page, whitespace collapsed, words hyphenated at a line's end joined."""
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return [re.sub(r"(\w)- (\w)", r"\1\2", " ".join(page.extract_text().split())) for page in reader.pages]


def pdf_text(response):
    return "\n".join(pdf_pages(response))


def documents(pages, *headings):
    """The documents of a PDF: a page opening with one of ``headings`` starts one (a form's first
    page carries no page number), the pages after it continue it."""
    result = []
    for page in pages:
        if page.startswith(headings):
            result.append(page)
        else:
            assert result, f"the first page opens no document: {page[:80]}"
            result[-1] += " " + page
    return result


def kind_of(document):
    if document.startswith(DISSEMINATION):
        return "dissemination"
    if document.startswith(PROCESSING):
        return "processing"
    return "labour" if document.startswith(LABOUR_CONSENT) else "agreement"


def make_programme(mentorship, topics=TOPICS, **fields):
    fields = {
        "request": "Трудности с дробями",
        "goal": "Уверенно решать задачи с дробями",
        "tasks": "Разобрать правила\nРешить двадцать задач",
        "expected_results": "Четвёрка по математике",
        "starts_on": mentorship.starts_on,
        "ends_on": mentorship.ends_on,
        **fields,
    }
    return calendar.create_programme(Programme(mentorship=mentorship, **fields), topics)


@pytest.fixture
def sample(db, year, personas, forms):
    """The school of these tests (not the pairs tests' ``school``): 7А, led by the class leader,
    with a 15-year-old mentee whose mother's consent is on record, a 10-year-old mentee, an
    18-year-old student mentor and a student in no bank; 10Б with one mentee. Two staff mentors
    (one the ``mentor`` user) in pairs, the student mentor in a pair."""
    make_school(site="https://school43.example.ru", email="school43@example.ru")
    seventh = personas.class_leader.person.led_classes.get(year=year)
    tenth = make_class(year, 10, "Б")

    def student(last_name, first_name, age, school_class=seventh, days=30):
        return make_person(
            last_name=last_name, first_name=first_name, birth_date=years_ago(age, days), school_class=school_class
        )

    teen = make_mentee(student("Жуков", "Илья", 15), form=forms.teacher_student)
    child = make_mentee(student("Ёлкина", "Дарья", 10), form=forms.student)
    make_consent(
        teen.person,
        given_by="representative",
        representative_name="Жукова Марина Сергеевна",
        representative_document="свидетельство о рождении II-АК № 654321",
    )
    adult = make_mentor(student("Абрамов", "Глеб", 18), forms=[forms.student])
    outsider = student("Вне", "Банка", 13)
    other = make_mentee(student("Десятов", "Олег", 16, tenth), form=forms.teacher_student)
    own = make_mentor(
        make_person(
            last_name="Королёв",
            first_name="Дмитрий",
            patronymic="Игоревич",
            kind=Person.Kind.TEACHER,
            position="учитель математики",
            user=personas.mentor,
        ),
        forms=[forms.teacher_student],
    )
    another = make_mentor(
        make_person(last_name="Другова", first_name="Елена", kind=Person.Kind.TEACHER, position="учитель физики"),
        forms=[forms.teacher_student],
    )
    own_pair = make_mentorship(own, [teen], form=forms.teacher_student, status="active")
    other_pair = make_mentorship(another, [other], form=forms.teacher_student, status="active")
    student_pair = make_mentorship(adult, [child], form=forms.student, status="active")
    return SimpleNamespace(
        seventh=seventh,
        tenth=tenth,
        teen=teen,
        child=child,
        adult=adult,
        outsider=outsider,
        own=own,
        another=another,
        own_pair=own_pair,
        other_pair=other_pair,
        student_pair=student_pair,
    )


def consents_url(school_class, everyone=False):
    return reverse("class_consents_pdf", args=[school_class.pk]) + ("?all=1" if everyone else "")


# ---------------------------------------------------------------------------------------------
# Consents of a class
# ---------------------------------------------------------------------------------------------


def test_each_participant_of_the_class_gets_two_separate_consents_in_russian_order(curator_client, sample):
    docs = documents(pdf_pages(curator_client.get(consents_url(sample.seventh))), PROCESSING)
    assert [kind_of(doc) for doc in docs] == ["processing", "dissemination"] * 3
    names = ["Абрамов Глеб", "Ёлкина Дарья", "Жуков Илья"]
    for index, name in enumerate(names):
        assert name in docs[2 * index] and name in docs[2 * index + 1]
        assert all(other not in docs[2 * index] for other in names if other != name)
    assert "Вне Банка" not in " ".join(docs)


def test_the_whole_class_is_printed_on_request(curator_client, sample):
    docs = documents(pdf_pages(curator_client.get(consents_url(sample.seventh, everyone=True))), PROCESSING)
    assert len(docs) == 8
    assert "Вне Банка" in docs[2] and "Вне Банка" in docs[3]


def test_a_consent_to_processing_names_the_operator_purpose_data_term_and_withdrawal(curator_client, sample, year):
    docs = documents(pdf_pages(curator_client.get(consents_url(sample.seventh))), PROCESSING)
    child = docs[2]
    assert "Ёлкина Дарья" in child and "7А класс" in child
    assert sample.child.person.birth_date.strftime("%d.%m.%Y") in child
    assert "Государственное бюджетное общеобразовательное учреждение школа № 43" in child
    assert "ул. Школьная, д. 43" in child
    assert "программе наставничества ГБОУ школа № 43" in child and "2026/2027 учебном году" in child
    for item in ("дата рождения", "ответы на анкеты", "сведения о наставнической паре или группе"):
        assert item in child
    assert "контактные данные (номер телефона, адрес электронной почты) законного представителя" in child
    assert "не позднее 31.08.2027" in child
    assert "отозвано письменным заявлением" in child


def test_a_minor_has_the_representative_block_prefilled_from_the_consent_on_record(curator_client, sample):
    docs = documents(pdf_pages(curator_client.get(consents_url(sample.seventh))), PROCESSING)
    teen_processing, teen_dissemination = docs[4], docs[5]
    for doc in (teen_processing, teen_dissemination):
        assert "законный представитель" in doc
        assert "Жукова Марина Сергеевна" in doc
        assert "свидетельство о рождении II-АК № 654321" in doc
        assert "М.С. Жукова" in doc
        # 15 years old: the student signs beside the parent.
        assert "С согласием ознакомлен(а), обучающийся" in doc and "И. Жуков" in doc


def test_each_consent_fits_on_one_sheet(curator_client, sample):
    pages = pdf_pages(curator_client.get(consents_url(sample.seventh)))
    assert len(pages) == len(documents(pages, PROCESSING)) == 6


def test_the_representative_of_a_consent_in_force_is_preferred(curator_client, sample):
    make_consent(
        sample.teen.person,
        kind="dissemination",
        given_on=datetime.date(2026, 10, 1),
        withdrawn_on=datetime.date(2026, 10, 5),
        given_by="representative",
        representative_name="Жуков Сергей Петрович",
    )
    docs = documents(pdf_pages(curator_client.get(consents_url(sample.seventh))), PROCESSING)
    assert "Жукова Марина Сергеевна" in docs[4] and "Жуков Сергей" not in docs[4]


def test_a_younger_child_has_blank_representative_lines_and_no_own_signature(curator_client, sample):
    docs = documents(pdf_pages(curator_client.get(consents_url(sample.seventh))), PROCESSING)
    child = docs[2]
    assert "Законный представитель" in child and "(фамилия, имя, отчество законного представителя)" in child
    assert "Жукова" not in child
    assert "ознакомлен(а), обучающийся" not in child


def test_an_adult_signs_alone(curator_client, sample):
    docs = documents(pdf_pages(curator_client.get(consents_url(sample.seventh))), PROCESSING)
    for doc in docs[:2]:
        assert "Абрамов Глеб" in doc
        assert "законный представитель" not in doc.lower()
        assert "Субъект персональных данных" in doc and "Г. Абрамов" in doc


def test_a_consent_to_dissemination_lists_what_may_be_published_and_where(curator_client, sample):
    docs = documents(pdf_pages(curator_client.get(consents_url(sample.seventh))), PROCESSING)
    dissemination = docs[3]
    assert "статьёй 10.1" in dissemination
    for item in ("фамилия, имя, отчество", "фотографии (изображение)", "результаты участия в программе"):
        assert f"да нет — {item}" in dissemination
    assert "https://school43.example.ru" in dissemination and "раздел «Наставничество»" in dissemination
    assert "Условия и запреты" in dissemination
    assert "school43@example.ru" in dissemination and "ч. 12, 13 ст. 10.1" in dissemination


def test_a_student_of_unknown_age_gets_the_form_of_a_minor(curator_client, sample):
    person = sample.child.person
    person.birth_date = None
    person.save()
    docs = documents(pdf_pages(curator_client.get(consents_url(sample.seventh))), PROCESSING)
    assert "Законный представитель" in docs[2] and "ознакомлен(а), обучающийся" in docs[2]


def test_printing_the_consents_is_logged(curator_client, sample, personas):
    curator_client.get(consents_url(sample.seventh))
    export = DataExport.objects.get()
    assert export.what == "Согласия 7А класса (PDF)" and export.rows == 3 and export.user == personas.curator


def test_the_response_is_a_private_named_pdf(curator_client, sample):
    response = curator_client.get(consents_url(sample.seventh))
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


def test_a_class_without_participants_prints_a_note(curator_client, year):
    empty = make_class(year, 5, "В")
    pages = pdf_pages(curator_client.get(consents_url(empty)))
    assert len(pages) == 1 and "не входят в банки" in pages[0]


def test_the_consents_of_a_class_cost_the_same_queries_for_any_size(curator_client, sample, forms):
    def queries():
        with CaptureQueriesContext(connection) as context:
            assert curator_client.get(consents_url(sample.seventh)).status_code == 200
        return len(context)

    small = queries()
    assert small <= 12
    for n in range(5):
        person = make_person(last_name=f"Новиков{n}", birth_date=years_ago(12), school_class=sample.seventh)
        make_mentee(person, form=forms.student)
        make_consent(person, given_by="representative")
    assert queries() == small


@pytest.mark.parametrize("persona", ["class_leader", "director"])
def test_the_class_leader_and_the_administration_print_the_consents(client, sample, personas, persona):
    client.force_login(getattr(personas, persona))
    assert len(pdf_pages(client.get(consents_url(sample.seventh)))) >= 6


def test_a_class_leader_gets_no_other_class(client, sample, personas):
    client.force_login(personas.class_leader)
    assert client.get(consents_url(sample.tenth)).status_code == 403


@pytest.mark.parametrize("persona", ["teacher", "mentor", "outsider"])
def test_other_staff_get_no_consents(client, sample, personas, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(consents_url(sample.seventh)).status_code == 403
    assert not DataExport.objects.exists()


def test_anonymous_users_log_in_for_consents(client, sample):
    response = client.get(consents_url(sample.seventh))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_an_unknown_class_is_404(curator_client, sample):
    assert curator_client.get(reverse("class_consents_pdf", args=[999999])).status_code == 404


# ---------------------------------------------------------------------------------------------
# A staff mentor's labour-law forms
# ---------------------------------------------------------------------------------------------


def test_a_staff_mentor_gets_the_consent_and_the_agreement_as_separate_documents(curator_client, sample):
    pages = pdf_pages(curator_client.get(reverse("mentor_labour_pdf", args=[sample.own.pk])))
    consent, agreement = documents(pages, LABOUR_CONSENT, AGREEMENT)
    assert "Королёв Дмитрий Игоревич, учитель математики ГБОУ школа № 43" in consent
    assert "статьёй 351.8 Трудового кодекса" in consent
    assert "«учитель – ученик»" in consent and "Жуков Илья (7А класс)" in consent
    assert "с 01.11.2026 по 30.04.2027" in consent
    assert "не позднее чем за три рабочих дня" in consent and "Д.И. Королёв" in consent
    assert "от имени которого действует директор Миронов Алексей Николаевич" in agreement
    assert "работник Королёв Дмитрий Игоревич" in agreement
    assert "доплата в размере" in agreement and "за три рабочих дня" in agreement
    assert "Жуков Илья (7А класс)" in agreement
    assert "А.Н. Миронов" in agreement and "Санкт-Петербург" in agreement


def test_a_mentor_without_pairs_gets_blanks_and_the_forms_of_the_bank(curator_client, sample, forms):
    mentor = make_mentor(
        make_person(last_name="Новикова", first_name="Ольга", kind=Person.Kind.STAFF), forms=[forms.teacher_student]
    )
    consent, _ = documents(
        pdf_pages(curator_client.get(reverse("mentor_labour_pdf", args=[mentor.pk]))), LABOUR_CONSENT, AGREEMENT
    )
    assert "«учитель – ученик»" in consent and "с «____» ____________ 20____ г." in consent


def test_a_student_mentor_has_no_labour_forms(curator_client, sample):
    assert curator_client.get(reverse("mentor_labour_pdf", args=[sample.adult.pk])).status_code == 404


def test_all_staff_mentors_of_the_year_in_one_file(curator_client, sample, year):
    response = curator_client.get(reverse("labour_forms_pdf") + f"?year={year.start_year}")
    docs = documents(pdf_pages(response), LABOUR_CONSENT, AGREEMENT)
    assert [kind_of(doc) for doc in docs] == ["labour", "agreement"] * 2
    assert "Другова Елена" in docs[0] and "Королёв Дмитрий" in docs[2]
    assert "Абрамов" not in " ".join(docs)
    assert DataExport.objects.get().rows == 2


def test_printing_labour_forms_is_logged(curator_client, sample):
    curator_client.get(reverse("mentor_labour_pdf", args=[sample.own.pk]))
    assert "Королёв Дмитрий Игоревич" in DataExport.objects.get().what


@pytest.mark.parametrize("persona", ["class_leader", "teacher", "mentor"])
def test_only_management_prints_labour_forms(client, sample, personas, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(reverse("mentor_labour_pdf", args=[sample.own.pk])).status_code == 403
    assert client.get(reverse("labour_forms_pdf")).status_code == 403


def test_the_administration_prints_labour_forms(client, sample, personas):
    client.force_login(personas.director)
    assert len(pdf_pages(client.get(reverse("labour_forms_pdf")))) >= 4


def test_anonymous_users_log_in_for_labour_forms(client, sample):
    response = client.get(reverse("labour_forms_pdf"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# ---------------------------------------------------------------------------------------------
# A pair's programme
# ---------------------------------------------------------------------------------------------


def test_the_programme_of_a_pair_prints_with_its_plan(curator_client, sample):
    programme = make_programme(sample.own_pair)
    meeting = Meeting.objects.filter(mentorship=sample.own_pair).order_by("planned_on").first()
    meeting.held, meeting.held_on = True, meeting.planned_on
    meeting.save()
    text = pdf_text(curator_client.get(reverse("programme_pdf", args=[sample.own_pair.pk])))
    assert "УТВЕРЖДАЮ" in text and "Директор ГБОУ школа № 43" in text and "А.Н. Миронов" in text
    assert "Персонализированная программа наставничества" in text
    assert "Королёв Дмитрий Игоревич, учитель математики" in text
    assert "Жуков Илья, 7А класс" in text
    assert "учитель – ученик" in text and "01.11.2026 – 30.04.2027" in text
    assert programme.goal in text and "Трудности с дробями" in text
    assert "Разобрать правила" in text and "Четвёрка по математике" in text
    assert "№ Этап Тема Дата Отметка о проведении" in text
    assert "Разбор дробей" in text and "Итоговая встреча" in text
    assert f"проведена {meeting.held_on:%d.%m.%Y}" in text
    assert "Куратор программы наставничества" in text and "Д.И. Королёв" in text and "И. Жуков" in text


def test_the_programme_of_a_group_names_every_mentee(curator_client, sample, forms):
    group = make_mentorship(sample.another, [sample.child, sample.teen], form=forms.teacher_student, title="Дроби")
    make_programme(group)
    text = pdf_text(curator_client.get(reverse("programme_pdf", args=[group.pk])))
    assert "Группа «Дроби»" in text
    assert "Наставляемые Ёлкина Дарья, 7А класс; Жуков Илья, 7А класс" in text


def test_printing_a_programme_is_logged(curator_client, sample):
    make_programme(sample.own_pair)
    curator_client.get(reverse("programme_pdf", args=[sample.own_pair.pk]))
    export = DataExport.objects.get()
    assert export.what == f"Программа: Пара № {sample.own_pair.pk} (PDF)" and export.rows == 2


def test_a_pair_without_a_programme_has_no_printout(curator_client, sample):
    assert curator_client.get(reverse("programme_pdf", args=[sample.own_pair.pk])).status_code == 404


def test_a_mentor_prints_their_own_programme_only(client, sample, personas):
    make_programme(sample.own_pair)
    make_programme(sample.other_pair)
    client.force_login(personas.mentor)
    assert "Королёв" in pdf_text(client.get(reverse("programme_pdf", args=[sample.own_pair.pk])))
    assert client.get(reverse("programme_pdf", args=[sample.other_pair.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["teacher", "class_leader"])
def test_other_staff_print_no_programme(client, sample, personas, persona):
    make_programme(sample.own_pair)
    client.force_login(getattr(personas, persona))
    assert client.get(reverse("programme_pdf", args=[sample.own_pair.pk])).status_code == 403


def test_anonymous_users_log_in_for_a_programme(client, sample):
    make_programme(sample.own_pair)
    response = client.get(reverse("programme_pdf", args=[sample.own_pair.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# ---------------------------------------------------------------------------------------------
# The «Печатные формы» page and the links to it
# ---------------------------------------------------------------------------------------------


def test_the_page_links_every_form_of_the_year(curator_client, sample, year):
    make_programme(sample.own_pair)
    make_consent(sample.own.person, kind="labour")
    response = curator_client.get(reverse("printouts"))
    assert response.status_code == 200
    html = response.content.decode()
    assert consents_url(sample.seventh) in html and consents_url(sample.seventh, everyone=True) in html
    assert reverse("mentor_labour_pdf", args=[sample.own.pk]) in html
    assert reverse("mentor_labour_pdf", args=[sample.another.pk]) in html
    assert reverse("mentor_labour_pdf", args=[sample.adult.pk]) not in html
    assert reverse("labour_forms_pdf") + f"?year={year.start_year}" in html
    assert reverse("programme_pdf", args=[sample.own_pair.pk]) in html
    assert reverse("programme_pdf", args=[sample.other_pair.pk]) not in html
    classes = {row.pk: row for row in response.context["classes"]}
    assert (classes[sample.seventh.pk].bank_count, classes[sample.seventh.pk].student_count) == (3, 4)
    assert [m.has_labour_consent for m in response.context["mentors"]] == [False, True]


def test_the_page_shows_another_year(curator_client, sample):
    make_year(2025, current=False)
    response = curator_client.get(reverse("printouts") + "?year=2025")
    assert response.status_code == 200 and not response.context["classes"]


def test_the_page_costs_the_same_queries_for_any_number_of_rows(curator_client, sample, year, forms):
    def queries():
        with CaptureQueriesContext(connection) as context:
            assert curator_client.get(reverse("printouts")).status_code == 200
        return len(context)

    make_programme(sample.own_pair)
    small = queries()
    for n in range(3):
        school_class = make_class(year, 8, "АБВ"[n])
        mentee = make_mentee(make_person(last_name=f"Новый{n}", school_class=school_class), form=forms.student)
        mentor = make_mentor(
            make_person(last_name=f"Учитель{n}", kind=Person.Kind.TEACHER), forms=[forms.teacher_student]
        )
        make_programme(make_mentorship(mentor, [mentee], form=forms.teacher_student))
    assert queries() == small


@pytest.mark.parametrize("persona", ["class_leader", "teacher", "mentor"])
def test_only_management_opens_the_page(client, sample, personas, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(reverse("printouts")).status_code == 403


def test_the_administration_opens_the_page(client, sample, personas):
    client.force_login(personas.director)
    assert client.get(reverse("printouts")).status_code == 200


def test_anonymous_users_log_in_for_the_page(client, sample):
    response = client.get(reverse("printouts"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_classes_page_links_the_consents_of_each_class(curator_client, sample):
    html = curator_client.get(reverse("classes")).content.decode()
    assert consents_url(sample.seventh) in html and consents_url(sample.tenth) in html


def test_the_programme_page_has_a_print_button_once_written(curator_client, sample):
    url = reverse("programme", args=[sample.own_pair.pk])
    pdf_url = reverse("programme_pdf", args=[sample.own_pair.pk])
    assert pdf_url not in curator_client.get(url).content.decode()
    make_programme(sample.own_pair)
    assert pdf_url in curator_client.get(url).content.decode()


def test_the_card_of_a_staff_mentor_links_the_labour_forms(curator_client, sample):
    html = curator_client.get(reverse("person", args=[sample.own.person.pk])).content.decode()
    assert reverse("mentor_labour_pdf", args=[sample.own.pk]) in html
    student = curator_client.get(reverse("person", args=[sample.adult.person.pk])).content.decode()
    assert reverse("mentor_labour_pdf", args=[sample.adult.pk]) not in student
