"""Demo data: illustrative sample accounts and task-force seats, then each capability's sample
content, flagged ``is_sample`` and labelled once in the UI. The real founding of the network is
reference data (``governance/reference.py``, ``events/reference.py``), loaded with or without
the demo."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from smenet.events.services import meeting_record_decisions
from smenet.governance import services as gov
from smenet.governance.choices import DecisionKind, VotingMethod
from smenet.governance.models import Body, Decision
from smenet.registry import services as reg
from smenet.registry.choices import Role
from smenet.registry.models import Institution, User

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
    return [(email, str(Role(role).label), str(password)) for email, _n, _i, role in SAMPLE_USERS]


def _inst(acronym: str, iso3: str | None) -> Institution:
    return (
        Institution.objects.get(acronym=acronym, country__iso3=iso3)
        if iso3
        else (Institution.objects.get(acronym=acronym, country=None))
    )


def is_loaded() -> bool:
    return User.objects.filter(email=SAMPLE_USERS[0][0]).exists()


@transaction.atomic
def load_demo_data(verbosity: int = 0) -> bool:
    """Load the demo once into a database that has the reference data."""
    if is_loaded():
        if verbosity:
            print("Demo data: already loaded.")
        return False
    from smenet.events.reference import load_founding_meeting
    from smenet.governance.reference import FOUNDING, load_founding

    actor = None  # the system
    load_founding()  # reference data; here too, for a database loaded before it was
    meeting = load_founding_meeting()
    sesric = _inst("SESRIC", None)
    kobia = _inst("KOBİA", "AZE")
    task_force = Body.objects.get(code="task-force-action-plan")
    tf_coord = task_force.positions.get(code="coordinator")
    tf_member = task_force.positions.get(code="member")
    gov.decision_record(
        actor=actor,
        reference="TF-2025-01",
        body=task_force,
        date=FOUNDING,
        kind=DecisionKind.ESTABLISHMENT,
        voting=VotingMethod.NOT_RECORDED,
        proposed_by=sesric,
        is_sample=True,
        titles={
            "en": "Composition of the task force on the Action Plan",
            "fr": "Composition du groupe de travail sur le plan d'action",
            "ar": "تشكيل فريق العمل المعني بخطة العمل",
        },
        elections=[
            gov.Election(position=tf_coord, holder=sesric),
            gov.Election(position=tf_member, holder=kobia),
            gov.Election(position=tf_member, holder=_inst("KOSGEB", "TUR")),
        ],
    )

    assert meeting is not None, "the reference data (the General Assembly) is loaded first"
    meeting_record_decisions(
        actor=actor,
        meeting=meeting,
        decisions=Decision.objects.filter(reference="TF-2025-01"),
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
    from smenet.experts.demo import load_demo as load_experts_demo
    from smenet.knowledge.demo import load_demo as load_knowledge_demo
    from smenet.plans.demo import load_demo as load_plans_demo
    from smenet.services_directory.demo import load_demo as load_services_demo
    from smenet.statistics.demo import load_demo as load_statistics_demo

    load_capacity_demo(verbosity)
    load_plans_demo(verbosity)
    load_knowledge_demo(verbosity)
    load_statistics_demo(verbosity)
    load_services_demo(verbosity)
    load_experts_demo(verbosity)
    if verbosity:
        print(
            f"Demo data: {Decision.objects.count()} decisions, "
            f"{User.objects.count()} sample accounts."
        )
    return True
