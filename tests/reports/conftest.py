"""The pairs tests' small school, with requisites and documents stored in a temporary folder."""

import io
import re
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from mentoring.models import NormativeAct
from participants.models import Consent, Mentor
from tests.factories import make_school
from tests.pairs.conftest import forms, school  # noqa: F401  fixtures shared with the pairs tests


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Signed PDFs and scans go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = "https://nastavnik.school43.example"
    return tmp_path


@pytest.fixture
def requisites(db):
    return make_school()


def pdf_text(content):
    """The text of a PDF, pages joined, spaces and line breaks made single (a table cell may wrap),
    words hyphenated at the end of a line joined again."""
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    return re.sub(r"(\w)- (\w)", r"\1\2", text)


def page_count(content):
    return len(PdfReader(io.BytesIO(content)).pages)


def give_consent(person, kind=Consent.Kind.PERSONAL_DATA):
    return Consent.objects.create(person=person, kind=kind, given_on="2026-09-01")


@pytest.fixture
def ready(school, requisites):  # noqa: F811
    """The school's two working pairs made signable: consents in, mentors appointed; Борис's new
    pair with the student mentor Глеб is proposed and signable too."""
    from tests.factories import make_mentorship

    for mentee in (school.anna, school.vera, school.boris):
        give_consent(mentee.person)
    for mentor in (school.own_mentor, school.other_mentor, school.student_mentor):
        Mentor.objects.filter(pk=mentor.pk).update(status=Mentor.Status.APPOINTED)
    proposed = make_mentorship(school.student_mentor, [school.boris], form=school.anna.form)
    return SimpleNamespace(**vars(school), proposed=proposed)


Kind = NormativeAct.Kind
