"""Demo content of the services directory (loaded after the founding, see smenet.demo.loader).

Real services, each kept with its source and saying nothing the source does not say (no cost,
language or eligibility invented: "not stated" instead):

- KOBİA's four services named in the founding document (SESRIC's news item of 7 October 2025):
  business consulting, training, legal assistance and access to finance;
- Damu's interest-rate subsidies and partial loan guarantees, from the page given as Damu's
  source in ``institutions.csv`` (Baiterek, "Single comprehensive program");
- SMEDA Sierra Leone's business advisory services, from its source (smeda.gov.sl, "About us").

The other sources of ``institutions.csv`` are news items or pages about an agency's mandate that
name no service an SME could apply for, so every other service here is invented, flagged
``is_sample`` and shown as "sample".
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from smenet.registry.models import Institution

from . import services
from .choices import ReviewStatus
from .models import Service

FOUNDING_SOURCE = (
    "SESRIC, news item on its Arabic event pages, 7 October 2025 (Baku): the founding document"
)
DAMU_SOURCE = "https://baiterek.gov.kz/en/programs/single-comprehensive-program"
SMEDA_SL_SOURCE = "https://smeda.gov.sl/about-us/"
KOBIA_SUMMARY_AR = "تقدم الوكالة مجموعة واسعة من الخدمات لدعم تنمية الأعمال الصغيرة والمتوسطة في جميع أنحاء أذربيجان، منها %s."
KOBIA_SUMMARY_EN = (
    "KOBİA, a public entity under the Ministry of Economy, supports the development of small and "
    "medium businesses across Azerbaijan with a range of services, among them %s."
)
KOBIA_SUMMARY_FR = (
    "KOBİA, entité publique sous la tutelle du ministère de l'Économie, soutient le "
    "développement des petites et moyennes entreprises dans tout l'Azerbaïdjan par plusieurs "
    "services, dont %s."
)

# (ref, category, {lang: title}, (ar, en, fr) of the service's name inside the summary)
KOBIA = [
    (
        "kobia-business-consulting",
        "business-consulting",
        {"ar": "الاستشارات التجارية", "en": "Business consulting", "fr": "Conseil aux entreprises"},
        ("الاستشارات التجارية", "business consulting", "le conseil aux entreprises"),
    ),
    (
        "kobia-training",
        "training",
        {"ar": "التدريب", "en": "Training", "fr": "Formation"},
        ("التدريب", "training", "la formation"),
    ),
    (
        "kobia-legal-assistance",
        "legal-assistance",
        {"ar": "المساعدة القانونية", "en": "Legal assistance", "fr": "Assistance juridique"},
        ("المساعدة القانونية", "legal assistance", "l'assistance juridique"),
    ),
    (
        "kobia-access-to-finance",
        "access-to-finance",
        {
            "ar": "الوصول إلى التمويل",
            "en": "Access to finance",
            "fr": "Accès au financement",
        },
        ("الوصول إلى التمويل", "access to finance", "l'accès au financement"),
    ),
]

REAL_OTHERS: list[dict[str, Any]] = [
    {
        "ref": "damu-interest-subsidies",
        "institution": "damu-kaz",
        "category": "access-to-finance",
        "original_language": "en",
        "sizes": ["micro", "small"],
        "cost": "subsidised",
        "source_url": DAMU_SOURCE,
        "texts": {
            "title": {
                "en": "Interest-rate subsidies on loans for small and micro businesses",
                "fr": "Bonification des taux d'intérêt des prêts aux petites et micro-entreprises",
                "ar": "دعم أسعار الفائدة على قروض المشاريع الصغيرة ومتناهية الصغر",
            },
            "summary": {
                "en": "Damu, a subsidiary of Baiterek Holding, pays part of the interest on loans "
                "and microloans that small and micro businesses take from commercial banks and "
                "microfinance organisations, under the state's single comprehensive programme.",
                "fr": "Damu, filiale du holding Baiterek, prend en charge une partie des intérêts "
                "des prêts et microcrédits accordés aux petites et micro-entreprises par les "
                "banques et les organisations de microfinance, dans le cadre du programme global "
                "unique de l'État.",
                "ar": "يتحمل صندوق دامو، التابع لقابضة بايتيريك، جزءا من فوائد القروض والقروض "
                "الصغرى التي تحصل عليها المشاريع الصغيرة ومتناهية الصغر من البنوك التجارية "
                "ومؤسسات التمويل الأصغر، في إطار البرنامج الشامل الموحد للدولة.",
            },
            "cost_note": {
                "en": "The entrepreneur pays part of the rate; the state pays the rest.",
                "fr": "L'entrepreneur paie une partie du taux ; l'État paie le reste.",
                "ar": "يدفع رائد الأعمال جزءا من سعر الفائدة وتتحمل الدولة الباقي.",
            },
            "details": {
                "en": "All industries are eligible for bank loans except pawnshops, microfinance, "
                "factoring and leasing companies and trade (trade in food products is allowed); "
                "microloans are for priority sectors. Conditions as published by the programme.",
            },
        },
    },
    {
        "ref": "damu-loan-guarantees",
        "institution": "damu-kaz",
        "category": "access-to-finance",
        "original_language": "en",
        "sizes": ["micro", "small"],
        "source_url": DAMU_SOURCE,
        "texts": {
            "title": {
                "en": "Partial guarantees on loans and microloans",
                "fr": "Garanties partielles des prêts et microcrédits",
                "ar": "ضمانات جزئية للقروض والقروض الصغرى",
            },
            "summary": {
                "en": "Damu guarantees part of the loans and microloans of small and micro "
                "businesses, and of financial leasing agreements, under the state's single "
                "comprehensive programme.",
                "fr": "Damu garantit une partie des prêts et microcrédits des petites et "
                "micro-entreprises, ainsi que des contrats de crédit-bail, dans le cadre du "
                "programme global unique de l'État.",
                "ar": "يضمن صندوق دامو جزءا من القروض والقروض الصغرى للمشاريع الصغيرة ومتناهية "
                "الصغر، وكذلك عقود التأجير التمويلي، في إطار البرنامج الشامل الموحد للدولة.",
            },
        },
    },
    {
        "ref": "smeda-sl-business-advisory",
        "institution": "smeda-sl-sle",
        "category": "business-consulting",
        "original_language": "en",
        "source_url": SMEDA_SL_SOURCE,
        "texts": {
            "title": {
                "en": "Business advisory services for SMEs and entrepreneurs",
                "fr": "Services de conseil aux PME et aux entrepreneurs",
                "ar": "خدمات الاستشارات التجارية للمنشآت الصغيرة والمتوسطة ورواد الأعمال",
            },
            "summary": {
                "en": "The Small and Medium Enterprises Development Agency provides business "
                "advisory services for SMEs and entrepreneurs throughout Sierra Leone.",
                "fr": "L'Agence de développement des PME fournit des services de conseil aux "
                "PME et aux entrepreneurs dans tout le Sierra Leone.",
                "ar": "تقدم وكالة تنمية المنشآت الصغيرة والمتوسطة خدمات الاستشارات التجارية "
                "للمنشآت الصغيرة والمتوسطة ورواد الأعمال في جميع أنحاء سيراليون.",
            },
            "regions": {
                "en": "Throughout the country",
                "fr": "Dans tout le pays",
                "ar": "في جميع أنحاء البلاد",
            },
        },
    },
]

# Invented services for the demonstration (is_sample): (ref, institution slug, category,
# original language, sizes, sectors, stages, languages, cost, amount, currency, cross border,
# channels, texts).
SAMPLES = [
    (
        "sample-kosgeb-export",
        "kosgeb-tur",
        "export-support",
        "tr",
        ["small", "medium"],
        ["C"],
        ["export"],
        ["tr", "en"],
        "subsidised",
        None,
        "",
        "conditions",
        ("online", "in_person"),
        {
            "title": {
                "tr": "İhracata hazırlık desteği",
                "en": "Export readiness support",
                "fr": "Préparation à l'exportation",
                "ar": "دعم الجاهزية للتصدير",
            },
            "summary": {
                "en": "Coaching and co-financed trade-fair visits for manufacturers preparing their first exports.",
                "ar": "إرشاد وتمويل مشترك لزيارة المعارض التجارية للمصنعين الذين يستعدون لأول صادراتهم.",
                "fr": "Accompagnement et visites de salons cofinancées pour les fabricants qui préparent leurs premières exportations.",
            },
            "conditions": {
                "en": "SMEs of other member states through a partner agency in their country."
            },
        },
    ),
    (
        "sample-kosgeb-training",
        "kosgeb-tur",
        "training",
        "tr",
        [],
        [],
        ["idea", "startup"],
        ["tr"],
        "free",
        None,
        "",
        "no",
        ("in_person",),
        {
            "title": {
                "tr": "Uygulamalı girişimcilik eğitimi",
                "en": "Applied entrepreneurship training",
                "ar": "تدريب تطبيقي على ريادة الأعمال",
                "fr": "Formation appliquée à l'entrepreneuriat",
            },
            "summary": {
                "en": "A 32-hour course on writing a business plan, for would-be founders.",
                "ar": "دورة من 32 ساعة لإعداد خطة العمل، لمن يريد تأسيس مشروع.",
                "fr": "Un cours de 32 heures pour rédiger un plan d'affaires, destiné aux futurs créateurs.",
            },
        },
    ),
    (
        "sample-monshaat-finance",
        "monshaat-sau",
        "access-to-finance",
        "ar",
        ["micro", "small", "medium"],
        [],
        ["startup", "growth"],
        ["ar", "en"],
        "fee",
        "500",
        "SAR",
        "no",
        ("online",),
        {
            "title": {
                "ar": "برنامج كفالة لضمان تمويل المنشآت",
                "en": "Kafalah financing guarantee programme",
                "fr": "Programme de garantie de financement Kafalah",
            },
            "summary": {
                "ar": "ضمان جزء من التمويل المقدم من البنوك للمنشآت الصغيرة والمتوسطة مقابل رسوم إدارية.",
                "en": "Part of a bank's financing to an SME is guaranteed, for an administrative fee.",
                "fr": "Une partie du financement bancaire d'une PME est garantie, contre des frais de dossier.",
            },
            "documents": {
                "ar": "السجل التجاري، القوائم المالية، خطة العمل.",
                "en": "Commercial register, financial statements, business plan.",
            },
        },
    ),
    (
        "sample-monshaat-onestop",
        "monshaat-sau",
        "one-stop-shop",
        "ar",
        [],
        [],
        ["idea", "startup"],
        ["ar"],
        "free",
        None,
        "",
        "no",
        ("online", "in_person"),
        {
            "title": {
                "ar": "مراكز خدمة رواد الأعمال",
                "en": "Entrepreneur service centres",
                "fr": "Centres de services aux entrepreneurs",
            },
            "summary": {
                "ar": "شباك موحد لتسجيل المنشأة والحصول على التراخيص في مكان واحد.",
                "en": "A one-stop shop to register an enterprise and obtain its licences in one place.",
            },
        },
    ),
    (
        "sample-marocpme-digital",
        "maroc-pme-mar",
        "digital-services",
        "fr",
        ["micro", "small"],
        [],
        ["growth"],
        ["fr", "ar"],
        "subsidised",
        "2000",
        "MAD",
        "no",
        ("online",),
        {
            "title": {
                "fr": "Programme de transformation numérique des TPE",
                "ar": "برنامج التحول الرقمي للمقاولات الصغيرة جدا",
                "en": "Digital transformation programme for very small enterprises",
            },
            "summary": {
                "fr": "Diagnostic numérique et cofinancement d'outils de gestion et de vente en ligne.",
                "ar": "تشخيص رقمي وتمويل مشترك لأدوات التسيير والبيع عبر الإنترنت.",
                "en": "A digital diagnosis and co-financing of management and online-sales tools.",
            },
            "cost_note": {
                "fr": "Reste à la charge de l'entreprise : 2 000 MAD par projet.",
                "en": "The enterprise pays 2,000 MAD per project.",
            },
        },
    ),
    (
        "sample-marocpme-export",
        "maroc-pme-mar",
        "export-support",
        "fr",
        ["small", "medium"],
        ["C", "A"],
        ["export"],
        ["fr", "ar", "en"],
        "free",
        None,
        "",
        "yes",
        ("online", "in_person"),
        {
            "title": {
                "fr": "Accompagnement des primo-exportateurs",
                "ar": "مواكبة المصدرين الجدد",
                "en": "Support for first-time exporters",
            },
            "summary": {
                "fr": "Études de marché et mise en relation avec des acheteurs dans les pays de l'OCI.",
                "ar": "دراسات السوق وربط الصلة بالمشترين في بلدان منظمة التعاون الإسلامي.",
                "en": "Market studies and introductions to buyers in OIC countries.",
            },
        },
    ),
    (
        "sample-smecorp-incubation",
        "sme-corp-malaysia-mys",
        "incubation",
        "ms",
        ["micro", "small"],
        ["J", "M"],
        ["idea", "startup"],
        ["ms", "en"],
        "fee",
        "1500",
        "MYR",
        "conditions",
        ("in_person",),
        {
            "title": {
                "ms": "Program inkubator perniagaan",
                "en": "Business incubator programme",
                "ar": "برنامج حاضنة الأعمال",
                "fr": "Programme d'incubation d'entreprises",
            },
            "summary": {
                "en": "Six months of mentoring, office space and investor days for tech start-ups.",
                "ar": "ستة أشهر من الإرشاد ومساحات العمل وأيام المستثمرين للشركات التقنية الناشئة.",
                "fr": "Six mois de mentorat, de bureaux et de journées investisseurs pour les start-up technologiques.",
            },
            "conditions": {
                "en": "Founders from other member states with a company registered in Malaysia."
            },
        },
    ),
    (
        "sample-msmeda-finance",
        "msmeda-egy",
        "access-to-finance",
        "ar",
        ["micro"],
        [],
        ["startup", "growth"],
        ["ar"],
        "subsidised",
        None,
        "",
        "no",
        ("in_person",),
        {
            "title": {
                "ar": "قروض ميسرة للمشروعات متناهية الصغر",
                "en": "Soft loans for micro enterprises",
                "fr": "Prêts bonifiés pour les micro-entreprises",
            },
            "summary": {
                "ar": "قروض بفائدة مخفضة عبر البنوك والجمعيات الأهلية الشريكة.",
                "en": "Reduced-interest loans through partner banks and associations.",
            },
        },
    ),
    (
        "sample-adepme-consulting",
        "adepme-sen",
        "business-consulting",
        "fr",
        ["micro", "small", "medium"],
        [],
        ["growth"],
        ["fr", "wo"],
        "fee",
        "50000",
        "XOF",
        "no",
        ("in_person",),
        {
            "title": {
                "fr": "Diagnostic et plan de mise à niveau",
                "en": "Diagnosis and upgrading plan",
                "ar": "تشخيص وخطة تأهيل",
            },
            "summary": {
                "fr": "Un conseiller analyse l'entreprise et propose un plan d'action chiffré.",
                "en": "An adviser analyses the enterprise and proposes a costed action plan.",
                "ar": "يحلل مستشار وضع المقاولة ويقترح خطة عمل مقدرة التكاليف.",
            },
        },
    ),
    (
        "sample-apii-certification",
        "apii-tun",
        "certification",
        "fr",
        ["small", "medium"],
        ["C"],
        ["growth", "export"],
        ["fr", "ar"],
        "subsidised",
        None,
        "",
        "no",
        ("in_person",),
        {
            "title": {
                "fr": "Appui à la certification ISO",
                "ar": "دعم الحصول على شهادات الإيزو",
                "en": "Support for ISO certification",
            },
            "summary": {
                "fr": "Prise en charge partielle des frais de certification qualité pour les industriels.",
                "ar": "تحمل جزء من مصاريف شهادات الجودة للصناعيين.",
                "en": "Part of the cost of quality certification is covered for manufacturers.",
            },
        },
    ),
    (
        "sample-jedco-legal",
        "jedco-jor",
        "legal-assistance",
        "ar",
        [],
        [],
        [],
        ["ar", "en"],
        "free",
        None,
        "",
        "conditions",
        ("online",),
        {
            "title": {
                "ar": "عيادة قانونية للمشاريع الناشئة",
                "en": "Legal clinic for start-ups",
                "fr": "Clinique juridique pour les jeunes entreprises",
            },
            "summary": {
                "ar": "استشارات قانونية مجانية في العقود والملكية الفكرية وتسجيل الشركات.",
                "en": "Free legal advice on contracts, intellectual property and company registration.",
            },
            "conditions": {
                "ar": "للمشاريع المسجلة في الأردن أو لها شريك أردني.",
                "en": "For enterprises registered in Jordan or with a Jordanian partner.",
            },
        },
    ),
    (
        "sample-tamkeen-training",
        "tamkeen-bhr",
        "training",
        "ar",
        ["micro", "small"],
        ["G", "I"],
        ["startup", "growth"],
        ["ar", "en"],
        "subsidised",
        None,
        "",
        "no",
        ("in_person", "online"),
        {
            "title": {
                "ar": "دعم تدريب موظفي المؤسسات",
                "en": "Staff training support for enterprises",
                "fr": "Aide à la formation du personnel",
            },
            "summary": {
                "ar": "تمويل جزء من تكاليف تدريب الموظفين البحرينيين في المؤسسات الصغيرة.",
                "en": "Part of the cost of training Bahraini staff in small enterprises is funded.",
            },
        },
    ),
]


def _institution(slug: str) -> Institution | None:
    return Institution.objects.filter(slug=slug).first()


@transaction.atomic
def load_demo(verbosity: int = 0) -> int:
    """Load the directory's demo once (nothing when a demo service exists)."""
    if Service.objects.filter(ref="kobia-business-consulting").exists():
        return 0
    created = 0
    today = timezone.localdate()
    kobia = _institution("kobia-aze")
    if kobia is not None:
        for ref, category, titles, names in KOBIA:
            services.service_create(
                actor=None,
                institution=kobia,
                ref=ref,
                category=category,
                original_language="ar",
                cross_border="",
                source_note=FOUNDING_SOURCE,
                review_status=ReviewStatus.PUBLISHED,
                last_confirmed=datetime.date(2025, 10, 7),
                texts={
                    "title": titles,
                    "summary": {
                        "ar": KOBIA_SUMMARY_AR % names[0],
                        "en": KOBIA_SUMMARY_EN % names[1],
                        "fr": KOBIA_SUMMARY_FR % names[2],
                    },
                },
            )
            created += 1
    for item in REAL_OTHERS:
        institution = _institution(item["institution"])
        if institution is None:
            continue
        values = {k: v for k, v in item.items() if k not in ("institution", "texts")}
        services.service_create(
            actor=None,
            institution=institution,
            texts=item["texts"],
            cross_border="",
            review_status=ReviewStatus.PUBLISHED,
            last_confirmed=today,
            **values,
        )
        created += 1
    for n, row in enumerate(SAMPLES):
        (
            ref,
            slug,
            category,
            lang,
            sizes,
            sectors,
            stages,
            languages,
            cost,
            amount,
            currency,
            cross_border,
            channels,
            texts,
        ) = row
        institution = _institution(slug)
        if institution is None:
            continue
        services.service_create(
            actor=None,
            institution=institution,
            texts=texts,
            ref=ref,
            category=category,
            original_language=lang,
            sizes=sizes,
            sectors=sectors,
            stages=stages,
            languages=languages,
            cost=cost,
            cost_amount=amount,
            cost_currency=currency,
            cross_border=cross_border,
            online="online" in channels,
            in_person="in_person" in channels,
            apply_url=institution.website or "",
            response_days=[10, 15, 30][n % 3],
            is_sample=True,
            review_status=ReviewStatus.PUBLISHED,
            # One in four was last confirmed long ago: the yearly sweep flags and reminds.
            last_confirmed=today - datetime.timedelta(days=400 if n % 4 == 3 else 30),
        )
        created += 1
    services.services_flag_unconfirmed(today=today)
    if verbosity:
        print(f"Services demo: {created} services ({len(KOBIA) + len(REAL_OTHERS)} from sources).")
    return created
