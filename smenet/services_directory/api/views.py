"""The services API: the public directory for everyone, writes for focal points (their own
institution's services) and the Secretariat."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from smenet.api.filters import parse_query
from smenet.common import exports
from smenet.common.errors import ValidationFailed
from smenet.common.permissions import Action
from smenet.registry.models import Institution

from .. import selectors, services
from ..choices import ReviewStatus
from .serializers import (
    ReturnInputSerializer,
    ServiceDetailSerializer,
    ServiceFilterSerializer,
    ServiceOutputSerializer,
    ServiceUpdateSerializer,
    ServiceWriteSerializer,
    VersionInputSerializer,
)


def _detail(request: Any, pk: int) -> dict[str, Any]:
    return ServiceDetailSerializer(selectors.service_get_for_user(user=request.user, pk=pk)).data


def _institution(key: str, country: str | None) -> Institution:
    """The institution named in a write, checked against ``country`` when given."""
    index = selectors.institution_index()
    institution = selectors.institution_for_import(key, index)
    errors: dict[str, list[str]] = {}
    if institution is None:
        errors["institution"] = [_("Unknown institution %(key)s.") % {"key": key}]
    if country:
        from smenet.registry.selectors import country_exists

        code = country.strip().upper()
        if not country_exists(iso3=code):
            errors["country"] = [
                _("Unknown country %(code)s (use ISO alpha-3, such as AZE).") % {"code": code}
            ]
        elif institution is not None and (
            institution.country is None or institution.country.iso3 != code
        ):
            errors["country"] = [
                _("%(institution)s is not in %(code)s.")
                % {"institution": institution.acronym, "code": code}
            ]
    if errors:
        raise ValidationFailed(errors)
    assert institution is not None
    return selectors.institution_full(pk=institution.pk)


def _require_signed_in(request: Any) -> None:
    if not request.user.is_authenticated:
        raise NotAuthenticated()


class ServiceListApi(generics.ListAPIView):
    """The services the caller may see (the public directory for anonymous callers), active
    ones unless ``status`` says otherwise; by relevance with ``q``."""

    serializer_class = ServiceOutputSerializer

    @extend_schema(parameters=[ServiceFilterSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        raw = parse_query(ServiceFilterSerializer, self.request)
        filters = selectors.check_filters(raw)
        return selectors.service_list(user=self.request.user, filters=filters)

    @extend_schema(request=ServiceWriteSerializer, responses={201: ServiceDetailSerializer})
    def post(self, request, *args, **kwargs):
        _require_signed_in(request)
        data = ServiceWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        texts, fields = data.split()
        institution = _institution(fields.pop("institution"), fields.pop("country", None))
        submit = fields.pop("submit", False)
        service = services.service_create(
            actor=request.user,
            institution=institution,
            texts=texts,
            review_status=ReviewStatus.SUBMITTED if submit else ReviewStatus.DRAFT,
            **fields,
        )
        return Response(_detail(request, service.pk), status=status.HTTP_201_CREATED)


class ServiceDetailApi(APIView):
    @extend_schema(responses=ServiceDetailSerializer)
    def get(self, request, pk: int):
        return Response(_detail(request, pk))

    @extend_schema(request=ServiceUpdateSerializer, responses=ServiceDetailSerializer)
    def patch(self, request, pk: int):
        _require_signed_in(request)
        service = selectors.service_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
        data = ServiceUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        texts, fields = data.split()
        version = fields.pop("version")
        if "institution" in fields:
            fields["institution"] = _institution(fields["institution"], fields.pop("country", None))
        elif "country" in fields:
            _institution(service.institution.slug, fields.pop("country"))
        services.service_update(
            actor=request.user,
            service=service,
            expected_version=version,
            texts=texts or None,
            **fields,
        )
        return Response(_detail(request, pk))


def _step(name: str, run, *, body=None, summary: str = ""):
    """A workflow step as a POST endpoint: fetch for ``user`` (404 outside their reach: every
    step is a change, the Secretariat's included), then check the body, then run (the
    Secretariat's steps refuse a focal point of the service's own institution: 403)."""

    class StepApi(APIView):
        @extend_schema(
            request=body,
            responses=ServiceDetailSerializer,
            operation_id=f"services_{name}",
            summary=summary,
        )
        def post(self, request, pk: int):
            _require_signed_in(request)
            service = selectors.service_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
            payload: dict[str, Any] = {}
            if body is not None:
                data = body(data=request.data)
                data.is_valid(raise_exception=True)
                payload = dict(data.validated_data)
            run(actor=request.user, service=service, **payload)
            return Response(_detail(request, pk))

    StepApi.__name__ = f"Service{name.title()}Api"
    return StepApi


ServiceSubmitApi = _step(
    "submit", services.service_submit, summary="Submit a service for the Secretariat's review."
)
ServicePublishApi = _step(
    "publish",
    services.service_publish,
    summary="Publish a service, or mark its changes as reviewed (the Secretariat).",
)
ServiceReturnApi = _step(
    "return",
    services.service_return,
    body=ReturnInputSerializer,
    summary="Return a service to its institution with comments (the Secretariat).",
)


def _archive(*, actor, service, version=None):
    return services.service_archive(actor=actor, service=service, expected_version=version)


ServiceArchiveApi = _step(
    "archive", _archive, body=VersionInputSerializer, summary="Archive a service."
)
ServiceRestoreApi = _step(
    "restore",
    services.service_restore,
    summary="Restore an archived service (the Secretariat).",
)
ServiceConfirmApi = _step(
    "confirm", services.service_confirm, summary="Confirm a service is still current."
)


class ServiceExportApi(APIView):
    """The services of the directory as CSV or XLSX, in the import's columns."""

    @extend_schema(
        parameters=[
            ServiceFilterSerializer,
            OpenApiParameter(
                "file_format", str, enum=["csv", "xlsx"], description="csv (default) or xlsx"
            ),
        ],
        responses={(200, "text/csv"): str},
    )
    def get(self, request):
        from ..tabular import services_csv, services_xlsx

        fmt = request.query_params.get("file_format", "csv")
        params = request.query_params.copy()
        params.pop("file_format", None)
        serializer = ServiceFilterSerializer(
            data={k: v for k, v in params.items() if k not in {"page", "page_size", "lang"}}
        )
        serializer.is_valid(raise_exception=True)
        filters = selectors.check_filters(
            {k: v for k, v in serializer.validated_data.items() if v not in (None, "")}
        )
        if fmt not in ("csv", "xlsx"):
            raise ValidationFailed({"file_format": [_("Use csv or xlsx.")]})
        items = selectors.service_list(user=request.user, filters=filters)
        if fmt == "xlsx":
            return exports.download(services_xlsx(items), "services.xlsx", exports.XLSX_TYPE)
        return exports.download(services_csv(items), "services.csv", exports.CSV_TYPE)
