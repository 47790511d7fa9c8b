"""Pages of the knowledge hub. Thin: parse, call a selector or a service, render.

A refused change re-renders the same page with the error next to its field (400, or 409 when
someone else saved the record in the meantime), keeping everything the user typed."""

from __future__ import annotations

import os
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smenet.common import uploads
from smenet.common.errors import Conflict, DomainError, NotFound, PermissionDenied
from smenet.common.forms import invalid_form_response
from smenet.common.permissions import Action
from smenet.common.translation import translations_dict
from smenet.registry import roles
from smenet.registry import selectors as registry
from smenet.registry.types import SignedInRequest
from smenet.taxonomy.subjects import subject_label, subject_names
from smenet.web import errors as web_errors

from . import selectors, services
from .charts import employee_threshold_chart
from .choices import PracticeStatus
from .forms import (
    TEXT_FIELDS,
    BestPracticeForm,
    InterestForm,
    InterestStatusForm,
    PublicationForm,
    ReturnForm,
)
from .models import TEMPLATE_FIELDS, BestPractice
from .querysets import EDITABLE_STATUSES

PAGE_SIZE = 20


def _lang() -> str:
    return (get_language() or "en").split("-")[0]


# --- helpers ---------------------------------------------------------------------------------


ERROR_TEMPLATE = "knowledge/error.html"
domain_pages = web_errors.domain_pages(ERROR_TEMPLATE)


def _error_page(request: HttpRequest, exc: DomainError | None, status: int) -> HttpResponse:
    return web_errors.error_page(request, ERROR_TEMPLATE, exc, status)


def _file_response(field_file: Any) -> FileResponse:
    return uploads.attachment(field_file)


# --- public pages ----------------------------------------------------------------------------


def hub(request):
    country = (request.GET.get("country") or "").strip().upper()[:3] or None
    subject = (request.GET.get("subject") or "").strip()[:64] or None
    if subject and subject not in subject_names():
        subject = None
    practices = selectors.best_practice_list(user=request.user, country=country, subject=subject)
    page = Paginator(practices, PAGE_SIZE).get_page(request.GET.get("page"))
    lang = _lang()
    query = request.GET.copy()
    query.pop("page", None)
    is_secretariat = roles.is_secretariat(request.user)
    return render(
        request,
        "knowledge/hub.html",
        {
            "page": page,
            "query": query.urlencode(),
            "publications": list(selectors.publication_list(user=request.user)[:5]),
            "countries": registry.country_list(),
            "subjects": sorted(
                ((code, subject_label(code, lang)) for code in subject_names()),
                key=lambda s: s[1],
            ),
            "country": country,
            "subject": subject,
            "can_author": is_secretariat or bool(roles.focal_institution_ids(request.user)),
            "is_secretariat": is_secretariat,
            "queue_count": selectors.best_practice_review_queue(user=request.user).count()
            if is_secretariat
            else 0,
        },
    )


def _interest_institutions(request: HttpRequest, practice: BestPractice, interests: list) -> tuple:
    """The user's focal institutions, and those of them that may still register interest."""
    if not roles.focal_institution_ids(request.user):
        return [], []
    mine = list(selectors.best_practice_author_institutions(user=request.user))
    if roles.is_secretariat(request.user):
        mine = [i for i in mine if i.pk in roles.focal_institution_ids(request.user)]
    registered = {i.institution_id for i in interests}
    eligible = [i for i in mine if i.pk != practice.institution_id and i.pk not in registered]
    return mine, eligible


def _detail_context(
    request: HttpRequest, practice: BestPractice, interest_form: InterestForm | None = None
) -> dict[str, Any]:
    lang = _lang()
    actions = selectors.best_practice_actions(user=request.user, practice=practice)
    interests = (
        list(selectors.replication_interest_list(user=request.user, practice=practice))
        if request.user.is_authenticated
        else []
    )
    mine, eligible = _interest_institutions(request, practice, interests)
    own_ids = {i.pk for i in mine}
    if interest_form is None and eligible and practice.status == PracticeStatus.PUBLISHED:
        interest_form = InterestForm(institutions=eligible)
    return {
        "practice": practice,
        "sections": TEMPLATE_FIELDS,
        "subjects": [subject_label(s.code, lang) for s in practice.subjects.all()],
        "actions": actions,
        "interests": interests if actions.see_interest else [],
        "our_interests": [i for i in interests if i.institution_id in own_ids],
        "interest_form": interest_form,
        "status_form": InterestStatusForm(),
        "can_submit": actions.change and practice.status in EDITABLE_STATUSES,
    }


def practice_detail(request, pk: int):
    try:
        practice = selectors.best_practice_get_for_user(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None
    return render(request, "knowledge/practice_detail.html", _detail_context(request, practice))


def publication_detail(request, pk: int):
    try:
        publication = selectors.publication_get_for_user(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None
    return render(request, "knowledge/publication_detail.html", {"publication": publication})


@require_GET
@domain_pages
def publication_file(request, pk: int, language: str):
    """A language version of a publication; members-only files stay with the members."""
    version = selectors.publication_file_get_for_user(user=request.user, pk=pk, language=language)
    return _file_response(version.file)


@require_GET
@domain_pages
def attachment_download(request, pk: int, attachment_pk: int):
    """A file of a best practice, to whoever may read the practice (drafts stay private)."""
    attachment = selectors.best_practice_attachment_get_for_user(
        user=request.user, practice_pk=pk, pk=attachment_pk
    )
    return _file_response(attachment.file)


def sme_definitions(request):
    definitions = list(selectors.sme_definition_list())
    return render(
        request,
        "knowledge/sme_definitions.html",
        {"definitions": definitions, "chart": employee_threshold_chart(definitions)},
    )


# --- replication interest --------------------------------------------------------------------


@login_required
@require_POST
@domain_pages
def practice_interest(request, pk: int):
    practice = selectors.best_practice_get_for_user(user=request.user, pk=pk)
    interests = list(selectors.replication_interest_list(user=request.user, practice=practice))
    mine, eligible = _interest_institutions(request, practice, interests)
    form = InterestForm(request.POST, institutions=eligible)
    if form.is_valid():
        # Without a choice: the one institution left, else the user's own (the service then
        # explains why that institution cannot register: its own practice, or already done).
        institution = form.chosen_institution() or next(iter(eligible or mine), None)
        if institution is None:
            raise PermissionDenied(
                _("Only a focal point can register their institution's interest."),
                code="not_your_institution",
            )
        try:
            services.replication_interest_create(
                actor=request.user,
                practice=practice,
                institution=institution,
                message=form.cleaned_data["message"],
            )
        except PermissionDenied:
            raise
        except DomainError as exc:
            web_errors.add_domain_errors(
                form, exc, lambda key: "message" if key == "message" else None
            )
        else:
            messages.success(
                request,
                _("Your interest is registered; the authors and the Secretariat will contact you."),
            )
            return redirect(practice.get_absolute_url() + "#replication")
    context = _detail_context(request, practice, interest_form=form)
    return render(request, "knowledge/practice_detail.html", context, status=400)


@login_required
@require_POST
@domain_pages
def interest_status(request, pk: int):
    interest = selectors.replication_interest_get_for_user(
        user=request.user, pk=pk, action=Action.CHANGE
    )
    form = InterestStatusForm(request.POST)
    if form.is_valid():
        services.replication_interest_update(
            actor=request.user, interest=interest, status=form.cleaned_data["status"]
        )
        messages.success(request, _("The status of the request was updated."))
    else:
        return invalid_form_response(
            request, form, interest.best_practice.get_absolute_url() + "#interests"
        )
    return redirect(interest.best_practice.get_absolute_url() + "#interests")


# --- focal points: writing best practices ----------------------------------------------------


@login_required
@require_GET
@domain_pages
def my_practices(request):
    status = request.GET.get("status")
    if status not in PracticeStatus.values:
        status = None
    counts = selectors.best_practice_status_counts(user=request.user)
    practices = selectors.best_practice_workspace(user=request.user, status=status)
    page = Paginator(practices, PAGE_SIZE).get_page(request.GET.get("page"))
    is_secretariat = roles.is_secretariat(request.user)
    return render(
        request,
        "knowledge/my_practices.html",
        {
            "page": page,
            "query": f"status={status}" if status else "",
            "status": status,
            "statuses": [(value, label, counts[value]) for value, label in PracticeStatus.choices],
            "total": sum(counts.values()),
            "is_secretariat": is_secretariat,
            "own_institutions": roles.focal_institution_ids(request.user),
            "editable": [str(s) for s in PracticeStatus.values]
            if is_secretariat
            else [str(s) for s in EDITABLE_STATUSES],
        },
    )


def _practice_form(request: HttpRequest, practice: BestPractice | None = None) -> BestPracticeForm:
    institutions = selectors.best_practice_author_institutions(user=request.user)
    is_secretariat = roles.is_secretariat(request.user)
    countries = list(registry.country_list()) if is_secretariat else []
    languages: list[str] = []
    attachments: list[Any] = []
    initial: dict[str, Any] = {"original_language": _lang()}
    link_rows = 3
    if practice is not None:
        texts = {name: translations_dict(practice, name) for name in TEXT_FIELDS}
        languages = sorted(
            {practice.original_language, *(code for t in texts.values() for code in t)}
        )
        links = list(practice.links.all())
        link_rows = len(links) + 2
        attachments = list(practice.attachments.all())
        initial = {
            "version": practice.version,
            "institution": practice.institution_id,
            "country": practice.country.iso3,
            "original_language": practice.original_language,
            "year": practice.year,
            "subjects": [s.code for s in practice.subjects.all()],
            "contact": practice.contact,
            **{
                f"{name}_{code}": text
                for name, by_lang in texts.items()
                for code, text in by_lang.items()
            },
        }
        for i, link in enumerate(links):
            initial[f"link{i}_url"] = link.url
            initial[f"link{i}_label"] = link.label
    return BestPracticeForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial=initial,
        institutions=institutions,
        choose_institution=is_secretariat or (practice is None and len(institutions) > 1),
        choose_country=is_secretariat,
        countries=countries,
        languages=languages,
        attachments=attachments,
        link_rows=link_rows,
    )


def _practice_fields(request: HttpRequest, form: BestPracticeForm, practice=None) -> dict:
    """The form's facts as the services take them (institution and country resolved)."""
    data = form.cleaned_data
    values: dict[str, Any] = {
        "year": data.get("year"),
        "original_language": data["original_language"],
        "contact": (data.get("contact") or "").strip(),
    }
    if "institution" in form.fields:
        institution = data.get("institution")
    elif practice is not None:
        return values  # a focal point's practice stays with its institution
    else:
        institution = form.institutions.first()
    values["institution"] = institution
    country = None
    if data.get("country"):
        country = registry.country_get(iso3=data["country"])
    elif institution is not None:
        country = institution.country
    values["country"] = country
    return values


def _save_files(request: SignedInRequest, form: BestPracticeForm, practice: BestPractice) -> None:
    data = form.cleaned_data
    if data.get("remove_attachments"):
        services.best_practice_detach(
            actor=request.user, practice=practice, attachment_ids=data["remove_attachments"]
        )
    if data.get("attachment_file"):
        services.best_practice_attach(
            actor=request.user,
            practice=practice,
            file=data["attachment_file"],
            kind=data["attachment_kind"],
            title=(data.get("attachment_title") or "").strip()
            or os.path.basename(data["attachment_file"].name)[:200],
        )


def _saved_message(submitted: bool) -> str:
    if submitted:
        return _(
            "The best practice was submitted for review. The Secretariat will publish it or "
            "send it back with comments."
        )
    return _("The draft was saved. You can come back and continue later.")


@login_required
@require_http_methods(["GET", "POST"])
@domain_pages
def practice_create(request):
    form = _practice_form(request)
    status = 200
    if request.method == "POST":
        submit = request.POST.get("action") == "submit"
        if form.is_valid():
            try:
                with transaction.atomic():
                    practice = services.best_practice_create(
                        actor=request.user,
                        texts=form.texts(),
                        subjects=form.cleaned_data["subjects"],
                        links=form.links(),
                        **_practice_fields(request, form),
                    )
                    _save_files(request, form, practice)
                    if submit:
                        services.best_practice_submit(actor=request.user, practice=practice)
            except PermissionDenied:
                raise
            except DomainError as exc:
                web_errors.add_domain_errors(form, exc, form.field_for_error)
            else:
                messages.success(request, _saved_message(submit))
                if submit:
                    return redirect("knowledge:my-practices")
                return redirect("knowledge:practice-edit", pk=practice.pk)
        status = 400
    return render(
        request,
        "knowledge/practice_form.html",
        {"form": form, "practice": None},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_pages
def practice_edit(request, pk: int):
    try:
        practice = selectors.best_practice_get_for_user(
            user=request.user, pk=pk, action=Action.CHANGE
        )
        locked = ""
    except PermissionDenied as exc:
        if request.method != "POST":
            raise
        # Submitted or published while this user was typing: keep their text on the page.
        practice = selectors.best_practice_get_for_user(user=request.user, pk=pk)
        locked = str(exc.message)
    form = _practice_form(request, practice)
    status = 200
    if request.method == "POST":
        submit = request.POST.get("action") == "submit"
        if locked:
            form.is_valid()
            form.add_error(None, locked)
            form.add_error(
                None,
                _(
                    "Its status is now “%(status)s”. Copy what you typed below if you need it, "
                    "and ask the Secretariat to return it to you."
                )
                % {"status": practice.get_status_display()},
            )
            status = 409
        elif form.is_valid():
            keep = {code for name in TEXT_FIELDS for code in translations_dict(practice, name)}
            try:
                with transaction.atomic():
                    services.best_practice_update(
                        actor=request.user,
                        practice=practice,
                        expected_version=form.cleaned_data.get("version") or practice.version,
                        texts=form.texts(keep=keep),
                        subjects=form.cleaned_data["subjects"],
                        links=form.links(),
                        **_practice_fields(request, form, practice),
                    )
                    _save_files(request, form, practice)
                    if submit:
                        services.best_practice_submit(actor=request.user, practice=practice)
            except PermissionDenied:
                raise
            except Conflict as exc:
                form.add_error(None, str(exc.message))
                form.add_error(
                    None,
                    _(
                        "Nothing you typed is lost: it is still in the form below. Compare it "
                        "with the current version, then save again to replace it with yours."
                    ),
                )
                # Saving again is now a deliberate choice made after seeing the conflict.
                data = cast(QueryDict, form.data).copy()
                data["version"] = str(practice.version)
                form.data = data
                status = 409
            except DomainError as exc:
                web_errors.add_domain_errors(form, exc, form.field_for_error)
                status = 400
            else:
                messages.success(request, _saved_message(submit))
                if submit:
                    return redirect("knowledge:my-practices")
                return redirect("knowledge:practice-edit", pk=practice.pk)
        else:
            status = 400
    return render(
        request,
        "knowledge/practice_form.html",
        {"form": form, "practice": practice, "locked": locked, "conflict": status == 409},
        status=status,
    )


def _workflow_step(request, step, success: str):
    """Run a focal point's step on a practice: a refusal of the step (wrong status) becomes a
    message on "my practices"; a permission refusal stays an error page."""
    try:
        step()
    except PermissionDenied:
        raise
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, success)
    return redirect("knowledge:my-practices")


@login_required
@require_POST
@domain_pages
def practice_submit(request, pk: int):
    practice = selectors.best_practice_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
    return _workflow_step(
        request,
        lambda: services.best_practice_submit(actor=request.user, practice=practice),
        _saved_message(True),
    )


@login_required
@require_POST
@domain_pages
def practice_withdraw(request, pk: int):
    """Its focal points take a submission back before the Secretariat reviews it (the service
    checks who may; changing it is refused while submitted, so this reads what they may see)."""
    practice = selectors.best_practice_get_for_user(user=request.user, pk=pk)
    return _workflow_step(
        request,
        lambda: services.best_practice_withdraw(actor=request.user, practice=practice),
        _("The submission was withdrawn: the best practice is a draft again."),
    )


# --- the Secretariat: review and publications ------------------------------------------------


@login_required
@require_GET
@domain_pages
def review_queue(request):
    practices = selectors.best_practice_review_queue(user=request.user)
    page = Paginator(practices, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "knowledge/review_queue.html", {"page": page, "query": ""})


@login_required
@require_http_methods(["GET", "POST"])
@domain_pages
def practice_review(request, pk: int):
    practice = selectors.best_practice_get_for_user(user=request.user, pk=pk, action=Action.REVIEW)
    action = request.POST.get("action") if request.method == "POST" else None
    form = ReturnForm(request.POST if action == "return" else None)
    status = 200
    if action == "publish":
        try:
            services.best_practice_publish(actor=request.user, practice=practice)
        except PermissionDenied:
            raise
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("The best practice is published."))
            return redirect(practice.get_absolute_url())
        return redirect("knowledge:practice-review", pk=practice.pk)
    if action == "return":
        if form.is_valid():
            try:
                services.best_practice_return(
                    actor=request.user, practice=practice, comment=form.cleaned_data["comment"]
                )
            except PermissionDenied:
                raise
            except DomainError as exc:
                web_errors.add_domain_errors(form, exc)
            else:
                messages.success(
                    request, _("The best practice was returned to its authors with your comments.")
                )
                return redirect("knowledge:review-queue")
        status = 400
    elif request.method == "POST":  # no such action: nothing done
        messages.error(request, _("This page has no such action."))
        status = 400
    return render(
        request,
        "knowledge/practice_review.html",
        {
            "practice": practice,
            "sections": TEMPLATE_FIELDS,
            "subjects": [subject_label(s.code, _lang()) for s in practice.subjects.all()],
            "form": form,
            "can_return": practice.status == PracticeStatus.SUBMITTED,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
@domain_pages
def publication_create(request):
    roles.require_secretariat(request.user)
    form = PublicationForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial={"original_language": _lang()},
        institutions=registry.institution_list(user=request.user),
        countries=registry.country_list(),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                publication = services.publication_create(
                    actor=request.user,
                    texts=form.texts(),
                    date=data["date"],
                    files=form.uploads(),
                    kind=data["kind"],
                    confidentiality=data["confidentiality"],
                    original_language=data["original_language"],
                    country=registry.country_get(iso3=data["country"])
                    if data.get("country")
                    else None,
                    institution=data.get("institution"),
                    source_url=data.get("source_url") or "",
                )
            except PermissionDenied:
                raise
            except DomainError as exc:
                web_errors.add_domain_errors(form, exc, form.field_for_error)
            else:
                messages.success(request, _("The publication is online."))
                return redirect(publication.get_absolute_url())
        status = 400
    return render(
        request,
        "knowledge/publication_form.html",
        {"form": form, "hub_url": reverse("knowledge:hub")},
        status=status,
    )
