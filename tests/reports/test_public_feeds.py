"""What machines read of the public section: the Atom feed, the sitemap and robots.txt."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring.models import NormativeAct
from tests.factories import make_act
from tests.reports.test_public import NOW, Kind, adult, allow, appear, minor, publish

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE = "https://nastavnik.school43.example"


@pytest.fixture(autouse=True)
def site(requisites, year):
    return requisites


def feed(client):
    response = client.get(reverse("public_feed"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def sitemap_locations(client):
    response = client.get(reverse("public_sitemap"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    return {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root}


def test_the_feed_lists_visible_news_and_announcements_newest_first(client):
    publish("Встреча наставников", summary="Коротко о встрече", published_at=NOW - datetime.timedelta(days=2))
    publish(
        "Конференция",
        kind=Kind.ANNOUNCEMENT,
        slug="conference",
        text="Приглашаем **всех** на конференцию.",
        event_date=datetime.date(2027, 4, 20),
    )
    publish("Итоги года", kind=Kind.RESULT)
    publish("Черновик", status="draft")
    publish("Завтрашняя", published_at=NOW + datetime.timedelta(days=1))
    root = feed(client)
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title") == "Наставничество — ГБОУ школа № 43"
    assert root.findtext(f"{ATOM}id") == f"{SITE}/nastavnichestvo/novosti.atom"
    entries = root.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Конференция", "Встреча наставников"]
    conference, meeting = entries
    assert conference.find(f"{ATOM}link").get("href") == f"{SITE}/nastavnichestvo/anonsy/conference/"
    assert conference.findtext(f"{ATOM}summary") == "Приглашаем всех на конференцию."
    assert meeting.findtext(f"{ATOM}summary") == "Коротко о встрече"
    assert conference.findtext(f"{ATOM}published") and conference.findtext(f"{ATOM}updated")


def test_the_feed_keeps_the_latest_twenty(client):
    for number in range(23):
        publish(f"Новость {number}", published_at=NOW - datetime.timedelta(hours=number))
    entries = feed(client).findall(f"{ATOM}entry")
    assert len(entries) == 20 and entries[-1].findtext(f"{ATOM}title") == "Новость 19"


def test_the_feed_and_the_sitemap_leave_out_items_beyond_consent(client):
    student = minor()
    allow(student)  # the minor's own consent
    hidden = publish("Победа ученика", slug="victory")
    appear(hidden, student)
    shown = publish("Встреча", slug="meeting")
    teacher = adult()
    allow(teacher)
    appear(shown, teacher)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed(client).findall(f"{ATOM}entry")]
    assert titles == ["Встреча"]
    locations = sitemap_locations(client)
    assert f"{SITE}/nastavnichestvo/novosti/meeting/" in locations
    assert f"{SITE}/nastavnichestvo/novosti/victory/" not in locations


def test_the_sitemap_lists_the_pages_sections_publications_and_published_acts(client, year):
    item = publish("Положение", kind=Kind.DOCUMENT, level="school", slug="polozhenie")
    publish("Черновик", slug="draft", status="draft")
    act = make_act(year, number="98-о", status=NormativeAct.Status.PUBLISHED, slug="prikaz-98-o-ot-10-11-2026")
    make_act(year, number="99-о", status=NormativeAct.Status.SIGNED, slug="prikaz-99-o-ot-10-11-2026")
    NormativeAct.objects.filter(pk=act.pk).update(published_at=NOW)
    locations = sitemap_locations(client)
    base = f"{SITE}/nastavnichestvo/"
    for path in ("", "programma/", "novosti/", "anonsy/", "dokumenty/", "metodicheskie-materialy/", "itogi/"):
        assert base + path in locations
    assert locations[base + "dokumenty/polozhenie/"] == item.updated_at.date().isoformat()
    assert base + "prikazy/prikaz-98-o-ot-10-11-2026/" in locations
    assert base + "prikazy/prikaz-99-o-ot-10-11-2026/" not in locations
    assert base + "novosti/draft/" not in locations


def test_robots_allow_only_the_public_section_and_its_styles_and_name_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Allow: /nastavnichestvo/",
        "Allow: /static/",
        "Disallow: /",
        f"Sitemap: {SITE}/nastavnichestvo/sitemap.xml",
    ]


def test_the_feed_and_the_sitemap_cost_the_same_queries_for_one_and_many_items(client, year):
    publish(slug="first")
    make_act(year, number="1-о", status=NormativeAct.Status.PUBLISHED, slug="prikaz-1")

    def count(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    one = count(reverse("public_feed")), count(reverse("public_sitemap"))
    for number in range(12):
        item = publish(slug=f"news-{number}", kind=[Kind.NEWS, Kind.ANNOUNCEMENT, Kind.CASE][number % 3])
        person = adult(last_name=f"Учителева{number}")
        allow(person)
        appear(item, person)
        make_act(year, number=f"{number + 2}-о", status=NormativeAct.Status.PUBLISHED, slug=f"prikaz-{number + 2}")
    assert (count(reverse("public_feed")), count(reverse("public_sitemap"))) == one
