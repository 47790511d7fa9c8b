import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from smenet.plans import services
from smenet.plans.models import PlanItem

from .factories import plan_with_items, task_force_user

pytestmark = pytest.mark.django_db
D = datetime.date


def test_pages_of_a_draft_for_the_task_force_in_three_languages(client, draft):
    client.force_login(task_force_user())
    code = draft["plan"].code
    item = draft["actions"][0]
    for prefix, direction in (("", "ltr"), ("/ar", "rtl"), ("/fr", "ltr")):
        for path in [
            "/plan/",
            f"/plan/{code}/",
            f"/plan/{code}/dashboard/",
            f"/plan/{code}/timeline/",
            f"/plan/{code}/diff/",
            f"/plan/{code}/rounds/",
            f"/plan/{code}/items/{item.pk}/",
            f"/plan/{code}/v1/items/new/",
            f"/plan/{code}/commitments/{draft['a'].slug}/",
        ]:
            response = client.get(prefix + path)
            assert response.status_code == 200, path
            assert f'dir="{direction}"' in response.content.decode()[:300], path
    html = client.get(f"/ar/plan/{code}/timeline/").content.decode()
    assert "<svg" in html and 'direction="rtl"' in html


def test_edit_conflict_in_the_browser_form(client, draft):
    client.force_login(task_force_user())
    item = draft["actions"][0]
    url = f"/plan/{draft['plan'].code}/items/{item.pk}/"
    form = {"version": 1, "title_en": "Mine", "weight": "1", "lead": draft["a"].pk}
    assert client.post(url, form).status_code == 302
    response = client.post(url, {**form, "title_en": "Theirs"})
    html = response.content.decode()
    assert response.status_code == 409 and "after you opened it" in html and "Mine" in html
    item.refresh_from_db()
    assert item.safe_translation_getter("title", language_code="en") == "Mine"


def test_anonymous_public_progress(client, adopted):
    code = adopted["plan"].code
    assert client.get(f"/plan/{code}/").status_code == 302
    response = client.get(f"/ar/plan/{code}/progress/")
    assert response.status_code == 200 and 'dir="rtl"' in response.content.decode()
    assert client.get(f"/plan/{code}/items/{adopted['actions'][0].pk}/").status_code == 200


def test_anonymous_sees_no_draft(client, draft):
    code = draft["plan"].code
    for path in [
        f"/plan/{code}/",
        f"/plan/{code}/progress/",
        f"/plan/{code}/dashboard/",
        f"/plan/{code}/items/{draft['actions'][0].pk}/",
        f"/plan/{code}/report.pdf",
    ]:
        assert client.get(path).status_code in (302, 404), path
    assert draft["plan"].code not in client.get("/plan/").content.decode()


def test_focal_point_report_page(client, adopted, focal_point_of):
    rnd = services.round_open(
        actor=None,
        version=adopted["version"],
        label="R1",
        opens_on=D(2026, 1, 1),
        deadline=D(2099, 1, 1),
    )
    a_item = next(i for i in adopted["actions"] if i.lead == adopted["a"])
    b_item = next(i for i in adopted["actions"] if i.lead == adopted["b"])
    client.force_login(focal_point_of(adopted["a"]))
    base = f"/plan/{adopted['plan'].code}/rounds/{rnd.pk}/items/"
    assert (
        client.get(f"{base}{b_item.pk}/").status_code == 404
    )  # another institution's item (decision 0015)
    response = client.post(
        f"{base}{a_item.pk}/", {"progress_status": "on_track", "percent": 30, "submit": "1"}
    )
    assert response.status_code == 302
    assert a_item.reports.get().status == "submitted"


# --- API ---


def test_api_item_patch_conflict_is_409_naming_the_change(api, draft):
    api.force_authenticate(task_force_user())
    item = draft["actions"][0]
    url = f"/api/v1/plan-items/{item.pk}/"
    assert api.patch(url, {"version": 1, "titles": {"en": "New"}}, format="json").status_code == 200
    response = api.patch(url, {"version": 1, "titles": {"en": "Other"}}, format="json")
    assert response.status_code == 409
    body = response.json()
    assert response["Content-Type"] == "application/problem+json"
    assert body["code"] == "edit_conflict" and "New" in body["detail"] and body["errors"]["changed"]


def test_api_bad_input_names_the_field_and_saves_nothing(api, draft):
    api.force_authenticate(task_force_user())
    count = PlanItem.objects.count()
    response = api.post(
        "/api/v1/plan-items/",
        {
            "plan": draft["plan"].code,
            "plan_version": 1,
            "titles": {"en": "x"},
            "subjects": ["nope"],
        },
        format="json",
    )
    assert response.status_code == 400 and "subjects" in response.json()["errors"]
    response = api.post(
        "/api/v1/plan-items/",
        {"plan": draft["plan"].code, "plan_version": 1, "titles": {"en": "x"}, "lead": "NOPE"},
        format="json",
    )
    assert response.status_code == 400 and "lead" in response.json()["errors"]
    assert PlanItem.objects.count() == count


def test_api_workflow_and_reporting(api, draft, bureau_user, secretariat_user, focal_point_of):
    from smenet.governance.choices import BodyKind
    from smenet.governance.tests.factories import BodyFactory

    BodyFactory(code="general-assembly", kind=BodyKind.GENERAL_ASSEMBLY, term_years=None)
    code = draft["plan"].code
    tf = task_force_user()
    api.force_authenticate(tf)
    item = draft["actions"][0]
    assert (
        api.post(
            f"/api/v1/plan-items/{item.pk}/comments/", {"body": "Check dates"}, format="json"
        ).status_code
        == 201
    )
    assert api.post(f"/api/v1/plans/{code}/versions/1/submit/").status_code == 200
    api.force_authenticate(bureau_user)
    assert api.post(f"/api/v1/plans/{code}/versions/1/review/").status_code == 200
    assert (
        api.post(
            f"/api/v1/plans/{code}/versions/1/adopt/",
            {"reference": "GA-1", "date": "2026-01-10", "voting": "consensus"},
            format="json",
        ).status_code
        == 403
    )
    api.force_authenticate(secretariat_user)
    response = api.post(
        f"/api/v1/plans/{code}/versions/1/adopt/",
        {"reference": "GA-1", "date": "2026-01-10", "voting": "consensus"},
        format="json",
    )
    assert response.status_code == 200 and response.json()["decision"] == "GA-1"
    response = api.post(
        "/api/v1/reporting-rounds/",
        {"plan": code, "plan_version": 1, "label": "H1", "deadline": "2099-01-01"},
        format="json",
    )
    assert response.status_code == 201
    rnd = response.json()["id"]
    api.force_authenticate(focal_point_of(draft["b"]))
    response = api.put(
        f"/api/v1/reporting-rounds/{rnd}/items/{item.pk}/report/",
        {"status": "on_track", "percent": 5},
        format="json",
    )
    assert response.status_code == 404  # A's item is not B's business (decision 0015)
    api.force_authenticate(focal_point_of(draft["a"]))
    ind = item.indicators.get()
    response = api.put(
        f"/api/v1/reporting-rounds/{rnd}/items/{item.pk}/report/",
        {"status": "at_risk", "percent": 15, "actuals": {str(ind.pk): "3"}, "submit": True},
        format="json",
    )
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    report_id = response.json()["id"]
    api.force_authenticate(secretariat_user)
    assert (
        api.post(f"/api/v1/progress-reports/{report_id}/validate/", {}, format="json").status_code
        == 200
    )
    assert api.get("/api/v1/progress-reports/", {"round": rnd}).json()["count"] == 1
    api.force_authenticate(None)
    assert api.get(f"/api/v1/plan-items/?plan={code}").json()["count"] == 8
    assert api.get("/api/v1/plan-items/", {"plan": code, "bogus": 1}).status_code == 400


# --- Query counts: list pages and endpoints do not grow with the plan ---

PAGES = [
    "/plan/{code}/",
    "/plan/{code}/dashboard/",
    "/plan/{code}/timeline/",
    "/plan/{code}/progress/",
    "/plan/{code}/diff/?a=1&b=1",
    "/plan/",
    "/api/v1/plan-items/?plan={code}&page_size=200",
    "/api/v1/plans/",
]


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_the_plan(client, secretariat_user):
    from .factories import adopt

    small, v_small, _ = plan_with_items(objectives=1, outcomes=1, actions=2, code="small")
    big, v_big, _ = plan_with_items(objectives=4, outcomes=3, actions=4, code="big")
    adopt(v_small, secretariat_user, reference="GA-S")
    adopt(v_big, secretariat_user, reference="GA-B")
    client.force_login(secretariat_user)
    for page in PAGES:
        a = _count(client, page.format(code="small"))
        b = _count(client, page.format(code="big"))
        assert a == b, (page, a, b)
        assert b <= 30, (page, b)
