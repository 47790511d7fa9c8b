"""Pages of the action plan. Thin: parse input, call one selector or service, render."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smenet.common import exports as common_exports
from smenet.common import uploads
from smenet.common.errors import Conflict, DomainError, NotFound, PermissionDenied
from smenet.common.forms import invalid_form_response, response_status
from smenet.common.permissions import Action
from smenet.common.translation import translations_dict
from smenet.jobs import selectors as job_selectors
from smenet.jobs import services as job_services
from smenet.jobs.choices import JobStatus
from smenet.registry import roles
from smenet.registry.selectors import institution_get_for_user, institution_list
from smenet.web.errors import add_domain_errors

from . import charts, exports, imports, selectors, services
from . import jobs as plan_jobs
from .choices import ReportStatus, RoundStatus, VersionStatus
from .forms import (
    AdoptForm,
    CommentForm,
    EvidenceForm,
    ImportForm,
    ItemForm,
    ReportForm,
    ResolveForm,
    ReturnForm,
    ReviewForm,
    RoundForm,
)
from .models import PlanVersion
from .querysets import sees_drafts
from .tree import state_rows


def domain_errors(view):
    """NotFound → 404, PermissionDenied → 403 with the service's message."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            raise Http404 from None
        except PermissionDenied as exc:
            return HttpResponseForbidden(str(exc.message))

    return wrapper


def _version(request, plan, action=Action.VIEW):
    number = request.GET.get("v") or request.POST.get("v")
    return selectors.version_get_for_user(
        user=request.user,
        plan=plan,
        number=int(number) if number and str(number).isdigit() else None,
        action=action,
    )


def _status_rows(tree):
    return state_rows(tree.state_counts())


def plan_list(request):
    plans = selectors.plan_list(user=request.user)
    return render(request, "plans/plan_list.html", {"plans": plans})


@domain_errors
def plan_detail(request, code: str):
    plan = selectors.plan_get_for_user(user=request.user, code=code)
    if not sees_drafts(request.user) and not roles.focal_institution_ids(request.user):
        return redirect("plans:progress", code=code)
    version = _version(request, plan)
    tree = selectors.version_tree(version=version)
    counts = selectors.open_comment_counts(version=version)
    may = selectors.version_actions(user=request.user, version=version)
    for node in tree.walk():
        node.open_comments = counts.get(node.item.key, 0)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "version": version,
            "versions": selectors.version_list(user=request.user, plan=plan),
            "tree": tree,
            "nodes": list(tree.walk()),
            "can_edit": may.edit,
            "can_submit": may.submit,
            "can_review": may.review,
            "can_return": may.return_,
            "can_adopt": may.adopt,
            "can_new_version": may.new_version,
            "adopt_form": AdoptForm(initial={"date": timezone.localdate(), "voting": "consensus"}),
            "return_form": ReturnForm(),
            "rounds": selectors.round_list(user=request.user, plan=plan),
            "is_secretariat": roles.is_secretariat(request.user),
        },
    )


@login_required
@require_POST
@domain_errors
def version_action(request, code: str, number: int, action: str):
    plan = selectors.plan_get_for_user(user=request.user, code=code)
    version = selectors.version_get_for_user(user=request.user, plan=plan, number=number)
    url = reverse("plans:detail", kwargs={"code": code}) + f"?v={version.number}"
    try:
        if action == "submit":
            services.version_submit(actor=request.user, version=version)
            messages.success(request, _("The version was submitted to the Bureau."))
        elif action == "review":
            services.version_review(actor=request.user, version=version)
            messages.success(request, _("The Bureau's review has started."))
        elif action == "return":
            form = ReturnForm(request.POST)
            if not form.is_valid():
                return invalid_form_response(request, form, url)
            services.version_return(
                actor=request.user, version=version, note=form.cleaned_data["note"]
            )
            messages.success(request, _("The version was returned to the task force."))
        elif action == "adopt":
            adopt_form = AdoptForm(request.POST)
            if not adopt_form.is_valid():
                return invalid_form_response(request, adopt_form, url)
            data = adopt_form.cleaned_data
            services.version_adopt(
                actor=request.user,
                version=version,
                reference=data["reference"],
                date=data["date"],
                voting=data["voting"],
                votes_for=data["votes_for"],
                votes_against=data["votes_against"],
                abstentions=data["abstentions"],
            )
            messages.success(
                request, _("Adopted; the decision is recorded in the governance register.")
            )
        elif action == "new":
            new = services.version_create(actor=request.user, plan=plan)
            messages.success(
                request, _("Version %(number)s was created as a draft.") % {"number": new.number}
            )
            url = reverse("plans:detail", kwargs={"code": code}) + f"?v={new.number}"
        else:
            raise Http404
    except PermissionDenied:
        raise
    except DomainError as exc:
        for errors in exc.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(url)


def _item_form(request, version, item=None):
    tree = selectors.version_tree(version=version)
    max_depth = version.plan.max_depth
    parents = [
        (n.item.pk, f"{n.number} {n.item}")
        for n in tree.walk()
        if n.item.depth < max_depth and (item is None or n.item.pk != item.pk)
    ]
    initial = {}
    rows = 2
    if item is not None:
        titles = translations_dict(item, "title")
        descriptions = translations_dict(item, "description")
        indicators = list(item.indicators.all())
        rows = len(indicators) + 1
        initial = {
            "version": item.version,
            "parent": item.parent_id,
            "lead": item.lead_id,
            "partners": [p.pk for p in item.partners.all()],
            "start": item.start,
            "end": item.end,
            "subjects": [s.code for s in item.subjects.all()],
            "budget": item.budget,
            "currency": item.currency,
            "funding_source": item.funding_source,
            "weight": item.weight,
            **{f"title_{c}": titles.get(c, "") for c in ("en", "fr", "ar")},
            **{f"description_{c}": descriptions.get(c, "") for c in ("en", "fr", "ar")},
        }
        for i, ind in enumerate(indicators):
            names = translations_dict(ind, "name")
            initial.update(
                {
                    f"ind{i}_key": ind.key,
                    f"ind{i}_unit": ind.unit,
                    f"ind{i}_baseline": ind.baseline,
                    f"ind{i}_target": ind.target,
                    f"ind{i}_target_date": ind.target_date,
                    **{f"ind{i}_name_{c}": names.get(c, "") for c in ("en", "fr", "ar")},
                }
            )
    elif request.GET.get("parent", "").isdigit():
        initial["parent"] = int(request.GET["parent"])
    data = request.POST if request.method == "POST" and "title_en" in request.POST else None
    return ItemForm(data, initial=initial, parents=parents, indicator_rows=rows), tree


def _item_values(form, version):
    data = form.cleaned_data
    parent = None
    if data.get("parent"):
        parent = version.items.filter(pk=data["parent"]).first()
    return {
        "titles": form.titles(),
        "descriptions": form.descriptions(),
        "parent": parent,
        "lead": data.get("lead"),
        "partners": list(data.get("partners") or []),
        "start": data.get("start"),
        "end": data.get("end"),
        "subjects": data.get("subjects") or [],
        "budget": data.get("budget"),
        "currency": data.get("currency") or "",
        "funding_source": data.get("funding_source") or "",
        "weight": data.get("weight"),
        "indicators": form.indicators(),
    }


@login_required
@domain_errors
def item_create(request, code: str, number: int):
    plan = selectors.plan_get_for_user(user=request.user, code=code)
    version = selectors.version_get_for_user(
        user=request.user, plan=plan, number=number, action=Action.CHANGE
    )
    form, _tree = _item_form(request, version)
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_create(
                actor=request.user, version=version, **_item_values(form, version)
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
            conflict = isinstance(exc, Conflict)
        else:
            messages.success(request, _("The item was added."))
            return redirect("plans:item", code=code, pk=item.pk)
    return render(
        request,
        "plans/item_form.html",
        {"plan": plan, "version": version, "form": form},
        status=response_status(form, conflict=conflict),
    )


@domain_errors
def item_detail(request, code: str, pk: int):
    item = selectors.item_get_for_user(user=request.user, pk=pk)
    version = item.plan_version
    plan = version.plan
    if plan.code != code:
        raise Http404
    may = selectors.version_actions(user=request.user, version=version)
    form = None
    conflict = False
    if may.edit:
        form, _tree = _item_form(request, version, item)
        if request.method == "POST" and "title_en" in request.POST and form.is_valid():
            values = _item_values(form, version)
            try:
                services.item_update(
                    actor=request.user,
                    item=item,
                    expected_version=form.cleaned_data.get("version") or item.version,
                    **values,
                )
            except DomainError as exc:
                add_domain_errors(form, exc)
                conflict = isinstance(exc, Conflict)
            else:
                messages.success(request, _("The item was saved."))
                return redirect("plans:item", code=code, pk=item.pk)
    comment_form = CommentForm()
    if request.method == "POST" and "body" in request.POST:
        selectors.item_get_for_user(user=request.user, pk=item.pk, action=Action.COMMENT)
        comment_form = CommentForm(request.POST)
        if comment_form.is_valid():
            try:
                parent = None
                if comment_form.cleaned_data.get("parent"):
                    parent = selectors.comment_get_for_user(
                        user=request.user, pk=comment_form.cleaned_data["parent"]
                    )
                services.comment_add(
                    actor=request.user,
                    item=item,
                    body=comment_form.cleaned_data["body"],
                    parent=parent,
                )
            except DomainError as exc:
                add_domain_errors(comment_form, exc)
            else:
                messages.success(request, _("Your comment was added."))
                return redirect(
                    reverse("plans:item", kwargs={"code": code, "pk": item.pk}) + "#comments"
                )
    tree = selectors.version_tree(version=version)
    node = tree.by_key().get(item.key)
    return render(
        request,
        "plans/item_detail.html",
        {
            "plan": plan,
            "version": version,
            "item": item,
            "node": node,
            "form": form,
            "threads": selectors.comment_threads(item=item),
            "can_comment": may.comment,
            "comment_form": comment_form,
            "revisions": item.revisions.select_related("author").order_by("-version")[:10],
        },
        status=response_status(form, comment_form, conflict=conflict),
    )


@login_required
@require_POST
@domain_errors
def comment_resolve(request, code: str, pk: int):
    comment = selectors.comment_get_for_user(user=request.user, pk=pk)
    if comment.item.plan_version.plan.code != code:
        raise Http404
    back = reverse("plans:item", kwargs={"code": code, "pk": comment.item_id}) + "#comments"
    form = ResolveForm(request.POST)
    if not form.is_valid():
        return invalid_form_response(request, form, back)
    services.comment_resolve(
        actor=request.user, comment=comment, resolved=form.cleaned_data["resolved"] == "1"
    )
    return redirect(
        reverse("plans:item", kwargs={"code": code, "pk": comment.item_id}) + "#comments"
    )


@domain_errors
def version_diff(request, code: str):
    plan = selectors.plan_get_for_user(user=request.user, code=code)
    versions = selectors.version_list(user=request.user, plan=plan)
    numbers = [v.number for v in versions]
    try:
        a = int(request.GET.get("a") or (numbers[-2] if len(numbers) > 1 else numbers[-1]))
        b = int(request.GET.get("b") or numbers[-1])
    except (ValueError, IndexError):
        raise Http404 from None
    va = selectors.version_get_for_user(user=request.user, plan=plan, number=a)
    vb = selectors.version_get_for_user(user=request.user, plan=plan, number=b)
    rows = selectors.version_diff(a=va, b=vb)
    counts = {
        k: sum(1 for r in rows if r.kind == k) for k in ("added", "removed", "moved", "changed")
    }
    return render(
        request,
        "plans/diff.html",
        {"plan": plan, "a": va, "b": vb, "rows": rows, "versions": versions, "counts": counts},
    )


@domain_errors
def timeline(request, code: str):
    plan = selectors.plan_get_for_user(user=request.user, code=code)
    version = _version(request, plan)
    tree = selectors.version_tree(version=version)
    svg = charts.gantt_svg(
        tree,
        start=plan.period_start,
        end=plan.period_end,
        label=_("Timeline of %(plan)s, version %(number)s")
        % {"plan": plan, "number": version.number},
    )
    return render(
        request,
        "plans/timeline.html",
        {
            "plan": plan,
            "version": version,
            "svg": svg,
            "legend": charts.status_legend(),
            "tree": tree,
        },
    )


def _dashboard_context(plan, version):
    tree = selectors.version_tree(version=version)
    indicators = [(n, ind) for n in tree.walk() for ind in n.item.indicators.all()]
    return {
        "plan": plan,
        "version": version,
        "tree": tree,
        "statuses": _status_rows(tree),
        "status_svg": charts.status_bar_svg(tree.state_counts(), label=_("Items by state")),
        "status_legend": charts.status_legend(),
        "indicator_svg": charts.indicator_chart_svg(indicators) if indicators else "",
        "indicators": indicators,
        "objectives": [(n, n.leaves() and tree.state_counts(n.leaves())) for n in tree.roots],
        "institutions": tree.by_institution(),
        "late": [n for n in tree.leaves() if n.late],
    }


@domain_errors
def dashboard(request, code: str):
    plan = selectors.plan_get_for_user(user=request.user, code=code)
    version = _version(request, plan)
    return render(request, "plans/dashboard.html", _dashboard_context(plan, version))


def progress(request, code: str):
    """The public progress page: the adopted version only, for everyone."""
    try:
        plan = selectors.plan_get_for_user(user=request.user, code=code)
        version = plan.versions.get(status=VersionStatus.ADOPTED)
    except (NotFound, PlanVersion.DoesNotExist):
        raise Http404 from None
    context = _dashboard_context(plan, version)
    context["nodes"] = list(context["tree"].walk())
    context["public"] = True
    return render(request, "plans/progress.html", context)


@domain_errors
def commitments(request, code: str, slug: str | None = None):
    plan = selectors.plan_get_for_user(user=request.user, code=code)
    if slug is None:
        ids = roles.focal_institution_ids(request.user) or (
            {request.user.institution_id}
            if getattr(request.user, "institution_id", None)
            else set()
        )
        first = institution_list(user=request.user).filter(pk__in=ids).order_by("acronym").first()
        if first is None:
            raise Http404
        return redirect("plans:commitments", code=code, slug=first.slug)
    institution = institution_get_for_user(user=request.user, slug=slug)
    version = _version(request, plan)
    tree, led, partnered = selectors.commitments(version=version, institution=institution)
    open_rounds = [
        r
        for r in selectors.round_list(user=request.user, plan=plan)
        if r.status == RoundStatus.OPEN and r.plan_version_id == version.pk
    ]
    return render(
        request,
        "plans/commitments.html",
        {
            "plan": plan,
            "version": version,
            "institution": institution,
            "led": led,
            "partnered": partnered,
            "statuses": state_rows(tree.state_counts([n for n in led if n.is_leaf])),
            "open_rounds": open_rounds,
            "can_report": institution.pk in roles.focal_institution_ids(request.user),
        },
    )


@domain_errors
def rounds(request, code: str):
    plan = selectors.plan_get_for_user(user=request.user, code=code)
    form = RoundForm(request.POST or None, initial={"opens_on": timezone.localdate()})
    if request.method == "POST":
        if not roles.is_secretariat(request.user):
            return HttpResponseForbidden(_("Only the Secretariat may do this."))
        version = _version(request, plan)
        if form.is_valid():
            try:
                rnd = services.round_open(actor=request.user, version=version, **form.cleaned_data)
            except DomainError as exc:
                add_domain_errors(form, exc)
            else:
                messages.success(request, _("The reporting round is open."))
                return redirect("plans:round", code=code, pk=rnd.pk)
    return render(
        request,
        "plans/rounds.html",
        {
            "plan": plan,
            "rounds": selectors.round_list(user=request.user, plan=plan),
            "form": form,
            "is_secretariat": roles.is_secretariat(request.user),
            "version": _version(request, plan),
        },
        status=response_status(form),
    )


@domain_errors
def round_detail(request, code: str, pk: int):
    plan = selectors.plan_get_for_user(user=request.user, code=code)
    action = Action.CHANGE if request.method == "POST" else Action.VIEW
    rnd = selectors.round_get_for_user(user=request.user, plan=plan, pk=pk, action=action)
    if request.method == "POST":
        if "remind" in request.POST:
            services.round_remind(actor=request.user, round=rnd)
            messages.success(request, _("Reminders are being sent."))
        elif "close" in request.POST:
            services.round_close(actor=request.user, round=rnd)
            messages.success(request, _("The round is closed."))
        return redirect("plans:round", code=code, pk=rnd.pk)
    tree = selectors.version_tree(version=rnd.plan_version)
    reports = {r.item_id: r for r in selectors.report_list(user=request.user, round=rnd)}
    mine = roles.focal_institution_ids(request.user)
    is_secretariat = roles.is_secretariat(request.user)
    rows = [
        (n, reports.get(n.item.pk), n.item.lead_id in mine)
        for n in tree.leaves()
        if n.item.lead_id and (roles.can_read_all(request.user) or n.item.lead_id in mine)
    ]
    return render(
        request,
        "plans/round_detail.html",
        {
            "plan": plan,
            "round": rnd,
            "rows": rows,
            "is_secretariat": is_secretariat,
            "review_form": ReviewForm(),
            "reminders": rnd.reminders.select_related("recipient").order_by("-sent_at")[:50]
            if is_secretariat
            else [],
        },
    )


@login_required
@domain_errors
def report_edit(request, code: str, pk: int, item_pk: int):
    plan = selectors.plan_get_for_user(user=request.user, code=code)
    rnd = selectors.round_get_for_user(user=request.user, plan=plan, pk=pk)
    item = selectors.item_get_for_user(user=request.user, pk=item_pk, action=Action.REPORT)
    if item.plan_version_id != rnd.plan_version_id:
        raise Http404
    report = selectors.report_of_item(round=rnd, item=item)
    indicators = list(item.indicators.all())
    initial = {}
    if report:
        initial = {
            "version": report.version,
            "progress_status": report.progress_status,
            "percent": report.percent,
            "narrative": report.narrative,
            **{f"actual_{a.indicator_id}": a.value for a in report.actuals.all()},
        }
    form = ReportForm(
        request.POST if "progress_status" in request.POST else None,
        initial=initial,
        indicators=indicators,
    )
    evidence_form = EvidenceForm()
    url = reverse("plans:report", kwargs={"code": code, "pk": rnd.pk, "item_pk": item.pk})
    if request.method == "POST":
        try:
            if "progress_status" in request.POST and form.is_valid():
                report = services.report_save(
                    actor=request.user,
                    round=rnd,
                    item=item,
                    expected_version=form.cleaned_data.get("version"),
                    progress_status=form.cleaned_data["progress_status"],
                    percent=form.cleaned_data.get("percent"),
                    narrative=form.cleaned_data.get("narrative", ""),
                    language=(get_language() or "en").split("-")[0],
                    actuals=form.actuals(),
                )
                if "submit" in request.POST:
                    services.report_submit(actor=request.user, report=report)
                    messages.success(request, _("The report was submitted to the Secretariat."))
                    return redirect("plans:round", code=code, pk=rnd.pk)
                messages.success(request, _("The report was saved as a draft."))
                return redirect(url)
            if "evidence" in request.POST:
                evidence_form = EvidenceForm(request.POST, request.FILES)
                if report is None:
                    evidence_form.add_error(None, _("Save the report before adding evidence."))
                elif evidence_form.is_valid():
                    services.evidence_add(
                        actor=request.user,
                        report=report,
                        title=evidence_form.cleaned_data["title"],
                        upload=evidence_form.cleaned_data.get("file"),
                        url=evidence_form.cleaned_data.get("url") or "",
                    )
                    messages.success(request, _("The evidence was added."))
                    return redirect(url)
        except DomainError as exc:
            add_domain_errors(evidence_form if "evidence" in request.POST else form, exc)
    editable = rnd.status == RoundStatus.OPEN and (
        report is None or report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)
    )
    return render(
        request,
        "plans/report_form.html",
        {
            "plan": plan,
            "round": rnd,
            "item": item,
            "report": report,
            "form": form,
            "evidence_form": evidence_form,
            "editable": editable,
        },
        status=response_status(form, evidence_form),
    )


@login_required
@require_POST
@domain_errors
def report_review(request, code: str, pk: int):
    report = selectors.report_get_for_user(user=request.user, pk=pk, action=Action.REVIEW)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return invalid_form_response(
            request, form, reverse("plans:round", kwargs={"code": code, "pk": report.round_id})
        )
    try:
        if form.is_valid() and form.cleaned_data["decision"] == "validate":
            services.report_validate(
                actor=request.user, report=report, comment=form.cleaned_data["comment"]
            )
            messages.success(request, _("The report was validated."))
        elif form.is_valid():
            services.report_return(
                actor=request.user, report=report, comment=form.cleaned_data["comment"]
            )
            messages.success(request, _("The report was returned to the focal point."))
    except DomainError as exc:
        for errors in exc.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("plans:round", code=code, pk=report.round_id)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    return common_exports.download(content, filename, content_type)


def _export_lang(request) -> str:
    lang = request.GET.get("lang") or (get_language() or "en")
    return lang if lang in ("ar", "en", "fr") else "en"


def _report(request, code: str, fmt: str):
    """The General Assembly report, generated by the task worker (8–14 s for 200 items): this
    URL answers 202 with a page that refreshes itself until the file is ready, then serves it.
    A report already made for the same version, data, language and format is served again."""
    plan = selectors.plan_get_for_user(user=request.user, code=code)
    version = _version(request, plan)
    lang = _export_lang(request)
    key = f"{plan_jobs.REPORT}:{version.pk}:{lang}:{fmt}:{selectors.version_stamp(version=version)}"
    job = job_selectors.job_reusable(key=key)
    if job is None:
        params = {"version": version.pk, "lang": lang, "format": fmt}
        with translation.override(lang):
            title = plan_jobs.report_title(version=version, params=params)
        job = job_services.job_start(
            owner=request.user, kind=plan_jobs.REPORT, title=title, params=params, key=key
        )
    if job.status == JobStatus.SUCCEEDED and job.result:
        return FileResponse(
            job.result.open("rb"),
            as_attachment=fmt != "pdf",
            filename=job.result_name,
            content_type=job.result_type,
        )
    return render(
        request,
        "plans/report_wait.html",
        {"plan": plan, "job": job, "title": job_selectors.job_title(job)},
        status=202,
    )


@domain_errors
def report_pdf(request, code: str):
    return _report(request, code, "pdf")


@domain_errors
def report_xlsx(request, code: str):
    return _report(request, code, "xlsx")


@domain_errors
def plan_export(request, code: str, fmt: str):
    plan = selectors.plan_get_for_user(user=request.user, code=code)
    version = _version(request, plan)
    name = f"{code}-v{version.number}-{timezone.localdate():%Y%m%d}"
    if fmt not in ("csv", "xlsx"):
        raise Http404
    if fmt == "csv":
        return _download(exports.plan_csv(version), "text/csv; charset=utf-8", f"{name}.csv")
    return _download(
        exports.plan_xlsx(version),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"{name}.xlsx",
    )


@login_required
@domain_errors
def plan_import(request, code: str, number: int):
    plan = selectors.plan_get_for_user(user=request.user, code=code)
    version = selectors.version_get_for_user(
        user=request.user, plan=plan, number=number, action=Action.CHANGE
    )
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = job_services.job_start(
            owner=request.user,
            kind=plan_jobs.IMPORT,
            title=plan_jobs.import_title(version=version, name=upload.name),
            params={"version": version.pk, "name": upload.name},
            upload=(upload.name, upload.read()),
            return_url=reverse("plans:detail", kwargs={"code": code}) + f"?v={version.number}",
        )
        return redirect(job.get_absolute_url())
    return render(
        request,
        "plans/import.html",
        {
            "plan": plan,
            "version": version,
            "form": form,
            "columns": exports.COLUMNS,
            "max_rows": imports.MAX_ROWS,
        },
        status=400 if form.errors else response_status(form),
    )


@login_required
@domain_errors
def evidence_download(request, code: str, pk: int):
    """An evidence file, to whoever may see the report it supports (the reviewers included)."""
    evidence = selectors.evidence_get_for_user(user=request.user, pk=pk, plan_code=code)
    return uploads.attachment(evidence.file)
