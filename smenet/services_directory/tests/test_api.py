"""GET /api/v1/services/ (docs/contracts.md) and the writes for focal points and the Secretariat."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smenet.api.testing import problem
from smenet.registry.tests.factories import CountryFactory, InstitutionFactory
from smenet.services_directory import services
from smenet.services_directory.choices import ReviewStatus
from smenet.services_directory.models import Service

from .factories import ServiceFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/services/"


def _ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


@pytest.fixture
def directory(world):
    a, b = world["a"], world["b"]
    s = {
        "micro_ar": ServiceFactory(
            institution=a,
            category="access-to-finance",
            sizes=["micro"],
            languages=["ar"],
            stages=["startup"],
            cross_border="yes",
        ),
        "all_sizes": ServiceFactory(
            institution=a, category="training", sectors=["C"], languages=["en"]
        ),
        "b_export": ServiceFactory(
            institution=b,
            category="export-support",
            sizes=["medium"],
            stages=["export"],
            languages=["fr"],
            cross_border="conditions",
        ),
        "draft": ServiceFactory(institution=b, review_status=ReviewStatus.DRAFT),
    }
    archived = ServiceFactory(institution=a)
    services.service_archive(actor=None, service=archived)
    s["archived"] = archived
    return s


def test_list_items_have_the_contract_fields(api, directory, world):
    response = api.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    item = next(i for i in body["results"] if i["id"] == directory["micro_ar"].pk)
    for key in ("id", "institution", "country", "category", "title", "summary", "languages", "url"):
        assert key in item
    assert item["institution"] == {"acronym": "AAA", "name": "Agency AAA", "slug": world["a"].slug}
    assert item["country"] == world["a"].country.iso3
    assert item["category"] == "access-to-finance" and item["languages"] == ["ar"]
    assert item["url"] == f"/services/{directory['micro_ar'].pk}/"


def test_anonymous_sees_published_active_services_only(api, directory):
    assert _ids(api.get(URL)) == {directory[k].pk for k in ("micro_ar", "all_sizes", "b_export")}
    assert api.get(f"{URL}{directory['draft'].pk}/").status_code == 404
    assert api.get(f"{URL}{directory['archived'].pk}/").status_code == 404


def test_focal_point_also_sees_its_own_drafts(as_user, directory, world):
    assert directory["draft"].pk in _ids(as_user(world["fb"]).get(URL))
    assert directory["draft"].pk not in _ids(as_user(world["fa"]).get(URL))
    assert as_user(world["fa"]).get(f"{URL}{directory['draft'].pk}/").status_code == 404


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"category": "access-to-finance"}, {"micro_ar"}),
        ({"category": "access-to-finance,export-support"}, {"micro_ar", "b_export"}),
        ({"size": "micro"}, {"micro_ar", "all_sizes"}),  # "every size" fits a micro firm
        ({"size": "medium"}, {"all_sizes", "b_export"}),
        ({"sector": "C"}, {"micro_ar", "all_sizes", "b_export"}),
        ({"sector": "a"}, {"micro_ar", "b_export"}),
        ({"stage": "export"}, {"all_sizes", "b_export"}),
        ({"language": "ar"}, {"micro_ar"}),
        ({"cross_border": "yes"}, {"micro_ar"}),
        ({"cross_border": "true"}, {"micro_ar", "b_export"}),
        ({"cross_border": "no"}, {"all_sizes"}),
    ],
)
def test_filters(api, directory, params, expected):
    assert _ids(api.get(URL, params)) == {directory[k].pk for k in expected}


def test_country_filter(api, directory, world):
    assert _ids(api.get(URL, {"country": world["b"].country.iso3.lower()})) == {
        directory["b_export"].pk
    }
    status = api.get(URL, {"status": "archived"})
    assert _ids(status) == set()  # archived services are not public


@pytest.mark.parametrize(
    "params, field",
    [
        ({"country": "XXX"}, "country"),
        ({"category": "astrology"}, "category"),
        ({"size": "huge"}, "size"),
        ({"sector": "Z"}, "sector"),
        ({"stage": "old"}, "stage"),
        ({"language": "arabic"}, "language"),
        ({"cross_border": "perhaps"}, "cross_border"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_filters_are_400_naming_the_filter(api, directory, params, field):
    response = api.get(URL, params, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    assert field in problem(response)["errors"]


def test_unknown_category_message_is_translated(api, directory):
    body = problem(api.get(URL, {"category": "astrology", "lang": "ar"}))
    assert "astrology" in body["errors"]["category"][0]
    assert any("\u0600" <= ch <= "\u06ff" for ch in body["errors"]["category"][0])


def test_text_query_finds_across_languages(api, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        arabic = ServiceFactory(
            institution=world["a"],
            category="access-to-finance",
            original_language="ar",
            texts={
                "title": {"ar": "قروض ميسرة للمشاريع الصغيرة"},
                "summary": {"ar": "تمويل المنشآت الصغيرة"},
            },
        )
        ServiceFactory(institution=world["b"], texts={"title": {"en": "Coaching for founders"}})
    found = api.get(URL, {"q": "financement"})
    assert _ids(found) == {arabic.pk}
    assert _ids(api.get(URL, {"q": "تمويل", "country": world["b"].country.iso3})) == set()


def test_detail_is_the_whole_service(api, world):
    service = ServiceFactory(
        institution=world["a"],
        cost="fee",
        cost_amount="25",
        cost_currency="AZN",
        texts={"title": {"en": "T", "fr": "T fr"}, "documents": {"en": "ID card"}},
        apply_url="https://example.org/apply",
        response_days=10,
    )
    body = api.get(f"{URL}{service.pk}/").json()
    assert body["cost"] == {"kind": "fee", "amount": "25.00", "currency": "AZN"}
    assert body["texts"]["title"] == {"en": "T", "fr": "T fr"}
    assert body["documents"] == "ID card" and body["apply_url"] == "https://example.org/apply"
    assert body["response_days"] == 10 and body["version"] == 1


def _payload(world, **extra):
    return {
        "institution": world["a"].slug,
        "category": "training",
        "title": {"en": "Export coaching", "ar": "إرشاد التصدير"},
        "sizes": ["small"],
        "languages": ["en", "ar"],
        **extra,
    }


def test_focal_point_creates_and_submits(as_user, world):
    response = as_user(world["fa"]).post(URL, _payload(world, submit=True), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["review_status"] == "submitted" and body["institution"]["slug"] == world["a"].slug


@pytest.mark.parametrize(
    "extra, field",
    [
        ({"category": "astrology"}, "category"),
        ({"country": "XXX"}, "country"),
        ({"institution": "nobody"}, "institution"),
        ({"cost": "fee", "cost_amount": "10"}, "cost_currency"),
        ({"sectors": ["Q", "Z"]}, "sectors"),
        ({"title": {}}, "title"),
    ],
)
def test_bad_writes_are_400_with_nothing_saved(as_user, world, extra, field):
    response = as_user(world["fa"]).post(URL, _payload(world, **extra), format="json")
    assert response.status_code == 400, response.content
    assert field in problem(response)["errors"]
    assert Service.objects.count() == 0


def test_country_must_be_the_institutions(as_user, world):
    other = CountryFactory()
    response = as_user(world["fa"]).post(URL, _payload(world, country=other.iso3), format="json")
    assert response.status_code == 400 and "country" in problem(response)["errors"]
    ok = as_user(world["fa"]).post(
        URL, _payload(world, country=world["a"].country.iso3), format="json"
    )
    assert ok.status_code == 201


def test_anonymous_cannot_write(api, world):
    assert api.post(URL, _payload(world), format="json").status_code in (401, 403)
    assert Service.objects.count() == 0


def test_focal_point_cannot_create_for_another_institution(as_user, world):
    response = as_user(world["fb"]).post(URL, _payload(world), format="json")
    assert response.status_code == 403 and Service.objects.count() == 0


def test_focal_point_editing_another_institutions_service_is_404(as_user, world):
    service = ServiceFactory(institution=world["a"])
    response = as_user(world["fb"]).patch(
        f"{URL}{service.pk}/", {"version": 1, "category": "incubation"}, format="json"
    )
    assert response.status_code == 404
    for step in ("archive", "submit", "confirm"):
        assert as_user(world["fb"]).post(f"{URL}{service.pk}/{step}/").status_code == 404
    service.refresh_from_db()
    assert service.category == "training" and service.status == "active" and service.version == 1


def test_patch_and_conflict(as_user, world):
    service = ServiceFactory(institution=world["a"])
    client = as_user(world["fa"])
    ok = client.patch(f"{URL}{service.pk}/", {"version": 1, "stages": ["growth"]}, format="json")
    assert ok.status_code == 200 and ok.json()["stages"] == ["growth"] and ok.json()["version"] == 2
    stale = client.patch(f"{URL}{service.pk}/", {"version": 1, "stages": ["idea"]}, format="json")
    assert stale.status_code == 409 and problem(stale)["code"] == "edit_conflict"
    bad = client.patch(
        f"{URL}{service.pk}/", {"version": 2, "cost": "fee", "cost_amount": "3"}, format="json"
    )
    assert bad.status_code == 400 and "cost_currency" in problem(bad)["errors"]
    service.refresh_from_db()
    assert service.stages == ["growth"] and service.cost == "" and service.version == 2


def test_archived_service_edited_is_409_with_nothing_saved(as_user, world):
    service = ServiceFactory(institution=world["a"])
    client = as_user(world["fa"])
    assert (
        client.post(f"{URL}{service.pk}/archive/", {"version": 1}, format="json").status_code == 200
    )
    response = client.patch(
        f"{URL}{service.pk}/",
        {"version": 2, "title": {"en": "Renamed"}},
        format="json",
        HTTP_ACCEPT_LANGUAGE="ar",
    )
    assert response.status_code == 409 and problem(response)["code"] == "archived"
    assert any("\u0600" <= ch <= "\u06ff" for ch in problem(response)["detail"])
    service.refresh_from_db()
    assert service.safe_translation_getter("title", language_code="en") != "Renamed"


def test_secretariat_moderates(as_user, world):
    service = ServiceFactory(institution=world["a"], review_status=ReviewStatus.SUBMITTED)
    assert as_user(world["fa"]).post(f"{URL}{service.pk}/publish/").status_code == 403
    returned = as_user(world["sec"]).post(
        f"{URL}{service.pk}/return/", {"comment": ""}, format="json"
    )
    assert returned.status_code == 400
    published = as_user(world["sec"]).post(f"{URL}{service.pk}/publish/")
    assert published.status_code == 200 and published.json()["review_status"] == "published"


def test_list_query_count_does_not_grow(api, world):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert api.get(URL, {"page_size": 50}).status_code == 200
        return len(ctx)

    for _ in range(3):
        ServiceFactory(institution=InstitutionFactory())
    small = count()
    for n in range(25):
        ServiceFactory(
            institution=InstitutionFactory(), texts={"title": {"en": f"S{n}", "ar": f"خدمة {n}"}}
        )
    assert count() == small


def test_export_csv_and_xlsx(api, world):
    ServiceFactory(institution=world["a"], texts={"title": {"en": "=HYPERLINK(1)"}})
    csv_response = api.get(f"{URL}export/")
    assert csv_response.status_code == 200 and csv_response["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK(1)" in csv_response.content.decode("utf-8-sig")
    xlsx = api.get(f"{URL}export/", {"file_format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert api.get(f"{URL}export/", {"file_format": "pdf"}).status_code == 400
