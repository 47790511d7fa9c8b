from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from smenet.api.filters import parse_query
from smenet.common.errors import PermissionDenied, ValidationFailed
from smenet.common.permissions import Action
from smenet.registry import roles
from smenet.statistics import selectors, services
from smenet.statistics.querysets import focal_country_ids
from smenet.statistics.records import Lookups, Raw, Record, clean

from .serializers import (
    DataRoundChangeInputSerializer,
    DataRoundOutputSerializer,
    DataRoundTransitionInputSerializer,
    IndicatorFilterSerializer,
    IndicatorOutputSerializer,
    ObservationFilterSerializer,
    ObservationInputSerializer,
    ObservationOutputSerializer,
    ReviewInputSerializer,
    SubmissionChangeInputSerializer,
    SubmissionFilterSerializer,
    SubmissionOutputSerializer,
)


class IndicatorListApi(generics.ListAPIView):
    serializer_class = IndicatorOutputSerializer

    @extend_schema(parameters=[IndicatorFilterSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        filters = parse_query(IndicatorFilterSerializer, self.request)
        return selectors.indicator_list(user=self.request.user, **filters)


class IndicatorDetailApi(APIView):
    @extend_schema(responses=IndicatorOutputSerializer)
    def get(self, request, code: str):
        return Response(
            IndicatorOutputSerializer(selectors.indicator_get(user=request.user, code=code)).data
        )


def record_from(data: dict[str, Any]) -> Record:
    """The checked record of an API write, or a 400 naming each field."""
    raw = Raw(
        where="",
        indicator=data["indicator"],
        ref_area=data["ref_area"],
        period=data["period"],
        value=data.get("value"),
        unit=data.get("unit"),
        obs_status=data.get("obs_status"),
        source=data.get("source"),
        definition=data.get("definition"),
        qualifier=data.get("qualifier", ""),
        source_publisher=data.get("publisher", ""),
        note=data.get("note", ""),
    )
    record, problems = clean(raw, Lookups())
    if problems or record is None:
        errors: dict[str, list[str]] = {}
        for problem in problems:
            field, _sep, message = problem.partition(": ")
            errors.setdefault(
                field if field in ObservationInputSerializer().fields else "non_field_errors", []
            ).append(message or problem)
        raise ValidationFailed(errors)
    return record


class ObservationListApi(generics.ListCreateAPIView):
    serializer_class = ObservationOutputSerializer

    @extend_schema(parameters=[ObservationFilterSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        filters = parse_query(ObservationFilterSerializer, self.request)
        return selectors.observation_list(
            user=self.request.user, **ObservationFilterSerializer.to_selector(filters)
        )

    @extend_schema(
        request=ObservationInputSerializer,
        responses={
            201: PolymorphicProxySerializer(
                component_name="ObservationWritten",
                serializers=[ObservationOutputSerializer, SubmissionOutputSerializer],
                resource_type_field_name=None,
            )
        },
        description=(
            "The Secretariat writes a verified figure (a changed value is kept as a revision); "
            "a focal point submits a figure for its own country, which waits for verification "
            '(the answer is then the submitted figure, with verification "submitted").'
        ),
    )
    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        data = ObservationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if not (roles.is_secretariat(request.user) or focal_country_ids(request.user)):
            raise PermissionDenied(
                _(
                    "Only the Secretariat and the focal points of member institutions write figures."
                ),
                code="not_a_focal_point",
            )
        record = record_from(data.validated_data)
        if roles.is_secretariat(request.user):
            observation = services.observation_record(actor=request.user, record=record)
            return Response(
                ObservationOutputSerializer(observation).data, status=status.HTTP_201_CREATED
            )
        submission = services.submission_create(
            actor=request.user, record=record, comment=data.validated_data.get("comment", "")
        )
        return Response(SubmissionOutputSerializer(submission).data, status=status.HTTP_201_CREATED)


class SubmissionListApi(generics.ListAPIView):
    serializer_class = SubmissionOutputSerializer

    @extend_schema(parameters=[SubmissionFilterSerializer])
    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        filters = parse_query(SubmissionFilterSerializer, self.request)
        data_round = None
        if "round" in filters:
            data_round = selectors.round_get_for_user(user=self.request.user, code=filters["round"])
        return selectors.submission_list(
            user=self.request.user, round=data_round, status=filters.get("verification")
        )


class SubmissionDetailApi(APIView):
    @extend_schema(responses=SubmissionOutputSerializer)
    def get(self, request, pk: int):
        return Response(
            SubmissionOutputSerializer(
                selectors.submission_get_for_user(user=request.user, pk=pk)
            ).data
        )

    @extend_schema(
        request=SubmissionChangeInputSerializer,
        responses=SubmissionOutputSerializer,
        description=(
            "The focal point corrects a figure awaiting verification or returned to it; it "
            "waits for verification again. 409 when it was changed or verified since `version`."
        ),
    )
    def patch(self, request, pk: int):
        submission = selectors.submission_get_for_user(
            user=request.user, pk=pk, action=Action.CHANGE
        )
        data = SubmissionChangeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        sent = data.validated_data
        current = {
            "indicator": submission.indicator.code,
            "ref_area": submission.country.iso3,
            "period": submission.period,
            "value": submission.value,
            "obs_status": submission.obs_status,
            "source": submission.source_url,
            "publisher": submission.source_publisher,
            "definition": submission.definition.iso3 if submission.definition else "",
            "qualifier": submission.qualifier,
            "note": submission.note,
        }
        record = record_from(
            {**current, **{k: v for k, v in sent.items() if k in current or k == "unit"}}
        )
        changed = services.submission_update(
            actor=request.user,
            submission=submission,
            expected_version=sent["version"],
            record=record,
            comment=sent.get("comment", ""),
        )
        return Response(SubmissionOutputSerializer(changed).data)


class SubmissionVerifyApi(APIView):
    @extend_schema(request=ReviewInputSerializer, responses=ObservationOutputSerializer)
    def post(self, request, pk: int):
        submission = selectors.submission_get_for_user(
            user=request.user, pk=pk, action=Action.REVIEW
        )
        data = ReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        observation = services.submission_verify(
            actor=request.user,
            submission=submission,
            expected_version=data.validated_data.get("version"),
        )
        return Response(ObservationOutputSerializer(observation).data)


class SubmissionReturnApi(APIView):
    @extend_schema(request=ReviewInputSerializer, responses=SubmissionOutputSerializer)
    def post(self, request, pk: int):
        submission = selectors.submission_get_for_user(
            user=request.user, pk=pk, action=Action.REVIEW
        )
        data = ReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        returned = services.submission_return(
            actor=request.user,
            submission=submission,
            comment=data.validated_data.get("comment", ""),
            expected_version=data.validated_data.get("version"),
        )
        return Response(SubmissionOutputSerializer(returned).data)


class DataRoundListApi(generics.ListAPIView):
    """Data rounds: the Secretariat sees all, the Bureau and focal points those opened."""

    serializer_class = DataRoundOutputSerializer

    def get_queryset(self):
        return selectors.round_list(user=self.request.user).prefetch_related("indicators")


class DataRoundDetailApi(APIView):
    @extend_schema(responses=DataRoundOutputSerializer)
    def get(self, request, code: str):
        return Response(
            DataRoundOutputSerializer(
                selectors.round_get_for_user(user=request.user, code=code)
            ).data
        )

    @extend_schema(
        request=DataRoundChangeInputSerializer,
        responses=DataRoundOutputSerializer,
        description="The Secretariat moves the deadline or opening date (409 on a stale version).",
    )
    def patch(self, request, code: str):
        data_round = selectors.round_get_for_user(
            user=request.user, code=code, action=Action.CHANGE
        )
        data = DataRoundChangeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changed = services.round_update(
            actor=request.user,
            round=data_round,
            expected_version=data.validated_data["version"],
            deadline=data.validated_data.get("deadline"),
            opens_on=data.validated_data.get("opens_on"),
        )
        return Response(DataRoundOutputSerializer(changed).data)


class DataRoundTransitionApi(APIView):
    @extend_schema(
        request=DataRoundTransitionInputSerializer,
        responses=DataRoundOutputSerializer,
        description="Open, close or reopen a round (draft → open → closed → open).",
    )
    def post(self, request, code: str):
        data_round = selectors.round_get_for_user(
            user=request.user, code=code, action=Action.CHANGE
        )
        data = DataRoundTransitionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changed = services.round_set_status(
            actor=request.user,
            round=data_round,
            status=data.validated_data["status"],
            expected_version=data.validated_data.get("version"),
        )
        return Response(DataRoundOutputSerializer(changed).data)
