"""A whole capacity-building cycle in the browser: from opening the questionnaire to a delivered
and reported activity with a certificate of attendance."""

import datetime
import re

import pytest

pytestmark = pytest.mark.browser

PASSWORD = "smenet-demo-2025"
ARABIC = re.compile("[\u0600-\u06ff]")


def log_in(page, base, email, prefix=""):
    page.context.clear_cookies()
    page.goto(f"{base}{prefix}/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".account").is_visible()


def click(page, selector):
    page.locator(selector).first.click()
    page.wait_for_load_state()


def flash(page) -> str:
    return page.locator(".messages").inner_text()


def test_secretariat_runs_a_whole_cycle(page, live_server, live_founding, screenshot, time_machine):
    from smenet.registry.models import Institution

    base = live_server.url
    slugs = {
        key: Institution.objects.get(acronym=acronym, country__iso3=iso3).slug
        for key, acronym, iso3 in [
            ("kobia", "KOBİA", "AZE"),
            ("monshaat", "Monsha'at", "SAU"),
            ("marocpme", "Maroc PME", "MAR"),
        ]
    }
    today = datetime.date.today()

    # The Secretariat opens the cycle, asking three institutions.
    log_in(page, base, "secretariat@smenet.example")
    page.goto(f"{base}/capacity/cycles/new/")
    page.fill("#id_code", "2027")
    page.fill("#id_title_en", "Needs and capacities 2027")
    page.fill("#id_title_ar", "الاحتياجات والقدرات 2027")
    page.fill("#id_opens_on", (today - datetime.timedelta(days=1)).isoformat())
    page.fill("#id_closes_on", (today + datetime.timedelta(days=30)).isoformat())
    page.evaluate(
        "document.querySelectorAll('input[name=institutions]').forEach(b => b.checked = false)"
    )
    for key in ("kobia", "monshaat", "marocpme"):
        page.locator(
            f"input[name=institutions][value='{Institution.objects.get(slug=slugs[key]).pk}']"
        ).check()
    click(page, "main button[type=submit]")
    page.wait_for_url(re.compile(r"/capacity/cycles/2027/$"))
    assert "0.0%" in page.locator(".response-rate").inner_text()

    # KOBİA's focal point answers in the Arabic interface: a draft first, then submits.
    log_in(page, base, "focal.kobia@smenet.example", "/ar")
    page.goto(f"{base}/ar/capacity/cycles/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    click(page, "a.answers-link[href*='/cycles/2027/']")
    assert page.url.endswith(f"/ar/capacity/cycles/2027/answers/{slugs['kobia']}/"), page.url
    assert page.locator("html").get_attribute("dir") == "rtl"
    # Subject names come in Arabic (the interface strings are translated at the end).
    assert ARABIC.search(page.locator("tr.answer-row th").first.inner_text())
    page.select_option("#id_access-to-finance__need", "3")
    page.select_option("#id_access-to-finance__desired_level", "3")
    page.locator("#id_access-to-finance__preferred_formats_1").check()
    click(page, "button[value=save]")
    assert page.locator("#response-status").inner_text().strip() != ""
    assert page.locator("input[name=version]").get_attribute("value") == "2"
    # Answers are laid out right to left: the subject column is at the right.
    row = page.locator("tr.answer-row").first
    assert row.locator("th").bounding_box()["x"] > row.locator("td").first.bounding_box()["x"]
    page.select_option("#id_digital-transformation__capacity_level", "3")
    page.fill("#id_digital-transformation__max_activities", "2")
    page.fill("#id_digital-transformation__delivery_languages", "en")
    page.fill("#id_languages", "az, en")
    screenshot("capacity-answers-ar")
    click(page, "button[value=submit]")
    assert page.locator(".messages").is_visible()
    click(page, "button[value=sign_off]")

    # Monsha'at's focal point answers in English: it provides finance, needs digital.
    log_in(page, base, "focal.monshaat@smenet.example")
    page.goto(f"{base}/capacity/cycles/2027/answers/{slugs['monshaat']}/")
    page.select_option("#id_access-to-finance__capacity_level", "3")
    page.fill("#id_access-to-finance__max_activities", "2")
    page.fill("#id_access-to-finance__delivery_languages", "ar, en")
    page.select_option("#id_digital-transformation__need", "2")
    page.fill("#id_languages", "ar, en")
    click(page, "button[value=submit]")
    assert "submitted" in flash(page)

    # The Secretariat sees the response rate and proposes matches.
    log_in(page, base, "secretariat@smenet.example")
    page.goto(f"{base}/capacity/cycles/2027/")
    assert "66.7%" in page.locator(".response-rate").inner_text()
    assert "Maroc PME" in page.locator("table.missing").inner_text()
    click(page, "button[name=send-reminders]")
    assert "1 reminders" in flash(page) or "1 reminder" in flash(page)
    page.locator("#id_require_common_language").check()
    click(page, "button[name=propose]")
    proposals = page.locator("table.proposals tbody tr")
    assert proposals.count() == 2
    screenshot("capacity-dashboard-en")
    finance = page.locator("table.proposals tbody tr", has_text="Access to finance")
    finance.locator("button[value=accept]").click()
    page.wait_for_load_state()
    assert "activity" in flash(page)
    page.locator("table.proposals a", has_text="act-").first.click()
    page.wait_for_url(re.compile(r"/capacity/activities/act-[\w-]+/$"))
    activity_url = page.url

    # Both sides confirm: the activity is agreed.
    for email in ("focal.kobia@smenet.example", "focal.monshaat@smenet.example"):
        log_in(page, base, email)
        page.goto(activity_url)
        click(page, "button[value=confirm]")
    assert "Agreed" in page.locator(".activity-status").inner_text()

    # The Secretariat schedules it (dates in Riyadh time) and opens nominations.
    log_in(page, base, "secretariat@smenet.example")
    page.goto(activity_url)
    start = today + datetime.timedelta(days=10)
    page.fill("#id_starts_at", f"{start.isoformat()}T09:00")
    page.fill("#id_ends_at", f"{start.isoformat()}T17:00")
    page.select_option("#id_time_zone", "Asia/Riyadh")
    page.select_option("#id_format", "online")
    click(page, "button[value=scheduled]")
    assert "Scheduled" in page.locator(".activity-status").inner_text()
    assert "Asia/Riyadh" in page.locator(".facts").inner_text()
    click(page, "button[value=nominations_open]")

    # KOBİA (the beneficiary) nominates a participant.
    log_in(page, base, "focal.kobia@smenet.example")
    page.goto(activity_url)
    page.fill("#id_full_name", "Aynur Həsənova")
    page.fill("#id_position", "Credit analyst")
    page.select_option("#id_gender", "female")
    page.fill("#id_email", "aynur@example.org")
    click(page, ".nomination-form button[type=submit]")
    assert "1 of 3" in page.locator(".quota").inner_text()

    # The Secretariat confirms, records attendance, delivers, reports.
    log_in(page, base, "secretariat@smenet.example")
    page.goto(activity_url)
    click(page, "button[value=confirm_nomination]")
    # Ten days before it takes place, attendance is refused (decision 0021).
    page.locator(".attendance-form input[type=checkbox]").first.check()
    click(page, ".attendance-form button[type=submit]")
    assert "from that day on" in page.locator("main").inner_text()
    # The day after it (in Riyadh), the Secretariat records attendance and delivers.
    time_machine.move_to(
        datetime.datetime.combine(
            start + datetime.timedelta(days=1), datetime.time(9), datetime.UTC
        )
    )
    page.goto(activity_url)
    page.locator(".attendance-form input[type=checkbox]").first.check()
    click(page, ".attendance-form button[type=submit]")
    click(page, "button[value=delivered]")
    page.fill("#id_outputs", "Twelve officers trained in credit guarantee schemes.")
    click(page, ".report-form button[type=submit]")
    click(page, "button[value=reported]")
    assert "Reported" in page.locator(".activity-status").inner_text()
    history = page.locator("table.transitions").inner_text()
    for status in ("Agreed", "Scheduled", "Nominations open", "Delivered", "Reported"):
        assert status in history
    assert page.locator(".evaluation-links a").count() == 1
    screenshot("capacity-activity-en")

    # The certificate is a PDF, in Arabic too.
    link = page.locator("a.certificate[hreflang=ar]").first.get_attribute("href")
    response = page.request.get(f"{base}{link}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    # The activity page and the reports in Arabic.
    page.goto(activity_url.replace(base, f"{base}/ar"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot("capacity-activity-ar")
    page.goto(f"{base}/ar/capacity/reports/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot("capacity-reports-ar")
    page.goto(f"{base}/ar/capacity/cycles/2027/")
    screenshot("capacity-dashboard-ar")

    # The public list shows it to everyone.
    page.context.clear_cookies()
    page.goto(f"{base}/ar/capacity/")
    reference = activity_url.rstrip("/").rsplit("/", 1)[1]
    assert page.locator("table.activities tbody tr", has_text=reference).count() == 0
    assert page.locator(f"table.activities a[href*='{reference}']").count() == 1
    screenshot("capacity-public-ar")
