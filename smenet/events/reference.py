"""The inaugural meeting of the network (Baku, 7 October 2025) as reference data, and the
founding decisions it took (``governance/reference.py``): a public fact with its source."""

from __future__ import annotations

from django.db import transaction

from smenet.common.translation import set_translations
from smenet.governance.models import Body, Decision
from smenet.governance.reference import FOUNDING, FOUNDING_DECISIONS, SOURCE
from smenet.registry.models import Country

from .models import Meeting
from .services import meeting_record_decisions

CODE = "inaugural-meeting-2025"


@transaction.atomic
def load_inaugural_meeting() -> Meeting | None:
    meeting = Meeting.objects.filter(code=CODE).first()
    assembly = Body.objects.filter(code="general-assembly").first()
    if assembly is None:
        return None
    if meeting is None:
        bodies = {"general-assembly": assembly}
        meeting = Meeting(
            code="inaugural-meeting-2025",
            body=bodies["general-assembly"],
            start=FOUNDING,
            city="Baku",
            country=Country.objects.get(iso3="AZE"),
            source_url=SOURCE,
        )
        set_translations(
            meeting,
            {
                "title": {
                    "en": "Inaugural meeting of the OIC SME Network (with the 2nd Azerbaijan Halal Business Forum)",
                    "fr": "Réunion inaugurale du réseau des PME de l'OCI (avec le 2e Forum d'affaires halal d'Azerbaïdjan)",
                    "ar": "الاجتماع الافتتاحي لشبكة المنشآت الصغيرة والمتوسطة لمنظمة التعاون الإسلامي (على هامش منتدى أذربيجان الثاني للأعمال الحلال)",
                }
            },
        )
        meeting.save()
    meeting_record_decisions(
        actor=None,
        meeting=meeting,
        decisions=Decision.objects.filter(reference__in=FOUNDING_DECISIONS).order_by("reference"),
    )
    return meeting


def load_reference_data() -> dict[str, int]:
    """Called by ``common.reference.load_reference_data`` (after governance's)."""
    return {"meetings": 1 if load_inaugural_meeting() else 0}
