"""Demo content of the expert roster: invented experts (``is_sample``), in the states a roster
holds (public, members-only, waiting for consent, consent withdrawn), one of them named for the
capacity demo's sample activity."""

from __future__ import annotations

from django.db import transaction

from smenet.registry.models import Country, Institution

from . import services
from .choices import Availability, ExpertRole, Listing, Vetting
from .models import Expert

SAMPLES = [
    # name, institution slug, subjects, languages, countries, listing, shown parts, vetted
    (
        "Sample Expert Leyla Aliyeva",
        "kobia-aze",
        {"access-to-finance": 3, "credit-guarantees": 2},
        ["az", "en", "ru"],
        ["AZE", "KAZ", "TUR"],
        Listing.PUBLIC,
        ("institution", "languages", "countries", "summary", "availability"),
        True,
        "Twelve years designing credit-guarantee schemes for small businesses (sample profile).",
    ),
    (
        "Sample Expert Youssef Benali",
        "maroc-pme-mar",
        {"export-promotion": 3, "digital-transformation": 2},
        ["ar", "fr"],
        ["MAR", "SEN", "TUN"],
        Listing.MEMBERS,
        ("institution", "languages", "countries", "contact"),
        True,
        "",
    ),
    (
        "Sample Expert Ayşe Demir",
        "kosgeb-tur",
        {"entrepreneurship-training": 3, "business-advisory": 2},
        ["tr", "en", "ar"],
        ["TUR", "JOR"],
        Listing.PUBLIC,
        ("languages", "summary"),
        True,
        "Trainer of trainers in entrepreneurship programmes (sample profile).",
    ),
    (
        "Sample Expert Fatima Al-Harbi",
        "monshaat-sau",
        {"sme-policy": 2},
        ["ar", "en"],
        ["SAU"],
        None,
        (),
        False,
        "",
    ),
]


@transaction.atomic
def load_demo(verbosity: int = 0) -> int:
    from smenet.taxonomy.subjects import is_subject

    if Expert.objects.filter(is_sample=True).exists():
        return 0
    created = []
    for name, slug, subjects, languages, iso3s, listing, shown, vetted, summary in SAMPLES:
        institution = Institution.objects.filter(slug=slug).first()
        expert = services.expert_create(
            actor=None,
            full_name=name,
            institution=institution,
            email=f"{slug}.expert@smenet.example",
            summary=summary,
            summary_language="en" if summary else "",
            availability=Availability.AVAILABLE,
            subjects={c: lv for c, lv in subjects.items() if is_subject(c)},
            languages=languages,
            countries=list(Country.objects.filter(iso3__in=iso3s)),
            is_sample=True,
        )
        if vetted:
            services.expert_vet(actor=None, expert=expert, vetting=Vetting.VETTED)
        if listing:
            services.expert_give_consent(actor=None, expert=expert, listing=listing, show=shown)
        created.append(expert)
    _name_for_demo_activity(created[0])
    if verbosity:
        print(f"Expert roster demo: {len(created)} sample experts.")
    return len(created)


def _name_for_demo_activity(expert: Expert) -> None:
    from smenet.capacity.models import Activity

    activity = Activity.objects.filter(is_sample=True, subject__code="access-to-finance").first()
    if activity is not None:
        services.activity_experts_set(
            actor=None, activity=activity, experts={expert: ExpertRole.LEAD}
        )
