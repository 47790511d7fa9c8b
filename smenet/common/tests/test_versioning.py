"""``common.versioning`` refuses a stale or out-of-state write without touching the caller's
object: what a page re-renders after a 409 still carries the version its user read."""

from __future__ import annotations

import pytest

from smenet.common.errors import Conflict, DomainError
from smenet.knowledge import services as knowledge
from smenet.knowledge.choices import PracticeStatus
from smenet.knowledge.models import BestPractice
from smenet.knowledge.tests.factories import BestPracticeFactory
from smenet.registry import services as registry
from smenet.registry.models import Institution
from smenet.registry.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def test_a_stale_edit_leaves_the_callers_object_as_it_was(secretariat_user):
    mine = InstitutionFactory(website="https://before.example")
    read_version = mine.version
    # Someone else saves first.
    theirs = Institution.objects.get(pk=mine.pk)
    registry.institution_update(
        actor=secretariat_user,
        institution=theirs,
        expected_version=read_version,
        website="https://theirs.example",
    )

    with pytest.raises(Conflict):
        registry.institution_update(
            actor=secretariat_user,
            institution=mine,
            expected_version=read_version,
            website="https://mine.example",
        )

    assert mine.version == read_version
    assert mine.website == "https://before.example"
    # Saving again with what the page still holds is refused again: nothing of theirs is lost.
    with pytest.raises(Conflict):
        registry.institution_update(
            actor=secretariat_user,
            institution=mine,
            expected_version=mine.version,
            website="https://mine.example",
        )
    assert Institution.objects.get(pk=mine.pk).website == "https://theirs.example"


def test_an_accepted_edit_reloads_the_callers_object(secretariat_user):
    mine = InstitutionFactory(website="https://before.example")
    read_version = mine.version
    updated = registry.institution_update(
        actor=secretariat_user,
        institution=mine,
        expected_version=read_version,
        website="https://after.example",
    )
    assert updated.version == read_version + 1
    assert Institution.objects.get(pk=mine.pk).website == "https://after.example"


def test_a_refused_status_change_leaves_the_callers_object_as_it_was(secretariat_user):
    practice = BestPracticeFactory(status=PracticeStatus.DRAFT)
    mine = BestPractice.objects.get(pk=practice.pk)
    BestPractice.objects.filter(pk=practice.pk).update(
        status=PracticeStatus.PUBLISHED, version=practice.version + 1
    )

    with pytest.raises(DomainError):
        knowledge.best_practice_submit(actor=secretariat_user, practice=mine)

    assert mine.status == PracticeStatus.DRAFT
    assert mine.version == practice.version
