import pytest

from .factories import adopt, plan_with_items, task_force_user


@pytest.fixture
def task_force(db):
    return task_force_user()


@pytest.fixture
def draft(db):
    """A draft plan: 2 objectives × 1 outcome × 2 actions, leads A and B alternating."""
    from smenet.registry.tests.factories import InstitutionFactory

    a, b = InstitutionFactory(acronym="AAA"), InstitutionFactory(acronym="BBB")
    plan, version, actions = plan_with_items(leads=[a, b])
    return {"plan": plan, "version": version, "actions": actions, "a": a, "b": b}


@pytest.fixture
def adopted(draft, secretariat_user):
    adopt(draft["version"], secretariat_user)
    draft["version"].refresh_from_db()
    return draft


@pytest.fixture
def demo_plan(founding):
    from smenet.plans.demo import load_demo

    load_demo()
