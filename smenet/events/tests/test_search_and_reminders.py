"""Meetings and news in the one search (types ``event`` and ``news``), documents' text searched
within confidentiality; reminders before a meeting."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from smenet.events import services
from smenet.events.models import ReminderLog
from smenet.events.tasks import send_reminders

from .factories import make_meeting

pytestmark = pytest.mark.django_db


def pdf(text: str) -> SimpleUploadedFile:
    from weasyprint import HTML

    return SimpleUploadedFile(
        "doc.pdf", HTML(string=f"<p>{text}</p>").write_pdf(), "application/pdf"
    )


def search(api, query: str, types: str) -> list[str]:
    response = api.get("/api/v1/search/", {"q": query, "type": types})
    assert response.status_code == 200, response.content
    return [r["title"] for r in response.json()["results"]]


def test_meetings_and_news_are_searchable(api, founding, django_capture_on_commit_callbacks):
    from smenet.news.reference import load_founding_news

    with django_capture_on_commit_callbacks(execute=True):
        load_founding_news()
    with django_capture_on_commit_callbacks(execute=True):
        from smenet.search.indexing import schedule

        schedule(
            "event",
            [
                m.pk
                for m in __import__(
                    "smenet.events.models", fromlist=["Meeting"]
                ).Meeting.objects.all()
            ],
        )
    assert any("Inaugural meeting" in t for t in search(api, "inaugural meeting Baku", "event"))
    assert any("Selçuk" in t for t in search(api, "Selçuk Mammadov", "news"))
    assert any("زمرد" in t for t in search(api, "سلجوق", "news"))


def test_document_text_is_searched_within_confidentiality(
    api, as_user, bureau_user, secretariat_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = make_meeting(title="Spring session")
        open_doc = services.document_create(
            actor=secretariat_user,
            meeting=meeting,
            kind="report",
            titles={"en": "Report"},
            original_language="en",
        )
        services.document_file_add(
            actor=secretariat_user,
            document=open_doc,
            language="en",
            upload=pdf("microfinance guarantees"),
        )
        closed = services.document_create(
            actor=secretariat_user,
            meeting=meeting,
            kind="working_paper",
            titles={"en": "Budget"},
            original_language="en",
            audience="bureau",
        )
        services.document_file_add(
            actor=secretariat_user,
            document=closed,
            language="en",
            upload=pdf("confidential arrears schedule"),
        )
    assert search(api, "microfinance guarantees", "event") == ["Spring session"]
    assert search(api, "arrears schedule", "event") == []
    assert (
        search(as_user(bureau_user), "arrears schedule", "event") == []
    )  # not indexed with a public meeting


def test_reminders_go_to_approved_participants_once(
    secretariat_user, institution_a, focal_point_of
):
    start = timezone.now() + datetime.timedelta(hours=20)
    meeting = make_meeting(start=start.replace(tzinfo=None), time_zone="UTC")
    services.invitation_send(actor=secretariat_user, meeting=meeting, institutions=[institution_a])
    focal = focal_point_of(institution_a)
    p = services.nomination_create(
        actor=focal,
        meeting=meeting,
        institution=institution_a,
        full_name="D",
        email="d@a.org",
        language="ar",
    )
    services.participant_decide(actor=secretariat_user, participant=p, approve=True)
    mail.outbox.clear()
    assert send_reminders.call(meeting_id=meeting.pk, lead_hours=24) == 1
    assert mail.outbox[0].to == ["d@a.org"]
    assert "تذكير" in mail.outbox[0].subject
    assert send_reminders.call(meeting_id=meeting.pk, lead_hours=24) == 0  # logged: not twice
    assert ReminderLog.objects.count() == 1
    services.meeting_cancel(actor=secretariat_user, meeting=meeting, reason="Cancelled")
    assert send_reminders.call(meeting_id=meeting.pk, lead_hours=1) == 0
