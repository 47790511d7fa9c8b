"""API of the action plan: thin views; selectors read (permission first), services write."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from smenet.api.filters import parse_query, refuse_fields
from smenet.common.errors import DomainError, NotFound
from smenet.common.permissions import Action
from smenet.jobs import services as job_services
from smenet.jobs.api.serializers import JobOutputSerializer
from smenet.registry.selectors import institution_find

from .. import jobs as plan_jobs
from .. import selectors, services
from .serializers import (
    AdoptInputSerializer,
    CommentInputSerializer,
    CommentOutputSerializer,
    ImportInputSerializer,
    PlanItemFilterSerializer,
    PlanItemInputSerializer,
    PlanItemOutputSerializer,
    PlanOutputSerializer,
    PlanVersionOutputSerializer,
    ReportFilterSerializer,
    ReportInputSerializer,
    ReportOutputSerializer,
    ReturnInputSerializer,
    ReviewInputSerializer,
    RoundInputSerializer,
    RoundOutputSerializer,
)


def _institution(key, field):
    if not key:
        return None
    found = institution_find(key=key)
    if found is None:
        raise DomainError(_("Unknown institution %(key)s.") % {"key": key}, field=field)
    return found


def _item_kwargs(values, version):
    kwargs = {}
    for name in (
        "titles",
        "descriptions",
        "start",
        "end",
        "subjects",
        "budget",
        "currency",
        "funding_source",
        "weight",
        "order",
    ):
        if name in values:
            kwargs[name] = values[name]
    if "lead" in values:
        kwargs["lead"] = _institution(values["lead"], "lead")
    if "partners" in values:
        kwargs["partners"] = [
            _institution(k, f"partners[{i}]") for i, k in enumerate(values["partners"])
        ]
    if "parent" in values:
        parent = None
        if values["parent"] is not None:
            parent = version.items.filter(pk=values["parent"]).first()
            if parent is None:
                raise DomainError(_("Unknown parent item."), field="parent")
        kwargs["parent"] = parent
    if "indicators" in values:
        kwargs["indicators"] = [dict(i) for i in values["indicators"]]
    return kwargs


class PlanListApi(generics.ListAPIView):
    serializer_class = PlanOutputSerializer

    def get_queryset(self):
        return selectors.plan_list(user=self.request.user)


class PlanDetailApi(APIView):
    @extend_schema(responses=PlanOutputSerializer)
    def get(self, request, code):
        plan = selectors.plan_list(user=request.user).filter(code=code).first()
        if plan is None:
            raise NotFound(_("Unknown plan."))
        return Response(PlanOutputSerializer(plan).data)


class VersionListApi(APIView):
    @extend_schema(responses=PlanVersionOutputSerializer(many=True))
    def get(self, request, code):
        plan = selectors.plan_get_for_user(user=request.user, code=code)
        versions = selectors.version_list(user=request.user, plan=plan)
        return Response(PlanVersionOutputSerializer(versions, many=True).data)

    @extend_schema(
        request=None,
        responses={201: PlanVersionOutputSerializer},
        operation_id="plans_version_create",
    )
    def post(self, request, code):
        plan = selectors.plan_get_for_user(user=request.user, code=code)
        version = services.version_create(actor=request.user, plan=plan)
        return Response(PlanVersionOutputSerializer(version).data, status=status.HTTP_201_CREATED)


class VersionActionApi(APIView):
    permission_classes = [IsAuthenticated]

    ACTIONS = ("submit", "review", "return", "adopt")
    #: The body fields each action reads; any other field is refused (400), not ignored.
    FIELDS = {"submit": set(), "review": set(), "return": {"note"}}

    @extend_schema(
        request=AdoptInputSerializer,
        responses=PlanVersionOutputSerializer,
        operation_id="plans_version_action",
        parameters=[OpenApiParameter("action", str, OpenApiParameter.PATH, enum=ACTIONS)],
        description="`submit` and `review` take no body, `return` takes `note`, `adopt` the "
        "fields below.",
    )
    def post(self, request, code, number, action):
        plan = selectors.plan_get_for_user(user=request.user, code=code)
        version = selectors.version_get_for_user(user=request.user, plan=plan, number=number)
        if action in self.FIELDS:
            refuse_fields(request.data, self.FIELDS[action])
        if action == "submit":
            version = services.version_submit(actor=request.user, version=version)
        elif action == "review":
            version = services.version_review(actor=request.user, version=version)
        elif action == "return":
            data = ReturnInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            version = services.version_return(
                actor=request.user, version=version, note=data.validated_data["note"]
            )
        elif action == "adopt":
            data = AdoptInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            values = dict(data.validated_data)
            values.pop("note", None)
            version = services.version_adopt(actor=request.user, version=version, **values)
        else:
            raise NotFound(_("Unknown action."))
        return Response(PlanVersionOutputSerializer(version).data)


class VersionImportApi(APIView):
    """Merge a CSV/XLSX file into a draft version (decision 0014), in the task worker: answers
    202 with the job to follow at ``/api/v1/jobs/<id>/``."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": ImportInputSerializer},
        responses={202: JobOutputSerializer},
        operation_id="plans_version_import",
    )
    def post(self, request, code, number):
        plan = selectors.plan_get_for_user(user=request.user, code=code)
        version = selectors.version_get_for_user(
            user=request.user, plan=plan, number=number, action=Action.CHANGE
        )
        data = ImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        job = job_services.job_start(
            owner=request.user,
            kind=plan_jobs.IMPORT,
            title=plan_jobs.import_title(version=version, name=upload.name),
            params={"version": version.pk, "name": upload.name},
            upload=(upload.name, upload.read()),
        )
        return Response(
            JobOutputSerializer(job).data,
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": reverse("api:job-detail", kwargs={"pk": job.pk})},
        )


class VersionDiffApi(APIView):
    @extend_schema(responses={200: dict})
    def get(self, request, code, number, other):
        plan = selectors.plan_get_for_user(user=request.user, code=code)
        a = selectors.version_get_for_user(user=request.user, plan=plan, number=number)
        b = selectors.version_get_for_user(user=request.user, plan=plan, number=other)
        rows = selectors.version_diff(a=a, b=b)
        return Response(
            {
                "from": a.number,
                "to": b.number,
                "items": [
                    {
                        "kind": r.kind,
                        "key": r.key,
                        "number_from": r.number_a,
                        "number_to": r.number_b,
                        "title_from": r.title_a,
                        "title_to": r.title_b,
                        "changes": [
                            {"field": c.field, "from": c.old, "to": c.new} for c in r.changes
                        ],
                    }
                    for r in rows
                    if r.kind != "same"
                ],
            }
        )


@extend_schema(parameters=[PlanItemFilterSerializer])
class ItemListApi(generics.ListCreateAPIView):
    serializer_class = PlanItemOutputSerializer

    def get_queryset(self):
        filters = parse_query(PlanItemFilterSerializer, self.request)
        plan = selectors.plan_get_for_user(user=self.request.user, code=filters["plan"])
        version = selectors.version_get_for_user(
            user=self.request.user, plan=plan, number=filters.get("version")
        )
        qs = (
            selectors.item_queryset()
            .select_related("plan_version__plan")
            .filter(plan_version=version)
        )
        if filters.get("lead"):
            qs = qs.filter(lead__acronym__iexact=filters["lead"])
        return qs.order_by("depth", "order", "pk")

    @extend_schema(request=PlanItemInputSerializer, responses={201: PlanItemOutputSerializer})
    def post(self, request):
        data = PlanItemInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if not values.get("plan") or not values.get("plan_version"):
            raise DomainError(_("Give the plan and its version."), field="plan_version")
        plan = selectors.plan_get_for_user(user=request.user, code=values["plan"])
        version = selectors.version_get_for_user(
            user=request.user, plan=plan, number=values["plan_version"]
        )
        kwargs = _item_kwargs(values, version)
        kwargs.setdefault("titles", {})
        item = services.item_create(actor=request.user, version=version, **kwargs)
        item = selectors.item_queryset().select_related("plan_version__plan").get(pk=item.pk)
        return Response(PlanItemOutputSerializer(item).data, status=status.HTTP_201_CREATED)


class ItemDetailApi(APIView):
    @extend_schema(responses=PlanItemOutputSerializer)
    def get(self, request, pk):
        item = selectors.item_get_for_user(user=request.user, pk=pk)
        return Response(PlanItemOutputSerializer(item).data)

    @extend_schema(request=PlanItemInputSerializer, responses=PlanItemOutputSerializer)
    def patch(self, request, pk):
        item = selectors.item_get_for_user(user=request.user, pk=pk)
        data = PlanItemInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if "version" not in values:
            raise DomainError(
                _("Give the version you read (for conflict detection)."), field="version"
            )
        services.item_update(
            actor=request.user,
            item=item,
            expected_version=values["version"],
            **_item_kwargs(values, item.plan_version),
        )
        item = selectors.item_get_for_user(user=request.user, pk=pk)
        return Response(PlanItemOutputSerializer(item).data)

    @extend_schema(parameters=None, responses={204: None})
    def delete(self, request, pk):
        item = selectors.item_get_for_user(user=request.user, pk=pk)
        version = request.query_params.get("version", "")
        if not version.isdigit():
            raise DomainError(
                _("Give the version you read (for conflict detection)."), field="version"
            )
        services.item_delete(actor=request.user, item=item, expected_version=int(version))
        return Response(status=status.HTTP_204_NO_CONTENT)


class CommentListApi(APIView):
    @extend_schema(responses=CommentOutputSerializer(many=True))
    def get(self, request, pk):
        item = selectors.item_get_for_user(user=request.user, pk=pk)
        out = []
        for thread in selectors.comment_threads(item=item):
            out.append(thread)
            out.extend(thread.replies.all())
        return Response(CommentOutputSerializer(out, many=True).data)

    @extend_schema(request=CommentInputSerializer, responses={201: CommentOutputSerializer})
    def post(self, request, pk):
        item = selectors.item_get_for_user(user=request.user, pk=pk)
        data = CommentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        parent = None
        if data.validated_data.get("parent"):
            try:
                parent = selectors.comment_get_for_user(
                    user=request.user, pk=data.validated_data["parent"]
                )
            except NotFound:
                raise DomainError(_("Unknown comment."), field="parent") from None
        comment = services.comment_add(
            actor=request.user, item=item, body=data.validated_data["body"], parent=parent
        )
        return Response(CommentOutputSerializer(comment).data, status=status.HTTP_201_CREATED)


class CommentResolveApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=CommentOutputSerializer)
    def post(self, request, pk):
        comment = selectors.comment_get_for_user(user=request.user, pk=pk)
        comment = services.comment_resolve(
            actor=request.user,
            comment=comment,
            resolved=request.data.get("resolved", True) is not False,
        )
        return Response(CommentOutputSerializer(comment).data)


class RoundListApi(APIView):
    @extend_schema(responses=RoundOutputSerializer(many=True))
    def get(self, request, code):
        plan = selectors.plan_get_for_user(user=request.user, code=code)
        return Response(
            RoundOutputSerializer(
                selectors.round_list(user=request.user, plan=plan), many=True
            ).data
        )


class RoundCreateApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=RoundInputSerializer, responses={201: RoundOutputSerializer})
    def post(self, request):
        data = RoundInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        plan = selectors.plan_get_for_user(user=request.user, code=values["plan"])
        version = selectors.version_get_for_user(
            user=request.user, plan=plan, number=values["plan_version"]
        )
        rnd = services.round_open(
            actor=request.user,
            version=version,
            label=values["label"],
            opens_on=values.get("opens_on"),
            deadline=values["deadline"],
        )
        return Response(RoundOutputSerializer(rnd).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[ReportFilterSerializer])
class ReportListApi(generics.ListAPIView):
    serializer_class = ReportOutputSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        filters = parse_query(ReportFilterSerializer, self.request)
        try:
            rnd = selectors.round_get_for_user(user=self.request.user, pk=filters["round"])
        except NotFound:
            raise DomainError(_("Unknown reporting round."), field="round") from None
        return selectors.report_list(user=self.request.user, round=rnd)


class ReportPutApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=ReportInputSerializer, responses=ReportOutputSerializer)
    def put(self, request, round_pk, item_pk):
        rnd = selectors.round_get_for_user(user=request.user, pk=round_pk)
        item = selectors.item_get_for_user(user=request.user, pk=item_pk, action=Action.REPORT)
        if item.plan_version_id != rnd.plan_version_id:
            raise DomainError(_("The item is not part of this round's plan version."), field="item")
        data = ReportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        actuals = values.get("actuals")
        if actuals is not None:
            bad = [k for k in actuals if not str(k).isdigit()]
            if bad:
                raise DomainError(
                    _("Unknown indicator %(id)s.") % {"id": bad[0]}, field=f"actuals.{bad[0]}"
                )
            actuals = {int(k): v for k, v in actuals.items()}
        report = services.report_save(
            actor=request.user,
            round=rnd,
            item=item,
            expected_version=values.get("version"),
            progress_status=values["status"],
            percent=values.get("percent"),
            narrative=values.get("narrative", ""),
            language=values.get("language") or request.LANGUAGE_CODE,
            actuals=actuals,
        )
        if values.get("submit"):
            report = services.report_submit(actor=request.user, report=report)
        return Response(ReportOutputSerializer(report).data)


class ReportReviewApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=ReviewInputSerializer,
        responses=ReportOutputSerializer,
        parameters=[
            OpenApiParameter("action", str, OpenApiParameter.PATH, enum=("validate", "return"))
        ],
    )
    def post(self, request, pk, action):
        report = selectors.report_get_for_user(user=request.user, pk=pk, action=Action.REVIEW)
        data = ReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = data.validated_data.get("comment", "")
        if action == "validate":
            report = services.report_validate(actor=request.user, report=report, comment=comment)
        elif action == "return":
            report = services.report_return(actor=request.user, report=report, comment=comment)
        else:
            raise NotFound(_("Unknown action."))
        return Response(ReportOutputSerializer(report).data)
