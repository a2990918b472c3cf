"""``seed_demo --large``: the big school for monitoring, at a twentieth of its size."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Avg, Count

from pairs.models import Meeting, Mentorship, Programme
from participants.models import Mentee, Person
from reports import large_demo
from surveys.models import Answer, Response


def counts():
    return {
        "students": Person.objects.filter(kind=Person.Kind.STUDENT).count(),
        "pairs": Mentorship.objects.count(),
        "meetings": Meeting.objects.count(),
        "responses": Response.objects.count(),
        "last_meeting": Meeting.objects.order_by("-pk").values_list("pk", flat=True).first() or 0,
        "last_response": Response.objects.order_by("-pk").values_list("pk", flat=True).first() or 0,
    }


@pytest.fixture
def before_large(monkeypatch):
    """What the ordinary demo had made when the large school began."""
    found, seed = {}, large_demo.seed

    def counting_seed(ctx):
        found.update(counts())
        seed(ctx)

    monkeypatch.setattr(large_demo, "seed", counting_seed)
    return found


@pytest.mark.django_db
def test_the_large_school_scales_and_holds_together(before_large):
    out = StringIO()
    call_command("seed_demo", "--large", "--scale", "0.05", stdout=out)
    assert "Большая школа загружена" in out.getvalue()
    after = counts()

    # Exactly the scaled numbers: 2,000 students, 500 pairs and groups, 5,000 meetings and responses.
    assert after["students"] - before_large["students"] == 100
    assert after["pairs"] - before_large["pairs"] == 25
    assert after["meetings"] - before_large["meetings"] == 250
    assert after["responses"] - before_large["responses"] == 250

    assert not Mentorship.objects.filter(memberships=None).exists()
    assert not Mentorship.objects.filter(mentor__person=None).exists()
    groups = Mentorship.objects.filter(is_group=True).annotate(n=Count("memberships"))
    assert groups.filter(n__gte=3).exists()
    statuses = set(Mentorship.objects.values_list("status", flat=True))
    assert {Mentorship.Status.ACTIVE, Mentorship.Status.APPROVED} <= statuses
    assert not Mentorship.objects.filter(status=Mentorship.Status.TERMINATED, end_reason="").exists()
    assert Programme.objects.count() >= 0.8 * after["pairs"]

    meetings = Meeting.objects.filter(pk__gt=before_large["last_meeting"])
    assert not meetings.filter(held=True, held_on=None).exists()
    assert 0.45 <= meetings.filter(held=True).count() / meetings.count() <= 0.75
    assert not Person.objects.filter(search_name="").exists()
    assert Person.objects.filter(kind=Person.Kind.TEACHER, career_start__isnull=False).exists()
    assert Mentee.objects.filter(status=Mentee.Status.SUPPORT).exclude(support="").exists()

    new = Response.objects.filter(pk__gt=before_large["last_response"])
    assert not new.filter(answers=None).exists()
    assert new.exclude(subject_id=None).count() == 250
    assert all(response.subject_id == response.respondent_id for response in new)

    def average(key, prefix):
        answers = Answer.objects.filter(
            response__in=new, response__survey__source__template_key=key, question__code__startswith=prefix
        )
        return answers.aggregate(average=Avg("number"))["average"]

    assert average("mentee_after", "growth_") > average("mentee_intake_student", "growth_")
    assert average("mentee_after", "sat_") > average("mentee_before", "sat_")


@pytest.mark.django_db
def test_without_large_only_the_ordinary_demo_is_seeded(monkeypatch):
    def fail(ctx):
        raise AssertionError("the large school seeded without --large")

    monkeypatch.setattr(large_demo, "seed", fail)
    call_command("seed_demo", stdout=StringIO())
    assert Mentorship.objects.count() < 50
