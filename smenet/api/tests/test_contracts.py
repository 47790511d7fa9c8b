"""The API documents its contracts: component schemas for the matching documents, a 400 whose
``detail`` names the field, a docs page that leads back to the site, and the contracts the code
cites are in the repository (docs/contracts.md), not in a brief outside it."""

from pathlib import Path

import pytest

from smenet.api.testing import problem

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
BRIEF = "PRODUCT" + ".md"  # the product brief outside the repository


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def ref(node):
    return node["$ref"].rsplit("/", 1)[1]


def test_matching_documents_are_component_schemas(schema):
    components = schema["components"]["schemas"]
    run = schema["paths"]["/api/v1/matching/run/"]["post"]
    request = components[ref(run["requestBody"]["content"]["application/json"]["schema"])]
    assert set(request["required"]) >= {"subjects", "institutions"}
    institution = components[ref(request["properties"]["institutions"]["items"])]
    needs = institution["properties"]["needs"]["additionalProperties"]
    assert (needs["type"], needs["minimum"], needs["maximum"]) == ("integer", 0, 3)
    capacity = components[ref(institution["properties"]["capacities"]["additionalProperties"])]
    assert set(capacity["properties"]) == {"level", "max_activities"}

    output = components[ref(run["responses"]["200"]["content"]["application/json"]["schema"])]
    assert set(output["properties"]) == {"activities", "total_score", "optimal", "unmet_needs"}
    unmet = components[ref(output["properties"]["unmet_needs"]["items"])]
    reasons = components[ref(unmet["properties"]["reason"])]["enum"]
    assert "provider_capacity_exhausted" in reasons
    error = components[ref(run["responses"]["400"]["content"]["application/json"]["schema"])]
    assert {"code", "detail", "errors"} <= set(error["properties"])

    cycle_run = schema["paths"]["/api/v1/cycles/{code}/matching-runs/"]["post"]
    body = components[ref(cycle_run["responses"]["201"]["content"]["application/json"]["schema"])]
    cycle_output = components[ref(body["properties"]["output"])]
    assert "already_served" in cycle_output["properties"]


def test_a_400_detail_names_the_field(client):
    bad = {
        "subjects": ["x"],
        "institutions": [{"id": "A", "country": "AZE", "languages": ["en"], "needs": {"x": 9}}],
    }
    response = client.post("/api/v1/matching/run/", bad, content_type="application/json")
    assert response.status_code == 400
    assert problem(response)["detail"].startswith("institutions[0].needs.x: ")


def test_a_serializer_400_names_the_field(client, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(
        "/api/v1/cycles/",
        {"titles": {"en": "x"}, "opens_on": "2026-01-01", "closes_on": "2026-02-01"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 400
    body = problem(response)
    field = next(iter(body["errors"]))
    assert body["detail"].startswith((f"{field} : ", f"{field}: "))
    assert "code" in body["errors"]


@pytest.mark.parametrize(("accept", "home"), [("en", "/"), ("ar", "/ar/"), ("fr", "/fr/")])
def test_the_docs_page_leads_back_to_the_site(client, accept, home):
    html = client.get("/api/v1/docs/", HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    assert f'href="{home}" id="back-to-site"' in html
    assert "swagger-ui" in html  # still the interactive documentation


def test_the_repository_is_self_contained():
    contracts = (ROOT / "docs" / "contracts.md").read_text(encoding="utf-8")
    for heading in ("## Command line", "## HTTP API", "## Matching input and output"):
        assert heading in contracts
    citing = [
        str(path.relative_to(ROOT))
        for folder in ("smenet", "config", "docs", "tests", "benchmarks")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in {".py", ".md", ".html", ".yaml"}
        and path.name != "contracts.md"
        and BRIEF in path.read_text(encoding="utf-8", errors="ignore")
    ]
    assert not citing, citing
