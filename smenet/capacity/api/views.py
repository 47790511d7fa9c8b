from __future__ import annotations

import json

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.parsers import BaseParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.views import APIView

from smenet.api.filters import parse_query
from smenet.capacity import matching, selectors, services
from smenet.capacity.messages import MESSAGES
from smenet.common import cleaning
from smenet.common.errors import DomainError, ValidationFailed
from smenet.common.permissions import Action
from smenet.registry.selectors import institution_find
from smenet.taxonomy.selectors import subject_find

from .serializers import (
    ActivityFilterSerializer,
    ActivityInputSerializer,
    ActivityOutputSerializer,
    CycleInputSerializer,
    CycleMatchingRunOutputSerializer,
    CycleOutputSerializer,
    MatchingEngineInputSerializer,
    MatchingEngineOutputSerializer,
    MatchingRunInputSerializer,
    NominationInputSerializer,
    NominationOutputSerializer,
    ProblemSerializer,
    ProposalDecisionOutputSerializer,
    ResponseInputSerializer,
    ResponseOutputSerializer,
    TransitionInputSerializer,
)

MAX_MATCHING_BYTES = 5 * 1024 * 1024


class RawJSONParser(BaseParser):
    """Keeps the body as text, so the engine reports malformed JSON with its own line/column."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        data = stream.read(MAX_MATCHING_BYTES + 1)
        if len(data) > MAX_MATCHING_BYTES:
            raise DomainError(_("The input is larger than 5 MB."), code="too_large")
        # The input-cleaning layer's depth check, on the text, before anything recurses.
        if cleaning.json_depth_exceeds(data.decode("utf-8", "replace")):
            raise exceptions.ParseError(
                _("The JSON is nested more than %(depth)s levels deep.")
                % {"depth": cleaning.MAX_JSON_DEPTH},
                code="too_deep",
            )
        return data


def _issues_to_errors(exc: matching.MatchingInputError) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for issue in exc.errors:
        errors.setdefault(issue.path, []).append(_(MESSAGES[issue.code]) % issue.params)
    return errors


class MatchingRunApi(APIView):
    """The matching engine (docs/contracts.md, matching version 1): same input, same optimal
    output."""

    permission_classes = [AllowAny]
    parser_classes = [RawJSONParser]
    throttle_classes = [AnonRateThrottle, UserRateThrottle]

    @extend_schema(
        request=MatchingEngineInputSerializer,
        responses={200: MatchingEngineOutputSerializer, 400: ProblemSerializer},
        examples=[
            OpenApiExample(
                "Two institutions",
                value={
                    "subjects": ["access-to-finance"],
                    "institutions": [
                        {
                            "id": "A",
                            "country": "AZE",
                            "languages": ["en"],
                            "needs": {"access-to-finance": 2},
                        },
                        {
                            "id": "B",
                            "country": "TUR",
                            "languages": ["en"],
                            "capacities": {"access-to-finance": {"level": 3, "max_activities": 1}},
                        },
                    ],
                },
                request_only=True,
            )
        ],
    )
    def post(self, request):
        try:
            result = matching.run_json(request.data)
        except matching.MatchingInputError as exc:
            raise ValidationFailed(_issues_to_errors(exc), code="invalid_matching_input") from exc
        return Response(result)


class CycleListApi(generics.ListCreateAPIView):
    serializer_class = CycleOutputSerializer

    def get_queryset(self):
        return selectors.cycle_list(user=self.request.user)

    @extend_schema(request=CycleInputSerializer, responses={201: CycleOutputSerializer})
    def post(self, request):
        data = CycleInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        institutions = []
        for index, key in enumerate(values["institutions"]):
            inst = institution_find(key=key)
            if inst is None:
                raise DomainError(
                    _("Unknown institution %(key)s.") % {"key": key},
                    field=f"institutions[{index}]",
                )
            institutions.append(inst)
        cycle = services.cycle_create(
            actor=request.user,
            code=values["code"],
            titles=values["titles"],
            opens_on=values["opens_on"],
            closes_on=values["closes_on"],
            institutions=institutions,
        )
        return Response(CycleOutputSerializer(cycle).data, status=status.HTTP_201_CREATED)


class CycleRemindersApi(APIView):
    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def post(self, request, code: str):
        cycle = selectors.cycle_get_for_user(user=request.user, code=code)
        queued = services.cycle_send_reminders(actor=request.user, cycle=cycle)
        return Response({"queued": queued}, status=status.HTTP_202_ACCEPTED)


class CycleMatchingRunApi(APIView):
    @extend_schema(
        request=MatchingRunInputSerializer,
        responses={201: CycleMatchingRunOutputSerializer, 400: ProblemSerializer},
    )
    def post(self, request, code: str):
        cycle = selectors.cycle_get_for_user(user=request.user, code=code)
        data = MatchingRunInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        run = services.matching_run_for_cycle(
            actor=request.user, cycle=cycle, **data.validated_data
        )
        return Response(
            {
                "id": run.pk,
                "total_score": run.total_score,
                "output": run.output,
                "proposals": [
                    {
                        "id": p.pk,
                        "provider": p.provider.slug,
                        "beneficiary": p.beneficiary.slug,
                        "subject": p.subject.code,
                        "score": p.score,
                        "status": p.status,
                    }
                    for p in run.proposals.select_related("provider", "beneficiary", "subject")
                ],
            },
            status=status.HTTP_201_CREATED,
        )


class ResponseApi(APIView):
    def _get(self, request, code, slug, action=Action.VIEW):
        cycle = selectors.cycle_get_for_user(user=request.user, code=code)
        return selectors.response_get_for_user(
            user=request.user, cycle=cycle, institution_slug=slug, action=action
        )

    @extend_schema(responses=ResponseOutputSerializer)
    def get(self, request, code: str, slug: str):
        return Response(ResponseOutputSerializer(self._get(request, code, slug)).data)

    @extend_schema(request=ResponseInputSerializer, responses=ResponseOutputSerializer)
    def patch(self, request, code: str, slug: str):
        response = self._get(request, code, slug, Action.CHANGE)
        data = ResponseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        services.response_save(
            actor=request.user,
            response=response,
            expected_version=values.pop("version"),
            answers=values.get("answers"),
            languages=values.get("languages"),
            max_received=values.get("max_received", ...),
        )
        return Response(ResponseOutputSerializer(self._get(request, code, slug)).data)


class ResponseActionApi(ResponseApi):
    action_name = "submit"

    @extend_schema(request=None, responses=ResponseOutputSerializer)
    def post(self, request, code: str, slug: str):
        response = self._get(request, code, slug, Action.CHANGE)
        {
            "submit": services.response_submit,
            "sign-off": services.response_sign_off,
            "reopen": services.response_reopen,
        }[self.action_name](actor=request.user, response=response)
        return Response(ResponseOutputSerializer(self._get(request, code, slug)).data)


class ProposalDecisionApi(APIView):
    accept = True

    @extend_schema(
        request=None, responses={200: ProposalDecisionOutputSerializer, 409: ProblemSerializer}
    )
    def post(self, request, pk: int):
        proposal = selectors.proposal_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
        kind = (
            selectors.activity_type_find(code=str(request.data.get("type") or ""))
            if isinstance(request.data, dict)
            else None
        )
        proposal = services.proposal_decide(
            actor=request.user, proposal=proposal, accept=self.accept, activity_type=kind
        )
        return Response(
            {
                "id": proposal.pk,
                "status": proposal.status,
                "activity": proposal.activity.reference if proposal.activity else None,
            }
        )


def _institutions(keys, field):
    found = []
    for index, key in enumerate(keys):
        inst = institution_find(key=key)
        if inst is None:
            raise DomainError(
                _("Unknown institution %(key)s.") % {"key": key}, field=f"{field}[{index}]"
            )
        found.append(inst)
    return found


@extend_schema(parameters=[ActivityFilterSerializer])
class ActivityListApi(generics.ListCreateAPIView):
    serializer_class = ActivityOutputSerializer

    def get_queryset(self):
        filters = parse_query(ActivityFilterSerializer, self.request)
        return selectors.activity_list(user=self.request.user, **filters)

    @extend_schema(request=ActivityInputSerializer, responses={201: ActivityOutputSerializer})
    def post(self, request):
        data = ActivityInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        kind = selectors.activity_type_find(code=values.pop("type"))
        if kind is None:
            raise DomainError(_("Unknown activity type."), field="type")
        subject = subject_find(code=values.pop("subject"))
        if subject is None:
            raise DomainError(_("Unknown subject."), field="subject")
        activity = services.activity_create(
            actor=request.user,
            type=kind,
            subject=subject,
            titles=values.pop("titles"),
            providers=_institutions(values.pop("providers"), "providers"),
            beneficiaries=_institutions(values.pop("beneficiaries"), "beneficiaries"),
            **values,
        )
        activity = selectors.activity_get_for_user(user=request.user, reference=activity.reference)
        return Response(ActivityOutputSerializer(activity).data, status=status.HTTP_201_CREATED)


class ActivityDetailApi(APIView):
    @extend_schema(responses=ActivityOutputSerializer)
    def get(self, request, reference: str):
        activity = selectors.activity_get_for_user(user=request.user, reference=reference)
        return Response(ActivityOutputSerializer(activity).data)


class ActivityTransitionApi(APIView):
    @extend_schema(request=TransitionInputSerializer, responses=ActivityOutputSerializer)
    def post(self, request, reference: str):
        activity = selectors.activity_get_for_user(
            user=request.user, reference=reference, action=Action.CHANGE
        )
        data = TransitionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        services.activity_transition(
            actor=request.user,
            activity=activity,
            to=values.pop("status"),
            reason=values.pop("reason", ""),
            expected_version=values.pop("version", None),
            **values,
        )
        activity = selectors.activity_get_for_user(user=request.user, reference=reference)
        return Response(ActivityOutputSerializer(activity).data)


class ActivityConfirmApi(APIView):
    @extend_schema(request=None, responses=ActivityOutputSerializer)
    def post(self, request, reference: str):
        activity = selectors.activity_get_for_user(
            user=request.user, reference=reference, action=Action.CHANGE
        )
        services.activity_confirm(actor=request.user, activity=activity)
        activity = selectors.activity_get_for_user(user=request.user, reference=reference)
        return Response(ActivityOutputSerializer(activity).data)


class NominationListApi(APIView):
    @extend_schema(responses=NominationOutputSerializer(many=True))
    def get(self, request, reference: str):
        activity = selectors.activity_get_for_user(user=request.user, reference=reference)
        nominations = selectors.nomination_list(user=request.user, activity=activity)
        return Response(NominationOutputSerializer(nominations, many=True).data)

    @extend_schema(request=NominationInputSerializer, responses={201: NominationOutputSerializer})
    def post(self, request, reference: str):
        activity = selectors.activity_get_for_user(
            user=request.user, reference=reference, action=Action.CHANGE
        )
        data = NominationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        institution = institution_find(key=values.pop("institution"))
        if institution is None:
            raise DomainError(_("Unknown institution."), field="institution")
        nomination = services.nomination_create(
            actor=request.user, activity=activity, institution=institution, **values
        )
        return Response(NominationOutputSerializer(nomination).data, status=status.HTTP_201_CREATED)


class NominationDecisionApi(APIView):
    confirm = True

    @extend_schema(request=None, responses=NominationOutputSerializer)
    def post(self, request, pk: int):
        nomination = selectors.nomination_get_for_user(
            user=request.user, pk=pk, action=Action.CHANGE
        )
        services.nomination_decide(actor=request.user, nomination=nomination, confirm=self.confirm)
        return Response(NominationOutputSerializer(nomination).data)


class ActivityReportDataApi(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request):
        data = selectors.activity_report(user=request.user, cycle=request.query_params.get("cycle"))
        return Response(json.loads(json.dumps(data.__dict__, default=str)))
