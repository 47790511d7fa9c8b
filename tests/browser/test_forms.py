"""A long form with a bad value far down reloads with an error summary at the top: linked to
the field, focused, in the user's language (the questionnaire is 2,750 px tall)."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser


def test_questionnaire_error_summary_in_arabic(page, live_server, live_founding, screenshot):
    from smenet.capacity.models import Cycle
    from smenet.registry.models import Institution

    cycle = Cycle.objects.get()
    smeda = Institution.objects.get(acronym="SMEDA")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/ar/login/")
    page.fill("#id_username", "secretariat@smenet.example")
    page.fill("#id_password", settings.SMENET_DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/ar/capacity/cycles/{cycle.code}/answers/{smeda.slug}/")
    field = page.locator("input[id$='__max_activities']").last
    field_id = field.get_attribute("id")
    field.fill("-4")
    field.scroll_into_view_if_needed()
    page.locator("button[value=save]").click()
    page.wait_for_load_state()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement && document.activeElement.id") == "error-summary"
    assert page.evaluate("window.scrollY") < 400  # the summary is in view, at the top
    assert re.search("[\u0600-\u06ff]", summary.locator("h2").inner_text())
    link = summary.locator(f"a[href='#{field_id}']")
    assert link.count() == 1
    link.click()
    assert page.evaluate("document.activeElement.id") == field_id
    screenshot("questionnaire-error-summary-ar")
