"""Re-indexing after the analysis changed: the index records the analysis it was built with;
a different one (new code, thesaurus or stemmer) makes it stale, and a job in the task worker
indexes every document again, a batch at a time, while searches keep answering. Started by
``smenet serve`` when stale, or by the Secretariat through the API."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from smenet.jobs.choices import JobStatus
from smenet.jobs.models import Job
from smenet.registry.models import Institution
from smenet.registry.tests.factories import InstitutionFactory
from smenet.search import indexing, services
from smenet.search.models import SearchDocument
from smenet.search.selectors import search

pytestmark = pytest.mark.django_db


def _refs(q: str) -> set[str]:
    return {h.ref or "" for h in search(user=AnonymousUser(), q=q, semantic=False).hits}


def _found(q: str) -> set[str]:
    hits = search(user=AnonymousUser(), q=q, types=["institution"], semantic=False).hits
    return {h.title for h in hits}


def _rename(institution: Institution, name: str) -> None:
    """Change the stored name without the signals that re-index it (as if the index had been
    built by an older analysis that read the object differently)."""
    institution.translations.filter(language_code="en").update(name=name)


@pytest.fixture
def agency(django_capture_on_commit_callbacks):
    """``agency(name)``: a new institution, indexed by the task worker once it commits."""

    def make(name: str) -> Institution:
        with django_capture_on_commit_callbacks(execute=True):
            return InstitutionFactory(names={"en": name})

    return make


@pytest.fixture
def fresh_analysis():
    indexing.analysis_fingerprint.cache_clear()
    yield
    indexing.analysis_fingerprint.cache_clear()


def test_the_index_is_current_after_a_rebuild_and_stale_when_the_analysis_changes(
    monkeypatch, agency, fresh_analysis
):
    SearchDocument.objects.all().delete()
    assert indexing.index_state() == "empty"
    agency("Agency of quiet harbours")
    assert indexing.index_state() == "stale"  # indexed, but no analysis recorded
    indexing.rebuild()
    assert indexing.index_state() == "current"
    monkeypatch.setattr(indexing, "ANALYSIS_VERSION", indexing.ANALYSIS_VERSION + 1)
    indexing.analysis_fingerprint.cache_clear()
    assert indexing.index_state() == "stale"


def test_the_fingerprint_follows_the_analysis_data_files(monkeypatch, tmp_path, fresh_analysis):
    data = tmp_path / "thesaurus_extra.csv"
    monkeypatch.setattr(indexing, "ANALYSIS_DATA", [data])
    data.write_text("concept,lang,term\nstartup,tr,yeni girişim\n", encoding="utf-8")
    first = indexing.analysis_fingerprint()
    indexing.analysis_fingerprint.cache_clear()
    assert indexing.analysis_fingerprint() == first  # same files: same fingerprint
    data.write_text("concept,lang,term\nstartup,tr,yeni şirket\n", encoding="utf-8")
    indexing.analysis_fingerprint.cache_clear()
    assert indexing.analysis_fingerprint() != first
    data.unlink()  # a file removed changes it too
    indexing.analysis_fingerprint.cache_clear()
    assert indexing.analysis_fingerprint() not in {first, ""}


def test_the_reindexing_job_indexes_everything_again_and_drops_what_is_gone(
    secretariat_user, django_capture_on_commit_callbacks, agency, fresh_analysis
):
    kept = agency("Agency of quiet harbours")
    gone = agency("Agency of vanished lighthouses")
    _rename(kept, "Agency of singing dunes")
    Institution.objects.filter(pk=gone.pk).delete()  # a bulk delete: no signal re-indexes it
    assert _found("harbours") and _found("lighthouses") and not _found("dunes")
    with django_capture_on_commit_callbacks(execute=True):
        job = services.reindex_start(actor=secretariat_user)
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert job.total and job.done == job.total and job.kind == "search.reindex"
    assert _found("dunes") == {"Agency of singing dunes"}
    assert not _found("harbours") and not _found("lighthouses")
    assert not SearchDocument.objects.filter(type="institution", object_id=gone.pk).exists()
    assert indexing.index_state() == "current"


def test_searches_keep_finding_the_documents_not_yet_reached(monkeypatch, agency, fresh_analysis):
    SearchDocument.objects.all().delete()
    words = ["amber", "basalt", "cobalt", "dolomite", "emerald"]
    for word in words:
        agency(f"Agency of {word} mines")
    monkeypatch.setattr(indexing, "BATCH", 2)
    seen: list[tuple[int, int, set[str]]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total, {w for w in words if _found(w)}))

    counts = indexing.reanalyse(progress=progress)
    assert counts["institution"] == len(words)
    assert [done for done, _, _ in seen] == [0, 2, 4, 5]  # a batch at a time
    # Every document stays findable between batches: nothing is dropped while re-indexing.
    assert all(found == set(words) for _, _, found in seen)


def test_start_up_reindexes_a_stale_index_once(
    monkeypatch, secretariat_user, django_capture_on_commit_callbacks, agency, fresh_analysis
):
    agency("Agency of quiet harbours")
    indexing.rebuild()
    assert services.reindex_if_stale() is None  # current: nothing to do
    monkeypatch.setattr(indexing, "ANALYSIS_VERSION", indexing.ANALYSIS_VERSION + 1)
    indexing.analysis_fingerprint.cache_clear()
    first = services.reindex_if_stale()  # queued; its commit hook not run yet
    assert first is not None and first.status == JobStatus.QUEUED and first.owner is None
    # Another server starting, or the Secretariat, gets the same job, not a second one.
    assert services.reindex_if_stale() == first
    assert services.reindex_start(actor=secretariat_user) == first
    assert Job.objects.filter(kind="search.reindex").count() == 1


def test_the_secretariat_sees_the_index_and_reindexes_through_the_api(
    as_user, secretariat_user, django_capture_on_commit_callbacks, agency, fresh_analysis
):
    agency("Agency of quiet harbours")
    client = as_user(secretariat_user)
    before = client.get("/api/v1/search/index/")
    assert before.status_code == 200
    body = before.json()
    assert body["state"] == "stale" and body["documents"] >= 1 and body["reindex"] is None
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post("/api/v1/search/index/")
    assert started.status_code == 202
    assert started["Location"] == f"/api/v1/jobs/{started.json()['id']}/"
    after = client.get("/api/v1/search/index/").json()
    assert after["state"] == "current"
    assert after["reindex"]["id"] == started.json()["id"]
    assert after["reindex"]["status"] == JobStatus.SUCCEEDED


def test_nobody_else_may_see_or_reindex_the_index(
    api, as_user, focal_point_of, bureau_user, fresh_analysis
):
    member = InstitutionFactory()
    for client in (as_user(focal_point_of(member)), as_user(bureau_user)):
        assert client.get("/api/v1/search/index/").status_code == 403
        refused = client.post("/api/v1/search/index/")
        assert refused.status_code == 403 and refused.json()["code"] == "secretariat_only"
    assert api.get("/api/v1/search/index/").status_code in (401, 403)
    assert api.post("/api/v1/search/index/").status_code in (401, 403)
    assert not Job.objects.filter(kind="search.reindex").exists()
