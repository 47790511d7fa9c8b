"""Factories of the plans app: small worlds built through the services."""

from __future__ import annotations

import datetime

from smenet.plans import services
from smenet.plans.models import Plan, PlanItem, PlanVersion
from smenet.registry.choices import Role
from smenet.registry.tests.factories import InstitutionFactory, UserFactory, assign

D = datetime.date
PERIOD = (D(2025, 10, 7), D(2028, 10, 6))

_counter = {"n": 0}


def task_force_user(**kwargs):
    return assign(
        UserFactory(full_name=kwargs.pop("full_name", "Task-force Member"), **kwargs),
        Role.TASK_FORCE,
    )


def plan_with_items(
    *, objectives: int = 2, outcomes: int = 1, actions: int = 2, leads=None, code: str | None = None
) -> tuple[Plan, PlanVersion, list[PlanItem]]:
    """A draft plan with objectives → outcomes → actions, each action with one indicator.
    ``leads``: institutions cycled as lead of the actions (default: two new ones)."""
    _counter["n"] += 1
    leads = leads or [InstitutionFactory(), InstitutionFactory()]
    plan = services.plan_create(
        actor=None,
        code=code or f"plan-{_counter['n']}",
        titles={"en": "Test plan", "ar": "خطة عمل الشبكة", "fr": "Plan de test"},
        period_start=PERIOD[0],
        period_end=PERIOD[1],
    )
    version = plan.versions.get()
    actions_made: list[PlanItem] = []
    n = 0
    for o in range(objectives):
        obj = services.item_create(
            actor=None,
            version=version,
            titles={"en": f"Objective {o + 1}", "ar": f"الهدف {o + 1}"},
            lead=leads[0],
        )
        for u in range(outcomes):
            out = services.item_create(
                actor=None, version=version, parent=obj, titles={"en": f"Outcome {o + 1}.{u + 1}"}
            )
            for _a in range(actions):
                actions_made.append(
                    services.item_create(
                        actor=None,
                        version=version,
                        parent=out,
                        titles={"en": f"Action {n}", "fr": f"Action {n}"},
                        lead=leads[n % len(leads)],
                        start=D(2026, 1, 1),
                        end=D(2027, 12, 31),
                        subjects=["access-to-finance"],
                        indicators=[
                            {
                                "names": {"en": f"Indicator {n}"},
                                "unit": "",
                                "baseline": 0,
                                "target": 10,
                            }
                        ],
                    )
                )
                n += 1
    return plan, version, actions_made


def adopt(version: PlanVersion, actor, *, reference: str = "GA-TEST-01") -> PlanVersion:
    """Submit, review and adopt a draft (a General Assembly body must exist)."""
    from smenet.governance.choices import BodyKind
    from smenet.governance.tests.factories import BodyFactory

    BodyFactory(code="general-assembly", kind=BodyKind.GENERAL_ASSEMBLY, term_years=None)
    services.version_submit(actor=None, version=version)
    services.version_review(actor=None, version=version)
    return services.version_adopt(
        actor=actor, version=version, reference=reference, date=D(2026, 1, 15), voting="consensus"
    )
