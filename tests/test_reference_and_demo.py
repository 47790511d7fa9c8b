"""The founding of the network is reference data (a --no-demo installation has it, with its
sources); the demo adds sample content that tells one consistent story, said "sample" once."""

import re

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db

FOUNDING_SOURCES = ("azertag.az", "librentreprise.ma")


def test_reference_data_alone_has_the_founding(client, reference_data):
    from smenet.governance.models import Decision, Mandate
    from smenet.registry.models import User

    decisions = Decision.objects.order_by("reference")
    assert [d.reference for d in decisions] == [
        "GA-2025-01",
        "GA-2025-02",
        "GA-2025-03",
        "GA-2025-04",
    ]
    assert all(
        not d.is_sample and any(s in d.source_url for s in FOUNDING_SOURCES) for d in decisions
    )
    holders = {
        (m.position.body.code, m.position.code, m.holder.acronym)
        for m in Mandate.objects.select_related("position__body", "holder")
    }
    assert holders == {
        ("bureau", "chair", "KOBİA"),
        ("bureau", "vice-chair-arab", "Maroc PME"),
        ("bureau", "vice-chair-arab", "Monsha'at"),
        ("secretariat", "secretariat", "SESRIC"),
    }
    kobia = Mandate.objects.get(position__code="chair")
    assert (kobia.start.isoformat(), kobia.end.isoformat()) == ("2025-10-07", "2028-10-06")
    assert not User.objects.exists()  # no sample account without the demo
    html = client.get("/ar/governance/").content.decode()
    assert "إعلان باكو" in html  # the Baku Declaration, in Arabic
    assert "badge sample" not in html


def test_loading_the_reference_data_twice_changes_nothing(reference_data):
    from smenet.governance.models import Body, Decision, Mandate
    from smenet.registry.reference import load_reference_data

    before = (Body.objects.count(), Decision.objects.count(), Mandate.objects.count())
    load_reference_data()
    assert (Body.objects.count(), Decision.objects.count(), Mandate.objects.count()) == before


def test_founding_institutions_have_their_arabic_names(reference_data):
    from smenet.common.translation import translated
    from smenet.registry.models import Institution

    arabic = re.compile("[\u0600-\u06ff]")
    for acronym in ("KOBİA", "KOSGEB", "Monsha'at", "Maroc PME", "SESRIC", "SMEDA"):
        institution = Institution.objects.get(acronym=acronym)
        assert arabic.search(translated(institution, "name", "ar")), acronym
        assert translated(institution, "name", "fr"), acronym


def test_curation_notes_are_not_shown(client, reference_data):
    from smenet.registry.models import Institution

    for institution in Institution.objects.all():
        assert not institution.safe_translation_getter("network_role", language_code="en")
    kobia = Institution.objects.get(acronym="KOBİA")
    html = client.get(kobia.get_absolute_url()).content.decode()
    assert "not named in the sources" not in html and "panel participant" not in html


@pytest.fixture
def demo(founding):
    return founding


def test_demo_plan_is_adopted_public_and_has_a_next_draft(client, demo):
    from smenet.plans.models import Plan

    plan = Plan.objects.get()
    statuses = list(plan.versions.order_by("number").values_list("number", "status"))
    assert statuses == [(1, "adopted"), (2, "draft")]
    assert plan.versions.get(number=1).decision.is_sample
    # Visitors see the adopted plan and its progress.
    progress = client.get(f"/plan/{plan.code}/progress/")
    assert progress.status_code == 200
    html = progress.content.decode()
    assert "progress-fill" in html and "GA-2026-03" in html
    assert plan.code in client.get("/plan/").content.decode()


def test_demo_nominations_match_attendance(demo):
    from smenet.capacity.models import Activity

    activity = Activity.objects.get(status="reported")
    nominations = list(activity.nominations.all())
    assert nominations and all(n.status == "confirmed" and n.attended for n in nominations)


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_demo_says_sample_once(demo, lang):
    """Sample content carries the badge; its texts do not say "sample" again."""
    from smenet.capacity.models import Activity, Cycle
    from smenet.governance.models import Decision
    from smenet.plans.models import Plan, ProgressReport

    with translation.override(lang):
        word = {"ar": "مثال", "en": "sample", "fr": "exemple"}[lang]
        texts = [str(o) for o in Activity.objects.all()] + [str(c) for c in Cycle.objects.all()]
        texts += [
            str(d.safe_translation_getter("title", language_code=lang))
            for d in Decision.objects.filter(is_sample=True)
        ]
        texts += [
            p.safe_translation_getter("description", language_code=lang) or ""
            for p in Plan.objects.all()
        ]
    texts += [r.narrative for r in ProgressReport.objects.all()]
    texts += [str(r.label) for r in Plan.objects.get().versions.get(number=1).rounds.all()]
    offenders = [t for t in texts if word in t.casefold() or "illustrati" in t.casefold()]
    assert not offenders, offenders


def test_governance_page_reads_right_in_arabic(client, reference_data):
    """Mixed-direction runs isolated, the Arabic comma, no separator left dangling."""
    html = client.get("/ar/governance/").content.decode()
    assert '<td class="holder"><a href="' in html and "><bdi>KOBİA</bdi></a> — <bdi>" in html
    assert "(الجمعية العامة، " in html  # body, meeting: the Arabic comma
    assert '<p class="muted">\n    · ' not in html and '<p class="muted"> ·' not in html
    body_lines = [line.strip() for line in html.split('<p class="muted">')[1:]]
    assert not any(line.startswith("·") for line in body_lines)
