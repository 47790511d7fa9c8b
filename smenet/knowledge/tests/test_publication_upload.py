"""Uploading publications (API and page, the Secretariat only) and downloading their files
(members-only files stay with the members); admin edits of publications re-index."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from smenet.knowledge import services
from smenet.knowledge.choices import Confidentiality
from smenet.knowledge.models import Publication, PublicationFile
from smenet.registry.tests.factories import InstitutionFactory, UserFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/publications/"
PAGE = "/knowledge/publications/new/"


def pdf(name="report.pdf", content=b"%PDF-1.4 report"):
    return SimpleUploadedFile(name, content, "application/pdf")


def api_payload(**extra):
    data = {
        "kind": "report",
        "date": "2025-10-07",
        "confidentiality": "members",
        "original_language": "en",
        "title.en": "SME finance in OIC countries",
        "title.ar": "تمويل المؤسسات الصغيرة والمتوسطة",
        "summary.en": "Survey of 20 agencies.",
        "files.en": pdf(),
        "files.ar": pdf("report-ar.pdf", b"%PDF-1.4 ar"),
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def browser(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# --- API -------------------------------------------------------------------------------------


def test_secretariat_uploads_through_the_api(as_user, secretariat_user):
    response = as_user(secretariat_user).post(API, api_payload(), format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["confidentiality"] == "members" and body["kind"] == "report"
    assert body["texts"]["title"]["ar"] == "تمويل المؤسسات الصغيرة والمتوسطة"
    publication = Publication.objects.get()
    assert sorted(publication.files.values_list("language", flat=True)) == ["ar", "en"]
    assert body["files"] == {
        "ar": f"/knowledge/publications/{publication.pk}/files/ar/",
        "en": f"/knowledge/publications/{publication.pk}/files/en/",
    }


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"files.en": None, "files.ar": None}, "files"),
        ({"files.en": SimpleUploadedFile("run.exe", b"MZ"), "files.ar": None}, "files"),
        ({"files.english": pdf("x.pdf")}, "files"),
        ({"kind": "poem"}, "kind"),
        ({"date": "7 October"}, "date"),
        ({"confidentiality": "secret"}, "confidentiality"),
        ({"title.en": " ", "title.ar": None}, "title"),
        ({"title.en": None, "title.ar": None}, "title"),
        ({"country": "XXX"}, "country"),
        ({"source_url": "not a url"}, "source_url"),
    ],
)
def test_bad_upload_is_400_naming_the_field_and_saves_nothing(
    as_user, secretariat_user, change, field
):
    response = as_user(secretariat_user).post(API, api_payload(**change), format="multipart")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert field in response.json()["errors"], response.json()
    assert not Publication.objects.exists() and not PublicationFile.objects.exists()


def test_only_the_secretariat_uploads(api, as_user, focal_point_of, bureau_user):
    assert api.post(API, api_payload(), format="multipart").status_code in (401, 403)
    for user in (focal_point_of(InstitutionFactory()), bureau_user):
        response = as_user(user).post(API, api_payload(), format="multipart")
        assert response.status_code == 403
        assert response.json()["code"] == "secretariat_only"
    assert not Publication.objects.exists()


def test_json_is_not_an_upload(as_user, secretariat_user):
    response = as_user(secretariat_user).post(
        API, {"kind": "report", "date": "2025-10-07", "title": {"en": "x"}}, format="json"
    )
    assert response.status_code == 415
    assert response["Content-Type"] == "application/problem+json"


# --- page ------------------------------------------------------------------------------------


def page_payload(**extra):
    data = {
        "kind": "guide",
        "date": "2025-11-01",
        "confidentiality": "public",
        "original_language": "fr",
        "title_fr": "Guide de la garantie",
        "title_en": "Guarantee guide",
        "summary_fr": "Comment monter un fonds de garantie.",
        "file_fr": pdf("guide-fr.pdf", b"%PDF-1.4 fr"),
        "country": "",
        "institution": "",
        "source_url": "",
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def test_secretariat_uploads_through_the_page(secretariat_user):
    client = browser(secretariat_user)
    page = client.get(PAGE)
    assert page.status_code == 200
    assert 'name="file_ar"' in page.content.decode() and 'enctype="multipart/form-data"' in (
        page.content.decode()
    )
    response = client.post(PAGE, page_payload())
    assert response.status_code == 302, response.content.decode()
    publication = Publication.objects.get()
    assert response["Location"] == publication.get_absolute_url()
    assert publication.original_language == "fr" and publication.kind == "guide"
    assert list(publication.files.values_list("language", flat=True)) == ["fr"]
    detail = client.get(publication.get_absolute_url()).content.decode()
    assert f"/knowledge/publications/{publication.pk}/files/fr/" in detail


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"file_fr": None}, "file_fr"),
        ({"file_fr": SimpleUploadedFile("x.exe", b"MZ")}, "file_fr"),
        ({"title_fr": ""}, "title_fr"),
        ({"date": ""}, "date"),
        ({"kind": "poem"}, "kind"),
        ({"source_url": "not a url"}, "source_url"),
    ],
)
def test_bad_page_upload_is_shown_under_the_field(secretariat_user, change, field):
    response = browser(secretariat_user).post(PAGE, page_payload(**change))
    assert response.status_code == 400
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Publication.objects.exists()


def test_the_upload_page_is_for_the_secretariat(focal_point_of, bureau_user):
    assert browser().get(PAGE)["Location"].startswith("/login/?next=")
    for user in (focal_point_of(InstitutionFactory()), bureau_user):
        assert browser(user).get(PAGE).status_code == 403
        assert browser(user).post(PAGE, page_payload()).status_code == 403
    assert not Publication.objects.exists()


# --- downloads -------------------------------------------------------------------------------


def _publication(confidentiality):
    return services.publication_create(
        actor=None,
        texts={"title": {"en": f"A {confidentiality} report"}},
        date="2025-10-07",
        confidentiality=confidentiality,
        files={"en": pdf(content=b"%PDF-1.4 " + confidentiality.encode())},
    )


def test_members_only_files_are_not_for_anonymous_visitors(focal_point_of):
    members = _publication(Confidentiality.MEMBERS)
    url = f"/knowledge/publications/{members.pk}/files/en/"
    assert browser().get(url).status_code == 404
    download = browser(focal_point_of(InstitutionFactory())).get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 members"
    assert browser().get(f"/knowledge/publications/{members.pk}/").status_code == 404


def test_public_files_are_for_everyone(api):
    public = _publication(Confidentiality.PUBLIC)
    url = api.get(API).json()["results"][0]["files"]["en"]
    download = Client().get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 public"
    assert Client().get(f"/knowledge/publications/{public.pk}/files/ar/").status_code == 404


# --- admin edits re-index --------------------------------------------------------------------


def test_admin_save_of_a_publication_reindexes(monkeypatch, django_capture_on_commit_callbacks):
    from smenet.knowledge import admin as knowledge_admin
    from smenet.search.models import SearchDocument

    publication = _publication(Confidentiality.PUBLIC)
    calls = []
    real = knowledge_admin.schedule

    def record(type_name, ids):
        ids = list(ids)
        calls.append((type_name, ids))
        real(type_name, ids)

    monkeypatch.setattr(knowledge_admin, "schedule", record)
    client = browser(UserFactory(is_staff=True, is_superuser=True))
    data = {
        "ref": "",
        "kind": "guide",
        "date": "2025-10-08",
        "confidentiality": "members",
        "original_language": "en",
        "country": "",
        "institution": "",
        "source_url": "",
        "title": "Renamed in the back office",
        "summary": "",
        "body": "",
        "files-TOTAL_FORMS": "0",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
    }
    url = f"/admin/knowledge/publication/{publication.pk}/change/?language=en"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    assert calls == [("publication", [publication.pk])]
    document = SearchDocument.objects.get(type="publication", object_id=publication.pk)
    assert document.titles["en"] == "Renamed in the back office"
    assert document.visibility != "public"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/knowledge/publication/{publication.pk}/delete/", {"post": "yes"})
    assert calls[-1] == ("publication", [publication.pk])
    assert not SearchDocument.objects.filter(type="publication").exists()
