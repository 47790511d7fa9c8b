"""The action plan end to end in the browser, in Arabic: draft → comment → submit → review →
adopt → open a round → report → validate → dashboard."""

import re

import pytest

from .conftest import fonts_used

pytestmark = pytest.mark.browser

ARABIC = re.compile("[\u0600-\u06ff]")
PLAN = "/ar/plan/action-plan-2025-2028"


@pytest.fixture
def live_plan(live_founding):
    from smenet.plans.demo import load_demo

    load_demo()


def login(page, base, email):
    from django.conf import settings

    page.context.clear_cookies()
    page.goto(f"{base}/ar/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", settings.SMENET_DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/ar/$"))


def test_plan_lifecycle_in_arabic(page, live_server, live_plan, screenshot):
    base = live_server.url
    login(page, base, "taskforce@smenet.example")
    page.goto(f"{base}{PLAN}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1 .badge.sample").is_visible()
    assert ARABIC.search(page.locator("h1").inner_text())
    assert any("Arabic" in f for f in fonts_used(page, "h1"))
    # Right-to-left table: the number column is at the right.
    headers = page.locator("table.plan-tree thead th")
    assert headers.first.bounding_box()["x"] > headers.last.bounding_box()["x"]
    screenshot("plan-tree-ar")

    page.locator("table.plan-tree tbody tr.depth-3 a").first.click()
    page.fill("#id_body", "نقترح إضافة خط أساس لهذا المؤشر.")
    page.locator("#add-comment").click()
    assert "نقترح إضافة خط أساس" in page.locator("#comments").inner_text()
    page.goto(f"{base}{PLAN}/")
    page.locator("#submit-version").click()
    assert page.locator("#version-status").get_attribute("class").endswith("v-submitted")

    login(page, base, "bureau@smenet.example")
    page.goto(f"{base}{PLAN}/")
    page.locator("#start-review").click()
    assert page.locator("#version-status").get_attribute("class").endswith("v-under_review")

    login(page, base, "secretariat@smenet.example")
    page.goto(f"{base}{PLAN}/")
    page.locator("#adopt summary").click()
    page.fill("#id_reference", "GA-2026-07")
    page.fill("#id_date", "2026-10-07")
    page.select_option("#id_voting", "unanimous")
    page.locator("#adopt-version").click()
    assert page.locator("#version-status").get_attribute("class").endswith("v-adopted")
    assert "GA-2026-07" in page.locator("main").inner_text()

    page.goto(f"{base}{PLAN}/rounds/")
    page.fill("#id_label", "الجولة الثانية 2026")
    page.fill("#id_opens_on", "2026-11-01")
    page.fill("#id_deadline", "2099-12-31")
    page.locator("#open-round").click()
    page.wait_for_url(re.compile(r"/rounds/\d+/$"))
    round_url = page.url

    login(page, base, "focal.kobia@smenet.example")
    page.goto(round_url)
    row = page.locator("#reports tbody tr", has_text="KOBİA").first
    row.locator("a").click()
    page.select_option("#id_progress_status", "at_risk")
    page.fill("#id_percent", "35")
    page.fill("#id_narrative", "تأخر بسبب إعادة جدولة الزيارات.")
    screenshot("report-form-ar")
    page.locator("#submit-report").click()
    page.wait_for_url(re.compile(r"/rounds/\d+/$"))

    login(page, base, "secretariat@smenet.example")
    page.goto(round_url)
    page.locator("button.validate-report").first.click()
    page.goto(f"{base}{PLAN}/dashboard/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("#status-counts .count-at_risk strong").inner_text().strip() != "0"
    assert (
        page.locator("svg.status-bar").is_visible()
        and page.locator("svg.indicator-chart").is_visible()
    )
    screenshot("plan-dashboard-ar")

    # The public sees the adopted plan's progress, right to left.
    page.context.clear_cookies()
    page.goto(f"{base}{PLAN}/progress/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("table.plan-tree tbody tr").count() >= 20
    page.goto(f"{base}{PLAN}/timeline/")
    svg = page.locator("svg.gantt")
    assert svg.get_attribute("direction") == "rtl"
    screenshot("plan-timeline-ar")


def test_plan_import_job_page_in_arabic(page, live_server, live_plan, screenshot):
    """The import runs as a job: its page (progress bar, message) in Arabic at 1280 and 390 px."""
    from smenet.plans.exports import plan_csv
    from smenet.plans.models import PlanVersion

    version = PlanVersion.objects.filter(plan__code="action-plan-2025-2028", status="draft").first()
    assert version is not None
    content = plan_csv(version)
    base = live_server.url
    login(page, base, "taskforce@smenet.example")
    page.goto(f"{base}{PLAN}/v{version.number}/import/")
    page.set_input_files(
        "#id_file", files=[{"name": "plan.csv", "mimeType": "text/csv", "buffer": content}]
    )
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/ar/jobs/\d+/$"))
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.reload()
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert ARABIC.search(page.locator("#job-message").inner_text())
        assert page.locator("#job-progress").get_attribute("value") == "100"
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1"
        )
        screenshot(f"import-job-ar-{width}")
