"""The writes of the directory: every rule refuses bad input with nothing saved."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from smenet.common.errors import Conflict, DomainError, PermissionDenied, ValidationFailed
from smenet.services_directory import services
from smenet.services_directory.choices import ANY, ReviewStatus, ServiceStatus
from smenet.services_directory.models import Service, ServiceFacet

from .factories import ServiceFactory

pytestmark = pytest.mark.django_db


def _create(world, actor_key="fa", **values):
    values.setdefault("category", "training")
    texts = values.pop("texts", {"title": {"en": "Coaching"}})
    return services.service_create(
        actor=world[actor_key], institution=world["a"], texts=texts, **values
    )


def test_focal_point_creates_a_draft_with_facets_and_a_ref(world):
    service = _create(world, sizes=["micro"], languages=["AR", "en"], sectors=["c"])
    assert service.review_status == ReviewStatus.DRAFT
    assert service.ref and service.ref.startswith("aaa-training-")
    assert service.languages == ["ar", "en"] and service.sectors == ["C"]
    facets = set(ServiceFacet.objects.filter(service=service).values_list("kind", "value"))
    assert facets == {
        ("size", "micro"),
        ("sector", "C"),
        ("stage", ANY),
        ("language", "ar"),
        ("language", "en"),
    }
    assert service.last_confirmed == timezone.localdate()
    assert service.history.count() == 1


@pytest.mark.parametrize(
    "values, field",
    [
        ({"category": "astrology"}, "category"),
        ({"cost": "fee", "cost_amount": "100"}, "cost_currency"),
        ({"cost": "fee"}, "cost_amount"),
        ({"cost": "fee", "cost_amount": "100", "cost_currency": "ZZZ"}, "cost_currency"),
        ({"cost": "free", "cost_amount": "5", "cost_currency": "EUR"}, "cost_amount"),
        ({"cost_amount": "5", "cost_currency": "EUR"}, "cost"),
        ({"cost": "fee", "cost_amount": "-3", "cost_currency": "EUR"}, "cost_amount"),
        ({"sizes": ["huge"]}, "sizes"),
        ({"sectors": ["Z"]}, "sectors"),
        ({"stages": ["retired"]}, "stages"),
        ({"languages": ["arabic"]}, "languages"),
        ({"cross_border": "maybe"}, "cross_border"),
        ({"texts": {"summary": {"en": "no title"}}}, "title"),
        ({"texts": {"title": {"en": "x" * 301}}}, "title"),
        ({"texts": {"title": {"english": "x"}}}, "title"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_saved(world, values, field):
    with pytest.raises(ValidationFailed) as exc:
        _create(world, **values)
    assert field in exc.value.errors, exc.value.errors
    assert Service.objects.count() == 0 and ServiceFacet.objects.count() == 0


def test_fee_with_amount_and_currency_is_kept(world):
    service = _create(world, cost="fee", cost_amount="120.50", cost_currency="eur")
    assert service.cost_amount == Decimal("120.50") and service.cost_currency == "EUR"


def test_focal_point_cannot_create_or_change_for_another_institution(world):
    with pytest.raises(PermissionDenied):
        services.service_create(
            actor=world["fb"],
            institution=world["a"],
            category="training",
            texts={"title": {"en": "x"}},
        )
    service = ServiceFactory(institution=world["a"])
    with pytest.raises(PermissionDenied):
        services.service_update(actor=world["fb"], service=service, category="incubation")
    service.refresh_from_db()
    assert service.category == "training" and service.version == 1


def test_focal_point_may_not_publish_a_new_service(world):
    with pytest.raises(DomainError):
        _create(world, review_status=ReviewStatus.PUBLISHED)


def test_archived_service_cannot_be_edited(world):
    service = ServiceFactory(institution=world["a"])
    services.service_archive(actor=world["fa"], service=service)
    with pytest.raises(Conflict) as exc:
        services.service_update(
            actor=world["fa"], service=service, texts={"title": {"en": "New title"}}
        )
    assert exc.value.code == "archived"
    service.refresh_from_db()
    assert service.safe_translation_getter("title", language_code="en") != "New title"
    # Restoring is the Secretariat's.
    with pytest.raises(PermissionDenied):
        services.service_restore(actor=world["fa"], service=service)
    services.service_restore(actor=world["sec"], service=service)
    assert service.status == ServiceStatus.ACTIVE


def test_stale_version_is_a_conflict(world):
    service = ServiceFactory(institution=world["a"])
    services.service_update(
        actor=world["fa"], service=service, expected_version=1, category="incubation"
    )
    stale = Service.objects.get(pk=service.pk)
    stale.version = 1
    with pytest.raises(Conflict):
        services.service_update(
            actor=world["fa"], service=stale, expected_version=1, category="training"
        )
    assert Service.objects.get(pk=service.pk).category == "incubation"


def test_same_values_change_nothing(world):
    service = ServiceFactory(institution=world["a"], sizes=["small"], texts={"title": {"en": "T"}})
    services.service_update(
        actor=world["fa"],
        service=service,
        sizes=["small"],
        category="training",
        texts={"title": {"en": "T"}},
    )
    assert service.version == 1 and service.history.count() == 1


def test_focal_point_change_to_a_published_service_waits_for_review(world):
    service = ServiceFactory(institution=world["a"])
    services.service_update(actor=world["fa"], service=service, category="incubation")
    assert service.changed_since_review and service.review_status == ReviewStatus.PUBLISHED
    services.service_publish(actor=world["sec"], service=service)
    assert not Service.objects.get(pk=service.pk).changed_since_review


def test_workflow_submit_return_publish_with_mail_in_each_language(
    world, django_capture_on_commit_callbacks
):
    world["fa"].language = "ar"
    world["fa"].save()
    world["sec"].email = "sec@example.org"
    world["sec"].save()
    service = _create(world, texts={"title": {"en": "Coaching", "ar": "إرشاد"}})
    with django_capture_on_commit_callbacks(execute=True):
        services.service_submit(actor=world["fa"], service=service)
    assert service.review_status == ReviewStatus.SUBMITTED
    assert [m.to for m in mail.outbox] == [["sec@example.org"]]
    with pytest.raises(DomainError):
        services.service_return(actor=world["sec"], service=service, comment="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.service_return(actor=world["sec"], service=service, comment="Add the cost.")
    assert service.review_status == ReviewStatus.RETURNED
    returned = mail.outbox[-1]
    assert returned.to == [world["fa"].email] and "إرشاد" in returned.body
    assert "/ar/services/" in returned.body
    with pytest.raises(PermissionDenied):
        services.service_publish(actor=world["fa"], service=service)
    services.service_submit(actor=world["fa"], service=service)
    services.service_publish(actor=world["sec"], service=service)
    assert service.review_status == ReviewStatus.PUBLISHED and service.published_at


def test_yearly_confirmation_flags_and_reminds_once(world, django_capture_on_commit_callbacks):
    world["fa"].language = "fr"
    world["fa"].save()
    old = ServiceFactory(
        institution=world["a"],
        texts={"title": {"en": "Old", "fr": "Ancien"}},
        last_confirmed=datetime.date(2024, 1, 1),
    )
    fresh = ServiceFactory(institution=world["a"], last_confirmed=timezone.localdate())
    archived = ServiceFactory(institution=world["a"], last_confirmed=datetime.date(2020, 1, 1))
    services.service_archive(actor=None, service=archived)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        flagged = services.services_flag_unconfirmed()
    assert flagged == {world["a"].pk: [old.pk]}
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.unconfirmed_since == timezone.localdate() and fresh.unconfirmed_since is None
    assert len(mail.outbox) == 1 and "Ancien" in mail.outbox[0].body
    assert services.services_flag_unconfirmed() == {}  # not twice the same year
    services.service_confirm(actor=world["fa"], service=old)
    old.refresh_from_db()
    assert old.unconfirmed_since is None and old.last_confirmed == timezone.localdate()


def test_reminder_is_repeated_after_another_year(world):
    old = ServiceFactory(institution=world["a"], last_confirmed=datetime.date(2020, 1, 1))
    services.services_flag_unconfirmed()
    Service.objects.filter(pk=old.pk).update(
        reminded_at=timezone.now() - datetime.timedelta(days=400)
    )
    assert services.services_flag_unconfirmed() == {world["a"].pk: [old.pk]}


def test_sweep_task_runs_the_flagging(world):
    from smenet.services_directory.tasks import sweep_unconfirmed_services

    ServiceFactory(institution=world["a"], last_confirmed=datetime.date(2020, 1, 1))
    result = sweep_unconfirmed_services.enqueue()
    assert result.return_value == 1


def test_serve_schedules_one_daily_sweep(settings):
    """With the database back end (as ``smenet serve`` runs), one sweep waits at a time."""
    from django_tasks_db.models import DBTaskResult

    from smenet.services_directory import tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert tasks.schedule_sweep() is True
    assert tasks.schedule_sweep() is False  # already waiting
    waiting = DBTaskResult.objects.get(task_path=tasks.sweep_unconfirmed_services.module_path)
    assert waiting.status == "READY" and waiting.run_after > timezone.now()
    assert waiting.run_after.hour == tasks.SWEEP_HOUR


def test_a_failed_sweep_still_queues_the_next_days(settings, monkeypatch):
    from django.db import OperationalError
    from django_tasks_db.models import DBTaskResult

    from smenet.services_directory import services as directory_services
    from smenet.services_directory import tasks

    def lost(**_kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(directory_services, "services_flag_unconfirmed", lost)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with pytest.raises(OperationalError):
        tasks.sweep_unconfirmed_services.call()
    waiting = DBTaskResult.objects.get(task_path=tasks.sweep_unconfirmed_services.module_path)
    assert waiting.status == "READY" and waiting.run_after.hour == tasks.SWEEP_HOUR


def test_sweep_command(world):
    from io import StringIO

    from django.core.management import call_command
    from django.utils import translation

    ServiceFactory(institution=world["a"], last_confirmed=datetime.date(2020, 1, 1))
    out = StringIO()
    with translation.override("en"):
        call_command("services_sweep", stdout=out)
    assert "1 services flagged, 1 institutions reminded." in out.getvalue()
