"""The menu: «Анкеты» for management, «Мои анкеты» for the rest of the staff, nothing for others."""

import pytest
from django.urls import reverse

from tests.surveys.conftest import page


@pytest.mark.parametrize(
    "persona, surveys, mine",
    [
        ("curator", True, False),
        ("director", True, False),
        ("teacher", False, True),
        ("class_leader", False, True),
        ("mentor", False, True),
        ("outsider", False, False),
    ],
)
def test_the_menu_offers_the_questionnaires_by_role(client, personas, persona, surveys, mine):
    client.force_login(getattr(personas, persona))
    response = client.get(reverse("my_surveys"))
    labels = [section.label for section in response.context["menu"]]
    assert ("Анкеты" in labels, "Мои анкеты" in labels) == (surveys, mine)
    html = page(response)
    links = (f'href="{reverse("survey_list")}"' in html, f'href="{reverse("my_surveys")}"' in html)
    assert links == (surveys, mine)
