"""The pool read from the database, matching runs and the curator's decisions, a pair's statuses."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from pairs import pool, workflow
from pairs.models import MatchingCriterion, Mentorship, PairRule
from participants.models import Mentee, Mentor, Person
from surveys.models import Survey
from tests.factories import make_act, make_class, make_mentee, make_mentor, make_person
from tests.pairs.answers import give, intake

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(year, forms):
    """Two student mentees of 7А and two student mentors of 10А with intake answers:
    Анна needs study help (Учёба) and Борис needs sport (Спорт); Глеб offers study, Дина sport."""
    seventh, tenth = make_class(year, 7, "В"), make_class(year, 10, "А")
    mentee_intake = intake(year, Survey.Purpose.MENTEE_INTAKE)
    mentor_intake = intake(year, Survey.Purpose.MENTOR_INTAKE)

    def mentee(last, topics):
        record = make_mentee(make_person(last_name=last, school_class=seventh), form=forms.student, status="bank")
        give(mentee_intake, record.person, mentee=record, topics=topics, meeting_format="Очно")
        return record

    def mentor(last, topics, **fields):
        record = make_mentor(make_person(last_name=last, school_class=tenth), forms=[forms.student], **fields)
        give(mentor_intake, record.person, topics=topics, meeting_format="Очно")
        return record

    return {
        "anna": mentee("Антонова", ["Учёба"]),
        "boris": mentee("Борисов", ["Спорт"]),
        "gleb": mentor("Глебов", ["Учёба", "Проекты"], capacity=1),
        "dina": mentor("Динова", ["Спорт"], capacity=1),
        "mentee_intake": mentee_intake,
    }


def pairs_of(run):
    return {(p.mentee.person.last_name, p.mentor.person.last_name) for p in run.proposals.exclude(mentor=None)}


def test_pool_reads_the_intake_answers_of_both_sides(year, world):
    data = pool.load(year)
    mentees = {m.key: m for m in data.mentees}
    assert mentees[world["anna"].pk].answers["topics"] == frozenset({"topics_1"})
    assert mentees[world["anna"].pk].shown["topics"] == "Учёба"
    assert mentees[world["anna"].pk].grade == 7
    mentors = {m.key: m for m in data.mentors}
    assert mentors[world["gleb"].pk].shown["topics"] == "Учёба, Проекты"
    assert mentors[world["gleb"].pk].capacity == 1


def test_third_party_information_fills_what_the_mentee_did_not_answer(year, world, personas):
    anna = world["anna"]
    MatchingCriterion.objects.create(
        label="Уверенность", mentee_code="confidence", mentor_code="confidence", comparison="closeness", weight=2
    )
    third_party = intake(year, Survey.Purpose.THIRD_PARTY, title="Сведения")
    give(third_party, anna.person, topics=["Общение"], confidence=3)
    mentee = next(m for m in pool.load(year).mentees if m.key == anna.pk)
    assert mentee.shown["topics"] == "Учёба"  # the mentee's own answer wins
    assert mentee.answers["confidence"] == 3.0  # the class leader's fills the gap


def test_a_run_proposes_the_best_assignment_and_explains_it(year, world, personas):
    run = workflow.run(year, personas.curator)
    assert pairs_of(run) == {("Антонова", "Глебов"), ("Борисов", "Динова")}
    proposal = run.proposals.get(mentee=world["anna"])
    assert proposal.score == sum(part["points"] for part in proposal.parts) == 130  # topics 10 + format 3
    topics = next(part for part in proposal.parts if part["label"].startswith("Запрос ученика"))
    assert (topics["mentee_answer"], topics["mentor_answer"]) == ("Учёба", "Учёба, Проекты")
    assert run.mentee_count == 2 and run.mentor_count == 2 and run.max_score > 0


def test_mentees_without_a_mentor_are_listed_with_the_reason(year, world, personas, forms):
    world["dina"].forms.set([forms.teachers])  # Дина no longer leads «ученик – ученик»
    run = workflow.run(year, personas.curator)
    left = run.proposals.get(mentor=None)
    assert "не осталось свободных мест" in left.reason
    Mentor.objects.filter(pk=world["gleb"].pk).update(status=Mentor.Status.ARCHIVED)
    run = workflow.run(year, personas.curator)
    reasons = set(run.proposals.filter(mentor=None).values_list("reason", flat=True))
    assert reasons == {"Нет подходящего наставника: наставник не ведёт эту форму наставничества."}


def test_student_mentors_must_be_older_by_the_form_setting(year, world, personas, forms):
    forms.student.min_grade_gap = 4
    forms.student.save()
    run = workflow.run(year, personas.curator)
    assert not pairs_of(run)
    assert "старшего класса" in run.proposals.first().reason


def test_accepting_twice_makes_one_pair(year, world, personas):
    run = workflow.run(year, personas.curator)
    proposal = run.proposals.get(mentee=world["anna"])
    mentorship = workflow.accept(proposal, personas.curator)
    with pytest.raises(workflow.Conflict):
        workflow.accept(proposal, personas.curator)
    assert Mentorship.objects.count() == 1
    assert mentorship.status == Mentorship.Status.PROPOSED and mentorship.score == 130
    assert list(mentorship.mentees.all()) == [world["anna"]]
    world["anna"].refresh_from_db()
    assert world["anna"].status == Mentee.Status.PAIRED
    # The paired mentee leaves the pool and the mentor's place is taken.
    data = pool.load(year)
    assert world["anna"].pk not in {m.key for m in data.mentees}
    assert next(m for m in data.mentors if m.key == world["gleb"].pk).capacity == 0


def test_a_rejected_pair_is_not_proposed_again(year, world, personas):
    run = workflow.run(year, personas.curator)
    workflow.reject(run.proposals.get(mentee=world["anna"]), personas.curator)
    assert PairRule.objects.get().kind == PairRule.Kind.FORBID
    assert ("Антонова", "Глебов") not in pairs_of(workflow.run(year, personas.curator))


def test_a_locked_pair_survives_a_rerun(year, world, personas):
    workflow.set_rule(year, world["anna"], world["dina"], PairRule.Kind.LOCK, personas.curator)
    run = workflow.run(year, personas.curator)
    locked = run.proposals.get(mentee=world["anna"])
    assert (locked.mentor, locked.locked) == (world["dina"], True)
    # Дина's only place is taken by the lock; Борис, who needs sport, gets Глеб's place.
    assert run.proposals.get(mentee=world["boris"]).mentor == world["gleb"]


def test_changing_a_proposal_locks_the_curators_choice(year, world, personas):
    run = workflow.run(year, personas.curator)
    proposal = run.proposals.get(mentee=world["anna"])
    workflow.change_mentor(proposal, world["dina"], personas.curator)
    proposal.refresh_from_db()
    assert (proposal.mentor, proposal.locked, proposal.score) == (world["dina"], True, 30)  # the format only
    assert PairRule.objects.get(mentee=world["anna"]).kind == PairRule.Kind.LOCK


def test_a_mentee_in_a_pair_cannot_be_paired_again(year, world, personas):
    workflow.make_pair(world["anna"], world["gleb"], personas.curator)
    with pytest.raises(workflow.Conflict, match="Уже в паре или группе"):
        workflow.make_pair(world["anna"], world["dina"], personas.curator)


def test_statuses_from_proposed_to_finished_write_the_results_into_both_banks(year, world, personas):
    mentorship = workflow.make_pair(world["anna"], world["gleb"], personas.curator)
    order = make_act(year, date=datetime.date(2026, 11, 10))
    workflow.approve([mentorship], order)
    mentorship = Mentorship.objects.get(pk=mentorship.pk)
    assert (mentorship.status, mentorship.order_label) == ("approved", "Приказ № 45-о от 10.11.2026")
    assert mentorship.history.first().order_id == order.pk
    workflow.start(mentorship)
    workflow.finish(mentorship, "Исправила оценки по алгебре", "reached", True, datetime.date(2027, 4, 30))
    assert mentorship.status == Mentorship.Status.FINISHED
    anna, gleb = Mentee.objects.get(pk=world["anna"].pk), Mentor.objects.get(pk=world["gleb"].pk)
    assert anna.status == Mentee.Status.FINISHED and anna.best_practice
    assert "цели достигнуты. Исправила оценки по алгебре" in anna.results
    assert gleb.best_practice and str(mentorship) in gleb.results
    assert mentorship.history.count() >= 4  # every change of status is recorded


def test_ending_early_needs_a_reason_and_returns_the_mentees_to_the_bank(year, world, personas):
    mentorship = workflow.make_pair(world["anna"], world["gleb"], personas.curator)
    with pytest.raises(ValidationError):
        workflow.terminate(mentorship, "  ", datetime.date(2026, 12, 1))
    workflow.terminate(mentorship, "Переезд семьи", datetime.date(2026, 12, 1))
    world["anna"].refresh_from_db()
    assert world["anna"].status == Mentee.Status.IN_BANK
    assert world["anna"].pk in {m.key for m in pool.load(year).mentees}  # the search goes on


def test_a_group_takes_several_mentees_of_the_pool(year, world, personas, forms):
    group = workflow.make_group(
        year, world["gleb"], [world["anna"], world["boris"]], "Олимпиада", forms.student, personas.curator
    )
    assert group.is_group and group.mentees.count() == 2
    assert not pool.load(year).mentees


def test_support_keeps_the_mentee_in_the_search(year, world):
    mentee = workflow.support(world["anna"], "Консультации психолога")
    assert mentee.status == Mentee.Status.SUPPORT
    assert mentee.pk in {m.key for m in pool.load(year).mentees}


def test_the_mentor_capacity_defaults_to_the_forms(year, forms):
    mentor = make_mentor(make_person(kind=Person.Kind.TEACHER), forms=[forms.teacher_student, forms.teachers])
    assert mentor.capacity is None
    assert mentor.places == max(forms.teacher_student.default_capacity, forms.teachers.default_capacity) == 3
