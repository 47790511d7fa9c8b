"""The directory's pages: the finder, the guided mode, the comparison, keeping services."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smenet.registry.tests.factories import InstitutionFactory
from smenet.services_directory.choices import ReviewStatus
from smenet.services_directory.models import Service

from .factories import ServiceFactory

pytestmark = pytest.mark.django_db


def ids_on(response) -> list[int]:
    html = response.content.decode()
    return [int(i) for i in re.findall(r'id="(?:service|fit)-(\d+)"', html)]


@pytest.fixture
def catalogue(world):
    a, b = world["a"], world["b"]
    return {
        "a_finance": ServiceFactory(
            institution=a,
            category="access-to-finance",
            sizes=["small"],
            languages=["ar"],
            apply_url="https://a.example/apply",
        ),
        "a_training": ServiceFactory(institution=a, category="training", stages=["idea"]),
        "b_open": ServiceFactory(
            institution=b, category="access-to-finance", cross_border="yes", cost="free"
        ),
        "b_closed": ServiceFactory(institution=b, category="access-to-finance", cross_border="no"),
        "draft": ServiceFactory(institution=a, review_status=ReviewStatus.DRAFT),
    }


def test_finder_lists_public_services_with_agency_country_and_how_to_apply(
    client, catalogue, world
):
    response = client.get("/services/")
    assert response.status_code == 200
    assert set(ids_on(response)) == {
        catalogue[k].pk for k in ("a_finance", "a_training", "b_open", "b_closed")
    }
    html = response.content.decode()
    assert "https://a.example/apply" in html and world["a"].country.get_absolute_url() in html
    assert 'form="compare-form"' in html


def test_finder_filters_and_bad_codes(client, catalogue, world):
    found = client.get(
        "/services/", {"country": world["a"].country.iso3, "category": "access-to-finance"}
    )
    assert ids_on(found) == [catalogue["a_finance"].pk]
    assert set(ids_on(client.get("/services/", {"cross_border": "on"}))) == {catalogue["b_open"].pk}
    bad = client.get("/ar/services/", {"sector": "Z", "country": "XXX"})
    assert bad.status_code == 400
    assert 'class="error' in bad.content.decode()


def test_guided_mode_ranks_with_reasons_and_a_shareable_url(client, catalogue, world):
    query = {"country": world["a"].country.iso3, "size": "small", "need": "access-to-finance"}
    response = client.get("/services/guide/", query)
    assert response.status_code == 200
    # Home country first; then the service open to SMEs of other member states; not the closed one.
    assert ids_on(response) == [catalogue["a_finance"].pk, catalogue["b_open"].pk]
    html = response.content.decode()
    assert "offered in your country" in html and "open to SMEs of other member states" in html
    assert 'id="share-url"' in html and "need=access-to-finance" in html
    again = client.get(response.request["PATH_INFO"] + "?" + response.request["QUERY_STRING"])
    assert ids_on(again) == ids_on(response)


def test_guided_mode_without_answers_asks_the_questions(client, catalogue):
    response = client.get("/services/guide/")
    assert response.status_code == 200 and ids_on(response) == []
    assert 'id="guide-form"' in response.content.decode()


def test_compare_up_to_four(client, catalogue):
    pks = [catalogue[k].pk for k in ("a_finance", "a_training", "b_open")]
    response = client.get("/services/compare/", {"id": pks})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<th scope="col">') == 3 and "https://a.example/apply" in html
    five = client.get("/ar/services/compare/", {"id": [*pks, catalogue["b_closed"].pk, 99999]})
    assert five.status_code == 400 and "error-summary" in five.content.decode()
    draft = client.get("/services/compare/", {"id": [catalogue["draft"].pk]})
    assert draft.content.decode().count('<th scope="col">') == 0


def test_detail_links_the_countrys_sme_definition(client, world):
    from smenet.knowledge.models import SmeDefinition

    country = world["a"].country
    SmeDefinition.objects.create(country=country, size_class="small", max_employees=49)
    service = ServiceFactory(institution=world["a"], sizes=["small"])
    html = client.get(f"/services/{service.pk}/").content.decode()
    assert "up to 49 employees" in html
    assert f"/knowledge/sme-definitions/#sme-{country.iso3}" in html


def test_draft_is_404_for_the_public_and_another_institution(client, catalogue, world):
    draft = catalogue["draft"]
    assert client.get(f"/services/{draft.pk}/").status_code == 404
    client.force_login(world["fb"])
    assert client.get(f"/services/{draft.pk}/").status_code == 404
    assert client.get(f"/services/{catalogue['a_finance'].pk}/edit/").status_code == 404
    response = client.post(f"/services/{catalogue['a_finance'].pk}/step/", {"step": "archive"})
    assert response.status_code == 404
    assert Service.objects.get(pk=catalogue["a_finance"].pk).status == "active"


def test_focal_point_creates_edits_and_submits_through_pages(client, world):
    client.force_login(world["fa"])
    form = {
        "institution": world["a"].slug,
        "category": "training",
        "original_language": "en",
        "title_en": "Founders' bootcamp",
        "cross_border": "no",
        "status": "active",
        "cost": "fee",
        "cost_amount": "50",
    }
    refused = client.post("/services/new/", form)
    assert refused.status_code == 400 and Service.objects.count() == 0
    assert "currency" in refused.content.decode()
    created = client.post("/services/new/", {**form, "cost_currency": "AZN", "submit": "1"})
    assert created.status_code == 302
    service = Service.objects.get()
    assert service.review_status == "submitted"
    edit = client.post(
        f"/services/{service.pk}/edit/",
        {**form, "cost_currency": "AZN", "version": 1, "title_en": "Bootcamp"},
    )
    assert edit.status_code == 302
    stale = client.post(
        f"/services/{service.pk}/edit/",
        {**form, "cost_currency": "AZN", "version": 1, "title_en": "Other"},
    )
    assert stale.status_code == 409
    service.refresh_from_db()
    assert service.safe_translation_getter("title", language_code="en") == "Bootcamp"


def test_secretariat_review_queue(client, catalogue, world):
    Service.objects.filter(pk=catalogue["draft"].pk).update(review_status="submitted")
    client.force_login(world["fa"])
    assert client.get("/services/review/").status_code == 403
    client.force_login(world["sec"])
    page = client.get("/services/review/")
    assert (
        page.status_code == 200
        and ids_on(page) == []
        and f"/services/{catalogue['draft'].pk}/" in page.content.decode()
    )
    client.post(f"/services/{catalogue['draft'].pk}/step/", {"step": "publish"})
    assert Service.objects.get(pk=catalogue["draft"].pk).review_status == "published"


def test_agency_and_country_pages_list_their_services(client, catalogue, world):
    agency = client.get(world["a"].get_absolute_url()).content.decode()
    assert f"/services/{catalogue['a_finance'].pk}/" in agency
    assert f"/services/{catalogue['draft'].pk}/" not in agency
    country = client.get(world["b"].country.get_absolute_url()).content.decode()
    assert f"/services/{catalogue['b_open'].pk}/" in country
    assert f"/services/{catalogue['a_finance'].pk}/" not in country


def test_services_for_country_selector_for_statistics(catalogue, world):
    from smenet.services_directory.selectors import services_for_country

    found = services_for_country(user=None, iso3=world["b"].country.iso3.lower())
    assert {s.pk for s in found} == {catalogue["b_open"].pk, catalogue["b_closed"].pk}


@pytest.mark.parametrize(
    "path",
    [
        "/services/",
        "/ar/services/?size=small&cross_border=on",
        "/services/guide/?size=small&need=training",
    ],
)
def test_public_pages_run_a_bounded_number_of_queries(client, world, path):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        return len(ctx)

    for _ in range(2):
        ServiceFactory(institution=InstitutionFactory(), sizes=["small"])
    small = count()
    for n in range(20):
        ServiceFactory(
            institution=InstitutionFactory(),
            sizes=["small"],
            texts={"title": {"en": f"S{n}", "ar": f"خ{n}"}},
        )
    assert count() == small


def test_guided_query_ranks_as_the_guide_defines(world):
    """The database's scoring (selectors.guided_services) against the rule's definition
    (guide.rank) on a varied directory, for many answers."""
    import itertools
    import random

    from smenet.services_directory import guide
    from smenet.services_directory.selectors import _candidate, guided_services

    rnd = random.Random(7)
    others = [InstitutionFactory() for _ in range(3)]
    made = []
    for _n in range(40):
        made.append(
            ServiceFactory(
                institution=rnd.choice([world["a"], world["b"], *others]),
                category=rnd.choice(["training", "access-to-finance", "export-support"]),
                sizes=rnd.sample(["micro", "small", "medium"], rnd.randint(0, 2)),
                sectors=rnd.sample(["A", "C", "G"], rnd.randint(0, 2)),
                stages=rnd.sample(["idea", "startup", "growth", "export"], rnd.randint(0, 2)),
                languages=rnd.sample(["ar", "en", "fr"], rnd.randint(0, 2)),
                cost=rnd.choice(["", "free", "subsidised"]),
                cross_border=rnd.choice(["yes", "no", "conditions", ""]),
            )
        )
    fresh = Service.objects.with_related().filter(pk__in=[s.pk for s in made])
    candidates = [_candidate(s) for s in fresh]
    country = world["a"].country.iso3
    for size, sector, language, needs in itertools.product(
        ["", "small"], ["", "C"], ["", "ar"], [(), ("training", "access-to-finance")]
    ):
        answers = guide.Answers(
            country=country, size=size, sector=sector, language=language, needs=needs
        )
        expected = [(f.id, f.score, f.reasons) for f in guide.rank(candidates, answers)]
        result = guided_services(answers=answers, limit=100)
        assert result.total == len(expected)
        assert [(f.id, f.score, f.reasons) for f in result.fits] == expected, answers


def test_step_never_redirects_elsewhere(client, catalogue, world):
    client.force_login(world["sec"])
    draft = catalogue["draft"]
    for target in ("//evil.example/x", "/\\evil.example", "https://evil.example/"):
        response = client.post(f"/services/{draft.pk}/step/", {"step": "confirm", "next": target})
        assert response.status_code == 302 and response["Location"] == f"/services/{draft.pk}/"


def test_finder_combines_arabic_words_with_filters_across_languages(
    client, world, django_capture_on_commit_callbacks
):
    """Words (Arabic-aware: article, diacritics; cross-lingual: Arabic words find a service
    written in French) combined with the eligibility filters and the country."""
    with django_capture_on_commit_callbacks(execute=True):
        small = ServiceFactory(
            institution=world["a"],
            category="access-to-finance",
            sizes=["small"],
            stages=["growth"],
            original_language="fr",
            texts={
                "title": {"fr": "Prêts garantis aux petites entreprises"},
                "summary": {"fr": "Financement des investissements."},
            },
        )
        medium = ServiceFactory(
            institution=world["a"],
            category="access-to-finance",
            sizes=["medium"],
            stages=["growth"],
            original_language="fr",
            texts={"title": {"fr": "Crédit-bail pour les moyennes entreprises"}},
        )
        ServiceFactory(
            institution=world["b"],
            category="access-to-finance",
            sizes=["small"],
            texts={"title": {"en": "Loans for small firms"}},
        )
        ServiceFactory(
            institution=world["a"],
            category="training",
            sizes=["small"],
            texts={"title": {"en": "Bookkeeping course"}},
        )
    iso3 = world["a"].country.iso3
    # The words' matches come first; the search may add the nearest services after them
    # (hybrid ranking), within the same filters.
    for words in ("تمويل", "التَّمويل"):  # the category's Arabic name, with article and marks
        both = client.get("/ar/services/", {"q": words, "country": iso3})
        assert both.status_code == 200
        assert set(ids_on(both)[:2]) == {small.pk, medium.pk}, words
        narrowed = ids_on(
            client.get("/ar/services/", {"q": words, "country": iso3, "size": "small"})
        )
        assert narrowed[0] == small.pk and medium.pk not in narrowed, words
    growth = client.get("/ar/services/", {"q": "تمويل", "country": iso3, "stage": "growth"})
    assert {small.pk, medium.pk} <= set(ids_on(growth))
    export = client.get("/ar/services/", {"q": "تمويل", "country": iso3, "stage": "export"})
    assert export.status_code == 200
    assert not {small.pk, medium.pk} & set(ids_on(export))
