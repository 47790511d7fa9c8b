"""E-mail about best practices: who gets it, what it says, in whose language, and never for a
change that was rolled back or at the cost of the change itself."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client

from smenet.knowledge import notifications, services
from smenet.knowledge import tasks as knowledge_tasks
from smenet.knowledge.choices import PracticeStatus
from smenet.registry.choices import Role
from smenet.registry.tests.factories import InstitutionFactory, UserFactory, assign

from .factories import BestPracticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """Run ``action`` and what it left for after the commit (the tasks run at once in tests);
    the mail sent."""

    def run(action):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            action()
        return list(mail.outbox)

    return run


def draft_of(world, who="a"):
    return services.best_practice_create(
        actor=world[f"f{who}"],
        country=world[who].country,
        institution=world[who],
        texts={"title": {"en": "Credit guarantees", "ar": "ضمانات القروض"}},
    )


@pytest.fixture
def submitted(world):
    practice = draft_of(world)
    services.best_practice_submit(actor=world["fa"], practice=practice)
    return practice


def recipients(messages) -> list[str]:
    return sorted(address for message in messages for address in message.to)


def silent_people(world):
    """Those who hold the right roles but must hear nothing: inactive, or without e-mail."""
    assign(UserFactory(is_active=False), Role.SECRETARIAT)
    assign(UserFactory(email=""), Role.SECRETARIAT)
    assign(UserFactory(is_active=False), Role.FOCAL_POINT, world["a"])
    assign(UserFactory(email=" "), Role.FOCAL_POINT, world["a"])


# --- who hears of what -----------------------------------------------------------------------


def test_a_submission_goes_to_every_active_secretariat_member(world, after_commit):
    other = assign(UserFactory(), Role.SECRETARIAT)
    silent_people(world)
    practice = draft_of(world)
    sent = after_commit(lambda: services.best_practice_submit(actor=world["fa"], practice=practice))
    assert recipients(sent) == sorted([world["sec"].email, other.email])
    message = sent[0]
    assert message.subject == "A best practice was submitted for review"
    assert "Credit guarantees" in message.body and "Agency AAA (AAA)" in message.body
    assert f"/knowledge/practices/{practice.pk}/review/" in message.body
    assert message.body.startswith(f"Dear {world['sec'].full_name},")


def test_links_carry_the_sites_address_when_it_is_set(world, after_commit, settings):
    settings.SITE_URL = "https://smenet.example.org"
    practice = draft_of(world)
    sent = after_commit(lambda: services.best_practice_submit(actor=world["fa"], practice=practice))
    link = f"https://smenet.example.org/knowledge/practices/{practice.pk}/review/"
    assert sent and all(link in m.body for m in sent)


def test_a_return_goes_to_the_institutions_focal_points_with_the_comment(
    world, submitted, focal_point_of, after_commit
):
    second = focal_point_of(world["a"])
    silent_people(world)
    sent = after_commit(
        lambda: services.best_practice_return(
            actor=world["sec"], practice=submitted, comment="Add figures on defaults."
        )
    )
    assert recipients(sent) == sorted([world["fa"].email, second.email])
    message = sent[0]
    assert message.subject == "Your best practice was returned with comments"
    assert "Add figures on defaults." in message.body and "Credit guarantees" in message.body
    assert f"/knowledge/practices/{submitted.pk}/edit/" in message.body


def test_a_publication_goes_to_the_institutions_focal_points(world, submitted, after_commit):
    silent_people(world)
    sent = after_commit(
        lambda: services.best_practice_publish(actor=world["sec"], practice=submitted)
    )
    assert recipients(sent) == [world["fa"].email]
    assert sent[0].subject == "Your best practice is published"
    assert f"/knowledge/practices/{submitted.pk}/" in sent[0].body


def test_interest_goes_to_the_owners_naming_who_and_their_message(world, after_commit):
    silent_people(world)
    published = BestPracticeFactory(institution=world["a"])
    sent = after_commit(
        lambda: services.replication_interest_create(
            actor=world["fb"],
            practice=published,
            institution=world["b"],
            message="We would like to adapt the claim procedure.",
        )
    )
    assert recipients(sent) == [world["fa"].email]
    message = sent[0]
    assert message.subject == "Agency BBB (BBB) would like to replicate your best practice"
    assert "We would like to adapt the claim procedure." in message.body
    assert f"/knowledge/practices/{published.pk}/#interests" in message.body


def test_interest_without_a_message_says_so(world, after_commit):
    published = BestPracticeFactory(institution=world["a"])
    sent = after_commit(
        lambda: services.replication_interest_create(
            actor=world["fb"], practice=published, institution=world["b"]
        )
    )
    assert "(no message)" in sent[0].body


def test_a_withdrawal_or_a_draft_mails_nobody(world, submitted, after_commit):
    assert not after_commit(lambda: draft_of(world, "b"))
    assert not after_commit(
        lambda: services.best_practice_withdraw(actor=world["fa"], practice=submitted)
    )


def test_a_practice_without_an_institution_notifies_no_focal_point(world, after_commit):
    practice = services.best_practice_create(
        actor=world["sec"], country=world["a"].country, texts={"title": {"en": "Regional"}}
    )
    sent = after_commit(
        lambda: services.best_practice_submit(actor=world["sec"], practice=practice)
    )
    assert recipients(sent) == [world["sec"].email]
    assert world["a"].country.safe_translation_getter("name", any_language=True) in sent[0].body
    assert not after_commit(
        lambda: services.best_practice_publish(actor=world["sec"], practice=practice)
    )


# --- in the recipient's language -------------------------------------------------------------


def test_each_recipient_reads_it_in_their_language(world, after_commit):
    arabic = assign(UserFactory(language="ar"), Role.SECRETARIAT)
    french = assign(UserFactory(language="fr"), Role.SECRETARIAT)
    practice = draft_of(world)
    sent = after_commit(lambda: services.best_practice_submit(actor=world["fa"], practice=practice))
    by_address = {message.to[0]: message for message in sent}
    ar, fr, en = by_address[arabic.email], by_address[french.email], by_address[world["sec"].email]
    assert ar.subject == "قُدِّمت ممارسة فضلى للمراجعة"
    assert "ضمانات القروض" in ar.body and "وكالة AAA" in ar.body
    assert f"/ar/knowledge/practices/{practice.pk}/review/" in ar.body
    assert fr.subject == "Une bonne pratique a été soumise pour examen"
    assert f"/fr/knowledge/practices/{practice.pk}/review/" in fr.body
    assert "Credit guarantees" in fr.body  # no French title: falls back
    assert en.subject == "A best practice was submitted for review"


def test_a_language_the_site_does_not_have_gets_english(world, after_commit):
    german = assign(UserFactory(language="de"), Role.SECRETARIAT)
    practice = draft_of(world)
    sent = after_commit(lambda: services.best_practice_submit(actor=world["fa"], practice=practice))
    message = next(m for m in sent if m.to == [german.email])
    assert message.subject == "A best practice was submitted for review"
    assert f" /knowledge/practices/{practice.pk}/review/" in message.body  # no /de/ prefix


def test_the_actors_language_does_not_leak_into_the_mail(world, submitted, after_commit):
    client = Client()
    client.force_login(world["sec"])
    sent = after_commit(
        lambda: client.post(
            f"/ar/knowledge/practices/{submitted.pk}/review/",
            {"action": "return", "comment": "Add figures."},
        )
    )
    assert [m.subject for m in sent] == ["Your best practice was returned with comments"]


# --- never for a rolled-back change, never at the cost of the change -------------------------


def test_a_rolled_back_action_sends_nothing(world, submitted, after_commit):
    def return_then_fail():
        with pytest.raises(RuntimeError), transaction.atomic():
            services.best_practice_return(actor=world["sec"], practice=submitted, comment="x")
            raise RuntimeError("something later in the same request failed")

    assert not after_commit(return_then_fail)
    submitted.refresh_from_db()
    assert submitted.status == PracticeStatus.SUBMITTED


def test_a_refused_edit_and_submit_sends_nothing(world, after_commit):
    """Saving and submitting in one step: when the save is refused, nobody hears of it."""
    practice = draft_of(world)
    client = Client()
    client.force_login(world["fa"])
    sent = after_commit(
        lambda: client.post(
            f"/knowledge/practices/{practice.pk}/edit/",
            {"action": "submit", "version": "99", "original_language": "en", "title_en": "New"},
        )
    )
    assert not sent
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.DRAFT


def test_a_mail_failure_does_not_undo_or_break_the_action(world, monkeypatch, after_commit):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("the mail server is down")

    monkeypatch.setattr(notifications, "send_mail", refuse)
    practice = draft_of(world)
    client = Client()
    client.force_login(world["fa"])
    response = None

    def submit():
        nonlocal response
        response = client.post(f"/knowledge/practices/{practice.pk}/submit/")

    assert not after_commit(submit)
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED


def test_a_queue_failure_does_not_break_the_action(world, monkeypatch, after_commit, caplog):
    class Unavailable:
        def enqueue(self, *args, **kwargs):
            raise RuntimeError("the task queue is unavailable")

    monkeypatch.setattr(knowledge_tasks, "send_practice_notification", Unavailable())
    practice = draft_of(world)
    client = Client()
    client.force_login(world["fa"])
    response = None

    def submit():
        nonlocal response
        response = client.post(f"/knowledge/practices/{practice.pk}/submit/")

    after_commit(submit)
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED
    assert "the task queue is unavailable" in caplog.text  # logged, not lost silently


def test_one_refused_address_does_not_keep_the_others_from_their_mail(
    world, submitted, focal_point_of, monkeypatch, after_commit
):
    second = focal_point_of(world["a"])
    real = notifications.send_mail

    def refuse_first(subject, body, sender, to):
        if to == [world["fa"].email]:
            raise ConnectionRefusedError("recipient refused")
        return real(subject, body, sender, to)

    monkeypatch.setattr(notifications, "send_mail", refuse_first)
    sent = after_commit(
        lambda: services.best_practice_publish(actor=world["sec"], practice=submitted)
    )
    assert recipients(sent) == [second.email]


def test_a_practice_that_moved_on_before_the_worker_ran_is_not_announced(world, submitted):
    services.best_practice_withdraw(actor=world["fa"], practice=submitted)
    mail.outbox.clear()
    assert notifications.best_practice_notify(event="submitted", object_id=submitted.pk) == 0
    assert notifications.best_practice_notify(event="submitted", object_id=0) == 0
    assert not mail.outbox


@pytest.mark.django_db(transaction=True)
def test_a_committed_submission_mails_the_secretariat_and_a_failed_queue_is_only_logged(
    focal_point_of, secretariat_user, monkeypatch, caplog
):
    """Through real commits, not captured callbacks."""
    agency = InstitutionFactory(acronym="AAA")
    author = focal_point_of(agency)
    client = Client()
    client.force_login(author)
    first, second = (
        services.best_practice_create(
            actor=author,
            country=agency.country,
            institution=agency,
            texts={"title": {"en": title}},
        )
        for title in ("First", "Second")
    )
    mail.outbox.clear()
    assert client.post(f"/knowledge/practices/{first.pk}/submit/").status_code == 302
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([secretariat_user.email], "A best practice was submitted for review")
    ]

    class Unavailable:
        def enqueue(self, *args, **kwargs):
            raise RuntimeError("the task queue is unavailable")

    monkeypatch.setattr(knowledge_tasks, "send_practice_notification", Unavailable())
    assert client.post(f"/knowledge/practices/{second.pk}/submit/").status_code == 302
    second.refresh_from_db()
    assert second.status == PracticeStatus.SUBMITTED
    assert "the task queue is unavailable" in caplog.text


def test_a_notice_that_lost_the_database_before_sending_is_queued_again_and_sent_once(
    world, submitted, monkeypatch, after_commit
):
    from django.db import OperationalError

    real = notifications._recipients
    calls: list[int] = []

    def lost_twice(*args, **kwargs):
        calls.append(1)
        if len(calls) <= 2:
            raise OperationalError("server closed the connection unexpectedly")
        return real(*args, **kwargs)

    monkeypatch.setattr(notifications, "_recipients", lost_twice)
    sent = after_commit(
        lambda: services.best_practice_publish(actor=world["sec"], practice=submitted)
    )
    assert len(calls) == 3
    assert recipients(sent) == [world["fa"].email]  # once, not three times
