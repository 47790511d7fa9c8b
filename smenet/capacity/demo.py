"""Demo data of capacity building: an illustrative 2026 cycle, clearly marked sample.

The founding gives the institutions; the answers, the matching run and the activities below
are invented to show the workflow and are flagged ``is_sample`` (shown as "sample").
"""

from __future__ import annotations

import datetime
from typing import Any

from smenet.registry.models import Institution, User

UTC = datetime.UTC

ANSWERS: dict[tuple[str, str], tuple[list[str], dict[str, dict[str, Any]]]] = {
    ("KOBİA", "AZE"): (
        ["az", "en", "ru", "tr"],
        {
            "access-to-finance": {
                "capacity_level": 3,
                "max_activities": 2,
                "delivery_languages": ["en", "ru"],
                "capacity_formats": ["online"],
            },
            "digital-transformation": {"need": 2},
            "export-promotion": {"need": 3},
            "women-entrepreneurship": {
                "capacity_level": 2,
                "max_activities": 1,
                "delivery_languages": ["en"],
            },
        },
    ),
    ("Monsha'at", "SAU"): (
        ["ar", "en"],
        {
            "access-to-finance": {"need": 1},
            "digital-transformation": {
                "capacity_level": 3,
                "max_activities": 2,
                "delivery_languages": ["ar", "en"],
                "capacity_formats": ["online", "hybrid"],
            },
            "women-entrepreneurship": {"need": 3},
        },
    ),
    ("Maroc PME", "MAR"): (
        ["ar", "fr"],
        {
            "access-to-finance": {"need": 3},
            "export-promotion": {
                "capacity_level": 2,
                "max_activities": 1,
                "delivery_languages": ["fr", "ar"],
            },
            "digital-transformation": {"need": 3},
        },
    ),
    ("KOSGEB", "TUR"): (
        ["tr", "en"],
        {
            "export-promotion": {
                "capacity_level": 3,
                "max_activities": 2,
                "delivery_languages": ["en", "tr"],
            },
            "access-to-finance": {"need": 2},
        },
    ),
}


def load_demo(verbosity: int = 0) -> None:
    from smenet.taxonomy.models import Subject

    from . import services
    from .models import ActivityType, Cycle

    if Cycle.objects.filter(code="2026").exists():
        return
    # The demo people are loaded first; the answers, nominations and report are theirs (a
    # missing Secretariat account fails here, not as a refusal halfway through the cycle).
    secretariat = User.objects.get(email="secretariat@smenet.example")
    institutions = {
        key: Institution.objects.get(acronym=key[0], country__iso3=key[1]) for key in ANSWERS
    }
    known = set(Subject.objects.values_list("code", flat=True))
    cycle = services.cycle_create(
        actor=None,
        code="2026",
        titles={
            "en": "Needs and capacities 2026",
            "fr": "Besoins et capacités 2026",
            "ar": "الاحتياجات والقدرات 2026",
        },
        opens_on=datetime.date(2026, 3, 1),
        closes_on=datetime.date(2027, 3, 31),
        institutions=[*institutions.values(), Institution.objects.get(acronym="SMEDA")],
        is_sample=True,
    )
    for key, (languages, answers) in ANSWERS.items():
        response = cycle.responses.get(institution=institutions[key])
        answers = {code: values for code, values in answers.items() if code in known}
        response = services.response_save(
            actor=secretariat,
            response=response,
            expected_version=response.version,
            answers=answers,
            languages=languages,
            today=datetime.date(2026, 4, 1),
        )
        services.response_submit(
            actor=secretariat, response=response, today=datetime.date(2026, 4, 1)
        )
    run = services.matching_run_for_cycle(actor=secretariat, cycle=cycle)
    webinar = ActivityType.objects.filter(code="webinar").first() or ActivityType.objects.first()
    finance = Subject.objects.get(code="access-to-finance")
    activity = services.activity_create(
        actor=secretariat,
        type=webinar,
        subject=finance,
        cycle=cycle,
        is_sample=True,
        titles={
            "en": "Credit guarantee schemes for SMEs",
            "fr": "Systèmes de garantie de crédit pour les PME",
            "ar": "أنظمة ضمان القروض للمنشآت الصغيرة والمتوسطة",
        },
        providers=[institutions[("KOBİA", "AZE")]],
        beneficiaries=[institutions[("Maroc PME", "MAR")], institutions[("KOSGEB", "TUR")]],
        languages=["en"],
        format="online",
        participants_per_beneficiary=3,
    )
    run.proposals.filter(provider=institutions[("KOBİA", "AZE")], subject=finance).update(
        status="accepted", activity=activity
    )
    services._move(activity, "agreed", actor=secretariat, reason="")
    services.activity_transition(
        actor=secretariat,
        activity=activity,
        to="scheduled",
        starts_at=datetime.datetime(2026, 6, 10, 9, tzinfo=UTC),
        ends_at=datetime.datetime(2026, 6, 10, 12, tzinfo=UTC),
        time_zone="Asia/Baku",
    )
    services.activity_transition(actor=secretariat, activity=activity, to="nominations_open")
    people = [
        (("Maroc PME", "MAR"), "Salma Benali", "female", "p1@smenet.example"),
        (("Maroc PME", "MAR"), "Youssef Amrani", "male", "p2@smenet.example"),
        (("KOSGEB", "TUR"), "Ayşe Yıldız", "female", "p3@smenet.example"),
    ]
    nominations = [
        services.nomination_create(
            actor=secretariat,
            activity=activity,
            institution=institutions[key],
            full_name=name,
            gender=gender,
            email=email,
        )
        for key, name, gender, email in people
    ]
    # The provider confirms every nomination, and all three attend: the activity page, its
    # report and the certificates tell the same story.
    for nomination in nominations:
        services.nomination_decide(actor=secretariat, nomination=nomination, confirm=True)
    services.attendance_record(
        actor=secretariat, activity=activity, attended={n.pk: True for n in nominations}
    )
    services.activity_transition(actor=secretariat, activity=activity, to="delivered")
    services.activity_report_submit(
        actor=secretariat,
        activity=activity,
        outputs="3 officers from 2 agencies trained; slides and a checklist shared.",
    )
    services.activity_transition(actor=secretariat, activity=activity, to="reported")
    if verbosity:
        print(f"Capacity demo: cycle 2026, {run.proposals.count()} proposals, 1 reported activity.")
