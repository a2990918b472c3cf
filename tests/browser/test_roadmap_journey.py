import datetime

from playwright.sync_api import expect

from mentoring import evidence, roadmap
from mentoring.models import NormativeAct, RoadmapActivity
from tests.browser.conftest import log_in
from tests.factories import make_act


def test_the_curator_marks_an_activity_done_and_sees_the_progress_change(page, personas, year):
    roadmap.create_from_seed(year)
    make_act(year, kind=NormativeAct.Kind.CURATOR_ORDER, number="98-о", date=datetime.date(2026, 9, 1))
    total = RoadmapActivity.objects.filter(stage__year=year).count()
    activity = RoadmapActivity.objects.get(stage__year=year, stage__number=2, number=1)

    log_in(page, "curator")
    page.get_by_role("link", name="Дорожная карта").first.click()
    expect(page.get_by_role("heading", name="Дорожная карта на 2026/2027 учебный год")).to_be_visible()

    overall = page.locator("#overall-progress [data-testid=progress-text]")
    stage = page.locator("#stage-progress-2 [data-testid=progress-text]")
    activities = RoadmapActivity.objects.filter(stage__year=year)
    holds = evidence.evaluate(activities.values_list("evidence_code", flat=True), year)
    proven = sum(holds.get(activity.evidence_code, False) for activity in activities)
    assert proven == 1  # the curator's order is signed: activity 1.4 is done by the data alone
    expect(overall).to_have_text(f"{proven} из {total} · {round(100 * proven / total)} %")
    expect(stage).to_have_text("0 из 4 · 0 %")

    row = page.locator(f"#activity-{activity.pk}")
    row.get_by_role("button", name="Выполнено…").click()
    row.get_by_label("Примечание (необязательно)").fill("Анкетирование 5–11 классов проведено")
    row.get_by_role("button", name="Отметить выполненным").click()

    expect(page.get_by_role("alert")).to_contain_text("отмечено выполненным")
    expect(overall).to_have_text(f"{proven + 1} из {total} · {round(100 * (proven + 1) / total)} %")
    expect(stage).to_have_text("1 из 4 · 25 %")
    row = page.locator(f"#activity-{activity.pk}")
    expect(row.get_by_test_id("status")).to_have_text("выполнено")
    expect(row).to_contain_text("Анкетирование 5–11 классов проведено")
    assert page.csp_violations == [], "\n".join(page.csp_violations)
