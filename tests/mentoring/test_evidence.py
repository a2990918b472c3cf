from django.urls import reverse

from mentoring import evidence, roles
from mentoring.roadmap import Status
from tests.factories import make_activity, make_school, make_stage, make_user


def test_the_curator_check_follows_the_role(year):
    assert evidence.evaluate(["curator_assigned"], year) == {"curator_assigned": False}
    user = make_user(roles=[roles.CURATOR])
    assert evidence.evaluate(["curator_assigned"], year) == {"curator_assigned": True}
    user.is_active = False
    user.save()
    assert evidence.evaluate(["curator_assigned"], year) == {"curator_assigned": False}


def test_the_requisites_check_needs_every_required_field(year):
    assert evidence.evaluate(["school_requisites"], year) == {"school_requisites": False}
    school = make_school(city="")
    assert evidence.evaluate(["school_requisites"], year) == {"school_requisites": False}
    school.city = "Санкт-Петербург"
    school.save()
    assert evidence.evaluate(["school_requisites"], year) == {"school_requisites": True}


def test_unknown_codes_are_ignored(year):
    assert evidence.evaluate(["", "no_such_check"], year) == {}


def test_a_later_app_registers_its_own_check(year):
    @evidence.register("test_always", "Всегда выполнено")
    def always(year):
        return True

    assert ("test_always", "Всегда выполнено") in evidence.choices()
    assert evidence.evaluate(["test_always"], year) == {"test_always": True}


def test_the_roadmap_fills_itself_from_the_data(curator_client, personas, year):
    activity = make_activity(make_stage(year), evidence_code="school_requisites")
    response = curator_client.get(reverse("roadmap"))
    assert response.context["stages"][0].activities.all()[0].status != Status.DONE
    make_school()
    response = curator_client.get(reverse("roadmap"))
    shown = response.context["stages"][0].activities.all()[0]
    assert (shown.pk, shown.status) == (activity.pk, Status.DONE)
    assert "по данным системы: Реквизиты школы заполнены" in response.content.decode()


def test_nothing_is_proven_for_a_year_not_yet_begun(curator_client, personas, year):
    from tests.factories import make_year

    future = make_year(2099, current=False)
    make_activity(make_stage(future), evidence_code="curator_assigned")
    response = curator_client.get(reverse("roadmap"), {"year": 2099})
    assert response.context["stages"][0].activities.all()[0].status == Status.NOT_STARTED
