"""Reported status and computed lateness are two concepts with two names in every language, and
every item shows one state (decision 0022); the Arabic GA report lays its tables out cleanly."""

import datetime
import re
import subprocess
from html import unescape

import pytest
from django.utils import translation

from smenet.plans import exports
from smenet.plans.choices import ItemState, ProgressStatus
from smenet.plans.models import PlanItem, PlanVersion

from .factories import task_force_user

pytestmark = pytest.mark.django_db
LANGUAGES = ["ar", "en", "fr"]
PREFIX = {"ar": "/ar", "en": "", "fr": "/fr"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_state_has_its_own_word(lang):
    with translation.override(lang):
        labels = [str(label).casefold() for label in ItemState.labels]
        delayed = str(ProgressStatus.DELAYED.label)
        overdue = str(ItemState.OVERDUE.label)
    assert len(set(labels)) == len(labels), labels
    assert delayed.casefold() != overdue.casefold()
    if lang != "en":
        assert overdue != "Overdue" and delayed != "Delayed"  # translated


@pytest.fixture
def overdue_on_track(draft):
    """Action 0 reported on track but its end date has passed; Action 1 reported delayed."""
    a0, a1 = draft["actions"][:2]
    PlanItem.objects.filter(pk=a0.pk).update(
        status="on_track", percent=60, end=datetime.date(2026, 3, 1)
    )
    PlanItem.objects.filter(pk=a1.pk).update(status="delayed", percent=20)
    return draft


def badges(html: str) -> list[list[str]]:
    """The state badges of each row of the plan tree."""
    rows = re.findall(r'<tr class="depth-\d"[^>]*>(.*?)</tr>', html, re.S)
    return [re.findall(r'class="badge st-([a-z_]+)"', row) for row in rows]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_show_one_state_per_item(client, overdue_on_track, lang, time_machine):
    time_machine.move_to("2026-06-01 12:00:00+00:00", tick=False)
    client.force_login(task_force_user())
    code = overdue_on_track["plan"].code
    html = client.get(f"{PREFIX[lang]}/plan/{code}/").content.decode()
    rows = badges(html)
    assert rows and all(len(row) == 1 for row in rows), rows
    assert ["overdue"] in rows and ["delayed"] in rows
    with translation.override(lang):
        on_track, overdue = str(ProgressStatus.ON_TRACK.label), str(ItemState.OVERDUE.label)
    action = re.search(r'<tr class="depth-3"[^>]*>(.*?)</tr>', html, re.S).group(1)
    assert "st-overdue" in action and "st-on_track" not in action
    assert on_track in unescape(action)  # said as what was reported, not as a second state

    dashboard = unescape(client.get(f"{PREFIX[lang]}/plan/{code}/dashboard/").content.decode())
    tiles = re.findall(r'<li class="count-([a-z_]+)"><strong>(\d+)</strong>([^<]+)</li>', dashboard)
    labels = [label.strip() for _code, _n, label in tiles]
    assert len(set(labels)) == len(labels), labels
    assert overdue in labels
    counts = {code: int(n) for code, n, _label in tiles}
    assert counts["overdue"] == 1 and counts["delayed"] == 1
    assert sum(counts.values()) == len(overdue_on_track["actions"])


def words(pdf: bytes, tmp_path) -> list[tuple[int, str, float, float, float, float]]:
    """Every word of every page with its box (pdftotext from poppler)."""
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    found, page = [], 0
    for line in xhtml.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
            line,
        )
        if m:
            x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
            found.append((page, unescape(m.group(5)), x0, y0, x1, y1))
    return found


def overlaps(found):
    clashes = []
    by_page: dict[int, list] = {}
    for w in found:
        by_page.setdefault(w[0], []).append(w)
    for page, ws in by_page.items():
        for i, a in enumerate(ws):
            for b in ws[i + 1 :]:
                dx = min(a[4], b[4]) - max(a[2], b[2])
                dy = min(a[5], b[5]) - max(a[3], b[3])
                # Drawn over each other: apart from the tall Arabic glyph boxes of two lines
                # touching, words on one line overlapping by more than a point.
                if dx > 1.0 and dy > 0.6 * min(a[5] - a[3], b[5] - b[3]):
                    clashes.append((page, a[1], b[1]))
    return clashes


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ga_report_pages_have_no_text_drawn_over_text(demo_plan, lang, tmp_path):
    """The Arabic "by objective" table printed each percentage over the next column's number.
    On every page of the report, in every language, no word overlaps another."""
    version = PlanVersion.objects.filter(plan__code="action-plan-2025-2028").latest("number")
    found = words(
        exports.report_pdf(version, lang=lang, today=datetime.date(2026, 12, 6)), tmp_path
    )
    assert len({w[0] for w in found}) >= 3  # cover, summary, the plan item by item
    assert not overlaps(found), overlaps(found)[:10]
    if lang == "ar":
        text = " ".join(w[1] for w in found)
        with translation.override("ar"):
            word = str(ItemState.OVERDUE.label).split()[0]
        assert word in text or word[::-1] in text  # pdftotext may give Arabic in visual order


def test_the_breadcrumb_names_the_plan_not_its_code(client, draft):
    client.force_login(task_force_user())
    html = client.get(f"/ar/plan/{draft['plan'].code}/").content.decode()
    crumb = re.search(r'<p class="breadcrumb">(.*?)</p>', html, re.S).group(1)
    assert "خطة عمل الشبكة" in crumb and f">{draft['plan'].code}<" not in crumb
