"""Meetings in Arabic, in a real browser, at 1280 and 390 px: the founding meeting's page (venue
time, the visitor's own time, Hijri date, right to left, no sideways scroll), the minutes
workflow (Secretariat drafts and circulates, a focal point objects), the decision register."""

from __future__ import annotations

import datetime
import re

import pytest

from .conftest import fonts_used

pytestmark = pytest.mark.browser

ARABIC = re.compile("[\u0600-\u06ff]")
WIDTHS = [1280, 390]


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def log_in(page, base, email):
    from django.conf import settings

    page.context.clear_cookies()
    page.goto(f"{base}/ar/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", settings.SMENET_DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


@pytest.fixture
def timed_meeting(live_founding):
    """A Bureau meeting in Ankara, 10:00–16:00 Istanbul time, with an agenda and a decision."""
    from smenet.events import services
    from smenet.governance.models import Body
    from smenet.registry.models import Institution

    bureau = Body.objects.get(code="bureau")
    meeting = services.meeting_create(
        actor=None,
        code="bureau-2027-1",
        titles={"ar": "الاجتماع الأول للمكتب 2027", "en": "Bureau, first meeting 2027"},
        body=bureau,
        number=1,
        start=datetime.datetime(2027, 3, 4, 10, 0),
        end=datetime.datetime(2027, 3, 4, 16, 0),
        time_zone="Europe/Istanbul",
        city="Ankara",
    )
    item = services.agenda_item_add(
        actor=None,
        meeting=meeting,
        titles={"ar": "متابعة خطة العمل", "en": "Action plan follow-up"},
    )
    services.agenda_item_add(
        actor=None, meeting=meeting, titles={"ar": "تقرير الأمانة"}, parent=item
    )
    decision = services.decision_record_at_meeting(
        actor=None,
        meeting=meeting,
        agenda_item=item,
        reference="BUR-2027-01",
        body=bureau,
        date=datetime.date(2027, 3, 4),
        kind="resolution",
        voting="consensus",
        titles={"ar": "اعتماد الجدول الزمني لتقارير التقدم", "en": "Progress reporting calendar"},
    )
    kobia = Institution.objects.get(acronym="KOBİA")
    services.follow_up_create(
        actor=None,
        decision=decision,
        owner=kobia,
        due_on=datetime.date(2027, 4, 1),
        titles={"ar": "تعميم الجدول الزمني على المنسقين", "en": "Circulate the calendar"},
    )
    return meeting


@pytest.mark.parametrize("width", WIDTHS)
def test_founding_meeting_page_in_arabic(browser, live_server, live_founding, width):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="ar", timezone_id="America/New_York"
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/ar/meetings/inaugural-meeting-2025/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert ARABIC.search(page.locator("h1").inner_text())
    assert "1447" in page.locator(".hijri").first.inner_text()  # Umm al-Qura year of 7 Oct 2025
    assert page.locator("ol.list li").count() == 5  # the founding decisions, numbered
    assert no_sideways_scroll(page)
    page.evaluate("document.fonts.ready")
    assert any("Arabic" in f for f in fonts_used(page, "h1"))
    page.screenshot(path=f"test-artifacts/meeting-founding-ar-{width}.png", full_page=True)
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_meeting_shows_venue_and_visitor_time(browser, live_server, timed_meeting, width):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="ar", timezone_id="Asia/Riyadh"
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/ar/meetings/{timed_meeting.code}/")
    when = page.locator(".facts dd").first.inner_text()
    assert "10:00" in when and "16:00" in when  # the venue's hours (Istanbul, UTC+03:00)
    visitor = page.locator(".visitor-time")
    visitor.wait_for(state="visible")
    assert visitor.get_attribute("data-zone") == "Asia/Riyadh"
    assert page.locator(".agenda li").count() == 2
    assert no_sideways_scroll(page)
    page.screenshot(path=f"test-artifacts/meeting-ar-{width}.png", full_page=True)
    # New York is 8 hours behind Istanbul in March: 02:00 there.
    ny = browser.new_context(
        viewport={"width": width, "height": 900}, locale="en-US", timezone_id="America/New_York"
    )
    other = ny.new_page()
    other.goto(f"{live_server.url}/meetings/{timed_meeting.code}/")
    text = other.locator(".visitor-time").inner_text()
    assert "02:00" in text and "America/New_York" in text, text
    ny.close()
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_minutes_workflow_in_arabic(browser, live_server, timed_meeting, width):
    from smenet.events import services
    from smenet.registry.models import Institution

    services.invitation_send(
        actor=None, meeting=timed_meeting, institutions=[Institution.objects.get(acronym="KOBİA")]
    )
    base = live_server.url
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ar")
    page = context.new_page()
    log_in(page, base, "secretariat@smenet.example")
    page.goto(f"{base}/ar/meetings/{timed_meeting.code}/minutes/")
    page.fill("#id_text", "١. افتتاح الاجتماع.\n٢. متابعة خطة العمل.")
    with page.expect_navigation():  # the next page, not the one being left
        page.locator("button[value=save]").click()
    assert "مسودة" in page.locator(".minutes-status").inner_text()
    deadline = (datetime.datetime.now() + datetime.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    page.fill("#id_deadline", deadline)
    with page.expect_navigation():  # the next page, not the one being left
        page.locator("button[value=circulate]").click()
    assert "لإبداء الملاحظات" in page.locator(".minutes-status").inner_text()
    assert no_sideways_scroll(page)
    page.screenshot(path=f"test-artifacts/minutes-secretariat-ar-{width}.png", full_page=True)

    log_in(page, base, "focal.kobia@smenet.example")
    page.goto(f"{base}/ar/meetings/{timed_meeting.code}/minutes/")
    page.fill("#id_text", "البند الثاني لا يعكس موقفنا.")
    page.check("#id_is_objection")
    with page.expect_navigation():  # the next page, not the one being left
        page.locator("button[value=comment]").click()
    assert page.locator(".comment.objection").count() == 1
    assert no_sideways_scroll(page)
    page.screenshot(path=f"test-artifacts/minutes-comment-ar-{width}.png", full_page=True)
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_decision_register_in_arabic(browser, live_server, timed_meeting, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ar")
    page = context.new_page()
    page.goto(f"{live_server.url}/ar/decisions/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    chain = page.locator("#decision-bur-2027-01")
    assert "الاجتماع الأول للمكتب 2027" in chain.inner_text()
    assert "متابعة خطة العمل" in chain.inner_text()
    assert "تعميم الجدول الزمني" in chain.inner_text()
    page.select_option("#id_follow_up", "open")
    with page.expect_navigation():  # the next page, not the one being left
        page.locator("form.filters button[type=submit]").click()
    assert page.locator("#decision-bur-2027-01").count() == 1
    assert page.locator("#decision-ga-2025-01").count() == 0
    assert no_sideways_scroll(page)
    page.screenshot(path=f"test-artifacts/register-ar-{width}.png", full_page=True)
    context.close()
