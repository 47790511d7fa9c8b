"""Demo data of the plans app, loaded by smenet.demo.loader after the founding.

An illustrative draft of the Action Plan 2025–2028, flagged ``is_sample`` and labelled "sample"
in the interface: the real plan is being drafted by the task force. One baseline reporting round,
completed, shows how following the plan works.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from smenet.governance.choices import VotingMethod
from smenet.registry.models import User
from smenet.registry.selectors import institution_find

from . import services
from .choices import ProgressStatus
from .models import Plan

CODE = "action-plan-2025-2028"

# (titles en/fr/ar, lead, partners, start, end, subjects, indicators, children)
D = datetime.date
TREE: list[Any] = [
    (
        ("Capacity building", "Renforcement des capacités", "بناء القدرات"),
        "SESRIC",
        [],
        D(2025, 11, 1),
        D(2028, 9, 30),
        ["agency-management"],
        [],
        [
            (
                (
                    "Member agencies' needs and capacities are known",
                    "Les besoins et capacités des agences membres sont connus",
                    "معرفة احتياجات الوكالات الأعضاء وقدراتها",
                ),
                "SESRIC",
                ["KOBİA"],
                D(2025, 11, 1),
                D(2026, 12, 31),
                ["agency-management"],
                [],
                [
                    (
                        (
                            "Run the first needs and capacities questionnaire",
                            "Mener le premier questionnaire sur les besoins et capacités",
                            "تنفيذ أول استبيان للاحتياجات والقدرات",
                        ),
                        "SESRIC",
                        [],
                        D(2025, 11, 1),
                        D(2026, 6, 30),
                        ["agency-management"],
                        [(("Response rate", "Taux de réponse", "معدل الاستجابة"), "%", 0, 80)],
                        [],
                    ),
                    (
                        (
                            "Training of trainers in SME advisory services",
                            "Formation de formateurs aux services de conseil aux PME",
                            "تدريب المدربين على خدمات استشارات المنشآت الصغيرة والمتوسطة",
                        ),
                        "KOSGEB",
                        ["SESRIC"],
                        D(2026, 3, 1),
                        D(2027, 12, 31),
                        ["business-advisory", "entrepreneurship-training"],
                        [
                            (
                                ("Trainers certified", "Formateurs certifiés", "مدربون معتمدون"),
                                "",
                                0,
                                60,
                            )
                        ],
                        [],
                    ),
                ],
            ),
        ],
    ),
    (
        ("Best-practice exchange", "Échange de bonnes pratiques", "تبادل أفضل الممارسات"),
        "KOBİA",
        ["SESRIC"],
        D(2025, 11, 1),
        D(2028, 9, 30),
        ["sme-policy"],
        [],
        [
            (
                (
                    "Agencies learn from each other's SME support models",
                    "Les agences apprennent des modèles d'appui des autres",
                    "تتعلم الوكالات من نماذج الدعم لدى بعضها",
                ),
                "KOBİA",
                [],
                D(2026, 1, 1),
                D(2028, 6, 30),
                ["sme-policy"],
                [],
                [
                    (
                        (
                            "Study visits to KOBİA's SME Houses",
                            "Visites d'étude des Maisons des PME de KOBİA",
                            "زيارات دراسية إلى بيوت المنشآت الصغيرة والمتوسطة التابعة لكوبيا",
                        ),
                        "KOBİA",
                        ["Monsha'at"],
                        D(2026, 2, 1),
                        D(2026, 5, 31),
                        ["business-advisory"],
                        [
                            (
                                (
                                    "Agencies taking part",
                                    "Agences participantes",
                                    "الوكالات المشاركة",
                                ),
                                "",
                                0,
                                10,
                            )
                        ],
                        [],
                    ),
                    (
                        (
                            "Best-practice library on the platform",
                            "Bibliothèque de bonnes pratiques sur la plateforme",
                            "مكتبة أفضل الممارسات على المنصة",
                        ),
                        "SESRIC",
                        ["KOBİA"],
                        D(2026, 1, 1),
                        D(2028, 6, 30),
                        ["sme-policy"],
                        [
                            (
                                ("Practices published", "Pratiques publiées", "الممارسات المنشورة"),
                                "",
                                0,
                                50,
                            )
                        ],
                        [],
                    ),
                ],
            ),
        ],
    ),
    (
        ("Access to finance", "Accès au financement", "الوصول إلى التمويل"),
        "Monsha'at",
        [],
        D(2026, 1, 1),
        D(2028, 9, 30),
        ["access-to-finance"],
        [],
        [
            (
                (
                    "Better-designed guarantee and Islamic finance schemes",
                    "Des mécanismes de garantie et de finance islamique mieux conçus",
                    "تحسين تصميم برامج الضمان والتمويل الإسلامي",
                ),
                "Monsha'at",
                ["Maroc PME"],
                D(2026, 1, 1),
                D(2028, 6, 30),
                ["credit-guarantees", "islamic-finance"],
                [],
                [
                    (
                        (
                            "Workshop on credit guarantee schemes",
                            "Atelier sur les mécanismes de garantie de crédit",
                            "ورشة عمل حول برامج ضمان الائتمان",
                        ),
                        "Monsha'at",
                        ["SESRIC"],
                        D(2026, 2, 1),
                        D(2026, 4, 30),
                        ["credit-guarantees"],
                        [(("Participants", "Participants", "المشاركون"), "", 0, 40)],
                        [],
                    ),
                    (
                        (
                            "Webinar series on Islamic finance for SMEs",
                            "Série de webinaires sur la finance islamique pour les PME",
                            "سلسلة ندوات عبر الإنترنت حول التمويل الإسلامي للمنشآت الصغيرة والمتوسطة",
                        ),
                        "Maroc PME",
                        [],
                        D(2026, 3, 1),
                        D(2027, 6, 30),
                        ["islamic-finance"],
                        [(("Webinars held", "Webinaires tenus", "الندوات المنعقدة"), "", 0, 6)],
                        [],
                    ),
                ],
            ),
        ],
    ),
    (
        ("Digitalisation of SMEs", "Numérisation des PME", "رقمنة المنشآت الصغيرة والمتوسطة"),
        "Maroc PME",
        ["KOBİA"],
        D(2026, 1, 1),
        D(2028, 9, 30),
        ["digital-transformation"],
        [],
        [
            (
                (
                    "SMEs adopt digital tools",
                    "Les PME adoptent des outils numériques",
                    "تبني المنشآت الصغيرة والمتوسطة للأدوات الرقمية",
                ),
                "Maroc PME",
                [],
                D(2026, 1, 1),
                D(2028, 6, 30),
                ["digital-transformation"],
                [],
                [
                    (
                        (
                            "Digital maturity diagnostic shared with member agencies",
                            "Diagnostic de maturité numérique partagé avec les agences membres",
                            "مشاركة أداة تشخيص النضج الرقمي مع الوكالات الأعضاء",
                        ),
                        "Maroc PME",
                        ["KOSGEB"],
                        D(2026, 1, 1),
                        D(2026, 6, 30),
                        ["digital-transformation"],
                        [
                            (
                                (
                                    "Agencies using the diagnostic",
                                    "Agences utilisant le diagnostic",
                                    "الوكالات التي تستخدم أداة التشخيص",
                                ),
                                "",
                                1,
                                12,
                            )
                        ],
                        [],
                    ),
                    (
                        (
                            "E-commerce training for SME advisers",
                            "Formation au commerce électronique pour les conseillers PME",
                            "تدريب مستشاري المنشآت الصغيرة والمتوسطة على التجارة الإلكترونية",
                        ),
                        "KOBİA",
                        [],
                        D(2026, 9, 1),
                        D(2027, 12, 31),
                        ["digital-transformation"],
                        [
                            (
                                ("Advisers trained", "Conseillers formés", "المستشارون المدربون"),
                                "",
                                0,
                                120,
                            )
                        ],
                        [],
                    ),
                ],
            ),
        ],
    ),
    (
        ("SME statistics", "Statistiques des PME", "إحصاءات المنشآت الصغيرة والمتوسطة"),
        "SESRIC",
        [],
        D(2025, 11, 1),
        D(2028, 9, 30),
        ["sme-statistics"],
        [],
        [
            (
                (
                    "Comparable SME data across member states",
                    "Des données comparables sur les PME dans les États membres",
                    "بيانات قابلة للمقارنة عن المنشآت الصغيرة والمتوسطة في الدول الأعضاء",
                ),
                "SESRIC",
                ["KOSGEB"],
                D(2025, 11, 1),
                D(2028, 6, 30),
                ["sme-statistics"],
                [],
                [
                    (
                        (
                            "Compendium of national SME definitions",
                            "Recueil des définitions nationales des PME",
                            "خلاصة التعاريف الوطنية للمنشآت الصغيرة والمتوسطة",
                        ),
                        "SESRIC",
                        [],
                        D(2025, 11, 1),
                        D(2026, 9, 30),
                        ["sme-statistics"],
                        [
                            (
                                (
                                    "Member states covered",
                                    "États membres couverts",
                                    "الدول الأعضاء المشمولة",
                                ),
                                "",
                                0,
                                57,
                            )
                        ],
                        [],
                    ),
                    (
                        (
                            "Core set of harmonised SME indicators",
                            "Socle d'indicateurs PME harmonisés",
                            "مجموعة أساسية من المؤشرات المنسقة للمنشآت الصغيرة والمتوسطة",
                        ),
                        "KOSGEB",
                        ["SESRIC"],
                        D(2026, 6, 1),
                        D(2028, 6, 30),
                        ["sme-statistics"],
                        [
                            (
                                (
                                    "Indicators agreed",
                                    "Indicateurs adoptés",
                                    "المؤشرات المتفق عليها",
                                ),
                                "",
                                0,
                                15,
                            )
                        ],
                        [],
                    ),
                ],
            ),
        ],
    ),
]

# The baseline round: (action title in English) → (status, percent, actual, narrative)
REPORTS = {
    "Run the first needs and capacities questionnaire": (
        ProgressStatus.COMPLETED,
        100,
        74,
        "42 of 57 member states answered.",
    ),
    "Training of trainers in SME advisory services": (
        ProgressStatus.ON_TRACK,
        30,
        18,
        "First cohort trained in Ankara.",
    ),
    "Study visits to KOBİA's SME Houses": (
        ProgressStatus.COMPLETED,
        100,
        9,
        "Two visits to Baku and Ganja.",
    ),
    "Best-practice library on the platform": (
        ProgressStatus.ON_TRACK,
        25,
        12,
        "Twelve practices published.",
    ),
    "Workshop on credit guarantee schemes": (
        ProgressStatus.DELAYED,
        40,
        0,
        "Postponed to the autumn.",
    ),
    "Webinar series on Islamic finance for SMEs": (
        ProgressStatus.AT_RISK,
        20,
        1,
        "Speakers still to be confirmed.",
    ),
    "Digital maturity diagnostic shared with member agencies": (
        ProgressStatus.ON_TRACK,
        60,
        5,
        "Diagnostic translated into Arabic and French.",
    ),
    "Compendium of national SME definitions": (
        ProgressStatus.ON_TRACK,
        55,
        31,
        "Definitions collected for 31 states.",
    ),
}


def _inst(acronym: str):
    found = institution_find(key=acronym)
    if found is None:
        raise LookupError(f"Demo plan: no institution {acronym}")
    return found


def _add(version, node, parent=None):
    (titles, lead, partners, start, end, subjects, indicators, children) = node
    item = services.item_create(
        actor=None,
        version=version,
        parent=parent,
        titles=dict(zip(("en", "fr", "ar"), titles, strict=True)),
        lead=_inst(lead),
        partners=[_inst(p) for p in partners],
        start=start,
        end=end,
        subjects=subjects,
        funding_source="Own budgets of the lead institutions",
        indicators=[
            {
                "names": dict(zip(("en", "fr", "ar"), names, strict=True)),
                "unit": unit,
                "baseline": baseline,
                "target": target,
                "target_date": end,
            }
            for names, unit, baseline, target in indicators
        ],
    )
    for child in children:
        _add(version, child, item)


@transaction.atomic
def load_demo(verbosity: int = 0) -> bool:
    if Plan.objects.filter(code=CODE).exists():
        return False
    plan = services.plan_create(
        actor=None,
        code=CODE,
        titles={
            "en": "Action Plan 2025–2028 of the OIC SME Network",
            "fr": "Plan d'action 2025-2028 du réseau des PME de l'OCI",
            "ar": "خطة عمل شبكة المنشآت الصغيرة والمتوسطة لمنظمة التعاون الإسلامي 2025-2028",
        },
        descriptions={
            "en": "The network's roadmap for its first three years: capacity building, best "
            "practices, access to finance, digitalisation and comparable SME statistics.",
            "fr": "La feuille de route du réseau pour ses trois premières années : renforcement "
            "des capacités, bonnes pratiques, accès au financement, numérisation et "
            "statistiques comparables sur les PME.",
            "ar": "خارطة طريق الشبكة لسنواتها الثلاث الأولى: بناء القدرات، وأفضل الممارسات، "
            "والوصول إلى التمويل، والتحول الرقمي، وإحصاءات مقارنة عن المنشآت الصغيرة "
            "والمتوسطة.",
        },
        period_start=D(2025, 10, 7),
        period_end=D(2028, 10, 6),
        is_sample=True,
    )
    version = plan.versions.get()
    for node in TREE:
        _add(version, node)
    # Version 1 goes through the Bureau and is adopted by a (sample) General Assembly decision:
    # the adopted plan is public, with its progress.
    secretariat = User.objects.filter(email="secretariat@smenet.example").first()
    services.version_submit(actor=None, version=version)
    services.version_review(actor=None, version=version)
    services.version_adopt(
        actor=secretariat,
        version=version,
        reference="GA-2026-03",
        date=D(2026, 2, 16),
        voting=VotingMethod.CONSENSUS,
        is_sample=True,
    )
    rnd = services.round_open(
        actor=None,
        version=version,
        label="Baseline round, first half of 2026",
        opens_on=D(2026, 5, 1),
        deadline=D(2026, 6, 30),
        is_sample=True,
    )
    focal = {u.institution_id: u for u in User.objects.filter(email__startswith="focal.")}
    for item in version.items.filter(children__isnull=True).prefetch_related("indicators"):
        entry = REPORTS.get(item.safe_translation_getter("title", language_code="en"))
        if entry is None:
            continue
        status, percent, actual, narrative = entry
        actor = focal.get(item.lead_id)  # the lead's sample focal point, else the system
        indicator = item.indicators.first()
        report = services.report_save(
            actor=actor,
            round=rnd,
            item=item,
            progress_status=status,
            percent=percent,
            narrative=narrative,
            actuals={indicator.pk: actual} if indicator else None,
        )
        services.report_submit(actor=actor, report=report)
        services.report_validate(actor=None, report=report, comment="Validated.")
    services.round_close(actor=None, round=rnd)
    # The task force drafts version 2 from the adopted one, adding an action.
    draft = services.version_create(actor=None, plan=plan)
    statistics = draft.items.filter(parent=None).order_by("-order").first()
    assert statistics is not None  # the adopted version's objectives were copied
    services.item_create(
        actor=None,
        version=draft,
        parent=statistics.children.order_by("order").first(),
        titles={
            "en": "Online observatory of SME statistics",
            "fr": "Observatoire en ligne des statistiques sur les PME",
            "ar": "مرصد إلكتروني لإحصاءات المنشآت الصغيرة والمتوسطة",
        },
        lead=_inst("SESRIC"),
        start=D(2027, 1, 1),
        end=D(2028, 6, 30),
        subjects=["sme-statistics"],
    )
    if verbosity:
        print(
            f"Demo data: sample action plan, version 1 adopted ({version.items.count()} items), "
            "version 2 in drafting."
        )
    return True
