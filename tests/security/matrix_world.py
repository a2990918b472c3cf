"""A small school in which every URL of the project can be opened with real objects.

The objects a URL is opened with belong to the «other» side of each restricted role: class 8Б
(led by someone else than the class leader persona, who leads 7А) and the pair and group of
another mentor than the ``mentor`` persona. The students of 8Б carry surnames found nowhere else,
so a page can be searched for them: a role that may not see them must not find them on any page.
"""

import datetime
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.utils import timezone

from mentoring import roles
from mentoring.models import Material, NormativeAct
from pairs.models import Event, MatchingRun, Meeting, PairRule, Programme, ProgrammeTemplate, Proposal
from participants.models import (
    EvaluationParameter,
    Mentee,
    MentoringForm,
    MentoringKind,
    PeopleImport,
    Person,
    TrainingEvent,
    TrainingMaterial,
)
from reports import indicators
from reports.models import Indicator
from surveys.models import Answer, Invitation, Question, Response, new_token
from tests.factories import (
    make_act,
    make_activity,
    make_class,
    make_consent,
    make_mentee,
    make_mentor,
    make_mentorship,
    make_person,
    make_school,
    make_stage,
    make_user,
)
from tests.participants.xlsx import make_xlsx
from tests.participants.xlsx import student as xlsx_student
from tests.reports.publishing_helpers import attach, make_publication
from tests.surveys.conftest import invite, make_survey

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

# The surnames of 8Б's students: only management may find them on a page.
SECRET_SURNAMES = ("Заречная", "Дальнева", "Соседова", "Банкова")


def build(personas, year):
    """The school, and a namespace of everything the matrix opens URLs with."""
    make_school()
    student_form = MentoringForm.objects.get(name="ученик – ученик")
    teacher_form = MentoringForm.objects.get(name="учитель – ученик")
    seventh = personas.class_leader.person.led_classes.get(year=year)
    other_leader = make_person(
        last_name="Орлова", first_name="Марина", kind=Person.Kind.TEACHER, user=make_user("leader8b", [roles.TEACHER])
    )
    eighth = make_class(year, 8, "Б", leader=other_leader)

    def student(last_name, first_name, school_class):
        birth = datetime.date(2013, 4, 12)
        return make_person(last_name=last_name, first_name=first_name, school_class=school_class, birth_date=birth)

    own_mentee = make_mentee(student("Своева", "Алиса", seventh), form=student_form)
    other_mentee = make_mentee(student("Заречная", "Зоя", eighth), form=student_form)
    group_mentees = [
        make_mentee(student("Дальнева", "Дарья", eighth), form=student_form),
        make_mentee(student("Соседова", "Софья", eighth), form=student_form),
    ]
    bank_mentee = make_mentee(student("Банкова", "Белла", eighth), form=student_form, status=Mentee.Status.IN_BANK)

    mentor_person = make_person(
        last_name="Королёв", first_name="Дмитрий", kind=Person.Kind.TEACHER, user=personas.mentor
    )
    own_mentor = make_mentor(mentor_person, forms=[student_form, teacher_form], capacity=3)
    other_mentor = make_mentor(
        make_person(last_name="Другова", first_name="Елена", kind=Person.Kind.TEACHER, position="Учитель"),
        forms=[student_form, teacher_form],
        capacity=3,
    )
    own_pair = make_mentorship(own_mentor, [own_mentee], form=teacher_form, status="active")
    other_pair = make_mentorship(other_mentor, [other_mentee], form=teacher_form, status="active", best_practice=True)
    group = make_mentorship(other_mentor, group_mentees, form=student_form, status="active")
    programme = Programme.objects.create(
        mentorship=other_pair,
        request="Трудности с алгеброй",
        goal="Уверенность на уроках",
        tasks="Разобрать темы",
        expected_results="Оценки выше",
        starts_on=other_pair.starts_on,
        ends_on=other_pair.ends_on,
    )
    meeting = Meeting.objects.create(mentorship=other_pair, topic="Знакомство", planned_on=other_pair.starts_on)
    own_meeting = Meeting.objects.create(mentorship=own_pair, topic="Знакомство", planned_on=own_pair.starts_on)
    event = Event.objects.create(year=year, title="Итоговая встреча пар", held_on=datetime.date(2027, 5, 20))
    event.mentorships.add(other_pair)
    run = MatchingRun.objects.create(year=year, mentee_count=1, mentor_count=2, max_score=10)
    proposal = Proposal.objects.create(run=run, mentee=bank_mentee, mentor=other_mentor, score=5)
    rule = PairRule.objects.create(year=year, mentee=bank_mentee, mentor=own_mentor, kind=PairRule.Kind.FORBID)

    survey = make_survey(year, title="Анкета для проверки доступа", confidential=False, open_token=new_token())
    link_holder = make_person(last_name="Ссылкина", first_name="Лариса", kind=Person.Kind.STAFF)
    link = invite(survey, link_holder)
    answered = invite(survey, other_mentee.person, used_at=timezone.now())
    response = Response.objects.create(
        survey=survey,
        invitation=answered,
        respondent=other_mentee.person,
        subject=other_mentee.person,
        respondent_role=Invitation.Respondent.SELF,
    )
    text_question = survey.questions.get(kind=Question.Kind.LONG_TEXT)
    Answer.objects.create(response=response, question=text_question, text="Хочу разобраться в алгебре")

    consent = make_consent(other_mentee.person, given_by="representative", scan=ContentFile(PDF, name="scan.pdf"))
    own_consent = make_consent(own_mentee.person, given_by="representative", scan=ContentFile(PDF, name="scan.pdf"))
    draft_act = make_act(year, number="3-о", status=NormativeAct.Status.DRAFT)
    signed_act = make_act(
        year, number="4-о", pdf=ContentFile(PDF, name="signed.pdf"), scan=ContentFile(PDF, name="scan.pdf")
    )
    published_act = make_act(
        year, number="5-о", status=NormativeAct.Status.PUBLISHED, pdf=ContentFile(PDF, name="p.pdf")
    )
    published_act.slug = published_act.make_slug()
    published_act.save(update_fields=["slug"])

    material = Material.objects.create(
        title="Памятка наставнику", file=ContentFile(PDF, name="memo.pdf"), file_name="Памятка.pdf"
    )
    training_event = TrainingEvent.objects.create(
        year=year, kind=TrainingEvent.Kind.INDUCTION, title="Установочная сессия", held_on=datetime.date(2026, 10, 5)
    )
    training_event.attendees.add(other_mentor)
    training_material = TrainingMaterial.objects.create(
        event=training_event, title="Презентация", file=ContentFile(PDF, name="slides.pdf")
    )
    people_file = make_xlsx([xlsx_student(last_name="Новикова", first_name="Нина")])
    people_import = PeopleImport.objects.create(
        year=year, file_name="люди.xlsx", content=people_file, uploaded_by=personas.curator
    )
    publication = make_publication(title="Встреча наставников", slug="vstrecha-nastavnikov", year=year)
    publication_file = attach(publication)
    stage = make_stage(year)
    activity = make_activity(stage)
    indicator = Indicator.objects.create(name="Число пар", metric=next(iter(indicators.FIGURES)))

    return SimpleNamespace(
        year=year,
        seventh=seventh,
        eighth=eighth,
        own_mentee=own_mentee,
        other_mentee=other_mentee,
        bank_mentee=bank_mentee,
        own_mentor=own_mentor,
        other_mentor=other_mentor,
        own_pair=own_pair,
        other_pair=other_pair,
        group=group,
        programme=programme,
        meeting=meeting,
        own_meeting=own_meeting,
        event=event,
        proposal=proposal,
        rule=rule,
        programme_template=ProgrammeTemplate.objects.first(),
        survey=survey,
        section=survey.sections.first(),
        question=text_question,
        link=link,
        answered=answered,
        response=response,
        consent=consent,
        own_consent=own_consent,
        draft_act=draft_act,
        signed_act=signed_act,
        published_act=published_act,
        material=material,
        training_event=training_event,
        training_material=training_material,
        parameter=EvaluationParameter.objects.first(),
        mentoring_form=student_form,
        mentoring_kind=MentoringKind.objects.first(),
        people_import=people_import,
        publication=publication,
        publication_file=publication_file,
        stage=stage,
        activity=activity,
        indicator=indicator,
    )
