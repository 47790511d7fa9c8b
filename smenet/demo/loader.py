"""Demo data: the real founding of the network (7 October 2025, Baku) from its sources, plus
illustrative sample accounts and task-force seats, flagged ``is_sample`` and labelled in the UI."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction

from smenet.common.translation import set_translations
from smenet.events.models import Meeting
from smenet.events.services import meeting_record_decisions
from smenet.governance import services as gov
from smenet.governance.choices import BodyKind, DecisionKind, PositionKind, VotingMethod
from smenet.governance.models import Body, Decision
from smenet.registry import services as reg
from smenet.registry.choices import Role
from smenet.registry.models import Country, Institution, Region, User

FOUNDING = datetime.date(2025, 10, 7)
#: The decisions taken at the inaugural meeting.
FOUNDING_DECISIONS = ("GA-2025-01", "GA-2025-02", "GA-2025-03", "GA-2025-04", "TF-2025-01")
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

SAMPLE_USERS = [
    ("secretariat@smenet.example", "Sample Secretariat Officer", None, Role.SECRETARIAT),
    ("bureau@smenet.example", "Sample Bureau Member", ("KOBİA", "AZE"), Role.BUREAU),
    ("focal.kobia@smenet.example", "Sample Focal Point, KOBİA", ("KOBİA", "AZE"), Role.FOCAL_POINT),
    (
        "focal.monshaat@smenet.example",
        "Sample Focal Point, Monsha'at",
        ("Monsha'at", "SAU"),
        Role.FOCAL_POINT,
    ),
    (
        "focal.marocpme@smenet.example",
        "Sample Focal Point, Maroc PME",
        ("Maroc PME", "MAR"),
        Role.FOCAL_POINT,
    ),
    ("taskforce@smenet.example", "Sample Task-Force Member", ("KOSGEB", "TUR"), Role.TASK_FORCE),
]


def demo_logins() -> list[tuple[str, str, str]]:
    password = settings.SMENET_DEMO_PASSWORD
    return [(email, str(Role(role).label), password) for email, _n, _i, role in SAMPLE_USERS]


def _inst(acronym: str, iso3: str | None) -> Institution:
    return (
        Institution.objects.get(acronym=acronym, country__iso3=iso3)
        if iso3
        else (Institution.objects.get(acronym=acronym, country=None))
    )


def is_loaded() -> bool:
    return Body.objects.filter(code="bureau").exists()


@transaction.atomic
def load_demo_data(verbosity: int = 0) -> bool:
    """Load the demo once into a database that has the reference data and no governance yet."""
    if is_loaded():
        if verbosity:
            print("Demo data: already loaded.")
        return False
    actor = None  # the system
    bodies: dict[str, Body] = {}
    for code, kind, term, established, order, names, descriptions in BODIES:
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
    tf_coord = gov.position_create(
        actor=actor,
        body=bodies["task-force-action-plan"],
        code="coordinator",
        kind=PositionKind.COORDINATOR,
        order=1,
    )
    tf_member = gov.position_create(
        actor=actor,
        body=bodies["task-force-action-plan"],
        code="member",
        kind=PositionKind.MEMBER,
        seats=12,
        order=2,
    )

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
    gov.decision_record(
        actor=actor,
        reference="TF-2025-01",
        body=bodies["task-force-action-plan"],
        date=FOUNDING,
        kind=DecisionKind.ESTABLISHMENT,
        voting=VotingMethod.NOT_RECORDED,
        proposed_by=sesric,
        is_sample=True,
        titles={
            "en": "Composition of the task force on the Action Plan (illustrative)",
            "fr": "Composition du groupe de travail sur le plan d'action (illustratif)",
            "ar": "تشكيل فريق العمل المعني بخطة العمل (توضيحي)",
        },
        elections=[
            gov.Election(position=tf_coord, holder=sesric),
            gov.Election(position=tf_member, holder=kobia),
            gov.Election(position=tf_member, holder=_inst("KOSGEB", "TUR")),
        ],
    )

    meeting_record_decisions(
        actor=actor,
        meeting=meeting,
        decisions=Decision.objects.filter(reference__in=FOUNDING_DECISIONS).order_by("reference"),
    )

    for email, full_name, inst_key, role in SAMPLE_USERS:
        institution = _inst(*inst_key) if inst_key else sesric
        user = reg.user_create(
            actor=actor,
            email=email,
            full_name=full_name,
            password=settings.SMENET_DEMO_PASSWORD,
            institution=institution,
        )
        reg.role_assign(
            actor=actor,
            user=user,
            role=role,
            institution=institution if role == Role.FOCAL_POINT else None,
        )
        if role == Role.SECRETARIAT:
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])

    # Each capability adds its own illustrative content on top of the founding.
    from smenet.capacity.demo import load_demo as load_capacity_demo
    from smenet.knowledge.demo import load_demo as load_knowledge_demo
    from smenet.plans.demo import load_demo as load_plans_demo
    from smenet.statistics.demo import load_demo as load_statistics_demo

    load_capacity_demo(verbosity)
    load_plans_demo(verbosity)
    load_knowledge_demo(verbosity)
    load_statistics_demo(verbosity)
    if verbosity:
        print(
            f"Demo data: {Decision.objects.count()} decisions, "
            f"{User.objects.count()} sample accounts."
        )
    return True
