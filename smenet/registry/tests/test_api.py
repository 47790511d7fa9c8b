import pytest

from smenet.api.testing import problem
from smenet.registry.choices import InstitutionType, MembershipStatus
from smenet.registry.models import Institution
from smenet.registry.tests.factories import CountryFactory, InstitutionFactory

pytestmark = pytest.mark.django_db


class TestCountries:
    def test_lists_the_57_member_states_with_arabic_and_french_names(self, api, reference_data):
        response = api.get("/api/v1/countries/", {"page_size": 200})
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 57
        assert {"count", "next", "previous", "results"} <= set(body)
        aze = next(c for c in body["results"] if c["iso3"] == "AZE")
        assert aze == {
            "iso2": "AZ",
            "iso3": "AZE",
            "name": "Azerbaijan",
            "names": {"ar": "أذربيجان", "en": "Azerbaijan", "fr": "Azerbaïdjan"},
            "oic_group": "Asian",
            "joined": 1992,
            "status": "member",
        }
        assert all(c["names"]["ar"] and c["names"]["fr"] for c in body["results"])
        groups = [c["oic_group"] for c in body["results"]]
        assert (groups.count("Arab"), groups.count("Asian"), groups.count("African")) == (
            22,
            18,
            17,
        )

    def test_name_follows_the_requested_language(self, api, reference_data):
        by_param = api.get("/api/v1/countries/AZE/", {"lang": "fr"}).json()
        by_header = api.get("/api/v1/countries/AZE/", HTTP_ACCEPT_LANGUAGE="ar").json()
        assert by_param["name"] == "Azerbaïdjan"
        assert by_header["name"] == "أذربيجان"

    def test_default_page_is_20_and_page_size_is_capped_at_200(self, api):
        CountryFactory.create_batch(25)
        assert len(api.get("/api/v1/countries/").json()["results"]) == 20
        response = api.get("/api/v1/countries/", {"page_size": 1000})
        assert response.status_code == 200 and len(response.json()["results"]) == 25

    def test_unknown_country_is_a_problem_404(self, api):
        response = api.get("/api/v1/countries/XXX/")
        assert response.status_code == 404
        assert problem(response)["code"] == "not_found"

    def test_status_history_keeps_syrias_suspension_and_reinstatement(self, reference_data):
        from smenet.registry.models import Country

        syria = Country.objects.get(iso3="SYR")
        changes = [(c.status, c.date.isoformat()) for c in syria.status_changes.all()]
        assert changes == [("suspended", "2012-08-15"), ("member", "2025-03-07")]
        assert syria.status == "member"


class TestInstitutionList:
    def test_filters_by_country_type_and_status(self, api):
        aze, tur = CountryFactory(iso3="AZE"), CountryFactory(iso3="TUR")
        kobia = InstitutionFactory(acronym="KOBİA", country=aze)
        InstitutionFactory(acronym="FUND", country=aze, type=InstitutionType.FUND)
        InstitutionFactory(
            acronym="KOSGEB", country=tur, membership_status=MembershipStatus.INVITED
        )

        def acronyms(**params):
            response = api.get("/api/v1/institutions/", params)
            assert response.status_code == 200, response.content
            return [i["acronym"] for i in response.json()["results"]]

        assert acronyms(country="aze") == ["FUND", "KOBİA"]
        assert acronyms(country="AZE", type="agency") == ["KOBİA"]
        assert acronyms(status="invited") == ["KOSGEB"]
        detail = api.get(f"/api/v1/institutions/{kobia.slug}/").json()
        assert detail["country"] == "AZE" and detail["names"]["ar"] == "وكالة KOBİA"

    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({"country": "XYZ"}, "country"),
            ({"country": "AZERB"}, "country"),
            ({"type": "bank"}, "type"),
            ({"status": "asleep"}, "status"),
            ({"colour": "red"}, "colour"),
        ],
    )
    def test_bad_filters_are_400_naming_the_field(self, api, params, field):
        CountryFactory(iso3="AZE")
        response = api.get("/api/v1/institutions/", params)
        assert response.status_code == 400
        body = problem(response)
        assert field in body["errors"], body
        assert body["detail"]

    def test_errors_are_translated(self, api):
        response = api.get("/api/v1/institutions/", {"type": "bank", "lang": "fr"})
        message = problem(response)["errors"]["type"][0]
        assert "bank" in message and "choix" in message.lower()


class TestInstitutionUpdate:
    @pytest.fixture
    def two(self):
        return InstitutionFactory(acronym="A"), InstitutionFactory(acronym="B")

    def test_focal_point_updates_its_own_institution(self, as_user, focal_point_of, two):
        a, _b = two
        user = focal_point_of(a)
        response = as_user(user).patch(
            f"/api/v1/institutions/{a.slug}/",
            {"version": 1, "website": "https://a.example.org", "names": {"fr": "Agence A"}},
            format="json",
        )
        assert response.status_code == 200, response.content
        assert response.json()["version"] == 2
        a.refresh_from_db()
        assert a.website == "https://a.example.org"
        latest = a.history.first()
        assert latest.history_user == user and latest.website == "https://a.example.org"
        assert response.json()["names"]["fr"] == "Agence A"

    def test_focal_point_cannot_touch_another_institution(self, as_user, focal_point_of, two):
        a, b = two
        client = as_user(focal_point_of(a))
        response = client.patch(
            f"/api/v1/institutions/{b.slug}/",
            {"version": 1, "website": "https://x.org"},
            format="json",
        )
        assert response.status_code == 404
        assert problem(response)["code"] == "not_found"
        b.refresh_from_db()
        assert b.website == "" and b.version == 1

    def test_the_bureau_is_told_why(self, as_user, bureau_user, two):
        _a, b = two
        response = as_user(bureau_user).patch(
            f"/api/v1/institutions/{b.slug}/", {"version": 1, "website": "https://x.org"}
        )
        assert response.status_code == 403  # reads every profile, changes none
        assert problem(response)["code"] == "not_your_institution"
        b.refresh_from_db()
        assert b.website == "" and b.version == 1

    def test_anonymous_cannot_write(self, api, two):
        a, _b = two
        response = api.patch(f"/api/v1/institutions/{a.slug}/", {"version": 1}, format="json")
        assert response.status_code in (401, 403)
        problem(response)

    def test_focal_point_cannot_change_secretariat_fields(self, as_user, focal_point_of, two):
        a, _b = two
        response = as_user(focal_point_of(a)).patch(
            f"/api/v1/institutions/{a.slug}/", {"version": 1, "acronym": "NEW"}, format="json"
        )
        assert response.status_code == 400
        assert "acronym" in problem(response)["errors"]
        a.refresh_from_db()
        assert a.acronym == "A"

    def test_stale_version_is_a_conflict_and_changes_nothing(self, as_user, focal_point_of, two):
        a, _b = two
        client = as_user(focal_point_of(a))
        url = f"/api/v1/institutions/{a.slug}/"
        assert client.patch(url, {"version": 1, "phone": "1"}, format="json").status_code == 200
        response = client.patch(url, {"version": 1, "phone": "2"}, format="json")
        assert response.status_code == 409
        body = problem(response)
        assert body["code"] == "edit_conflict" and "version" in body["errors"]
        a.refresh_from_db()
        assert a.phone == "1"

    def test_malformed_json_is_400_and_changes_nothing(self, as_user, focal_point_of, two):
        a, _b = two
        response = as_user(focal_point_of(a)).patch(
            f"/api/v1/institutions/{a.slug}/",
            '{"version": 1, "phone": ',
            content_type="application/json",
        )
        assert response.status_code == 400
        assert problem(response)["code"] == "malformed_json"
        a.refresh_from_db()
        assert a.version == 1

    def test_invalid_values_name_the_field(self, as_user, secretariat_user, two):
        a, _b = two
        response = as_user(secretariat_user).patch(
            f"/api/v1/institutions/{a.slug}/",
            {"version": 1, "website": "not a url", "names": {"english": "x"}},
            format="json",
        )
        assert response.status_code == 400
        assert {"website", "names"} <= set(problem(response)["errors"])

    def test_secretariat_may_change_any_institution(self, as_user, secretariat_user, two):
        _a, b = two
        response = as_user(secretariat_user).patch(
            f"/api/v1/institutions/{b.slug}/", {"version": 1, "acronym": "B2"}, format="json"
        )
        assert response.status_code == 200
        assert Institution.objects.get(pk=b.pk).acronym == "B2"


def test_token_authentication(api, focal_point_of):
    user = focal_point_of(InstitutionFactory(acronym="A"))
    bad = api.post("/api/v1/auth/token/", {"email": user.email, "password": "wrong"}, format="json")
    assert bad.status_code == 400 and problem(bad)["code"] == "invalid_credentials"
    token = api.post(
        "/api/v1/auth/token/",
        {"email": user.email, "password": "correct horse battery"},
        format="json",
    ).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = api.get("/api/v1/me/").json()
    assert me["roles"] == [{"role": "focal_point", "institution": user.institution_id}]
