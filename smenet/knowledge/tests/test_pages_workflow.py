"""The HTML workflow of best practices: a focal point writes and submits, the Secretariat
reviews, other institutions register interest in replicating; admin edits re-index."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from smenet.knowledge import services
from smenet.knowledge.choices import InterestStatus, PracticeStatus
from smenet.knowledge.models import BestPractice, BestPracticeAttachment, ReplicationInterest
from smenet.registry.tests.factories import InstitutionFactory, UserFactory

from .factories import BestPracticeFactory

pytestmark = pytest.mark.django_db

NEW = "/knowledge/practices/new/"
MINE = "/knowledge/my-practices/"
QUEUE = "/knowledge/review/"


def browser(user=None) -> Client:
    """One client per actor, signed in through the session as in a browser."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def html(response) -> str:
    return response.content.decode()


def has_error_under(page: str, field: str) -> bool:
    return f'id="id_{field}_error"' in page


def form_data(**extra):
    data = {
        "action": "save",
        "original_language": "en",
        "year": "2024",
        "contact": "Ayşe Demir, ayse@example.org",
        "subjects": ["access-to-finance", "innovation"],
        "title_en": "Credit guarantees for first loans",
        "summary_en": "A public fund guarantees half of a first bank loan.",
        "problem_en": "Young SMEs have no collateral.",
        "approach_en": "A guarantee fund shares the risk with banks.",
        "results_en": "2,300 first loans in two years.",
        "lessons_en": "Banks need a simple claim procedure.",
        "replication_en": "A fund, a bank agreement, a claim procedure.",
        "title_ar": "ضمانات القروض الأولى",
        "problem_ar": "لا تملك المؤسسات الناشئة ضمانات.",
        "link0_url": "https://example.org/guarantees",
        "link0_label": "Scheme rules",
        "attachment_kind": "document",
        "attachment_title": "",
    }
    data.update(extra)
    return data


def draft_of(world, who="a", **texts) -> BestPractice:
    return services.best_practice_create(
        actor=world[f"f{who}"],
        country=world[who].country,
        institution=world[who],
        texts={"title": {"en": f"Draft of {who}"}, **texts},
        subjects=["innovation"],
    )


# --- a focal point writes --------------------------------------------------------------------


def test_focal_point_creates_edits_and_submits(world):
    client = browser(world["fa"])
    page = client.get(NEW)
    assert page.status_code == 200
    text = html(page)
    for name in ("title_ar", "title_en", "title_fr", "problem_en", "replication_fr", "contact"):
        assert f'name="{name}"' in text
    assert 'name="institution"' not in text and "AAA" in text  # fixed: the focal point's own
    assert 'name="subjects"' in text and 'value="access-to-finance"' in text

    upload = SimpleUploadedFile("scheme.pdf", b"%PDF-1.4 scheme", "application/pdf")
    created = client.post(NEW, form_data(attachment_file=upload, attachment_title="Scheme"))
    assert created.status_code == 302, html(created)
    practice = BestPractice.objects.get()
    assert created["Location"] == f"/knowledge/practices/{practice.pk}/edit/"
    assert (practice.institution, practice.country) == (world["a"], world["a"].country)
    assert practice.status == PracticeStatus.DRAFT and practice.year == 2024
    assert practice.safe_translation_getter("title", language_code="ar") == "ضمانات القروض الأولى"
    assert sorted(practice.subjects.values_list("code", flat=True)) == [
        "access-to-finance",
        "innovation",
    ]
    assert list(practice.links.values_list("url", "label")) == [
        ("https://example.org/guarantees", "Scheme rules")
    ]
    assert practice.attachments.get().title == "Scheme"
    assert set(practice.translations.values_list("language_code", flat=True)) == {"en", "ar"}

    edit = html(client.get(f"/knowledge/practices/{practice.pk}/edit/"))
    assert "ضمانات القروض الأولى" in edit and f'name="version" value="{practice.version}"' in edit

    saved = client.post(
        f"/knowledge/practices/{practice.pk}/edit/",
        form_data(version=practice.version, results_en="2,500 first loans in two years."),
    )
    assert saved.status_code == 302
    practice.refresh_from_db()
    assert practice.version == 2
    assert practice.safe_translation_getter("results", language_code="en").startswith("2,500")
    assert practice.attachments.count() == 1  # kept; nothing new uploaded

    mine = html(client.get(MINE))
    assert "Credit guarantees for first loans" in mine and "bp-draft" in mine
    assert f'action="/knowledge/practices/{practice.pk}/submit/"' in mine

    submitted = client.post(f"/knowledge/practices/{practice.pk}/submit/")
    assert submitted.status_code == 302 and submitted["Location"] == MINE
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED and practice.submitted_at
    # Frozen while the Secretariat reviews it.
    assert client.get(f"/knowledge/practices/{practice.pk}/edit/").status_code == 403
    assert client.post(f"/knowledge/practices/{practice.pk}/submit/").status_code == 403


def test_save_and_submit_in_one_step_and_emptying_a_language_removes_it(world):
    client = browser(world["fa"])
    assert client.post(NEW, form_data(action="submit")).status_code == 302
    practice = BestPractice.objects.get()
    assert practice.status == PracticeStatus.SUBMITTED

    draft = draft_of(world, title={"en": "Draft", "fr": "Brouillon"})
    data = form_data(version=draft.version, title_ar="", problem_ar="", title_fr="")
    assert client.post(f"/knowledge/practices/{draft.pk}/edit/", data).status_code == 302
    assert set(draft.translations.values_list("language_code", flat=True)) == {"en"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title_en": " "}, "title_en"),
        ({"original_language": "fr"}, "title_fr"),
        ({"year": "1200"}, "year"),
        ({"link0_url": "not a url"}, "link0_url"),
        ({"link0_url": "", "link0_label": "Only a label"}, "link0_url"),
        ({"subjects": ["astrology"]}, "subjects"),
        ({"original_language": "xx"}, "original_language"),
        ({"contact": "x" * 301}, "contact"),
    ],
)
def test_bad_input_is_shown_under_its_field_and_saves_nothing(world, change, field):
    client = browser(world["fa"])
    response = client.post(NEW, form_data(**change))
    assert response.status_code == 400
    page = html(response)
    assert has_error_under(page, field), page
    assert "Credit guarantees for first loans" in page or change.get("title_en")  # kept
    assert not BestPractice.objects.exists()


def test_a_refused_file_is_named_and_nothing_is_saved(world):
    client = browser(world["fa"])
    bad = SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream")
    response = client.post(NEW, form_data(attachment_file=bad))
    assert response.status_code == 400
    page = html(response)
    assert has_error_under(page, "attachment_file") and ".exe" in page
    assert "choose the file again" in page
    assert not BestPractice.objects.exists() and not BestPracticeAttachment.objects.exists()


def test_stale_save_is_a_conflict_that_loses_nothing(world):
    practice = draft_of(world, results={"en": "Old results"})
    opened_at = practice.version
    services.best_practice_update(
        actor=world["sec"],
        practice=BestPractice.objects.get(pk=practice.pk),
        expected_version=opened_at,
        texts={"results": {"en": "Results corrected by the Secretariat"}},
    )
    client = browser(world["fa"])
    url = f"/knowledge/practices/{practice.pk}/edit/"
    mine = form_data(version=opened_at, title_en="Draft of a", results_en="My careful new results")
    response = client.post(url, mine)
    assert response.status_code == 409
    page = html(response)
    assert "Secretariat Officer" in page and "after you opened it" in page
    assert "My careful new results" in page and "Nothing you typed is lost" in page
    practice.refresh_from_db()
    assert practice.safe_translation_getter("results", language_code="en").startswith(
        "Results corrected"
    )
    # The page now carries the current version: saving again is a deliberate overwrite.
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    assert int(version) == practice.version == opened_at + 1
    assert client.post(url, {**mine, "version": version}).status_code == 302
    practice.refresh_from_db()
    assert practice.safe_translation_getter("results", language_code="en") == (
        "My careful new results"
    )


def test_submitted_meanwhile_keeps_the_typed_text_on_the_page(world):
    practice = draft_of(world)
    services.best_practice_submit(actor=world["fa"], practice=practice)
    response = browser(world["fa"]).post(
        f"/knowledge/practices/{practice.pk}/edit/",
        form_data(version=1, results_en="Typed while a colleague submitted"),
    )
    assert response.status_code == 409
    assert "Typed while a colleague submitted" in html(response)
    practice.refresh_from_db()
    assert not practice.safe_translation_getter("results", language_code="en")


def test_attachments_can_be_removed_and_are_private_while_draft(
    world, django_capture_on_commit_callbacks
):
    practice = draft_of(world)
    attachment = services.best_practice_attach(
        actor=world["fa"],
        practice=practice,
        file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", "application/pdf"),
    )
    url = f"/knowledge/practices/{practice.pk}/files/{attachment.pk}/"
    assert browser().get(url).status_code == 404
    assert browser(world["fb"]).get(url).status_code == 404
    download = browser(world["fa"]).get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 plan"
    data = form_data(version=practice.version, remove_attachments=[str(attachment.pk)])
    stored = attachment.file.name
    assert attachment.file.storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        edit = browser(world["fa"]).post(f"/knowledge/practices/{practice.pk}/edit/", data)
    assert edit.status_code == 302
    assert not practice.attachments.exists()
    assert not attachment.file.storage.exists(stored)  # removed once the change committed


def test_secretariat_writes_for_any_institution(world):
    client = browser(world["sec"])
    page = html(client.get(NEW))
    assert 'name="institution"' in page and 'name="country"' in page
    data = form_data(institution=str(world["b"].pk), country="")
    assert client.post(NEW, data).status_code == 302
    practice = BestPractice.objects.get()
    assert (practice.institution, practice.country) == (world["b"], world["b"].country)
    missing = client.post(NEW, form_data(institution="", country=""))
    assert missing.status_code == 400 and has_error_under(html(missing), "country")


# --- permissions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/knowledge/practices/{pk}/"),
        ("get", "/knowledge/practices/{pk}/edit/"),
        ("post", "/knowledge/practices/{pk}/edit/"),
        ("post", "/knowledge/practices/{pk}/submit/"),
        ("get", "/knowledge/practices/{pk}/review/"),
        ("post", "/knowledge/practices/{pk}/interest/"),
    ],
)
def test_focal_point_of_a_cannot_see_or_change_b_draft(world, method, path):
    draft = draft_of(world, "b")
    response = getattr(browser(world["fa"]), method)(path.format(pk=draft.pk), form_data())
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.status == PracticeStatus.DRAFT and draft.version == 1
    assert "Draft of b" not in html(browser(world["fa"]).get(MINE))


def test_focal_point_of_a_cannot_change_b_published_practice(world):
    published = BestPracticeFactory(institution=world["b"])
    client = browser(world["fa"])
    assert client.get(f"/knowledge/practices/{published.pk}/").status_code == 200
    assert client.get(f"/knowledge/practices/{published.pk}/edit/").status_code == 403
    assert client.post(f"/knowledge/practices/{published.pk}/submit/").status_code == 403
    page = html(client.get(f"/knowledge/practices/{published.pk}/"))
    assert "edit-practice" not in page and "submit-practice" not in page


def test_focal_point_cannot_create_for_another_institution(world):
    client = browser(world["fa"])
    assert client.post(NEW, form_data(institution=str(world["b"].pk))).status_code == 302
    assert BestPractice.objects.get().institution == world["a"]  # the field is not offered


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", MINE),
        ("get", NEW),
        ("get", "/knowledge/practices/{pk}/edit/"),
        ("post", "/knowledge/practices/{pk}/edit/"),
        ("post", "/knowledge/practices/{pk}/submit/"),
        ("get", QUEUE),
        ("get", "/knowledge/practices/{pk}/review/"),
        ("post", "/knowledge/practices/{pk}/review/"),
        ("post", "/knowledge/practices/{pk}/interest/"),
        ("get", "/knowledge/publications/new/"),
    ],
)
def test_anonymous_is_sent_to_log_in(world, method, path):
    practice = draft_of(world)
    url = path.format(pk=practice.pk)
    response = getattr(browser(), method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


def test_people_without_an_institution_do_not_write(world, bureau_user):
    client = browser(bureau_user)
    assert client.get(NEW).status_code == 403
    assert client.get(MINE).status_code == 403
    assert client.post(NEW, form_data()).status_code == 403
    assert not BestPractice.objects.exists()


# --- the Secretariat reviews -----------------------------------------------------------------


@pytest.fixture
def submitted(world):
    practice = draft_of(world, summary={"en": "Short summary"})
    services.best_practice_submit(actor=world["fa"], practice=practice)
    return practice


def test_only_the_secretariat_sees_the_queue(world, submitted, bureau_user):
    other_draft = draft_of(world, "b")
    page = html(browser(world["sec"]).get(QUEUE))
    assert "Draft of a" in page and "Draft of b" not in page
    assert other_draft.title not in page
    for user in (world["fa"], world["fb"], bureau_user):
        assert browser(user).get(QUEUE).status_code == 403
    review = f"/knowledge/practices/{submitted.pk}/review/"
    assert browser(world["fa"]).get(review).status_code == 403  # sees it, may not review
    assert browser(world["fb"]).get(review).status_code == 404  # does not see it at all
    assert browser(world["sec"]).get(review).status_code == 200


def test_return_needs_a_comment_shown_under_the_field(world, submitted):
    client = browser(world["sec"])
    url = f"/knowledge/practices/{submitted.pk}/review/"
    refused = client.post(url, {"action": "return", "comment": "  "})
    assert refused.status_code == 400 and has_error_under(html(refused), "comment")
    submitted.refresh_from_db()
    assert submitted.status == PracticeStatus.SUBMITTED

    returned = client.post(url, {"action": "return", "comment": "Add figures on defaults."})
    assert returned.status_code == 302 and returned["Location"] == QUEUE
    submitted.refresh_from_db()
    assert submitted.status == PracticeStatus.RETURNED
    assert submitted.review_comment == "Add figures on defaults."

    author = browser(world["fa"])
    assert "Add figures on defaults." in html(author.get(MINE + "?status=returned"))
    assert "Add figures on defaults." in html(
        author.get(f"/knowledge/practices/{submitted.pk}/edit/")
    )


def test_secretariat_publishes_and_the_public_sees_it(world, submitted):
    public = browser()
    assert public.get(f"/knowledge/practices/{submitted.pk}/").status_code == 404
    published = browser(world["sec"]).post(
        f"/knowledge/practices/{submitted.pk}/review/", {"action": "publish"}
    )
    assert published.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == PracticeStatus.PUBLISHED
    page = public.get(f"/knowledge/practices/{submitted.pk}/")
    assert page.status_code == 200 and "Short summary" in html(page)
    assert "Draft of a" in html(public.get("/knowledge/"))


@pytest.mark.parametrize("who", ["fa", "fb"])
@pytest.mark.parametrize("data", [{"action": "publish"}, {"action": "return", "comment": "x"}])
def test_others_cannot_publish_or_return(world, submitted, who, data):
    """Its authors see their submission but may not review it (403); another institution does
    not even see it (404, decision 0015)."""
    response = browser(world[who]).post(f"/knowledge/practices/{submitted.pk}/review/", data)
    assert response.status_code == {"fa": 403, "fb": 404}[who]
    submitted.refresh_from_db()
    assert submitted.status == PracticeStatus.SUBMITTED


# --- replication interest --------------------------------------------------------------------


@pytest.fixture
def published(world):
    return BestPracticeFactory(institution=world["a"])


def test_another_institution_registers_interest_once(world, published):
    url = f"/knowledge/practices/{published.pk}/"
    client = browser(world["fb"])
    page = html(client.get(url))
    assert 'id="interest-form"' in page and "Interested in replicating" in page
    done = client.post(url + "interest/", {"message": "We run a similar fund in BBB land."})
    assert done.status_code == 302 and done["Location"].endswith("#replication")
    interest = ReplicationInterest.objects.get()
    assert (interest.institution, interest.requested_by) == (world["b"], world["fb"])
    assert interest.status == InterestStatus.NEW
    page = html(client.get(url))
    assert 'id="interest-form"' not in page and "BBB registered its interest" in page
    again = client.post(url + "interest/", {"message": "Again"})
    assert again.status_code == 400 and "already registered" in html(again)
    assert ReplicationInterest.objects.count() == 1


def test_the_owner_cannot_register_interest_in_its_own_practice(world, published):
    url = f"/knowledge/practices/{published.pk}/"
    client = browser(world["fa"])
    page = html(client.get(url))
    assert 'id="interest-form"' not in page and "your own institution" in page
    refused = client.post(url + "interest/", {"message": "Me too"})
    assert refused.status_code == 400
    assert "This is your own institution" in html(refused)
    assert not ReplicationInterest.objects.exists()


def test_interest_list_is_for_the_owner_and_the_secretariat(world, published, focal_point_of):
    services.replication_interest_create(
        actor=world["fb"], practice=published, institution=world["b"], message="Secret plans"
    )
    url = f"/knowledge/practices/{published.pk}/"
    for user in (world["fa"], world["sec"]):
        page = html(browser(user).get(url))
        assert "Secret plans" in page and 'id="interests"' in page
    outsider = focal_point_of(InstitutionFactory(acronym="CCC"))
    for client in (browser(), browser(outsider), browser(world["fb"])):
        assert "Secret plans" not in html(client.get(url))


def test_owner_and_secretariat_track_the_status(world, published):
    interest = services.replication_interest_create(
        actor=world["fb"], practice=published, institution=world["b"]
    )
    url = f"/knowledge/interests/{interest.pk}/status/"
    assert browser(world["fb"]).post(url, {"status": "closed"}).status_code == 403
    assert browser().post(url, {"status": "closed"}).status_code == 302  # log in first
    interest.refresh_from_db()
    assert interest.status == InterestStatus.NEW
    done = browser(world["fa"]).post(url, {"status": "in-contact"})
    assert done.status_code == 302
    interest.refresh_from_db()
    assert interest.status == InterestStatus.IN_CONTACT
    assert browser(world["sec"]).post(url, {"status": "closed"}).status_code == 302
    interest.refresh_from_db()
    assert interest.status == InterestStatus.CLOSED


def test_a_focal_point_of_two_institutions_chooses_which_one(world, published):
    from smenet.registry.choices import Role
    from smenet.registry.tests.factories import assign

    c = InstitutionFactory(acronym="CCC")
    both = assign(world["fb"], Role.FOCAL_POINT, c)
    client = browser(both)
    url = f"/knowledge/practices/{published.pk}/"
    page = html(client.get(url))
    assert 'name="institution"' in page and "CCC" in page and "AAA —" not in page
    missing = client.post(url + "interest/", {"message": "Which one?"})
    assert missing.status_code == 400 and has_error_under(html(missing), "institution")
    assert client.post(url + "interest/", {"institution": c.pk}).status_code == 302
    assert ReplicationInterest.objects.get().institution == c
    page = html(client.get(url))  # one institution left: no choice to make any more
    assert 'id="interest-form"' in page and 'name="institution"' not in page
    assert client.post(url + "interest/", {"message": "And us"}).status_code == 302
    assert set(ReplicationInterest.objects.values_list("institution__acronym", flat=True)) == {
        "BBB",
        "CCC",
    }


def test_anonymous_visitors_are_invited_to_log_in(published):
    page = html(browser().get(f"/knowledge/practices/{published.pk}/"))
    assert 'id="interest-form"' not in page and "/login/?next=" in page


# --- links, language, query counts -----------------------------------------------------------


def test_hub_links_to_the_workflow(world):
    anonymous = html(browser().get("/knowledge/"))
    assert MINE not in anonymous and QUEUE not in anonymous
    focal = html(browser(world["fa"]).get("/knowledge/"))
    assert MINE in focal and NEW in focal and QUEUE not in focal
    secretariat = html(browser(world["sec"]).get("/knowledge/"))
    assert QUEUE in secretariat and "/knowledge/publications/new/" in secretariat


def test_the_form_in_arabic_is_right_to_left(world):
    page = html(browser(world["fa"]).get("/ar/knowledge/practices/new/"))
    assert '<html lang="ar" dir="rtl">' in page
    assert re.search(r'<input[^>]*name="title_ar"[^>]*', page).group(0).count('dir="rtl"') == 1
    assert re.search(r'<input[^>]*name="title_en"[^>]*', page).group(0).count('dir="ltr"') == 1


@pytest.mark.parametrize("path", [MINE, QUEUE])
def test_list_pages_run_a_bounded_number_of_queries(world, path):
    client = browser(world["sec"])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        return len(ctx.captured_queries)

    def add(n: int) -> None:
        for i in range(n):
            who = "a" if i % 2 else "b"
            practice = draft_of(world, who)
            services.best_practice_submit(actor=world[f"f{who}"], practice=practice)

    add(1)
    small = count()
    add(12)
    assert count() == small <= 20


# --- admin edits re-index ------------------------------------------------------------------


@pytest.fixture
def admin_client(db):
    return browser(UserFactory(is_staff=True, is_superuser=True, full_name="Admin"))


@pytest.fixture
def scheduled(monkeypatch):
    """The re-indexing the admin schedules, with what the database held at that moment."""
    from smenet.knowledge import admin as knowledge_admin

    calls = []
    real = knowledge_admin.schedule

    def record(type_name, ids):
        ids = list(ids)
        subjects = sorted(
            BestPractice.subjects.rel.related_model.objects.filter(
                best_practice_id__in=ids
            ).values_list("code", flat=True)
        )
        calls.append((type_name, ids, subjects))
        real(type_name, ids)

    monkeypatch.setattr(knowledge_admin, "schedule", record)
    return calls


def _admin_form(practice, **extra):
    data = {
        "ref": practice.ref or "",
        "country": practice.country_id,
        "institution": practice.institution_id or "",
        "year": practice.year or "",
        "original_language": practice.original_language,
        "review_comment": "",
        "contact": "",
        "title": "Title changed in the back office",
        "summary": "",
        "problem": "",
        "approach": "",
        "results": "",
        "lessons": "",
        "replication": "",
        "body": "",
    }
    for prefix in ("subjects", "links", "attachments"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(
        {
            "subjects-TOTAL_FORMS": "1",
            "subjects-0-code": "digital-transformation",
            "subjects-0-best_practice": practice.pk,
        }
    )
    data.update(extra)
    return data


def test_admin_save_reindexes_after_translations_and_subjects(
    world, admin_client, scheduled, django_capture_on_commit_callbacks
):
    from smenet.search.models import SearchDocument

    practice = BestPracticeFactory(institution=world["a"])
    url = f"/admin/knowledge/bestpractice/{practice.pk}/change/?language=en"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(url, _admin_form(practice))
    assert response.status_code == 302, html(response)
    assert scheduled == [("best_practice", [practice.pk], ["digital-transformation"])]
    assert callbacks, "the re-index runs once the transaction commits"
    document = SearchDocument.objects.get(type="best_practice", object_id=practice.pk)
    assert document.titles["en"] == "Title changed in the back office"
    assert "digital-transformation" in document.subjects
    practice.refresh_from_db()
    assert practice.version == 2  # copies opened in the pages are stale now


def test_admin_delete_removes_from_the_index(
    world, admin_client, scheduled, django_capture_on_commit_callbacks
):
    from smenet.search.models import SearchDocument

    one, two, three = (BestPracticeFactory(institution=world["a"]) for _ in range(3))
    from smenet.search.indexing import index_objects

    index_objects("best_practice", [one.pk, two.pk, three.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/knowledge/bestpractice/{one.pk}/delete/", {"post": "yes"}
        )
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/knowledge/bestpractice/",
            {"action": "delete_selected", "_selected_action": [two.pk, three.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert [(t, sorted(ids)) for t, ids, _s in scheduled] == [
        ("best_practice", [one.pk]),
        ("best_practice", sorted([two.pk, three.pk])),
    ]
    assert not SearchDocument.objects.filter(type="best_practice").exists()
