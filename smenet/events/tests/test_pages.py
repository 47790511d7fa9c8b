"""Meeting pages through HTTP: lists, month view, the meeting page, participation, minutes,
the decision register, invitation letters; permissions and bounded query counts."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess

import pytest
from django.utils import timezone

from smenet.events import services
from smenet.events.models import Participant

from .factories import make_meeting

pytestmark = pytest.mark.django_db


def test_founding_meeting_page_in_arabic_with_hijri_date(client, founding):
    response = client.get("/ar/meetings/inaugural-meeting-2025/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "الاجتماع الافتتاحي" in html
    assert "15 ربيع الآخر 1447 هـ" in html  # 7 October 2025 (Umm al-Qura)
    assert "GA-2025-02" in html
    # the network named as the site names it; the demo's sample decision says it is a sample
    assert "الاجتماع الافتتاحي لشبكة المنشآت الصغيرة والمتوسطة لمنظمة التعاون الإسلامي" in html
    assert "badge sample" in html.split("TF-2025-01", 1)[1].split("</li>", 1)[0]
    assert "badge sample" not in html.split("GA-2025-02", 1)[1].split("</li>", 1)[0]
    english = client.get("/meetings/inaugural-meeting-2025/").content.decode()
    assert "ربيع" not in english


@pytest.mark.parametrize(
    "path",
    [
        "/meetings/",
        "/meetings/past/",
        "/meetings/calendar/",
        "/decisions/",
        "/ar/meetings/calendar/2025/10/",
    ],
)
def test_list_pages_answer_with_bounded_queries(
    client, founding, path, django_assert_max_num_queries
):
    with django_assert_max_num_queries(25):
        assert client.get(path).status_code == 200
    for n in range(12):
        make_meeting(
            title=f"Extra {n}",
            start=timezone.now().replace(tzinfo=None) + datetime.timedelta(days=n + 1),
        )
    with django_assert_max_num_queries(25):
        assert client.get(path).status_code == 200


def test_meeting_page_with_agenda_documents_and_slots(
    client, secretariat_user, django_assert_max_num_queries
):
    meeting = make_meeting(start=datetime.datetime(2027, 3, 4, 9, 0), time_zone="Europe/Istanbul")
    doc = services.document_create(
        actor=secretariat_user,
        meeting=meeting,
        kind="working_paper",
        titles={"en": "Paper"},
        original_language="en",
    )
    top = services.agenda_item_add(
        actor=secretariat_user,
        meeting=meeting,
        titles={"en": "Opening"},
        documents=[doc],
        starts_at=datetime.datetime(2027, 3, 4, 9, 30),
        ends_at=datetime.datetime(2027, 3, 4, 10, 0),
    )
    services.agenda_item_add(
        actor=secretariat_user, meeting=meeting, titles={"en": "Welcome"}, parent=top
    )
    with django_assert_max_num_queries(30):
        html = client.get(meeting.get_absolute_url()).content.decode()
    assert "09:30" in html and "10:00" in html and doc.symbol in html and "Welcome" in html
    # items numbered as in the register (1, 1.1), not by a nested list restarting at 1
    numbers = re.findall(r'<span class="agenda-number">([^<]*)</span>', html)
    assert numbers == ["1", "1.1"], numbers


def test_month_view_places_meetings_on_their_local_days(client, founding):
    html = client.get("/meetings/calendar/2025/10/").content.decode()
    assert "Inaugural meeting" in html
    assert client.get("/meetings/calendar/2025/13/").status_code == 404


def test_confidential_meeting_page_is_404_for_the_public(client, secretariat_user):
    hidden = make_meeting(audience="bureau")
    assert client.get(hidden.get_absolute_url()).status_code == 404
    client.force_login(secretariat_user)
    assert client.get(hidden.get_absolute_url()).status_code == 200


def test_join_link_only_for_registered_participants(
    client, secretariat_user, institution_a, focal_point_of
):
    meeting = make_meeting(mode="hybrid", join_url="https://meet.example/secret-room")
    focal = focal_point_of(institution_a)
    services.invitation_send(actor=secretariat_user, meeting=meeting, institutions=[institution_a])
    assert "secret-room" not in client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(focal)
    assert "secret-room" not in client.get(meeting.get_absolute_url()).content.decode()
    p = services.nomination_create(
        actor=focal, meeting=meeting, institution=institution_a, full_name="F", email=focal.email
    )
    services.participant_decide(actor=secretariat_user, participant=p, approve=True)
    assert "secret-room" in client.get(meeting.get_absolute_url()).content.decode()


def test_nomination_form_over_quota_shows_the_error_and_saves_nothing(
    client, secretariat_user, institution_a, focal_point_of
):
    meeting = make_meeting()
    services.invitation_send(
        actor=secretariat_user, meeting=meeting, institutions=[institution_a], quota=1
    )
    client.force_login(focal_point_of(institution_a))
    url = f"/ar/meetings/{meeting.code}/participants/"
    ok = client.post(url, {"full_name": "A", "email": "a@a.org", "language": "ar"})
    assert ok.status_code == 302
    refused = client.post(url, {"full_name": "B", "email": "b@a.org", "language": "ar"})
    assert refused.status_code == 409
    assert "AAA" in refused.content.decode()
    assert Participant.objects.count() == 1


def test_participants_page_of_a_meeting_we_are_not_invited_to_is_404(
    client, institution_b, focal_point_of
):
    meeting = make_meeting()
    client.force_login(focal_point_of(institution_b))
    assert client.get(f"/meetings/{meeting.code}/participants/").status_code == 404


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils not installed")
@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_invitation_letter_pdf_embeds_an_arabic_font(
    client, tmp_path, secretariat_user, institution_a, focal_point_of, lang
):
    from smenet.registry.tests.factories import CountryFactory

    meeting = make_meeting(city="Baku", title="Bureau meeting", country=CountryFactory())
    focal = focal_point_of(institution_a)
    services.invitation_send(actor=secretariat_user, meeting=meeting, institutions=[institution_a])
    p = services.nomination_create(
        actor=focal,
        meeting=meeting,
        institution=institution_a,
        full_name="ليلى أحمد",
        email="l@a.org",
        passport_number="P123",
    )
    client.force_login(focal)
    url = f"/meetings/{meeting.code}/letters/{p.pk}/{lang}.pdf"
    assert client.get(url).status_code == 409  # not approved yet
    services.participant_decide(actor=secretariat_user, participant=p, approve=True)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "letter.pdf"
    path.write_bytes(response.content)
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "Arabic" in fonts  # the delegate's Arabic name is shaped with an Arabic font, not boxes
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "P123" in text
    if lang != "ar":  # the letter is written in the language asked for, with the visa request
        words = " ".join(text.split())
        title, visa = {
            "en": ("Letter of invitation", "We kindly request the competent authorities of"),
            "fr": ("Lettre d'invitation", "Nous prions les autorités compétentes"),
        }[lang]
        assert title in words and visa in words, words[:600]


def test_minutes_workflow_pages(client, secretariat_user, institution_a, focal_point_of):
    meeting = make_meeting()
    focal = focal_point_of(institution_a)
    services.invitation_send(actor=secretariat_user, meeting=meeting, institutions=[institution_a])
    url = f"/ar/meetings/{meeting.code}/minutes/"
    assert client.get(url).status_code == 404  # not public before publication
    client.force_login(secretariat_user)
    assert client.post(url, {"action": "save", "text": "١. الافتتاح"}).status_code == 302
    deadline = (timezone.now() + datetime.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    assert client.post(url, {"action": "circulate", "deadline": deadline}).status_code == 302
    client.force_login(focal)
    page = client.get(url)
    assert page.status_code == 200 and "١. الافتتاح" in page.content.decode()
    assert (
        client.post(url, {"action": "comment", "text": "ملاحظة", "is_objection": "on"}).status_code
        == 302
    )
    assert client.post(url, {"action": "publish"}).status_code == 404  # not the Secretariat's


def test_decision_register_filters_and_chain(client, secretariat_user, institution_a):
    meeting = make_meeting(title="Bureau March")
    decision = services.decision_record_at_meeting(
        actor=None,
        meeting=meeting,
        reference="BUR-9",
        body=meeting.body,
        date=meeting.local_start.date(),
        kind="resolution",
        voting="consensus",
        titles={"en": "Approves the calendar"},
    )
    from smenet.plans.models import PlanItem
    from smenet.plans.tests.factories import plan_with_items

    _plan, _version, (late, current) = plan_with_items(objectives=1, actions=2)
    today = datetime.date.today()
    PlanItem.objects.filter(pk=late.pk).update(
        end=today - datetime.timedelta(days=1), status="on_track", percent=40
    )
    PlanItem.objects.filter(pk=current.pk).update(
        end=today + datetime.timedelta(days=90), status="delayed", percent=None
    )
    services.follow_up_create(
        actor=None,
        decision=decision,
        owner=institution_a,
        due_on=decision.date,
        titles={"en": "Publish the calendar"},
        plan_items=[late, current],
    )
    html = client.get("/decisions/?follow_up=open").content.decode()
    assert (
        "Approves the calendar" in html
        and "Publish the calendar" in html
        and "Bureau March" in html
    )
    # the chain ends in the plan items' one state, as the plan's pages show it (decision 0022):
    # past its end date an item is overdue whatever was reported
    assert "Overdue, 40%" in html and "On track" not in html and "Delayed" in html
    assert "Approves the calendar" not in client.get("/decisions/?follow_up=done").content.decode()
    assert client.get("/decisions/?year=abc").status_code == 400


def test_overdue_actions_on_the_owner_dashboard(
    client, institution_a, institution_b, focal_point_of
):
    meeting = make_meeting()
    decision = services.decision_record_at_meeting(
        actor=None,
        meeting=meeting,
        reference="BUR-10",
        body=meeting.body,
        date=datetime.date(2025, 1, 1),
        kind="resolution",
        voting="consensus",
        titles={"en": "Old decision"},
    )
    services.follow_up_create(
        actor=None,
        decision=decision,
        owner=institution_a,
        due_on=datetime.date(2025, 2, 1),
        titles={"en": "Long overdue report"},
    )
    client.force_login(focal_point_of(institution_a))
    assert "Long overdue report" in client.get("/meetings/mine/").content.decode()
    # The owner's dashboard: the home page of a signed-in focal point of the owner.
    assert "Long overdue report" in client.get("/").content.decode()
    arabic = client.get("/ar/").content.decode()
    assert "Long overdue report" in arabic and "BUR-10" in arabic
    client.force_login(focal_point_of(institution_b))
    assert "Long overdue report" not in client.get("/").content.decode()
    client.logout()
    assert "Long overdue report" not in client.get("/").content.decode()


def test_calendar_address_page_issues_and_revokes(client, secretariat_user):
    client.force_login(secretariat_user)
    client.post("/meetings/calendar-address/", {"action": "issue"})
    html = client.get("/meetings/mine/").content.decode()
    assert "/feeds/my/" in html
    client.post("/meetings/calendar-address/", {"action": "revoke"})
    assert "/feeds/my/" not in client.get("/meetings/mine/").content.decode()


def test_open_registration_form(client):
    webinar = make_meeting(kind="webinar", body=None, mode="online", registration_open=True)
    url = f"/fr/meetings/{webinar.code}/register/"
    assert client.post(url, {"full_name": "", "email": "bad", "language": "fr"}).status_code == 400
    assert (
        client.post(
            url, {"full_name": "Awa", "email": "awa@example.org", "language": "fr"}
        ).status_code
        == 302
    )
    again = client.post(url, {"full_name": "Awa", "email": "awa@example.org", "language": "fr"})
    assert again.status_code == 409


def test_tampered_step_buttons_are_400s_that_write_nothing(
    client, secretariat_user, institution_a, focal_point_of
):
    """Button steps (hidden fields, named buttons): a tampered value is a 400 naming the
    field, not a redirect with a flash message, and nothing changes."""
    meeting = make_meeting()
    services.invitation_send(actor=None, meeting=meeting, institutions=[institution_a])
    participant = services.nomination_create(
        actor=focal_point_of(institution_a),
        meeting=meeting,
        institution=institution_a,
        full_name="Leyla Aliyeva",
        email="leyla@example.org",
    )
    decision = services.decision_record_at_meeting(
        actor=None,
        meeting=meeting,
        reference="BUR-9",
        body=meeting.body,
        date=meeting.local_start.date(),
        kind="resolution",
        voting="consensus",
        titles={"en": "D"},
    )
    action = services.follow_up_create(
        actor=None, decision=decision, owner=institution_a, due_on=decision.date, titles={"en": "A"}
    )
    client.force_login(secretariat_user)
    for data in ({"status": "finished"}, {"status": "done", "version": "x"}, {"next": "/\x00"}):
        response = client.post(f"/decisions/actions/{action.pk}/status/", data)
        assert response.status_code == 400, data
    action.refresh_from_db()
    assert (action.status, action.version) == ("open", 1)
    url = f"/meetings/{meeting.code}/participants/"
    for value in ("abc", "1\u202e", str(2**63)):
        response = client.post(url, {"action": "approve", "participant": value})
        assert response.status_code == 400 and "Participant" in response.content.decode()
    participant.refresh_from_db()
    assert participant.status == "nominated"
    assert client.post("/meetings/calendar-address/", {"action": "steal"}).status_code == 400
    assert not secretariat_user.calendar_tokens.exists()
