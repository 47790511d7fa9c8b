"""The founding meeting as reference data, and the first real news item's meeting.

The inaugural meeting of the OIC SME Network — its General Assembly — was held in Baku on
7 October 2025, together with the 2nd Azerbaijan Halal Business Forum (AZERTAC; SESRIC's event
page). Its hours were not published, so it is recorded as a whole day in Baku's time zone. The
decisions it took (the Baku Declaration, the Bureau election, the Secretariat) are governance's
records (``governance/reference.py``, whose date, source and references this module uses: one
source of the founding); this module enters those that exist in the meeting's register, in
their order, and is safe to run again (a loader that records them later calls it again).
"""

from __future__ import annotations

import datetime

from django.db import transaction

from smenet.common.translation import set_translations
from smenet.governance.choices import BodyKind
from smenet.governance.models import Body, Decision
from smenet.governance.reference import BODIES, FOUNDING, FOUNDING_DECISIONS, SOURCE
from smenet.registry.models import Country

from .choices import Audience, MeetingKind, MeetingMode, MeetingStatus
from .models import Meeting, MeetingDecision, SymbolRule

FOUNDING_DAY = FOUNDING
FOUNDING_CODE = "inaugural-meeting-2025"

TITLES = {
    "en": "Inaugural meeting of the OIC SME Network (with the 2nd Azerbaijan Halal Business Forum)",
    "fr": "Réunion inaugurale du réseau des PME de l'OCI (avec le 2e Forum d'affaires halal "
    "d'Azerbaïdjan)",
    "ar": "الاجتماع الافتتاحي لشبكة المنشآت الصغيرة والمتوسطة لمنظمة التعاون الإسلامي (بالتزامن مع "
    "النسخة الثانية من منتدى أذربيجان للأعمال الحلال)",
}
DESCRIPTIONS = {
    "en": "The General Assembly founded the network, adopted the Baku Declaration unanimously, "
    "elected KOBİA (Azerbaijan) Chair of the Bureau for three years and the vice-chairs for the "
    "Arab region; SESRIC serves as the Secretariat.",
    "fr": "L'Assemblée générale a fondé le réseau, adopté à l'unanimité la Déclaration de Bakou, "
    "élu KOBİA (Azerbaïdjan) à la présidence du Bureau pour trois ans ainsi que les "
    "vice-présidents pour la région arabe ; le SESRIC assure le secrétariat.",
    "ar": "أسست الجمعية العامة الشبكة، واعتمدت إعلان باكو بالإجماع، وانتخبت وكالة تنمية المشاريع "
    "الصغيرة والمتوسطة (كوبيا) في أذربيجان رئيسا للمكتب لمدة ثلاث سنوات ونائبي الرئيس عن المنطقة "
    "العربية؛ ويتولى مركز سيسرك الأمانة.",
}
VENUES = {"en": "Baku", "fr": "Bakou", "ar": "باكو"}
GENERAL_ASSEMBLY_NAMES = next(b[5] for b in BODIES if b[0] == "general-assembly")
GENERAL_ASSEMBLY_DESCRIPTIONS = next(b[6] for b in BODIES if b[0] == "general-assembly")
#: Document symbol prefixes of the founding bodies (SMENET/GA/2025/1/DOC.1).
SYMBOL_PREFIXES = {
    "general-assembly": "GA",
    "bureau": "BUR",
    "secretariat": "SEC",
    "task-force-action-plan": "TF",
}


def general_assembly() -> Body:
    """The General Assembly (created through governance's service when it is not there yet,
    with the same names the governance founding loader uses)."""
    from smenet.governance import services as gov

    body = Body.objects.filter(code="general-assembly").first()
    if body is None:
        body = gov.body_create(
            actor=None,
            code="general-assembly",
            kind=BodyKind.GENERAL_ASSEMBLY,
            names=GENERAL_ASSEMBLY_NAMES,
            descriptions=GENERAL_ASSEMBLY_DESCRIPTIONS,
            established_on=FOUNDING_DAY,
            order=1,
        )
    return body


@transaction.atomic
def load_founding_meeting() -> Meeting:
    """The founding meeting (once), symbol rules of the bodies there are, and the founding
    decisions that exist entered in its register. Idempotent."""
    from zoneinfo import ZoneInfo

    meeting = Meeting.objects.filter(code=FOUNDING_CODE).first()
    if meeting is None:
        baku = ZoneInfo("Asia/Baku")
        meeting = Meeting(
            code=FOUNDING_CODE,
            kind=MeetingKind.STATUTORY,
            body=general_assembly(),
            number=1,
            mode=MeetingMode.IN_PERSON,
            city="Baku",
            country=Country.objects.filter(iso3="AZE").first(),
            time_zone="Asia/Baku",
            start=datetime.datetime.combine(FOUNDING_DAY, datetime.time(0), tzinfo=baku),
            end=datetime.datetime.combine(
                FOUNDING_DAY + datetime.timedelta(days=1), datetime.time(0), tzinfo=baku
            ),
            all_day=True,
            status=MeetingStatus.HELD,
            audience=Audience.PUBLIC,
            source_url=SOURCE,
        )
        set_translations(meeting, {"title": TITLES, "description": DESCRIPTIONS, "venue": VENUES})
        meeting.full_clean()
        meeting.save()
    for code, prefix in SYMBOL_PREFIXES.items():
        body = Body.objects.filter(code=code).first()
        if body is not None:
            SymbolRule.objects.get_or_create(body=body, defaults={"prefix": prefix})
    register_founding_decisions(meeting)
    return meeting


def register_founding_decisions(meeting: Meeting) -> int:
    """Enter the founding decisions recorded so far in the meeting's register (numbers 1–4 in
    the order of their references)."""
    added = 0
    decisions = {d.reference: d for d in Decision.objects.filter(reference__in=FOUNDING_DECISIONS)}
    for number, reference in enumerate(FOUNDING_DECISIONS, start=1):
        decision = decisions.get(reference)
        if decision is None or MeetingDecision.objects.filter(decision=decision).exists():
            continue
        if MeetingDecision.objects.filter(meeting=meeting, number=number).exists():
            continue
        MeetingDecision.objects.create(decision=decision, meeting=meeting, number=number)
        added += 1
    return added


def load_reference_data() -> dict[str, int]:
    """The reference-data hook (``common.reference``)."""
    load_founding_meeting()
    return {"meetings": Meeting.objects.filter(code=FOUNDING_CODE).count()}
