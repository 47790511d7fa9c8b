"""The founding of the network as reference data: public facts with their sources.

On 7 October 2025 in Baku (at the 2nd Azerbaijan Halal Business Forum) the inaugural meeting of
the OIC SME Network founded the network and adopted the Baku Declaration unanimously, elected
KOBİA (Azerbaijan) Chair of the Bureau for three years, Maroc PME and Monsha'at vice-chairs for
the Arab region, and SESRIC served as the Secretariat; a task force was proposed to draft the
Action Plan 2025–2028. These are facts, not demo content: every installation has them, also
``smenet serve --no-demo``. Only the illustrative content (sample people, answers, plans,
practices, the task force's composition) is demo data (``smenet/demo``).

Sources: AZERTAC in English and Arabic, and L'Info Entreprise (Morocco) for the Arab-region
vice-chairs; each decision keeps its source address. Loaded once, idempotently (an existing
body, position or decision is left as it is).
"""

from __future__ import annotations

import datetime

from django.db import transaction

from smenet.registry.models import Institution, Region

from . import services as gov
from .choices import BodyKind, DecisionKind, PositionKind, VotingMethod
from .models import Body, Decision, Position

FOUNDING = datetime.date(2025, 10, 7)
#: The decisions of the founding (facts); TF-2025-01, the task force's composition, is demo.
FOUNDING_DECISIONS = ("GA-2025-01", "GA-2025-02", "GA-2025-03", "GA-2025-04")
SOURCE = "https://azertag.az/en/xeber/baku_hosts_founding_meeting_of_oic_sme_network-3793131"
SOURCE_AR = "https://azertag.az/ar/xeber/arabic-3798403"
SOURCE_MA = (
    "https://librentreprise.ma/2025/10/09/"
    "le-maroc-nomme-vice-president-du-reseau-des-pme-de-loci-pour-la-region-des-pays-arabes"
)

BODIES = [
    (
        "general-assembly",
        BodyKind.GENERAL_ASSEMBLY,
        None,
        FOUNDING,
        1,
        {"en": "General Assembly", "fr": "Assemblée générale", "ar": "الجمعية العامة"},
        {
            "en": "All member institutions of the network.",
            "fr": "Toutes les institutions membres du réseau.",
            "ar": "جميع المؤسسات الأعضاء في الشبكة.",
        },
    ),
    (
        "bureau",
        BodyKind.BUREAU,
        3,
        FOUNDING,
        2,
        {"en": "Bureau", "fr": "Bureau", "ar": "المكتب"},
        {
            "en": "A chair for three years and vice-chairs for each OIC region.",
            "fr": "Un président pour trois ans et des vice-présidents pour chaque région de l'OCI.",
            "ar": "رئيس لمدة ثلاث سنوات ونواب للرئيس عن كل منطقة من مناطق منظمة التعاون الإسلامي.",
        },
    ),
    (
        "secretariat",
        BodyKind.SECRETARIAT,
        None,
        FOUNDING,
        3,
        {"en": "Secretariat", "fr": "Secrétariat", "ar": "الأمانة"},
        {"en": "SESRIC, Ankara.", "fr": "SESRIC, Ankara.", "ar": "سيسرك، أنقرة."},
    ),
    (
        "task-force-action-plan",
        BodyKind.TASK_FORCE,
        None,
        None,
        4,
        {
            "en": "Task force on the Action Plan 2025–2028",
            "fr": "Groupe de travail sur le plan d'action 2025-2028",
            "ar": "فريق العمل المعني بخطة العمل 2025-2028",
        },
        {
            "en": "Proposed by SESRIC's Director General on 7 October 2025 and welcomed by KOBİA, to "
            "draft the network's comprehensive Action Plan 2025–2028.",
            "fr": "Proposé par la directrice générale du SESRIC le 7 octobre 2025 et salué par KOBİA, "
            "pour rédiger le plan d'action global 2025-2028 du réseau.",
            "ar": "اقترحته المديرة العامة لمركز سيسرك في 7 أكتوبر 2025 ورحبت به كوبيا، لإعداد خطة "
            "العمل الشاملة للشبكة 2025-2028.",
        },
    ),
]


def _inst(acronym: str, iso3: str | None) -> Institution:
    return (
        Institution.objects.get(acronym=acronym, country__iso3=iso3)
        if iso3
        else (Institution.objects.get(acronym=acronym, country=None))
    )


def is_loaded() -> bool:
    return Decision.objects.filter(reference="GA-2025-01").exists()


@transaction.atomic
def load_founding(verbosity: int = 0) -> bool:
    """Bodies, positions and the four decisions of the founding, once (the inaugural meeting
    that took them is the events app's reference data)."""
    if is_loaded():
        return False
    actor = None  # the system
    bodies: dict[str, Body] = {}
    for code, kind, term, established, order, names, descriptions in BODIES:
        existing = Body.objects.filter(code=code).first()
        if existing is not None:
            bodies[code] = existing
            continue
        bodies[code] = gov.body_create(
            actor=actor,
            code=code,
            kind=kind,
            names=names,
            descriptions=descriptions,
            term_years=term,
            established_on=established,
            order=order,
        )
    regions = {r.code: r for r in Region.objects.all()}
    chair = gov.position_create(
        actor=actor, body=bodies["bureau"], code="chair", kind=PositionKind.CHAIR, order=1
    )
    vice = {
        code: gov.position_create(
            actor=actor,
            body=bodies["bureau"],
            code=f"vice-chair-{code.lower()}",
            kind=PositionKind.VICE_CHAIR,
            region=regions[code],
            seats=2,
            order=2 + i,
        )
        for i, code in enumerate(["Arab", "Asian", "African"])
    }
    secretariat = gov.position_create(
        actor=actor,
        body=bodies["secretariat"],
        code="secretariat",
        kind=PositionKind.SECRETARIAT,
        order=1,
    )
    gov.position_create(
        actor=actor,
        body=bodies["task-force-action-plan"],
        code="coordinator",
        kind=PositionKind.COORDINATOR,
        order=1,
    )
    gov.position_create(
        actor=actor,
        body=bodies["task-force-action-plan"],
        code="member",
        kind=PositionKind.MEMBER,
        seats=12,
        order=2,
    )

    kobia, monshaat, marocpme = (
        _inst("KOBİA", "AZE"),
        _inst("Monsha'at", "SAU"),
        _inst("Maroc PME", "MAR"),
    )
    sesric = _inst("SESRIC", None)
    gov.decision_record(
        actor=actor,
        reference="GA-2025-01",
        body=bodies["general-assembly"],
        date=FOUNDING,
        kind=DecisionKind.ADOPTION,
        voting=VotingMethod.UNANIMOUS,
        source_url=SOURCE,
        titles={
            "en": "Founding of the network and adoption of the Baku Declaration",
            "fr": "Fondation du réseau et adoption de la Déclaration de Bakou",
            "ar": "تأسيس الشبكة واعتماد إعلان باكو",
        },
    )
    gov.decision_record(
        actor=actor,
        reference="GA-2025-02",
        body=bodies["general-assembly"],
        date=FOUNDING,
        kind=DecisionKind.ELECTION,
        voting=VotingMethod.UNANIMOUS,
        source_url=SOURCE,
        titles={
            "en": "Election of KOBİA (Azerbaijan) as Chair of the Bureau for three years",
            "fr": "Élection de KOBİA (Azerbaïdjan) à la présidence du Bureau pour trois ans",
            "ar": "انتخاب كوبيا (أذربيجان) رئيسا للمكتب لمدة ثلاث سنوات",
        },
        elections=[gov.Election(position=chair, holder=kobia)],
    )
    gov.decision_record(
        actor=actor,
        reference="GA-2025-03",
        body=bodies["general-assembly"],
        date=FOUNDING,
        kind=DecisionKind.ELECTION,
        voting=VotingMethod.NOT_RECORDED,
        source_url=SOURCE_MA,
        titles={
            "en": "Vice-chairs for the Arab region: Maroc PME and Monsha'at",
            "fr": "Vice-présidents pour la région arabe : Maroc PME et Monsha'at",
            "ar": "نائبا الرئيس عن المنطقة العربية: المغرب للمقاولات الصغرى والمتوسطة ومنشآت",
        },
        elections=[
            gov.Election(position=vice["Arab"], holder=marocpme),
            gov.Election(position=vice["Arab"], holder=monshaat),
        ],
    )
    gov.decision_record(
        actor=actor,
        reference="GA-2025-04",
        body=bodies["general-assembly"],
        date=FOUNDING,
        kind=DecisionKind.APPOINTMENT,
        voting=VotingMethod.NOT_RECORDED,
        source_url=SOURCE,
        titles={
            "en": "SESRIC serves as the Secretariat of the network",
            "fr": "Le SESRIC assure le secrétariat du réseau",
            "ar": "يتولى مركز سيسرك أمانة الشبكة",
        },
        elections=[gov.Election(position=secretariat, holder=sesric)],
    )
    if verbosity:
        print(
            f"Founding: {Decision.objects.count()} decisions, {Position.objects.count()} positions."
        )
    return True


def load_reference_data() -> dict[str, int]:
    """Called by ``common.reference.load_reference_data`` (after the registry's)."""
    load_founding()
    return {"decisions": Decision.objects.filter(reference__in=FOUNDING_DECISIONS).count()}
