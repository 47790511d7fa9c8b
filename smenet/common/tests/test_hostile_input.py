"""Every hostile value to every field (issue 10 §3): generated, not hand-listed.

- **Pages**: the site is crawled as each kind of user over the demo data; every form found is
  submitted once per field and hostile value (the other fields keep what the page rendered).
- **API**: every write operation of the OpenAPI schema, every property of its request body
  (nested maps, lists and objects included), and every query parameter of the read operations.
- **Imports**: every column of every import spec (``common.tabular.all_specs``), starting from
  the spec's example row.

Each answer must be a 4xx (for a page's GET form: no 5xx), and nothing may be written: the test
records every INSERT, UPDATE and DELETE the request makes (sessions and the cache excepted). The
values come from ``hostile.py``; the limits they probe come from the fields themselves
(``maxlength``/``max``, ``maxLength``/``maximum``, the spec's ``max_length``/``bounds``).
"""

from __future__ import annotations

import contextlib
import copy
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.urls import Resolver404, resolve

from . import hostile

pytestmark = pytest.mark.django_db

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
NOT_DATA = ("django_session", "smenet_cache", "axes_")


class WriteLog:
    """Every data-changing statement run while active (sessions and the cache excepted)."""

    def __init__(self) -> None:
        self.writes: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        if WRITE.match(sql) and not any(t in sql for t in NOT_DATA):
            self.writes.append(sql[:100])
        return execute(sql, params, many, context)

    @contextlib.contextmanager
    def watch(self) -> Iterator[list[str]]:
        self.writes = []
        with connection.execute_wrapper(self):
            yield self.writes


@pytest.fixture(autouse=True)
def english():
    """The crawl follows English links (other tests may leave another language active, and
    /ar/ and /fr/ pages are the same forms)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def world(founding):
    """The demo data plus a record in each state that shows a form: a draft plan with a
    comment, a version under the Bureau's review, an adopted one with an open round (a draft and
    a submitted report by KOBİA), activities with nominations open and delivered, best practices
    in draft and submitted, a replication interest."""
    import datetime

    from smenet.capacity import services as capacity
    from smenet.capacity.models import ActivityType
    from smenet.knowledge import services as knowledge
    from smenet.knowledge.models import BestPractice
    from smenet.plans import services as plans
    from smenet.plans.tests.factories import plan_with_items
    from smenet.registry.models import Institution, User
    from smenet.taxonomy.models import Subject

    day = datetime.date
    users = {
        role: User.objects.get(email=f"{role}@smenet.example")
        for role in ("secretariat", "taskforce", "focal.kobia", "bureau")
    }
    secretariat, focal = users["secretariat"], users["focal.kobia"]
    kobia = Institution.objects.get(acronym="KOBİA")
    kosgeb = Institution.objects.get(acronym="KOSGEB")

    plan, version, actions = plan_with_items(leads=[kobia], code="hostile-draft")
    plans.comment_add(actor=users["taskforce"], item=actions[0], body="Why?")
    _plan, in_review, _items = plan_with_items(leads=[kobia], code="hostile-review")
    plans.version_submit(actor=None, version=in_review)
    plans.version_review(actor=None, version=in_review)
    _plan, adopted, leaves = plan_with_items(leads=[kobia], code="hostile-adopted")
    plans.version_submit(actor=None, version=adopted)
    plans.version_review(actor=None, version=adopted)
    plans.version_adopt(
        actor=secretariat,
        version=adopted,
        reference="GA-H-1",
        date=day(2026, 1, 15),
        voting="consensus",
    )
    rnd = plans.round_open(
        actor=secretariat,
        version=adopted,
        label="H1",
        opens_on=day(2026, 1, 1),
        deadline=day(2099, 6, 30),
    )
    plans.report_save(
        actor=focal, round=rnd, item=leaves[0], progress_status="on_track", percent=10
    )
    submitted = plans.report_save(
        actor=focal, round=rnd, item=leaves[1], progress_status="on_track", percent=20
    )
    plans.report_submit(actor=focal, report=submitted)

    def activity(title):
        return capacity.activity_create(
            actor=secretariat,
            type=ActivityType.objects.order_by("pk").first(),
            subject=Subject.objects.get(code="access-to-finance"),
            titles={"en": title},
            providers=[kosgeb],
            beneficiaries=[kobia],
            languages=["en"],
            participants_per_beneficiary=2,
        )

    def move(act, *statuses):
        for status in statuses:
            extra = {}
            if status == "scheduled":
                extra = {
                    "starts_at": datetime.datetime(2026, 12, 10, 9, tzinfo=datetime.UTC),
                    "ends_at": datetime.datetime(2026, 12, 11, 17, tzinfo=datetime.UTC),
                }
            capacity.activity_transition(actor=secretariat, activity=act, to=status, **extra)

    open_one, delivered = activity("Open"), activity("Delivered")
    move(open_one, "agreed", "scheduled", "nominations_open")
    move(delivered, "agreed", "scheduled", "nominations_open")
    nomination = capacity.nomination_create(
        actor=focal,
        activity=delivered,
        institution=kobia,
        full_name="Leyla Aliyeva",
        gender="female",
        email="leyla@example.org",
    )
    # Attendance from the activity's first day, delivered from its last (decision 0021).
    with time_machine.travel(datetime.datetime(2026, 12, 12, 12, tzinfo=datetime.UTC), tick=False):
        capacity.attendance_record(
            actor=secretariat, activity=delivered, attended={nomination.pk: True}
        )
        move(delivered, "delivered")

    country = kobia.country
    knowledge.best_practice_create(
        actor=focal, country=country, institution=kobia, texts={"title": {"en": "Draft"}}
    )
    to_submit = knowledge.best_practice_create(
        actor=focal, country=country, institution=kobia, texts={"title": {"en": "Submitted"}}
    )
    knowledge.best_practice_submit(actor=focal, practice=to_submit)
    published = BestPractice.objects.filter(institution=kobia, status="published").first()
    others = BestPractice.objects.exclude(institution=kobia).filter(status="published")
    knowledge.replication_interest_create(
        actor=focal, practice=others[0], institution=kobia, message="Interested"
    )
    from smenet.capacity.views import evaluation_token

    seeds = [
        f"/capacity/evaluate/{evaluation_token(nomination)}/",
        open_one.get_absolute_url(),
        delivered.get_absolute_url(),
        "/capacity/reports/",
        f"/plan/hostile-review/?v={in_review.number}",
        f"/plan/hostile-adopted/rounds/{rnd.pk}/",
        f"/plan/hostile-adopted/rounds/{rnd.pk}/items/{leaves[0].pk}/",
        f"/knowledge/practices/{to_submit.pk}/",
        f"/knowledge/practices/{published.pk}/",
        f"/knowledge/practices/{others[0].pk}/",
        f"/knowledge/practices/{others[1].pk}/",
        f"/plan/hostile-draft/items/{actions[0].pk}/",
        f"/plan/hostile-draft/v{version.number}/items/new/",
    ]
    seeds += _events_and_statistics(users, kobia)
    # The services directory and the expert roster: every page that shows one of their forms.
    from smenet.experts.models import Expert
    from smenet.services_directory.models import Service

    service = Service.objects.filter(institution=kobia).order_by("pk").first()
    expert = Expert.objects.filter(institution=kobia).order_by("pk").first()
    seeds += [
        "/services/",
        "/services/guide/",
        "/services/mine/",
        "/services/new/",
        "/services/review/",
        f"/services/{service.pk}/",
        f"/services/{service.pk}/edit/",
        "/experts/",
        "/experts/new/",
        f"/experts/{expert.pk}/",
        f"/experts/{expert.pk}/edit/",
        f"/experts/{expert.pk}/consent/",
        f"/experts/activities/{open_one.reference}/",
    ]
    return {"users": users, "plan": plan, "version": version, "actions": actions, "seeds": seeds}


def _events_and_statistics(users, kobia) -> list[str]:
    """A meeting to come (registration open, KOBİA invited and nominating, a document, minutes
    circulated for comments), a follow-up action on a founding decision; the statistics demo's
    open round and submissions."""
    import datetime

    from django.utils import timezone

    from smenet.events import services as events
    from smenet.events.reference import general_assembly
    from smenet.governance.models import Decision
    from smenet.statistics.models import Submission

    secretariat = users["secretariat"]
    start = datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=40), datetime.time(9, 0)
    )
    meeting = events.meeting_create(
        actor=secretariat,
        code="hostile-meeting",
        titles={"en": "Hostile meeting"},
        start=start,
        end=start + datetime.timedelta(hours=8),
        time_zone="Asia/Baku",
        body=general_assembly(),
        registration_open=True,
        capacity=50,
    )
    events.invitation_send(actor=secretariat, meeting=meeting, institutions=[kobia])
    events.nomination_create(
        actor=users["focal.kobia"],
        meeting=meeting,
        institution=kobia,
        full_name="Leyla Aliyeva",
        email="leyla@example.org",
    )
    events.document_create(
        actor=secretariat,
        meeting=meeting,
        kind="agenda",
        titles={"en": "Agenda"},
        original_language="en",
    )
    minutes = events.minutes_draft(actor=secretariat, meeting=meeting, text="Minutes.")
    events.minutes_circulate(
        actor=secretariat, minutes=minutes, deadline=timezone.now() + datetime.timedelta(days=9)
    )
    decision = Decision.objects.order_by("date", "pk").first()
    events.follow_up_create(
        actor=secretariat,
        decision=decision,
        owner=kobia,
        due_on=decision.date + datetime.timedelta(days=400),
        titles={"en": "Follow up"},
    )
    submission = Submission.objects.order_by("pk").first()
    return [
        "/meetings/",
        "/meetings/mine/",
        f"/meetings/{meeting.code}/",
        f"/meetings/{meeting.code}/participants/",
        f"/meetings/{meeting.code}/register/",
        f"/meetings/{meeting.code}/minutes/",
        "/decisions/",
        "/news/",
        "/statistics/",
        "/statistics/rounds/",
        "/statistics/rounds/new/",
        "/statistics/import/",
        "/statistics/verification/",
        f"/statistics/submissions/{submission.pk}/edit/",
        f"/statistics/submissions/{submission.pk}/review/",
    ]


# --- pages ------------------------------------------------------------------------------------


class Forms(HTMLParser):
    """The forms of a page: action, method, fields with the values the page gave them, and the
    named submit buttons."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, Any]] = []
        self.links: list[str] = []
        self._form: dict[str, Any] | None = None
        self._textarea: dict[str, Any] | None = None
        self._select: dict[str, Any] | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "form":
            self._form = {
                "action": a.get("action", ""),
                "method": a.get("method", "get").lower(),
                "fields": [],
                "buttons": [],
            }
            self.forms.append(self._form)
        if self._form is None:
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "image") and a.get("name"):
                self._form["buttons"].append((a["name"], a.get("value", "")))
            elif kind in ("checkbox", "radio"):
                self._form["fields"].append(
                    {
                        "name": a.get("name"),
                        "kind": kind,
                        "value": a.get("value", "on"),
                        "checked": "checked" in a,
                        "attrs": a,
                    }
                )
            elif kind not in ("submit", "button", "reset", "image") and a.get("name"):
                self._form["fields"].append(
                    {"name": a["name"], "kind": kind, "value": a.get("value", ""), "attrs": a}
                )
        elif tag == "button" and a.get("name") and a.get("type", "submit") == "submit":
            self._form["buttons"].append((a["name"], a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = {"name": a["name"], "kind": "textarea", "value": "", "attrs": a}
            self._form["fields"].append(self._textarea)
        elif tag == "select" and a.get("name"):
            self._select = {
                "name": a["name"],
                "kind": "select",
                "options": [],
                "value": None,
                "multiple": "multiple" in a,
                "attrs": a,
            }
            self._form["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._select["options"].append((a.get("value"), "selected" in a))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def _base_data(form: dict[str, Any]) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for field in form["fields"]:
        name, kind = field["name"], field["kind"]
        if kind == "file" or not name or "disabled" in field["attrs"]:
            continue
        if kind in ("checkbox", "radio"):
            if field["checked"]:
                data.setdefault(name, []).append(field["value"])
            continue
        if kind == "select":
            chosen = [v for v, selected in field["options"] if selected]
            if not chosen and field["options"] and not field["multiple"]:
                chosen = [field["options"][0][0]]
            data[name] = [c or "" for c in chosen]
            continue
        data.setdefault(name, []).append(field["value"])
    return data


def _values_for(field: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    kind, attrs = field["kind"], field["attrs"]
    if kind in ("text", "textarea", "search", "email", "url", "tel", "password", "hidden"):
        limit = attrs.get("maxlength")
        yield from hostile.texts(int(limit) if limit and limit.isdigit() else None)
    elif kind == "number":

        def bound(key):
            try:
                return int(attrs[key])
            except (KeyError, ValueError):
                return None

        yield from hostile.integers(bound("min"), bound("max"))
        yield from hostile.markers()
    else:  # select, radio, checkbox, date, time, …
        yield from hostile.markers()


SKIP_PREFIXES = (
    "/admin/",
    "/api/",
    "/static/",
    "/media/",
    "/i18n/",
    "/jsi18n/",
    "/logout/",
    "/ar/",
    "/fr/",
)
FILE_LIKE = re.compile(r"\.(pdf|xlsx|csv|ics|rss|atom|svg|png|json)$|/(export|report|download)")
PER_ROUTE = 3
MAX_PAGES = 150
SEEDS = [
    "/",
    "/members/",
    "/countries/",
    "/governance/",
    "/capacity/",
    "/plan/",
    "/knowledge/",
    "/search/?q=finance",
]


#: Apps whose owners adopt the cleaning layer next (issue 10 §3): their forms and endpoints are
#: attacked like the others, but what they answer is only reported. The list may only shrink.
PENDING_APPS: tuple[str, ...] = ()


def _pending(path: str) -> bool:
    """Whether ``path`` (placeholders allowed) is served by a pending app."""
    concrete = re.sub(r"\{[^}]+\}", "1", urlsplit(path).path)
    try:
        match = resolve(concrete)
    except Resolver404:
        return False
    view = getattr(match.func, "cls", None) or getattr(match.func, "view_class", match.func)
    return view.__module__.startswith(PENDING_APPS)


def _split_pending(failures: list[str]) -> tuple[list[str], list[str]]:
    pending = [f for f in failures if _pending(f.split(" ", 2)[1])]
    return [f for f in failures if f not in pending], pending


def _route(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client: Client, seeds: list[str]) -> list[tuple[str, dict[str, Any]]]:
    """(page, form) for every distinct form the user can reach from the seeds."""
    seen_pages: set[str] = set()
    per_route: dict[str, int] = {}
    forms: dict[tuple, tuple[str, dict[str, Any]]] = {}
    queue = [*seeds, *SEEDS]
    while queue and len(seen_pages) < MAX_PAGES:
        page = queue.pop(0)
        route = _route(urlsplit(page).path)
        if page in seen_pages or route is None:
            continue
        if per_route.get(route, 0) >= PER_ROUTE and page not in seeds:
            continue
        seen_pages.add(page)
        per_route[route] = per_route.get(route, 0) + 1
        response = client.get(page)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = Forms()
        parser.feed(response.content.decode())
        for href in parser.links:
            target = urljoin(page, href)
            parts = urlsplit(target)
            if parts.netloc or not parts.path.startswith("/"):
                continue
            if parts.path.startswith(SKIP_PREFIXES) or FILE_LIKE.search(parts.path):
                continue
            url = parts.path + (f"?{parts.query}" if parts.query else "")
            if url not in seen_pages:
                queue.append(url)
        for form in parser.forms:
            action = urljoin(page, form["action"] or page)
            form["action"] = urlsplit(action).path + (
                f"?{urlsplit(action).query}" if urlsplit(action).query else ""
            )
            route = _route(urlsplit(action).path)
            names = tuple(sorted({f["name"] for f in form["fields"] if f["name"]}))
            for button in form["buttons"] or [None]:
                key = (route, form["method"], names, button)
                if key not in forms:
                    forms[key] = (page, {**form, "button": button})
    return list(forms.values())


def _submit(client, form, data):
    if form["method"] == "post":
        return client.post(form["action"], data)
    return client.get(form["action"], data)


def _attack_form(client, log, page, form, failures, tried, instances):
    """Over HTTP: one submission per hostile value, carrying it in every field at once (4xx,
    nothing written). Then, on the form object the view built, every field with every value
    alone, in process, each of which must be refused by that field."""
    base = _base_data(form)
    if form["button"]:
        base[form["button"][0]] = [form["button"][1]]
    fields = list(
        {
            f["name"]: f
            for f in form["fields"]
            if f["name"]
            and f["kind"] != "file"
            and f["name"] != "csrfmiddlewaretoken"
            and "disabled" not in f["attrs"]  # a browser does not send it; Django ignores it
        }.values()
    )
    if not fields:
        return
    per_field = {f["name"]: list(_values_for(f)) for f in fields}
    rounds = max(len(v) for v in per_field.values())
    bound = None
    for index in range(rounds):
        data = dict(base)
        labels = set()
        for name, values in per_field.items():
            label, value = values[index % len(values)]
            data[name] = [value]
            labels.add(label)
        instances.clear()
        where = (
            f"{form['method'].upper()} {form['action']} (from {page}, button {form['button']},"
            f" fields {sorted(per_field)[:6]}) with {sorted(labels)}"
        )
        with log.watch() as writes:
            try:
                response = _submit(client, form, data)
            except Exception as exc:  # a server error raised through the test client
                failures.append(f"{where}: {type(exc).__name__}: {exc}")
                continue
        tried.append((form["action"], len(per_field), response.status_code))
        if writes:
            failures.append(f"{where}: wrote {writes[:2]}")
        elif response.status_code >= 500:
            failures.append(f"{where}: {response.status_code}")
        elif form["method"] == "post" and not 400 <= response.status_code < 500:
            failures.append(f"{where}: answered {response.status_code}, not a 4xx")
        if bound is None:
            candidates = [f for f in instances if set(per_field) & set(f.fields)]
            bound = (candidates[0], data) if candidates else None
    if bound is None:
        return
    instance, data = bound
    base = {**base, **{k: v for k, v in _base_data(form).items()}}
    for field in fields:
        if field["name"] in instance.fields:
            _every_value(instance, field["name"], field, base, failures, tried, form["action"])


def _every_value(form, name, field, data, failures, tried, where):
    from django.http import QueryDict

    for label, value in _values_for(field):
        query = QueryDict(mutable=True)
        for key, values in {**data, name: [value]}.items():
            query.setlist(key, values)
        clone = copy.copy(form)
        clone.data, clone.is_bound = query, True
        clone._errors, clone._bound_fields_cache = None, {}
        clone.is_valid()
        tried.append((where, name, label, "form"))
        if name not in clone.errors:
            failures.append(f"{where}: {type(form).__name__} accepted {name}={label}")


def _form_classes() -> set[type]:
    """Every page form class of the project (subclasses of the layer's mixin)."""
    from django.utils.module_loading import autodiscover_modules

    from smenet.common.forms import CleanInputMixin, Form, ModelForm

    autodiscover_modules("forms")
    found: set[type] = set()
    stack = list(CleanInputMixin.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls not in (Form, ModelForm) and cls.__module__.startswith("smenet."):
            found.add(cls)
    return found


def test_every_page_form_refuses_every_hostile_value(world, monkeypatch, capsys):
    from django import forms as django_forms

    from smenet.common.forms import CleanInputMixin

    exercised: set[type] = set()
    instances: list = []
    original = CleanInputMixin.full_clean

    def recording(self):
        exercised.add(type(self))
        instances.append(self)
        return original(self)

    monkeypatch.setattr(CleanInputMixin, "full_clean", recording)
    log, failures, tried = WriteLog(), [], []
    found_forms = 0
    import time

    for user in [None, *world["users"].values()]:
        client = Client()
        if user is not None:
            client.force_login(user)
        started = time.monotonic()
        reached = crawl(client, world["seeds"])
        crawled = time.monotonic() - started
        for page, form in reached:
            found_forms += 1
            _attack_form(client, log, page, form, failures, tried, instances)
        with capsys.disabled():
            print(
                f"\n{user}: {len(reached)} forms, crawl {crawled:.0f}s,"
                f" attack {time.monotonic() - started - crawled:.0f}s, {len(tried)} tries"
            )
    # Forms made only of file fields have nothing to attack here (common.uploads has its tests).
    only_files = {
        cls
        for cls in _form_classes()
        if cls.base_fields
        and all(isinstance(f, django_forms.FileField) for f in cls.base_fields.values())
    }
    missing = {
        c
        for c in _form_classes() - exercised - only_files
        if not c.__module__.startswith(PENDING_APPS)
    }
    failures, pending = _split_pending(failures)
    with capsys.disabled():
        print(f"\n[hostile input] pages: {found_forms} forms, {len(tried)} submissions")
        print(f"[hostile input] pending apps {PENDING_APPS}: {len(set(pending))} answers")
    assert not failures, "\n".join(sorted(set(failures))[:200])
    assert not missing, (
        f"forms never reached by the crawl: {sorted(c.__qualname__ for c in missing)}"
    )


# --- API --------------------------------------------------------------------------------------

INFINITE = "\x00infinite\x00"  # replaced by the literal 1e400 in the JSON text
DEEP_VALUE = "\x00deep\x00"  # replaced by 1,000 nested brackets


def _resolve(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return _resolve(schema["allOf"][0], components)
    return schema


def schema_values(
    schema: dict[str, Any], components: dict[str, Any], *, json_body: bool = True, depth: int = 0
) -> Iterator[tuple[str, Any]]:
    """The hostile values for one property of a request schema, nested ones included."""
    schema = _resolve(schema, components)
    if depth > 4:
        return
    if "oneOf" in schema or "enum" in schema:
        variants = [_resolve(s, components) for s in schema.get("oneOf", [])]
        text = next(
            (
                v
                for v in variants
                if v.get("type") == "string" and not v.get("enum") and v.get("maxLength") != 0
            ),
            None,
        )
        if text and not text.get("format"):
            yield from hostile.texts(text.get("maxLength"), json=json_body)
        else:
            yield from hostile.markers()
        return
    kind = schema.get("type")
    if kind == "string":
        if schema.get("format") == "binary":
            return
        if schema.get("format") or schema.get("pattern"):
            yield from hostile.markers()
        else:
            yield from hostile.texts(schema.get("maxLength"), json=json_body)
    elif kind == "integer":
        yield from hostile.integers(schema.get("minimum"), schema.get("maximum"))
    elif kind == "number":
        if json_body:
            yield "1e400", INFINITE
    elif kind == "boolean":
        yield from hostile.markers()
    elif kind == "array":
        for label, value in schema_values(
            schema.get("items", {}), components, json_body=json_body, depth=depth + 1
        ):
            yield f"[{label}]", [value]
    elif kind == "object" or "properties" in schema or "additionalProperties" in schema:
        for name, sub in schema.get("properties", {}).items():
            for label, value in schema_values(
                sub, components, json_body=json_body, depth=depth + 1
            ):
                yield f"{name}: {label}", {name: value}
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and extra:
            for label, value in schema_values(
                extra, components, json_body=json_body, depth=depth + 1
            ):
                yield f"{{en: {label}}}", {"en": value}
        elif not schema.get("properties"):  # a free-form object
            yield "{key with NUL}", {hostile.NUL: 1}
            for label, value in hostile.texts(None, json=json_body):
                yield f"{{x: {label}}}", {"x": value}
            yield "{x: {y: 2^63}}", {"x": {"y": 2**63}}
    if json_body and depth == 0:
        yield "1,000 levels deep", DEEP_VALUE


def _json_text(body: Any) -> str:
    text = json.dumps(body)
    return text.replace(json.dumps(INFINITE), "1e400").replace(json.dumps(DEEP_VALUE), hostile.DEEP)


def _multipart(body: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in body.items():
        if isinstance(value, dict):
            for sub, inner in value.items():
                flat[f"{key}.{sub}"] = inner if isinstance(inner, str) else json.dumps(inner)
        elif isinstance(value, list):
            flat[key] = [v if isinstance(v, str) else json.dumps(v) for v in value]
        else:
            flat[key] = value if isinstance(value, str) else json.dumps(value)
    return flat


def _path_values(world) -> dict[tuple[str, str], Any]:
    """A concrete object for each path parameter, by the path segment before it."""
    from smenet.capacity.models import Activity, Cycle, Nomination, Proposal, Response
    from smenet.knowledge.choices import PracticeStatus
    from smenet.knowledge.models import BestPractice
    from smenet.plans.models import ItemComment, PlanItem, ProgressReport, ReportingRound
    from smenet.registry.models import Institution

    response = Response.objects.select_related("cycle", "institution").order_by("pk").first()
    # The world's own round (the founding data has validated reports of other institutions).
    report = ProgressReport.objects.filter(round__label="H1").order_by("pk").first()
    from smenet.events.models import Document, FollowUpAction, Meeting, Participant
    from smenet.news.models import NewsArticle
    from smenet.statistics.models import DataRound, Submission

    follow_up = FollowUpAction.objects.select_related("decision").order_by("pk").first()
    from smenet.experts.models import Expert
    from smenet.services_directory.models import Service

    kobia = Institution.objects.get(acronym="KOBİA")
    return {
        ("actions", "id"): follow_up.pk,
        ("decisions", "reference"): follow_up.decision.reference,
        ("documents", "id"): Document.objects.order_by("pk").first().pk,
        ("meetings", "code"): Meeting.objects.get(code="hostile-meeting").code,
        ("news", "slug"): NewsArticle.objects.order_by("pk").first().slug,
        ("participants", "id"): Participant.objects.order_by("pk").first().pk,
        ("data-rounds", "code"): DataRound.objects.order_by("pk").first().code,
        ("observation-submissions", "id"): Submission.objects.order_by("pk").first().pk,
        ("services", "id"): Service.objects.filter(institution=kobia).order_by("pk").first().pk,
        ("experts", "id"): Expert.objects.filter(institution=kobia).order_by("pk").first().pk,
        ("activities", "reference"): Activity.objects.order_by("pk").first().reference,
        ("best-practices", "id"): BestPractice.objects.exclude(status=PracticeStatus.PUBLISHED)
        .order_by("pk")
        .first()
        .pk,
        ("cycles", "code"): response.cycle.code if response else Cycle.objects.first().code,
        ("responses", "slug"): response.institution.slug,
        ("institutions", "slug"): Institution.objects.get(acronym="KOBİA").slug,
        ("nominations", "id"): Nomination.objects.order_by("pk").first().pk,
        ("plan-comments", "id"): ItemComment.objects.order_by("pk").first().pk,
        ("plan-items", "id"): world["actions"][0].pk,
        ("plans", "code"): world["plan"].code,
        ("versions", "number"): world["version"].number,
        ("progress-reports", "id"): report.pk,
        ("proposals", "id"): Proposal.objects.order_by("pk").first().pk,
        ("reporting-rounds", "round_pk"): report.round_id
        if report
        else ReportingRound.objects.order_by("pk").first().pk,
        ("items", "item_pk"): report.item_id if report else PlanItem.objects.first().pk,
    }


def _concrete_paths(path: str, operation: dict[str, Any], values, components) -> list[str]:
    """The path with its parameters filled (one path per value of an enumerated one)."""
    paths = [path]
    for param in operation.get("parameters", []):
        if param["in"] != "path":
            continue
        name = param["name"]
        enum = _resolve(param.get("schema", {}), components).get("enum")
        segment = path.split("{" + name + "}")[0].rstrip("/").rsplit("/", 1)[-1]
        options = enum or [values.get((segment, name))]
        if options == [None]:
            raise AssertionError(f"no value for {{{name}}} after {segment!r} in {path}: add one")
        paths = [p.replace("{" + name + "}", str(o)) for p in paths for o in options]
    return paths


def _names_the_field(response, name: str) -> bool:
    from smenet.api.testing import problem

    body = problem(response)
    if body.get("code") in ("too_deep", "malformed_json", "too_large"):
        return True
    if body.get("code") == "invalid_matching_input":
        # The matching engine (no database) checks the whole problem with its own validator and
        # reports every issue by its place (docs/contracts.md); a 400 is its refusal.
        return True
    errors = body.get("errors") or {}
    return name in errors or any(str(k).startswith((f"{name}[", f"{name}.")) for k in errors)


def test_every_api_field_refuses_every_hostile_value(world, as_user, capsys):
    from rest_framework.test import APIClient

    schema = APIClient().get("/api/v1/schema/?format=json").json()
    components = schema["components"]["schemas"]
    values = _path_values(world)
    actors = [as_user(u) for u in world["users"].values()] + [APIClient()]
    log, failures, tried = WriteLog(), [], []
    fields_seen = 0
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            media = next(iter(content), None)
            if method not in ("post", "put", "patch") or media is None:
                continue
            if _pending(path):
                continue
            body_schema = _resolve(content[media]["schema"], components)
            # Start from the operation's documented example, if any, so that only the field
            # under attack is wrong (the matching engine reports missing fields first).
            examples = content[media].get("examples") or {}
            example = next(iter(examples.values()), {}).get("value") if examples else None
            base = example if isinstance(example, dict) else {}
            is_json = media == "application/json"
            for url in _concrete_paths(path, operation, values, components):
                for name, prop in body_schema.get("properties", {}).items():
                    fields_seen += 1
                    for label, value in schema_values(prop, components, json_body=is_json):
                        where = f"{method.upper()} {url} {name}={label}"
                        with log.watch() as writes:
                            for client in actors:
                                send = getattr(client, method)
                                if is_json:
                                    response = send(
                                        url,
                                        _json_text({**base, name: value}),
                                        content_type="application/json",
                                    )
                                else:
                                    response = send(
                                        url, _multipart({name: value}), format="multipart"
                                    )
                                if response.status_code not in (401, 403, 404, 405):
                                    break
                        tried.append((where, response.status_code))
                        if writes:
                            failures.append(f"{where}: wrote {writes[:2]}")
                        elif response.status_code != 400:
                            failures.append(f"{where}: answered {response.status_code}")
                        elif not _names_the_field(response, name):
                            failures.append(f"{where}: 400 without naming it: {response.json()}")
    # Query strings of the read operations are read-only: the layer removes the characters
    # (RequestLimitsMiddleware); any answer but a server error will do, and nothing is written.
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if not operation or "{" in path or _pending(path):
            continue
        for param in operation.get("parameters", []):
            if param["in"] != "query":
                continue
            for label, value in hostile.texts(None):
                with log.watch() as writes:
                    response = APIClient().get(path, {param["name"]: value})
                tried.append((f"GET {path}?{param['name']}={label}", response.status_code))
                if response.status_code >= 500 or writes:
                    failures.append(f"GET {path}?{param['name']}={label}: {response.status_code}")
    with capsys.disabled():
        print(f"\n[hostile input] API: {fields_seen} body fields, {len(tried)} requests")
    assert fields_seen > 80
    assert not failures, "\n".join(failures[:60])


# --- imports ----------------------------------------------------------------------------------


def _column_values(column, fmt: str) -> Iterator[tuple[str, Any]]:
    from smenet.common import tabular

    json_lines = fmt == "jsonl"
    if column.kind == tabular.TEXTS:
        for label, value in hostile.texts(column.max_length, json=json_lines):
            yield f"{{en: {label}}}", {"en": value}
    elif column.kind == tabular.INTEGER and json_lines:
        low, high = column.bounds or (None, None)
        yield from hostile.integers(low, high)
    elif column.kind == tabular.LIST and json_lines:
        for label, value in hostile.markers():
            yield f"[{label}]", [value]
    elif column.kind == tabular.TEXT:
        yield from hostile.texts(column.max_length, json=json_lines)
    else:
        yield from hostile.markers()
    if json_lines:
        yield "1,000 levels deep", DEEP_VALUE


def _importers(world):
    """How to run each import kind on a file (the interface the CLI and the pages use)."""
    from smenet.knowledge.importer import ImportFailed, import_best_practices
    from smenet.plans import imports
    from smenet.plans.tests.factories import plan_with_items
    from smenet.registry.models import Institution

    _plan, version, _items = plan_with_items(
        leads=[Institution.objects.get(acronym="KOBİA")], code="hostile-import"
    )
    taskforce = world["users"]["taskforce"]

    def best_practices(content: bytes, tmp_path) -> list[str]:
        path = tmp_path / "import.jsonl"
        path.write_bytes(content)
        try:
            import_best_practices(path)
        except ImportFailed as exc:
            return exc.errors
        return []

    def plan(content: bytes, tmp_path) -> list[str]:
        from smenet.common.errors import ValidationFailed

        try:
            imports.plan_import(actor=taskforce, version=version, name="p.csv", content=content)
        except ValidationFailed as exc:
            return [f"{k}: {m}" for k, msgs in exc.errors.items() for m in msgs]
        return []

    def services_file(content: bytes, tmp_path) -> list[str]:
        from smenet.services_directory.importer import ImportFailed as ServicesFailed
        from smenet.services_directory.importer import import_services

        path = tmp_path / "services.csv"
        path.write_bytes(content)
        try:
            import_services(path, actor=world["users"]["secretariat"])
        except ServicesFailed as exc:
            return exc.errors
        return []

    return {"best-practices": best_practices, "plan": plan, "services": services_file}


def test_every_import_column_refuses_every_hostile_value(world, tmp_path, capsys):
    from smenet.common import tabular

    specs = tabular.all_specs()
    importers = _importers(world)
    assert set(specs) <= set(importers), f"add a runner for {set(specs) - set(importers)}"
    log, failures, tried = WriteLog(), [], []
    for kind, spec in specs.items():
        run = importers[kind]
        example = spec.example_row()
        line = 2 if spec.format == "table" else 1
        for column in spec.columns:
            for label, value in _column_values(column, spec.format):
                row = {**example, column.name: value}
                if spec.format == "jsonl":  # ASCII JSON: a lone surrogate travels as \ud800
                    content = _json_text(row).encode() + b"\n"
                else:
                    content = spec.write([row])
                with log.watch() as writes:
                    errors = run(content, tmp_path)
                tried.append((kind, column.name, label))
                text = " | ".join(errors)
                where = f"{kind} {column.name}={label}"
                if writes:
                    failures.append(f"{where}: wrote {writes[:2]}")
                elif not errors:
                    failures.append(f"{where}: imported")
                elif f"line {line}" not in text or column.name not in text and "JSON" not in text:
                    failures.append(f"{where}: the error names neither line nor column: {text}")
        # The example itself imports: the errors above were the hostile value's.
        assert run(spec.write([example]), tmp_path) == [], kind
    with capsys.disabled():
        print(f"\n[hostile input] imports: {len(specs)} specs, {len(tried)} files")
    assert not failures, "\n".join(failures[:60])
