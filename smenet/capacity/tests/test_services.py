"""Service-level tests: the end of the lifecycle, evaluations, certificates and exports."""

import datetime
import io
import subprocess

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from smenet.capacity import services
from smenet.capacity.certificates import certificate_pdf
from smenet.capacity.exports import activities_csv, activities_xlsx
from smenet.capacity.models import Activity, Nomination
from smenet.capacity.selectors import activity_list, activity_report
from smenet.common.errors import Conflict, DomainError, PermissionDenied

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


@pytest.fixture
def nominated(world):
    """Scheduled for 10–11 December 2026 in Baku (today is earlier), nominations made."""
    s = world["secretariat"]
    activity = services.activity_create(
        actor=s,
        type=world["type"],
        subject=world["finance"],
        titles={
            "en": "Credit guarantee schemes",
            "ar": "أنظمة ضمان القروض",
            "fr": "Systèmes de garantie de crédit",
        },
        providers=[world["a"]],
        beneficiaries=[world["b"], world["c"]],
        languages=["en", "ar"],
    )
    for who in ("fa", "fb", "fc"):
        services.activity_confirm(actor=world[who], activity=activity)
    services.activity_transition(
        actor=s,
        activity=activity,
        to="scheduled",
        starts_at=datetime.datetime(2026, 12, 10, 5, tzinfo=UTC),
        ends_at=datetime.datetime(2026, 12, 11, 13, tzinfo=UTC),
        time_zone="Asia/Baku",
    )
    services.activity_transition(actor=s, activity=activity, to="nominations_open")
    leyla = services.nomination_create(
        actor=world["fb"],
        activity=activity,
        institution=world["b"],
        full_name="ليلى محمدوفا",
        gender="female",
        email="leyla@example.org",
        position="محللة",
    )
    omar = services.nomination_create(
        actor=world["fc"],
        activity=activity,
        institution=world["c"],
        full_name="Omar Diallo",
        gender="male",
        email="omar@example.org",
    )
    services.nomination_decide(actor=world["fa"], nomination=leyla, confirm=True)
    return {**world, "activity": activity, "leyla": leyla, "omar": omar}


@pytest.fixture
def delivered(nominated, time_machine):
    s, activity = nominated["secretariat"], nominated["activity"]
    leyla, omar = nominated["leyla"], nominated["omar"]
    time_machine.move_to("2026-12-11 14:00:00+00:00", tick=False)  # its last day, in Baku
    services.attendance_record(
        actor=nominated["fa"], activity=activity, attended={leyla.pk: True, omar.pk: False}
    )
    services.activity_transition(actor=s, activity=activity, to="delivered")
    leyla.refresh_from_db()
    omar.refresh_from_db()
    return nominated


def test_the_calendar_rules_the_lifecycle(nominated, time_machine):
    """Decision 0021: attendance from the first day, delivered from the last day (in the
    activity's time zone), certificates only once delivered."""
    s, activity, leyla = nominated["secretariat"], nominated["activity"], nominated["leyla"]
    time_machine.move_to("2026-11-29 12:00:00+00:00", tick=False)  # months ahead
    with pytest.raises(DomainError) as early:
        services.attendance_record(actor=s, activity=activity, attended={leyla.pk: True})
    assert early.value.code == "not_yet" and "10 December 2026" in str(early.value.message)
    with pytest.raises(DomainError) as early:
        services.activity_transition(actor=s, activity=activity, to="delivered")
    assert early.value.code == "not_yet" and "11 December 2026" in str(early.value.message)
    leyla.refresh_from_db()
    assert leyla.attended is None and Activity.objects.get(pk=activity.pk).status == (
        "nominations_open"
    )

    # 10 December, 02:00 in Baku (still the 9th in UTC): the first day has begun there.
    time_machine.move_to("2026-12-09 22:00:00+00:00", tick=False)
    services.attendance_record(actor=s, activity=activity, attended={leyla.pk: True})
    leyla.refresh_from_db()
    with pytest.raises(DomainError) as not_yet:
        certificate_pdf(nomination=leyla, lang="en")  # attended, but not delivered yet
    assert not_yet.value.code == "not_delivered"
    with pytest.raises(DomainError):
        services.activity_transition(actor=s, activity=activity, to="delivered")

    time_machine.move_to("2026-12-10 20:30:00+00:00", tick=False)  # 11 December in Baku
    services.activity_transition(actor=s, activity=activity, to="delivered")
    leyla = Nomination.objects.select_related("activity").get(pk=leyla.pk)
    assert certificate_pdf(nomination=leyla, lang="en").startswith(b"%PDF")


def test_an_unscheduled_activity_is_never_delivered(world):
    activity = services.activity_create(
        actor=world["secretariat"],
        type=world["type"],
        subject=world["finance"],
        titles={"en": "Unscheduled"},
        providers=[world["a"]],
        beneficiaries=[world["b"]],
    )
    activity.status = "nominations_open"  # as if the dates had been lost
    with pytest.raises(DomainError) as refused:
        services.activity_transition(actor=world["secretariat"], activity=activity, to="delivered")
    assert refused.value.code == "not_scheduled"


def test_report_then_reported_then_closed(delivered):
    s, activity = delivered["secretariat"], delivered["activity"]
    with pytest.raises(DomainError):
        services.activity_report_submit(actor=s, activity=activity, outputs="  ")
    with pytest.raises(PermissionDenied):
        services.activity_report_submit(actor=delivered["fb"], activity=activity, outputs="x")
    services.activity_report_submit(
        actor=delivered["fa"], activity=activity, outputs="26 officers trained; toolkit shared."
    )
    services.activity_transition(actor=s, activity=activity, to="reported")
    services.activity_transition(actor=s, activity=activity, to="closed")
    assert Activity.objects.get(pk=activity.pk).status == "closed"
    assert [t.actor for t in activity.transitions.all()][-1] == s


def test_evaluation_only_by_attendees_and_once(delivered):
    services.evaluation_submit(nomination=delivered["leyla"], relevance=5, quality=4, usefulness=5)
    with pytest.raises(Conflict):
        services.evaluation_submit(
            nomination=delivered["leyla"], relevance=5, quality=4, usefulness=5
        )
    with pytest.raises(DomainError):
        services.evaluation_submit(
            nomination=delivered["omar"], relevance=3, quality=3, usefulness=3
        )
    delivered["leyla"].evaluation.delete()
    with pytest.raises(Exception) as exc:
        services.evaluation_submit(
            nomination=delivered["leyla"], relevance=9, quality=4, usefulness=5
        )
    assert "relevance" in str(getattr(exc.value, "errors", exc.value))


def test_nomination_needs_open_nominations(world):
    activity = services.activity_create(
        actor=world["secretariat"],
        type=world["type"],
        subject=world["finance"],
        titles={"en": "T"},
        providers=[world["a"]],
        beneficiaries=[world["b"]],
    )
    with pytest.raises(DomainError) as exc:
        services.nomination_create(
            actor=world["fb"],
            activity=activity,
            institution=world["b"],
            full_name="X",
            gender="male",
            email="x@example.org",
        )
    assert exc.value.code == "closed"


def test_arabic_certificate_is_a_pdf_with_embedded_fonts_in_logical_order(delivered, tmp_path):
    pdf = certificate_pdf(nomination=delivered["leyla"], lang="ar")
    assert pdf.startswith(b"%PDF")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "ليلى محمدوفا" in text or "ليلى" in text
    path = tmp_path / "c.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True)
    if fonts.returncode == 0:  # poppler-utils is installed by CI; embedded fonts: "yes" column
        lines = fonts.stdout.splitlines()[2:]
        assert lines and all(" yes " in line for line in lines), fonts.stdout
        assert any("Arabic" in line for line in lines), fonts.stdout


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_certificate_in_latin_languages(delivered, lang):
    text = (
        PdfReader(io.BytesIO(certificate_pdf(nomination=delivered["leyla"], lang=lang)))
        .pages[0]
        .extract_text()
    )
    assert "Credit guarantee" in text or "garantie" in text


def test_no_certificate_for_absent_participants_or_unknown_language(delivered):
    with pytest.raises(DomainError):
        certificate_pdf(nomination=delivered["omar"], lang="en")
    with pytest.raises(DomainError):
        certificate_pdf(nomination=delivered["leyla"], lang="de")


def test_exports_and_report(delivered):
    activities = activity_list(user=delivered["secretariat"])
    csv_text = activities_csv(activities).decode("utf-8")
    assert csv_text.startswith("\ufeff") and delivered["activity"].reference in csv_text
    book = load_workbook(io.BytesIO(activities_xlsx(activities)))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[1][0] == delivered["activity"].reference and rows[1][-3:] == (1, 1, 0)
    report = activity_report(user=delivered["secretariat"])
    assert report.total == 1
    assert dict(report.participants_by_gender) == {"Female": 1}
    assert {b["country"]: (b["provided"], b["received"]) for b in report.balance} == {
        "XAA": (1, 0),
        "XBB": (0, 1),
        "XCC": (0, 1),
    }


def test_export_neutralises_formulas(world):
    services.activity_create(
        actor=world["secretariat"],
        type=world["type"],
        subject=world["finance"],
        titles={"en": '=HYPERLINK("http://evil")'},
        providers=[world["a"]],
        beneficiaries=[world["b"]],
    )
    text = activities_csv(activity_list(user=world["secretariat"])).decode("utf-8")
    assert "'=HYPERLINK" in text


def test_matching_messages_are_marked_for_translation():
    from smenet.capacity import matching
    from smenet.capacity.messages import MESSAGES

    assert dict(MESSAGES) == dict(matching.MESSAGES)


def test_deleting_what_submitted_work_hangs_on_is_refused(delivered, world):
    """Cycles keep their responses, activities their nominations, evaluations and history,
    institutions everything they submitted (decision 0014)."""
    from django.db.models import ProtectedError

    from smenet.capacity.models import Evaluation, Nomination, Response

    services.evaluation_submit(nomination=delivered["leyla"], relevance=5, quality=4, usefulness=5)
    before = (Response.objects.count(), Nomination.objects.count(), Evaluation.objects.count())
    for obj in (world["cycle"], delivered["activity"], world["b"], delivered["leyla"]):
        with pytest.raises(ProtectedError):
            obj.delete()
    after = (Response.objects.count(), Nomination.objects.count(), Evaluation.objects.count())
    assert after == before
