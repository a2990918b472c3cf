"""Matching through its pages: runs, proposals and their explanations, the curator's decisions,
pairing by hand, support, the criteria and the rules."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from pairs.models import MatchingCriterion, MatchingRun, Mentorship, PairRule, Proposal
from participants.models import Mentee, Person
from surveys.models import Survey
from tests.concurrency import post_at_once
from tests.factories import make_class, make_mentee, make_mentor, make_person
from tests.pairs.answers import give, intake

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(year, forms):
    """Анна (7В) needs study help and Борис (7В) sport; Глеб (10А) offers study and projects,
    Дина (10А) sport, one place each. Both meet in person."""
    seventh, tenth = make_class(year, 7, "В"), make_class(year, 10, "А")
    mentee_intake = intake(year, Survey.Purpose.MENTEE_INTAKE)
    mentor_intake = intake(year, Survey.Purpose.MENTOR_INTAKE)

    def mentee(last, first, topics):
        record = make_mentee(
            make_person(last_name=last, first_name=first, school_class=seventh), form=forms.student, status="bank"
        )
        give(mentee_intake, record.person, mentee=record, topics=topics, meeting_format="Очно")
        return record

    def mentor(last, first, topics):
        record = make_mentor(
            make_person(last_name=last, first_name=first, school_class=tenth), forms=[forms.student], capacity=1
        )
        give(mentor_intake, record.person, topics=topics, meeting_format="Очно")
        return record

    return {
        "anna": mentee("Антонова", "Анна", ["Учёба"]),
        "boris": mentee("Борисов", "Борис", ["Спорт"]),
        "gleb": mentor("Глебов", "Глеб", ["Учёба", "Проекты"]),
        "dina": mentor("Динова", "Дина", ["Спорт"]),
    }


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def run(client, coverage_first=False):
    """Run the matching and open the page it returns to (which shows, and so uses up, its message)."""
    response = client.post(reverse("matching"), {"coverage_first": "on"} if coverage_first else {}, follow=True)
    assert response.redirect_chain == [(reverse("matching"), 302)]
    return response


def proposal_of(mentee):
    return Proposal.objects.filter(mentee=mentee).latest("run__created_at", "run__pk")


def section(response, testid):
    """The HTML of the table marked ``data-testid``."""
    match = re.search(rf'<table[^>]*data-testid="{testid}".*?</table>', response.content.decode(), re.S)
    assert match, f"no {testid} table"
    return match.group(0)


def decide(client, proposal, action, **data):
    return client.post(reverse("proposal_decide", args=[proposal.pk, action]), data)


# The matching page


def test_the_curator_runs_matching_and_sees_proposals_and_the_unmatched_with_reasons(
    curator_client, world, forms, personas
):
    teacher_mentee = make_mentee(make_person(last_name="Гусева", first_name="Галина"), form=forms.teachers)
    response = run(curator_client)
    assert messages_of(response) == ["Подбор выполнен: предложено пар — 2, без наставника — 1."]
    matching_run = MatchingRun.objects.get()
    assert (matching_run.created_by, matching_run.coverage_first) == (personas.curator, False)

    page = curator_client.get(reverse("matching"))
    assert page.status_code == 200
    proposals = section(page, "proposals")
    assert re.search(r"Антонова Анна.*?Глебов Глеб", proposals, re.S)
    assert re.search(r"Борисов Борис.*?Динова Дина", proposals, re.S)
    assert [(p.mentee, p.mentor) for p in page.context["proposals"]] == [
        (world["anna"], world["gleb"]),
        (world["boris"], world["dina"]),
    ]
    unmatched = section(page, "unmatched")
    assert "Гусева Галина" in unmatched
    assert "наставник не ведёт эту форму наставничества" in unmatched
    assert [p.mentee for p in page.context["unmatched"]] == [teacher_mentee]

    # The unmatched mentee's page shows every mentor with what stands in the way.
    left = curator_client.get(reverse("proposal", args=[page.context["unmatched"][0].pk]))
    assert left.status_code == 200
    assert {row["record"] for row in left.context["candidates"]} == {world["gleb"], world["dina"]}
    assert all("наставник не ведёт эту форму наставничества" in row["blocked"] for row in left.context["candidates"])


def test_coverage_first_pairs_more_mentees_than_the_best_total(curator_client, world, personas):
    # Борис may not have Дина: the best total gives Глеб to Анна and leaves Борис alone,
    # coverage gives Анна Дина and Борис Глеб.
    PairRule.objects.create(
        year=world["boris"].year, mentee=world["boris"], mentor=world["dina"], kind=PairRule.Kind.FORBID
    )
    run(curator_client)
    best = MatchingRun.objects.latest("pk")
    assert set(best.proposals.exclude(mentor=None).values_list("mentee", "mentor")) == {
        (world["anna"].pk, world["gleb"].pk)
    }
    run(curator_client, coverage_first=True)
    covering = MatchingRun.objects.latest("pk")
    assert covering.coverage_first
    assert set(covering.proposals.exclude(mentor=None).values_list("mentee", "mentor")) == {
        (world["anna"].pk, world["dina"].pk),
        (world["boris"].pk, world["gleb"].pk),
    }
    assert "Режим: сначала охват." in curator_client.get(reverse("matching")).content.decode()


def test_the_administration_reads_the_matching_but_cannot_run_it(client, world, personas):
    client.force_login(personas.director)
    page = client.get(reverse("matching"))
    assert page.status_code == 200
    assert 'data-testid="run-matching"' not in page.content.decode()
    assert client.post(reverse("matching"), {}).status_code == 403
    assert not MatchingRun.objects.exists()


@pytest.mark.parametrize("persona", ["teacher", "mentor", "class_leader"])
def test_staff_outside_management_may_not_open_the_matching(client, world, personas, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(reverse("matching")).status_code == 403
    assert client.post(reverse("matching"), {}).status_code == 403
    assert not MatchingRun.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in(client, world):
    response = client.get(reverse("matching"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.post(reverse("matching"), {}).status_code == 302
    assert not MatchingRun.objects.exists()


# A proposal


def test_the_proposal_page_explains_the_score_and_lists_other_candidates(curator_client, world):
    run(curator_client)
    proposal = proposal_of(world["anna"])
    page = curator_client.get(reverse("proposal", args=[proposal.pk]))
    assert page.status_code == 200
    table = section(page, "explanation")
    rows = re.findall(r"<tr>.*?</tr>", re.search(r"<tbody>.*</tbody>", table, re.S).group(0), re.S)
    labels = [criterion.label for criterion in MatchingCriterion.objects.filter(is_active=True)]
    assert len(rows) == len(labels)
    topics = next(row for row in rows if "Запрос ученика" in row)
    assert re.search(r"<td>Учёба</td>\s*<td>Учёба, Проекты</td>", topics)
    assert "100 %" in topics and "10,0" in topics
    total = re.search(r'data-testid="total">([^<]*)<', table).group(1)
    assert total == "13,0" and proposal.score == sum(part["points"] for part in proposal.parts) == 130
    candidates = page.context["candidates"]
    assert [(row["record"], row["score"]) for row in candidates] == [(world["dina"], 30)]
    assert "Динова Дина" in section(page, "candidates")


def test_accepting_a_proposal_makes_a_pair(curator_client, world, personas):
    run(curator_client)
    proposal = proposal_of(world["anna"])
    response = decide(curator_client, proposal, "accept", next=reverse("matching"))
    assert response.status_code == 302 and response["Location"] == reverse("matching")
    mentorship = Mentorship.objects.get()
    assert messages_of(response) == [f"Пара создана: {mentorship}. Статус «предложена» — до приказа."]
    assert (mentorship.mentor, list(mentorship.mentees.all())) == (world["gleb"], [world["anna"]])
    assert (mentorship.status, mentorship.score, mentorship.created_by) == ("proposed", 130, personas.curator)
    assert Mentee.objects.get(pk=world["anna"].pk).get_status_display() == "в паре/группе"
    proposal.refresh_from_db()
    assert (proposal.status, proposal.mentorship) == (Proposal.Status.ACCEPTED, mentorship)
    again = decide(curator_client, proposal, "accept")
    assert messages_of(again)[-1] == "Это предложение уже рассмотрено."
    assert Mentorship.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_double_submitted_accept_makes_one_pair(world, personas):
    from pairs import workflow

    proposal = workflow.run(world["anna"].year, personas.curator).proposals.get(mentee=world["anna"])
    statuses = post_at_once(personas.curator, reverse("proposal_decide", args=[proposal.pk, "accept"]), {})
    assert statuses == [302, 302]
    assert Mentorship.objects.count() == 1
    assert Mentorship.objects.get().mentees.get() == world["anna"]
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.ACCEPTED


def test_rejecting_forbids_the_pair_for_the_next_runs(curator_client, world, personas):
    run(curator_client)
    proposal = proposal_of(world["anna"])
    response = decide(curator_client, proposal, "reject")
    assert messages_of(response) == ["Предложение отклонено; эту пару подбор больше не предложит."]
    rule = PairRule.objects.get()
    assert (rule.mentee, rule.mentor, rule.kind, rule.created_by) == (
        world["anna"],
        world["gleb"],
        PairRule.Kind.FORBID,
        personas.curator,
    )
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.REJECTED
    assert not Mentorship.objects.exists()
    run(curator_client)
    assert proposal_of(world["anna"]).mentor != world["gleb"]


def test_a_locked_proposal_survives_a_rerun_until_unlocked(curator_client, world):
    run(curator_client)
    proposal = proposal_of(world["anna"])
    url = reverse("proposal", args=[proposal.pk])
    response = decide(curator_client, proposal, "lock", next=url)
    assert response["Location"] == url
    assert messages_of(response) == ["Пара закреплена: повторный подбор её сохранит."]
    assert Proposal.objects.get(pk=proposal.pk).locked
    assert PairRule.objects.filter(mentee=world["anna"], mentor=world["gleb"], kind=PairRule.Kind.LOCK).exists()
    assert "закреплена" in curator_client.get(url).content.decode()

    run(curator_client)
    again = proposal_of(world["anna"])
    assert again.pk != proposal.pk
    assert (again.mentor, again.locked) == (world["gleb"], True)

    response = decide(curator_client, again, "unlock", next=url)
    assert messages_of(response) == ["Закрепление снято."]
    assert not PairRule.objects.exists()
    assert not Proposal.objects.get(pk=again.pk).locked
    run(curator_client)
    assert not proposal_of(world["anna"]).locked


def test_choosing_another_candidate_locks_the_curators_choice(curator_client, world, personas):
    run(curator_client)
    proposal = proposal_of(world["anna"])
    response = curator_client.post(reverse("proposal_change", args=[proposal.pk, world["dina"].pk]))
    assert response["Location"] == reverse("proposal", args=[proposal.pk])
    assert messages_of(response)[0] == "Наставник изменён: Динова Дина. Пара закреплена."
    proposal.refresh_from_db()
    assert (proposal.mentor, proposal.score, proposal.locked) == (world["dina"], 30, True)
    assert PairRule.objects.get().kind == PairRule.Kind.LOCK
    run(curator_client)
    assert (proposal_of(world["anna"]).mentor, proposal_of(world["anna"]).locked) == (world["dina"], True)
    assert proposal_of(world["boris"]).mentor == world["gleb"]


def test_a_mentor_of_another_year_cannot_be_chosen(curator_client, world):
    from tests.factories import make_year

    run(curator_client)
    proposal = proposal_of(world["anna"])
    elsewhere = make_mentor(make_person(last_name="Прошлогодний"), year=make_year(2025, current=False))
    response = curator_client.post(reverse("proposal_change", args=[proposal.pk, elsewhere.pk]))
    assert response.status_code == 404
    assert Proposal.objects.get(pk=proposal.pk).mentor == world["gleb"]


def test_accept_all_makes_every_open_pair_and_names_those_it_could_not(curator_client, world, personas):
    from pairs import workflow

    run(curator_client)
    workflow.make_pair(world["boris"], world["gleb"], personas.curator)  # Борис got a pair meanwhile
    response = curator_client.post(reverse("matching_accept_all"))
    assert response["Location"] == reverse("matching")
    assert messages_of(response) == [
        "Создано пар: 1.",
        "Не созданы: Борисов Борис: Уже в паре или группе: Борисов Борис.",
    ]
    assert set(Mentorship.objects.values_list("mentor", "mentees")) == {
        (world["gleb"].pk, world["boris"].pk),
        (world["gleb"].pk, world["anna"].pk),
    }
    assert Proposal.objects.get(mentee=world["boris"]).status == Proposal.Status.OPEN


def test_the_administration_cannot_decide(client, world, personas):
    from pairs import workflow

    proposal = workflow.run(world["anna"].year, personas.curator).proposals.get(mentee=world["anna"])
    client.force_login(personas.director)
    assert client.get(reverse("proposal", args=[proposal.pk])).status_code == 200
    for action in ("accept", "reject", "lock"):
        assert decide(client, proposal, action).status_code == 403
    assert client.post(reverse("matching_accept_all")).status_code == 403
    assert client.post(reverse("proposal_change", args=[proposal.pk, world["dina"].pk])).status_code == 403
    assert not Mentorship.objects.exists() and not PairRule.objects.exists()


# Pairing by hand and support


@pytest.fixture
def teacher_mentor(forms):
    return make_mentor(
        make_person(last_name="Учителева", first_name="Ульяна", kind=Person.Kind.TEACHER), forms=[forms.teachers]
    )


def test_pairing_by_hand_lists_suitable_candidates_with_scores_and_unsuitable_with_reasons(
    curator_client, world, teacher_mentor
):
    page = curator_client.get(reverse("pair_by_hand", args=[world["anna"].pk]))
    assert page.status_code == 200
    assert [(row["record"], row["score"]) for row in page.context["suitable"]] == [
        (world["gleb"], 130),
        (world["dina"], 30),
    ]
    suitable = section(page, "suitable")
    assert re.search(r"Глебов Глеб.*?13,0", suitable, re.S)
    assert [row["record"] for row in page.context["unsuitable"]] == [teacher_mentor]
    assert "Учителева Ульяна (0,0): наставник не ведёт эту форму наставничества" in page.content.decode()


def test_pairing_by_hand_with_a_suitable_mentor_makes_the_pair(curator_client, world):
    response = curator_client.post(reverse("pair_by_hand", args=[world["anna"].pk]), {"mentor": world["dina"].pk})
    mentorship = Mentorship.objects.get()
    assert response["Location"] == reverse("mentorship", args=[mentorship.pk])
    assert (mentorship.mentor, mentorship.mentees.get(), mentorship.score) == (world["dina"], world["anna"], 30)
    assert Mentee.objects.get(pk=world["anna"].pk).status == Mentee.Status.PAIRED


@pytest.mark.parametrize("mentor", ["teacher_mentor", "nobody", "garbage"])
def test_pairing_by_hand_refuses_an_unsuitable_mentor(curator_client, world, teacher_mentor, mentor):
    value = {"teacher_mentor": teacher_mentor.pk, "nobody": 999999, "garbage": "x"}[mentor]
    response = curator_client.post(reverse("pair_by_hand", args=[world["anna"].pk]), {"mentor": value})
    assert response.status_code == 200
    assert messages_of(response) == ["Выберите наставника из подходящих."]
    assert not Mentorship.objects.exists()
    assert Mentee.objects.get(pk=world["anna"].pk).status == Mentee.Status.IN_BANK


def test_without_suitable_mentors_the_curator_is_offered_support_or_a_group(curator_client, client, world, personas):
    for mentor in (world["gleb"], world["dina"]):
        PairRule.objects.create(year=mentor.year, mentee=world["anna"], mentor=mentor, kind=PairRule.Kind.FORBID)
    url = reverse("pair_by_hand", args=[world["anna"].pk])
    page = curator_client.get(url)
    assert not page.context["suitable"]
    assert "пара запрещена куратором" in page.content.decode()
    assert reverse("mentee_support", args=[world["anna"].pk]) in page.content.decode()
    client.force_login(personas.director)
    page = client.get(url).content.decode()
    assert "Подходящих наставников нет." in page
    assert reverse("mentee_support", args=[world["anna"].pk]) not in page  # the curator's pages only


def test_pairing_by_hand_is_the_curators(client, world, personas):
    client.force_login(personas.director)
    url = reverse("pair_by_hand", args=[world["anna"].pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="mentor"' not in section(page, "suitable")
    assert client.post(url, {"mentor": world["gleb"].pk}).status_code == 403
    assert not Mentorship.objects.exists()


def test_support_needs_a_text_and_keeps_the_mentee_in_the_search(curator_client, world):
    url = reverse("mentee_support", args=[world["anna"].pk])
    response = curator_client.post(url, {"support": "   "})
    assert response.status_code == 200
    assert response.context["form"].errors == {"support": ["Обязательное поле."]}
    assert Mentee.objects.get(pk=world["anna"].pk).status == Mentee.Status.IN_BANK

    response = curator_client.post(url, {"support": "Консультации педагога-психолога"})
    assert response["Location"] == reverse("matching")
    assert messages_of(response) == ["Антонова Анна: сопровождение записано, поиск наставника продолжается."]
    anna = Mentee.objects.get(pk=world["anna"].pk)
    assert (anna.status, anna.support) == (Mentee.Status.SUPPORT, "Консультации педагога-психолога")
    run(curator_client)
    assert proposal_of(world["anna"]).mentor == world["gleb"]


def test_support_is_refused_for_a_mentee_in_a_pair(curator_client, world, personas):
    from pairs import workflow

    workflow.make_pair(world["anna"], world["gleb"], personas.curator)
    response = curator_client.post(reverse("mentee_support", args=[world["anna"].pk]), {"support": "Психолог"})
    assert response.status_code == 200
    assert messages_of(response) == [
        "Антонова Анна уже в паре или группе: сопровождение назначают тем, кто остался без пары."
    ]
    anna = Mentee.objects.get(pk=world["anna"].pk)
    assert (anna.status, anna.support) == (Mentee.Status.PAIRED, "")


def test_support_is_the_curators(client, world, personas):
    client.force_login(personas.director)
    url = reverse("mentee_support", args=[world["anna"].pk])
    assert client.post(url, {"support": "Психолог"}).status_code == 403
    assert Mentee.objects.get(pk=world["anna"].pk).status == Mentee.Status.IN_BANK


# Criteria and rules


def criteria_data(client, **new):
    """The criteria formset's POST data as the page shows it, with ``new`` in the extra form."""
    formset = client.get(reverse("matching_criteria")).context["formset"]
    data = {
        "criteria-TOTAL_FORMS": str(formset.total_form_count()),
        "criteria-INITIAL_FORMS": str(formset.initial_form_count()),
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for form in formset.forms[: formset.initial_form_count()]:
        for name in form.fields:
            value = form[name].value()
            if isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
            elif value is not None:
                data[form.add_prefix(name)] = str(value)
    extra = formset.forms[formset.initial_form_count()]
    for name, value in new.items():
        data[extra.add_prefix(name)] = value
    return data


def test_the_curator_adds_a_criterion(curator_client):
    before = MatchingCriterion.objects.count()
    data = criteria_data(
        curator_client,
        label="Уверенность в себе",
        mentee_code="confidence",
        mentor_code="confidence",
        comparison="closeness",
        weight="2",
        is_active="on",
        position="9",
    )
    response = curator_client.post(reverse("matching_criteria"), data)
    assert response.status_code == 302, response.context["formset"].errors
    assert messages_of(response) == ["Критерии подбора сохранены."]
    assert MatchingCriterion.objects.count() == before + 1
    added = MatchingCriterion.objects.get(label="Уверенность в себе")
    assert (added.mentee_code, added.comparison, added.weight, added.required) == ("confidence", "closeness", 2, False)


def test_a_criterion_with_a_cyrillic_code_is_refused(curator_client):
    before = list(MatchingCriterion.objects.values_list("pk", "label", "mentee_code"))
    data = criteria_data(
        curator_client,
        label="Тема",
        mentee_code="Тема",
        mentor_code="topics",
        comparison="shared",
        weight="5",
        position="9",
    )
    response = curator_client.post(reverse("matching_criteria"), data)
    assert response.status_code == 200
    errors = response.context["formset"].errors[-1]
    assert {field: list(messages) for field, messages in errors.items()} == {
        "mentee_code": ["Код: латинские строчные буквы, цифры и «_», начиная с буквы (например, need_topics)."]
    }
    assert "латинские строчные буквы" in response.content.decode()
    assert list(MatchingCriterion.objects.values_list("pk", "label", "mentee_code")) == before


def test_a_weight_above_ten_is_refused(curator_client):
    data = criteria_data(curator_client)
    first = next(key for key in data if key.endswith("-weight"))
    data[first] = "11"
    response = curator_client.post(reverse("matching_criteria"), data)
    assert response.status_code == 200
    assert "Убедитесь, что это значение меньше либо равно 10." in response.content.decode()
    assert not MatchingCriterion.objects.filter(weight=11).exists()


def test_the_administration_reads_the_criteria_but_cannot_change_them(client, personas):
    client.force_login(personas.director)
    page = client.get(reverse("matching_criteria"))
    assert page.status_code == 200
    assert "Сохранить критерии" not in page.content.decode()
    before = MatchingCriterion.objects.count()
    data = criteria_data(
        client, label="Новый", mentee_code="topics", mentor_code="topics", comparison="shared", weight="5", position="9"
    )
    assert client.post(reverse("matching_criteria"), data).status_code == 403
    assert MatchingCriterion.objects.count() == before


def test_the_curator_adds_and_removes_a_forbidden_pair(curator_client, world, personas):
    url = reverse("pair_rules")
    response = curator_client.post(
        url, {"mentee": world["anna"].pk, "mentor": world["gleb"].pk, "kind": PairRule.Kind.FORBID}
    )
    assert response["Location"] == url
    rule = PairRule.objects.get()
    assert (rule.mentee, rule.mentor, rule.kind, rule.created_by) == (
        world["anna"],
        world["gleb"],
        "forbid",
        personas.curator,
    )
    table = section(curator_client.get(url), "rules")
    assert re.search(r"Антонова Анна.*?Глебов Глеб.*?запрещена", table, re.S)
    run(curator_client)
    assert proposal_of(world["anna"]).mentor != world["gleb"]

    response = curator_client.post(reverse("pair_rule_delete", args=[rule.pk]))
    assert response["Location"] == url
    assert messages_of(response) == ["Правило снято."]
    assert not PairRule.objects.exists()
    assert "Правил нет." in curator_client.get(url).content.decode()


def test_a_rule_for_a_pair_replaces_its_earlier_rule(curator_client, world):
    url = reverse("pair_rules")
    forbid = {"mentee": world["anna"].pk, "mentor": world["gleb"].pk, "kind": PairRule.Kind.FORBID}
    curator_client.post(url, forbid)
    response = curator_client.post(url, {**forbid, "kind": PairRule.Kind.LOCK})
    assert response.status_code == 302
    assert list(PairRule.objects.values_list("mentor", "kind")) == [(world["gleb"].pk, "lock")]


def test_a_new_lock_replaces_the_mentees_other_lock(curator_client, world):
    url = reverse("pair_rules")
    curator_client.post(url, {"mentee": world["anna"].pk, "mentor": world["gleb"].pk, "kind": "lock"})
    response = curator_client.post(url, {"mentee": world["anna"].pk, "mentor": world["dina"].pk, "kind": "lock"})
    assert response.status_code == 302
    assert messages_of(response)[-1] == "Правило сохранено: оно действует при следующем подборе."
    assert list(PairRule.objects.values_list("mentor", "kind")) == [(world["dina"].pk, "lock")]
    run(curator_client)
    assert (proposal_of(world["anna"]).mentor, proposal_of(world["anna"]).locked) == (world["dina"], True)


def test_a_rule_needs_a_mentee_a_mentor_and_a_kind_of_the_year(curator_client, world):
    from tests.factories import make_year

    elsewhere = make_mentor(make_person(last_name="Прошлогодний"), year=make_year(2025, current=False))
    response = curator_client.post(
        reverse("pair_rules"), {"mentee": world["anna"].pk, "mentor": elsewhere.pk, "kind": ""}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"mentor", "kind"}
    assert not PairRule.objects.exists()


def test_the_administration_cannot_change_the_rules(client, world, personas):
    rule = PairRule.objects.create(
        year=world["anna"].year, mentee=world["anna"], mentor=world["gleb"], kind=PairRule.Kind.FORBID
    )
    client.force_login(personas.director)
    assert client.get(reverse("pair_rules")).status_code == 200
    data = {"mentee": world["boris"].pk, "mentor": world["gleb"].pk, "kind": "forbid"}
    assert client.post(reverse("pair_rules"), data).status_code == 403
    assert client.post(reverse("pair_rule_delete", args=[rule.pk])).status_code == 403
    assert list(PairRule.objects.all()) == [rule]


# Where a decision returns to


def test_next_leads_back_only_to_our_own_pages(curator_client, world):
    run(curator_client)
    proposal = proposal_of(world["anna"])
    response = decide(curator_client, proposal, "lock", next="https://evil.example/")
    assert response["Location"] == reverse("matching")
    response = decide(curator_client, proposal, "unlock", next="//evil.example/path")
    assert response["Location"] == reverse("matching")
    own = reverse("proposal", args=[proposal.pk])
    assert decide(curator_client, proposal, "lock", next=own)["Location"] == own
    rule = PairRule.objects.get()
    response = curator_client.post(reverse("pair_rule_delete", args=[rule.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("pair_rules")
