"""Pages of the services directory. Thin: parse, call a selector or a service, render.

The public's door is the finder (filters and words), the guided mode (a few questions, the
fitting services best first with why) and the comparison (up to four side by side); all of
them work with plain links and GET forms, no JavaScript. Focal points keep their services in
"my services"; the Secretariat reviews them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smenet.common import exports
from smenet.common.errors import Conflict, DomainError, ValidationFailed
from smenet.common.forms import invalid_form_response
from smenet.common.permissions import Action
from smenet.registry import roles
from smenet.registry.types import SignedInRequest
from smenet.web import errors as web_errors

from . import cards, guide, selectors, services
from .choices import ReviewStatus
from .forms import FinderForm, GuideForm, ImportForm, ServiceForm, StepForm

PAGE_SIZE = 20
ERROR_TEMPLATE = "services_directory/error.html"
domain_pages = web_errors.domain_pages(ERROR_TEMPLATE)


def _lang() -> str:
    return (get_language() or "en").split("-")[0]


def _add_errors(form: Any, exc: DomainError) -> None:
    for key, errors in exc.errors.items():
        target = key if key in form.fields and not form.fields[key].widget.is_hidden else None
        if target is None and key in ("title", "summary", "details", "documents", "regions"):
            original = form.data.get("original_language") or "en"
            target = f"{key}_{original}" if f"{key}_{original}" in form.fields else None
        for error in errors:
            form.add_error(target, error)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- the public door --------------------------------------------------------------------------


@require_GET
def finder(request: HttpRequest) -> HttpResponse:
    form = FinderForm(request.GET or None, countries=selectors.country_choices())
    raw = form.filters()
    try:
        filters = selectors.check_filters(raw)
    except ValidationFailed as exc:
        _add_errors(form, exc)
        filters = selectors.Filters()
    results = selectors.service_list(user=request.user, filters=filters, public_only=True)
    paginator = Paginator(results, PAGE_SIZE)
    if isinstance(results, QuerySet):  # public services only: the same count for everyone
        paginator.count = cards.count(results, key=filters)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "services_directory/finder.html",
        {
            "form": form,
            "page": page,
            "cards": cards.render_page(page.object_list, compare_form="compare-form"),
            "query": _query_without_page(request),
            "export_query": request.GET.urlencode(),
            "filtered": bool(raw),
            "max_compared": selectors.MAX_COMPARED,
        },
        status=400 if form.errors else 200,
    )


@require_GET
@domain_pages
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = selectors.service_get_for_user(user=request.user, pk=pk)
    actions = selectors.service_actions(user=request.user, service=service)
    country = service.institution.country
    definitions = (
        selectors.size_definitions(iso3_list=[country.iso3]).get(country.iso3, {})
        if country
        else {}
    )
    keeper = actions.change or actions.review or actions.restore
    return render(
        request,
        "services_directory/detail.html",
        {
            "service": service,
            "actions": actions,
            "definitions": definitions,
            "sizes": [(code, definitions.get(code)) for code in service.sizes],
            "history": selectors.service_history(service=service) if keeper else [],
            "return_form": StepForm() if actions.review else None,
        },
    )


def _guide_answers(form: GuideForm) -> guide.Answers:
    if not form.is_valid():
        return guide.Answers()
    data = form.cleaned_data
    return guide.Answers(
        country=data.get("country") or "",
        size=data.get("size") or "",
        sector=data.get("sector") or "",
        stage=data.get("stage") or "",
        needs=tuple(data.get("need") or ()),
        language=data.get("language") or "",
    )


def _share_url(request: HttpRequest, answers: guide.Answers) -> str:
    """The guided mode's address with only the answers given (stable, short, shareable)."""
    from urllib.parse import urlencode

    pairs = [
        (name, value)
        for name, value in (
            ("country", answers.country),
            ("size", answers.size),
            ("sector", answers.sector),
            ("stage", answers.stage),
            *(("need", need) for need in answers.needs),
            ("language", answers.language),
        )
        if value
    ]
    return request.build_absolute_uri(f"{request.path}?{urlencode(pairs)}")


@require_GET
def guided(request: HttpRequest) -> HttpResponse:
    form = GuideForm(request.GET or None, countries=selectors.country_choices())
    answers = _guide_answers(form)
    result = None if answers.empty else selectors.guided_services(answers=answers)
    return render(
        request,
        "services_directory/guide.html",
        {
            "form": form,
            "answers": answers,
            "result": result,
            "share_url": _share_url(request, answers) if result is not None else "",
        },
        status=400 if form.errors else 200,
    )


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    ids: list[int] = []
    bad = False
    for raw in request.GET.getlist("id"):
        try:
            ids.append(int(raw))
        except ValueError:
            bad = True
    error = _("Some services could not be read; choose them again.") if bad else ""
    try:
        compared = selectors.service_compare(ids=ids)
    except ValidationFailed as exc:
        error = str(exc.message)
        compared = selectors.service_compare(ids=list(dict.fromkeys(ids))[: selectors.MAX_COMPARED])
    return render(
        request,
        "services_directory/compare.html",
        {"services": compared, "error": error, "max_compared": selectors.MAX_COMPARED},
        status=400 if error else 200,
    )


# --- keeping services -------------------------------------------------------------------------


WORKSPACE_VIEWS = ("", "draft", "submitted", "returned", "published", "unconfirmed", "archived")


@login_required
@require_GET
@domain_pages
def mine(request: SignedInRequest) -> HttpResponse:
    view = request.GET.get("view", "")
    if view not in WORKSPACE_VIEWS:
        view = ""
    items = selectors.service_workspace(user=request.user, view=view)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "services_directory/mine.html",
        {
            "page": page,
            "view": view,
            "views": WORKSPACE_VIEWS,
            "query": _query_without_page(request),
            "is_secretariat": roles.is_secretariat(request.user),
        },
    )


def _institution_for(form: ServiceForm, institutions: Any) -> Any:
    slug = form.cleaned_data["institution"]
    return next(i for i in institutions if i.slug == slug)


@login_required
@require_http_methods(["GET", "POST"])
@domain_pages
def create(request: SignedInRequest) -> HttpResponse:
    institutions = list(selectors.service_keeper_institutions(user=request.user))
    form = ServiceForm(request.POST or None, institutions=institutions)
    if request.method == "POST" and form.is_valid():
        texts, fields = form.values()
        submit = "submit" in request.POST
        try:
            service = services.service_create(
                actor=request.user,
                institution=_institution_for(form, institutions),
                texts=texts,
                review_status=ReviewStatus.SUBMITTED if submit else ReviewStatus.DRAFT,
                **fields,
            )
        except DomainError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("The service was submitted for review.")
                if submit
                else _("The service was saved as a draft."),
            )
            return redirect(service.get_absolute_url())
    return render(
        request,
        "services_directory/form.html",
        {"form": form, "service": None},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_pages
def edit(request: SignedInRequest, pk: int) -> HttpResponse:
    service = selectors.service_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    institutions = list(selectors.service_keeper_institutions(user=request.user))
    if service.institution_id not in {i.pk for i in institutions}:
        institutions.append(service.institution)
    form = ServiceForm(request.POST or None, institutions=institutions, service=service)
    status = 200
    if request.method == "POST" and form.is_valid():
        texts, fields = form.values()
        institution = _institution_for(form, institutions)
        if institution.pk != service.institution_id:
            fields["institution"] = institution
        try:
            services.service_update(
                actor=request.user,
                service=service,
                expected_version=form.cleaned_data.get("version"),
                texts=texts,
                **fields,
            )
        except Conflict as exc:
            form.add_error(None, str(exc.message))
            status = 409
        except DomainError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The service was saved."))
            return redirect(service.get_absolute_url())
    if form.errors and status == 200:
        status = 400
    return render(
        request,
        "services_directory/form.html",
        {"form": form, "service": service},
        status=status,
    )


STEPS = {
    "submit": (Action.CHANGE, services.service_submit, _("The service was submitted for review.")),
    "archive": (Action.CHANGE, services.service_archive, _("The service was archived.")),
    "confirm": (
        Action.CHANGE,
        services.service_confirm,
        _("Thank you: the service is confirmed as current."),
    ),
    "publish": (Action.CHANGE, services.service_publish, _("The service is published.")),
    "restore": (Action.CHANGE, services.service_restore, _("The service was restored.")),
}


def refused_step(request: HttpRequest, form: Any, back: str, exc: DomainError | None = None):
    """A step that did not run: a 4xx page saying why (the form's errors, or the service's
    refusal, 409 for a conflict), with a link back; nothing was written."""
    if exc is not None:
        _add_errors(form, exc)
    response = invalid_form_response(request, form, back)
    if exc is not None and 400 <= exc.status < 500:
        response.status_code = exc.status
    return response


@login_required
@require_POST
@domain_pages
def step(request: SignedInRequest, pk: int) -> HttpResponse:
    """One workflow step from a button on the service's page (or the review queue). Every
    step is a change: outside the user's reach (another institution's service) it is a 404
    whatever the step, before the step itself is read (ADR 0007); the Secretariat's own steps
    are then refused to a focal point of the service's institution (403). Bad input or a
    refused step is a 4xx page, never a redirect: nothing was written."""
    service = selectors.service_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    back = service.get_absolute_url()
    form = StepForm(request.POST)
    if not form.is_valid():
        return invalid_form_response(request, form, back)
    name = form.cleaned_data["step"]
    next_url = form.cleaned_data["next"]
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts=set(), require_https=False):
        next_url = back
    try:
        if name == "return":
            services.service_return(
                actor=request.user, service=service, comment=form.cleaned_data["comment"]
            )
            done = _("The service was returned with your comments.")
        else:
            _action, run, done = STEPS[name]
            run(actor=request.user, service=service)
    except DomainError as exc:
        if exc.status in (403, 404):
            raise
        return refused_step(request, form, back, exc)
    messages.success(request, str(done))
    return redirect(next_url or back)


@login_required
@require_GET
@domain_pages
def review_queue(request: SignedInRequest) -> HttpResponse:
    items = selectors.service_review_queue(user=request.user)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "services_directory/review_queue.html",
        {"page": page, "query": _query_without_page(request), "return_form": StepForm()},
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_pages
def import_file(request: SignedInRequest) -> HttpResponse:
    """A focal point (its own institutions' services) or the Secretariat imports a services
    file; the import runs as a job, whose page shows what it did or every error by line."""
    from django.urls import reverse

    from smenet.jobs import services as job_services

    from .jobs import IMPORT
    from .tabular import PLAIN_COLUMNS

    institutions = list(selectors.service_keeper_institutions(user=request.user))
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = job_services.job_start(
            owner=request.user,
            kind=IMPORT,
            title=_("Import of %(name)s into the services directory") % {"name": upload.name},
            params={"name": upload.name},
            upload=(upload.name, upload.read()),
            return_url=reverse("services_directory:mine"),
        )
        return redirect(job.get_absolute_url())
    return render(
        request,
        "services_directory/import.html",
        {
            "form": form,
            "institutions": institutions,
            "columns": PLAIN_COLUMNS,
            "is_secretariat": roles.is_secretariat(request.user),
        },
        status=400 if form.errors else 200,
    )


@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The finder's results (public services, same filters) as CSV or XLSX."""
    from .tabular import services_csv, services_xlsx

    form = FinderForm(request.GET or None, countries=selectors.country_choices())
    try:
        filters = selectors.check_filters(form.filters())
    except ValidationFailed:
        filters = selectors.Filters()
    items = selectors.service_list(user=request.user, filters=filters, public_only=True)
    if fmt == "xlsx":
        return exports.download(services_xlsx(items), "sme-services.xlsx", exports.XLSX_TYPE)
    return exports.download(services_csv(items), "sme-services.csv", exports.CSV_TYPE)
