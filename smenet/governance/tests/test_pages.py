"""The governance page: decisions with the meeting that took them (recorded by events)."""

import pytest

pytestmark = pytest.mark.django_db


def test_decisions_name_the_meeting_that_took_them(client, founding):
    html = client.get("/governance/").content.decode()
    assert "Inaugural meeting of the OIC SME Network" in html
    arabic = client.get("/ar/governance/").content.decode()
    assert "الاجتماع الافتتاحي لشبكة المنشآت الصغيرة والمتوسطة لمنظمة التعاون الإسلامي" in arabic
