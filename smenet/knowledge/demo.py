"""Demo content of the knowledge hub, loaded after the founding (see smenet.demo.loader).

One real document: the SESRIC news item of 7 October 2025 that records KOBİA's readiness to share
Azerbaijan's best practices (the founding document in ``/work/shared/seeds/``), kept in its
original Arabic with its source. Everything else is invented, flagged ``is_sample`` and shown
as "sample" on the site.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from smenet.registry.models import Country
from smenet.registry.selectors import institution_find

from . import services
from .choices import Confidentiality, PracticeStatus, PublicationKind
from .models import BestPractice, Publication
from .reference import load_sme_definitions

FOUNDING_NEWS_REF = "sesric-news-2025-10-07-kobia"
FOUNDING_NEWS_SOURCE = "SESRIC, news item on its Arabic event pages, 7 October 2025 (Baku)"
FOUNDING_NEWS_TITLE_AR = "معالي السيدة زهراء زمرد سلجوق تلتقي بسعادة السيد أورخان مامادوف، رئيس مجلس إدارة وكالة تنمية المشاريع الصغيرة والمتوسطة"
FOUNDING_NEWS_BODY_AR = "على هامش الاجتماع الافتتاحي لشبكة منظمة التعاون الإسلامي للمشاريع الصغيرة والمتوسطة (OIC-SMENET)، الذي عقد بالتزامن مع النسخة الثانية من منتدى أذربيجان للأعمال الحلال بتاريخ 7 أكتوبر 2025 في باكو، عقدت معالي السيدة زهراء زمرد سلجوق اجتماعا ثنائيا مع سعادة السيد أورخان مامادوف، رئيس مجلس إدارة وكالة تنمية المشاريع الصغيرة والمتوسطة (KOBİA) في جمهورية أذربيجان.\n\nوأتاح الاجتماع الفرصة للتمعن في التعاون المتنامي بين سيسرك والوكالة، لا سيما في سياق تنمية المشاريع الصغيرة والمتوسطة في جميع أنحاء بلدان منظمة التعاون الإسلامي. وأعربت معالي السيدة سلجوق عن تقديرها للوكالة على استضافتها للاجتماع الافتتاحي لشبكة منظمة التعاون الإسلامي للمشاريع الصغيرة والمتوسطة، كما تقدمت بالتهاني للوكالة على انتخابها كرئيس لمكتب الشبكة للسنوات الثلاث المقبلة.\n\nوخلال الاجتماع، أعاد الجانبان تأكيدهما على الالتزام بتعزيز أهداف الشبكة وشددا على أهمية الجهود التعاونية لتمكين المشاريع الصغيرة والمتوسطة في جميع بلدان منظمة التعاون الإسلامي. وفي هذا الصدد، اقترحت معالي السيدة سلجوق إنشاء فريق عمل مخصص لوضع خطة عمل شاملة للشبكة للفترة 2025-2028، والتي ستكون بمثابة خارطة طريق استراتيجية لأنشطة الشبكة على مدى السنوات الثلاث المقبلة.\n\nمن جانبه، رحب سعادة السيد مامادوف بالاقتراح وأعاد التأكيد على جاهزية الوكالة للمساهمة بنشاط في صياغة خطة العمل وتبادل أفضل الممارسات في مجال تنمية المشاريع الصغيرة والمتوسطة في أذربيجان مع نظيراتها في بلدان المنظمة.\n\nواختتم الاجتماع باتفاق متبادل على تعزيز التعاون المؤسسي والاستفادة من منصة شبكة منظمة التعاون الإسلامي للمشاريع الصغيرة والمتوسطة من أجل تحقيق نمو مستقبلي ومرن ومستدام للمشاريع الصغيرة والمتوسطة في جميع أنحاء المنطقة.\n\nوللذكر، تعتبر وكالة تنمية المشاريع الصغيرة والمتوسطة في جمهورية أذربيجان (KOBİA) كيان عام يعمل تحت إشراف وزارة الاقتصاد. وتتمثل مهمة الوكالة في دعم تنمية الأعمال الصغيرة والمتوسطة في جميع أنحاء أذربيجان. وتقدم الوكالة مجموعة واسعة من الخدمات بما في ذلك الاستشارات التجارية والتدريب والمساعدة القانونية والوصول إلى التمويل، مع تنسيق جهود القطاعين العام والخاص لتعزيز بيئة أعمال مواتية. ومن خلال المبادرات التي تضطلع بها، تروم الوكالة تعزيز القدرة التنافسية للمشاريع الصغيرة والمتوسطة، وجذب الاستثمارات المحلية والأجنبية لدعم نموها، وزيادة مساهمتها في الاقتصاد الوطني."

# (ref, iso3, acronym, subjects, year, original language, texts)
SAMPLE_PRACTICES = [
    (
        "sample-bp-aze-01",
        "AZE",
        "KOBİA",
        ["business-advisory", "sme-policy"],
        2024,
        "en",
        {
            "title": {
                "en": "One-stop SME houses for business consulting and training",
                "fr": "Maisons des PME : conseil et formation en un seul lieu",
            },
            "summary": {
                "en": "SME houses bring public and private services for entrepreneurs under "
                "one roof: consulting, training, legal assistance and access to finance.",
                "fr": "Les maisons des PME réunissent sous un même toit les services publics et "
                "privés destinés aux entrepreneurs.",
            },
            "results": {"en": "Illustrative figures only: 12,000 consultations in a year."},
        },
    ),
    (
        "sample-bp-sau-01",
        "SAU",
        "Monsha'at",
        ["access-to-finance", "credit-guarantees"],
        2023,
        "ar",
        {
            "title": {"ar": "ضمانات القروض لتسهيل الوصول إلى التمويل للمنشآت الصغيرة والمتوسطة"},
            "summary": {
                "ar": "برنامج كفالات يضمن جزءا من قروض البنوك للمشاريع الصغيرة، مما يسهل "
                "الوصول إلى التمويل ويخفض الضمانات المطلوبة من أصحاب المنشآت."
            },
            "lessons": {"ar": "أرقام توضيحية فقط: زيادة عدد القروض الممنوحة للمشاريع الناشئة."},
        },
    ),
    (
        "sample-bp-tur-01",
        "TUR",
        "KOSGEB",
        ["digital-transformation"],
        2022,
        "tr",
        {
            "title": {"tr": "KOBİ'lerin dijital dönüşümü için destek programı"},
            "summary": {
                "tr": "İşletmelere dijital dönüşüm danışmanlığı ve e-ticaret eğitimleri "
                "sağlayan örnek bir program."
            },
        },
    ),
    (
        "sample-bp-mar-01",
        "MAR",
        "Maroc PME",
        ["youth-entrepreneurship", "innovation", "incubation"],
        2024,
        "fr",
        {
            "title": {"fr": "Accompagnement des jeunes entrepreneurs innovants"},
            "summary": {
                "fr": "Un programme d'incubation et de mentorat pour les jeunes créateurs "
                "d'entreprises innovantes, avec un accès simplifié au financement."
            },
        },
    ),
]


def _texts_of_news() -> dict[str, dict[str, str]]:
    return {
        "title": {"ar": FOUNDING_NEWS_TITLE_AR},
        "summary": {
            "en": "KOBİA confirmed its readiness to share Azerbaijan's best practices in SME "
            "development with counterparts in OIC countries (meeting of SESRIC's Director "
            "General with the Chairman of KOBİA, Baku, 7 October 2025). Source: "
            + FOUNDING_NEWS_SOURCE
            + ".",
        },
        "body": {"ar": FOUNDING_NEWS_BODY_AR},
    }


@transaction.atomic
def load_demo(verbosity: int = 0) -> None:
    """Load once: SME definitions, the founding news item and the sample best practices."""
    load_sme_definitions()
    if not Publication.objects.filter(ref=FOUNDING_NEWS_REF).exists():
        services.publication_create(
            actor=None,
            ref=FOUNDING_NEWS_REF,
            kind=PublicationKind.NEWS,
            date=datetime.date(2025, 10, 7),
            confidentiality=Confidentiality.PUBLIC,
            original_language="ar",
            country=Country.objects.filter(iso3="AZE").first(),
            institution=institution_find(key="KOBIA"),
            texts=_texts_of_news(),
        )
    countries = {c.iso3: c for c in Country.objects.all()}
    for ref, iso3, acronym, subjects, year, lang, texts in SAMPLE_PRACTICES:
        if BestPractice.objects.filter(ref=ref).exists() or iso3 not in countries:
            continue
        services.best_practice_create(
            actor=None,
            ref=ref,
            country=countries[iso3],
            institution=institution_find(key=acronym),
            subjects=subjects,
            year=year,
            original_language=lang,
            texts=texts,
            status=PracticeStatus.PUBLISHED,
            is_sample=True,
        )
    if verbosity:
        print(f"Knowledge demo: {BestPractice.objects.count()} best practices.")
