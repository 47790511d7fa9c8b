from __future__ import annotations

import pytest

from smenet.common.errors import DomainError, PermissionDenied, ValidationFailed
from smenet.knowledge import services
from smenet.knowledge.choices import PracticeStatus
from smenet.knowledge.models import BestPractice
from smenet.registry.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return InstitutionFactory(acronym="AGA")


def _create(actor, institution, **extra):
    return services.best_practice_create(
        actor=actor,
        country=institution.country,
        institution=institution,
        texts={"title": {"en": "Credit guarantees", "ar": "ضمانات القروض"}},
        subjects=["access-to-finance"],
        **extra,
    )


def test_focal_point_drafts_submits_and_secretariat_publishes(
    agency, focal_point_of, secretariat_user
):
    author = focal_point_of(agency)
    practice = _create(author, agency)
    assert practice.status == PracticeStatus.DRAFT
    assert practice.history.first().history_user == author
    services.best_practice_submit(actor=author, practice=practice)
    services.best_practice_return(actor=secretariat_user, practice=practice, comment="Add figures")
    practice.refresh_from_db()
    assert (practice.status, practice.review_comment) == (PracticeStatus.RETURNED, "Add figures")
    services.best_practice_update(
        actor=author,
        practice=practice,
        expected_version=practice.version,
        texts={"results": {"en": "40% more loans"}},
    )
    services.best_practice_submit(actor=author, practice=practice)
    services.best_practice_publish(actor=secretariat_user, practice=practice)
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED and practice.published_at
    assert practice.history.count() >= 5


def test_focal_point_of_another_institution_cannot_write(agency, focal_point_of):
    other = focal_point_of(InstitutionFactory(acronym="OTHER"))
    with pytest.raises(PermissionDenied):
        _create(other, agency)
    practice = _create(focal_point_of(agency), agency)
    with pytest.raises(PermissionDenied):
        services.best_practice_submit(actor=other, practice=practice)
    with pytest.raises(PermissionDenied):
        services.best_practice_update(actor=other, practice=practice, texts={})


def test_only_the_secretariat_reviews(agency, focal_point_of, bureau_user):
    author = focal_point_of(agency)
    practice = _create(author, agency)
    services.best_practice_submit(actor=author, practice=practice)
    for actor in (author, bureau_user):
        with pytest.raises(PermissionDenied):
            services.best_practice_publish(actor=actor, practice=practice)


def test_published_practice_is_frozen_for_its_focal_point(agency, focal_point_of, secretariat_user):
    author = focal_point_of(agency)
    practice = _create(author, agency)
    services.best_practice_publish(actor=secretariat_user, practice=practice)
    with pytest.raises(DomainError) as exc:
        services.best_practice_update(actor=author, practice=practice, texts={})
    assert exc.value.code == "not_editable"


def test_unknown_subject_and_missing_title_are_refused(agency, secretariat_user):
    with pytest.raises(ValidationFailed) as exc:
        services.best_practice_create(
            actor=secretariat_user,
            country=agency.country,
            texts={"title": {"en": "x"}},
            subjects=["no-such-subject"],
        )
    assert "subjects" in exc.value.errors
    with pytest.raises(ValidationFailed) as exc:
        services.best_practice_create(
            actor=secretariat_user, country=agency.country, texts={"title": {"en": " "}}
        )
    assert "title" in exc.value.errors
    assert not BestPractice.objects.exists()


def test_an_update_cannot_blank_every_title(agency, focal_point_of):
    author = focal_point_of(agency)
    practice = _create(author, agency)
    with pytest.raises(ValidationFailed) as exc:
        services.best_practice_update(
            actor=author,
            practice=BestPractice.objects.get(pk=practice.pk),
            expected_version=practice.version,
            texts={"title": {"en": "", "ar": ""}, "lessons": {"en": "Kept?"}},
        )
    assert "title" in exc.value.errors
    fresh = BestPractice.objects.get(pk=practice.pk)
    assert fresh.version == practice.version
    assert fresh.safe_translation_getter("title", language_code="ar") == "ضمانات القروض"
    assert not fresh.has_translation("en") or not fresh.safe_translation_getter(
        "lessons", language_code="en", any_language=False
    )


def test_return_needs_a_comment_and_a_submission(agency, focal_point_of, secretariat_user):
    practice = _create(focal_point_of(agency), agency)
    with pytest.raises(DomainError) as exc:
        services.best_practice_return(actor=secretariat_user, practice=practice, comment="x")
    assert exc.value.code == "invalid_transition"
    with pytest.raises(DomainError) as exc:
        services.best_practice_return(actor=secretariat_user, practice=practice, comment="")
    assert exc.value.field == "comment"


def test_replication_interest_is_tracked_once(agency, focal_point_of, secretariat_user):
    practice = _create(secretariat_user, agency, status=PracticeStatus.PUBLISHED)
    other = InstitutionFactory(acronym="INTERESTED")
    interest = services.replication_interest_create(
        actor=focal_point_of(other), practice=practice, institution=other, message="Hello"
    )
    assert interest.status == "new"
    with pytest.raises(DomainError):
        services.replication_interest_create(
            actor=secretariat_user, practice=practice, institution=other
        )
    with pytest.raises(DomainError):
        services.replication_interest_create(
            actor=secretariat_user, practice=practice, institution=agency
        )


def test_attachment_type_and_size_are_checked(agency, secretariat_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    practice = _create(secretariat_user, agency)
    ok = services.best_practice_attach(
        actor=secretariat_user,
        practice=practice,
        file=SimpleUploadedFile("report.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
    )
    assert ok.pk
    with pytest.raises(ValidationFailed) as exc:
        services.best_practice_attach(
            actor=secretariat_user,
            practice=practice,
            file=SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream"),
        )
    assert "file" in exc.value.errors


def test_deleting_a_practice_or_institution_keeps_replication_requests(world):
    """Another institution's request to replicate is its work (decision 0014)."""
    from django.db.models import ProtectedError

    from smenet.knowledge.models import ReplicationInterest

    from .factories import BestPracticeFactory

    published = BestPracticeFactory(institution=world["a"])
    services.replication_interest_create(
        actor=world["fb"], practice=published, institution=world["b"], message="Yes"
    )
    for obj in (published, world["b"]):
        with pytest.raises(ProtectedError):
            obj.delete()
    assert ReplicationInterest.objects.count() == 1
