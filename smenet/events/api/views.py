"""The meetings API: lists and details for everyone within confidentiality; writes for the
Secretariat (and nominations for focal points, comments for participants). Each view parses,
calls one selector or service, and shapes the output."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from smenet.api.filters import parse_query
from smenet.common.errors import DomainError, NotFound
from smenet.common.permissions import Action
from smenet.governance.api.views import _holder, _position
from smenet.governance.models import Body
from smenet.governance.services import Election
from smenet.plans.models import PlanItem
from smenet.registry.models import Country
from smenet.registry.selectors import institution_find

from .. import selectors, services
from ..models import Meeting
from .serializers import (
    AgendaItemInputSerializer,
    AgendaStatusSerializer,
    AttendanceSerializer,
    DecisionFilterSerializer,
    DecisionInputSerializer,
    DecisionRegisterSerializer,
    DocumentFileInputSerializer,
    DocumentInputSerializer,
    DocumentOutputSerializer,
    FollowUpInputSerializer,
    FollowUpOutputSerializer,
    FollowUpUpdateSerializer,
    InvitationInputSerializer,
    MeetingDetailSerializer,
    MeetingFilterSerializer,
    MeetingInputSerializer,
    MeetingOutputSerializer,
    MeetingUpdateSerializer,
    MinutesCommentInputSerializer,
    MinutesInputSerializer,
    MinutesOutputSerializer,
    NominationInputSerializer,
    ParticipantDecisionSerializer,
    ParticipantOutputSerializer,
    StatusInputSerializer,
)


def _body(code: str | None, field: str = "body") -> Body | None:
    if not code:
        return None
    body = selectors.body_find(code=code)
    if body is None:
        raise DomainError(_("Unknown body %(code)s.") % {"code": code}, field=field)
    return body


def _country(iso3: str | None, field: str = "country") -> Country | None:
    if not iso3:
        return None
    country = selectors.country_find(iso3=iso3)
    if country is None:
        raise DomainError(_("Unknown country %(code)s.") % {"code": iso3}, field=field)
    return country


def _plan_items(ids: list[int], field: str) -> list[PlanItem]:
    items = selectors.plan_items_find(ids=ids)
    missing = set(ids) - {i.pk for i in items}
    if missing:
        raise DomainError(_("Unknown action-plan item %(id)s.") % {"id": min(missing)}, field=field)
    return items


def _detail(request, code: str) -> Response:
    meeting = selectors.meeting_detail(user=request.user, code=code)
    minutes = selectors.minutes_of(meeting)
    context = {
        "request": request,
        "minutes_status": selectors.minutes_status(meeting, minutes),
        "show_join": selectors.is_registered(request.user, meeting),
        "today": timezone.localdate(),
    }
    return Response(MeetingDetailSerializer(meeting, context=context).data)


@extend_schema(parameters=[MeetingFilterSerializer])
class MeetingListApi(generics.ListAPIView):
    """Meetings the caller may see, earliest first."""

    serializer_class = MeetingOutputSerializer

    def get_queryset(self):
        filters = parse_query(MeetingFilterSerializer, self.request)
        _body(filters.get("body"))
        return selectors.meeting_list(
            user=self.request.user,
            body=filters.get("body"),
            start_from=filters.get("from"),
            start_to=filters.get("to"),
            country=filters.get("country"),
            status=filters.get("status"),
        ).order_by("start", "pk")

    @extend_schema(request=MeetingInputSerializer, responses={201: MeetingDetailSerializer})
    def post(self, request):
        data = MeetingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        meeting = services.meeting_create(
            actor=request.user,
            code=v["code"],
            titles=v["titles"],
            descriptions=v.get("descriptions"),
            venues=v.get("venues"),
            kind=v["kind"],
            body=_body(v.get("body")),
            number=v.get("number"),
            mode=v["mode"],
            join_url=v.get("join_url", ""),
            city=v.get("city", ""),
            country=_country(v.get("country")),
            time_zone=v["time_zone"],
            start=v["start"],
            end=v["end"],
            all_day=v["all_day"],
            status=v["status"],
            audience=v["audience"],
            registration_open=v["registration_open"],
            quota_per_institution=v["quota_per_institution"],
            capacity=v.get("capacity"),
        )
        response = _detail(request, meeting.code)
        response.status_code = status.HTTP_201_CREATED
        return response


class MeetingDetailApi(APIView):
    @extend_schema(responses=MeetingDetailSerializer)
    def get(self, request, code):
        return _detail(request, code)

    @extend_schema(request=MeetingUpdateSerializer, responses=MeetingDetailSerializer)
    def patch(self, request, code):
        meeting = selectors.meeting_get_for_user(user=request.user, code=code, action=Action.CHANGE)
        data = MeetingUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        services.meeting_update(
            actor=request.user, meeting=meeting, expected_version=v.pop("version"), **v
        )
        return _detail(request, code)


class MeetingStatusApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=StatusInputSerializer, responses=MeetingDetailSerializer)
    def post(self, request, code):
        meeting = selectors.meeting_get_for_user(user=request.user, code=code, action=Action.CHANGE)
        data = StatusInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        action = v["action"]
        version = v.get("version")
        if action == "confirm":
            services.meeting_confirm(actor=request.user, meeting=meeting, expected_version=version)
        elif action == "postpone":
            if not v.get("start") or not v.get("end"):
                raise DomainError(_("Give the new start and end."), field="start")
            services.meeting_postpone(
                actor=request.user,
                meeting=meeting,
                start=v["start"],
                end=v["end"],
                reason=v.get("reason", ""),
                expected_version=version,
            )
        elif action == "cancel":
            services.meeting_cancel(
                actor=request.user,
                meeting=meeting,
                reason=v.get("reason", ""),
                expected_version=version,
            )
        else:
            services.meeting_mark_held(
                actor=request.user, meeting=meeting, expected_version=version
            )
        return _detail(request, code)


class AgendaApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=AgendaItemInputSerializer, responses={201: MeetingDetailSerializer})
    def post(self, request, code):
        meeting = selectors.meeting_get_for_user(user=request.user, code=code, action=Action.CHANGE)
        data = AgendaItemInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        parent = None
        if v.get("parent"):
            parent = selectors.agenda_item_find(meeting=meeting, pk=v["parent"])
            if parent is None:
                raise DomainError(
                    _("Unknown agenda item %(id)s.") % {"id": v["parent"]}, field="parent"
                )
        presenters = []
        for i, key in enumerate(v.get("presenters", [])):
            presenters.append(_holder(key, f"presenters[{i}]"))
        documents = []
        for i, symbol in enumerate(v.get("documents", [])):
            doc = selectors.document_find(meeting=meeting, symbol=symbol)
            if doc is None:
                raise DomainError(
                    _("Unknown document %(symbol)s.") % {"symbol": symbol}, field=f"documents[{i}]"
                )
            documents.append(doc)
        services.agenda_item_add(
            actor=request.user,
            meeting=meeting,
            titles=v["titles"],
            descriptions=v.get("descriptions"),
            parent=parent,
            order=v.get("order"),
            starts_at=v.get("starts_at"),
            ends_at=v.get("ends_at"),
            presenters=presenters,
            presenter_names=v.get("presenter_names", ""),
            documents=documents,
        )
        response = _detail(request, code)
        response.status_code = status.HTTP_201_CREATED
        return response


class AgendaStatusApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=AgendaStatusSerializer, responses=MeetingDetailSerializer)
    def post(self, request, code):
        meeting = selectors.meeting_get_for_user(user=request.user, code=code, action=Action.CHANGE)
        data = AgendaStatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.agenda_set_status(
            actor=request.user, meeting=meeting, status=data.validated_data["status"]
        )
        return _detail(request, code)


class InvitationApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=InvitationInputSerializer, responses={201: None})
    def post(self, request, code):
        meeting = selectors.meeting_get_for_user(user=request.user, code=code, action=Action.CHANGE)
        data = InvitationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        institutions = [
            _holder(key, f"institutions[{i}]")
            for i, key in enumerate(data.validated_data["institutions"])
        ]
        sent = services.invitation_send(
            actor=request.user,
            meeting=meeting,
            institutions=institutions,
            quota=data.validated_data.get("quota"),
        )
        return Response(
            {"invited": [i.institution.acronym for i in sent]}, status=status.HTTP_201_CREATED
        )


class ParticipantListApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=ParticipantOutputSerializer(many=True))
    def get(self, request, code):
        meeting = selectors.meeting_get_for_user(user=request.user, code=code)
        people = selectors.participants_for(user=request.user, meeting=meeting)
        return Response(ParticipantOutputSerializer(people, many=True).data)

    @extend_schema(request=NominationInputSerializer, responses={201: ParticipantOutputSerializer})
    def post(self, request, code):
        meeting = selectors.meeting_get_for_user(user=request.user, code=code)
        data = NominationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        institution = institution_find(key=v["institution"])
        if institution is None:
            raise DomainError(
                _("Unknown institution %(key)s.") % {"key": v["institution"]}, field="institution"
            )
        participant = services.nomination_create(
            actor=request.user,
            meeting=meeting,
            institution=institution,
            full_name=v["full_name"],
            email=v["email"],
            function=v.get("function", ""),
            nationality=_country(v.get("nationality"), "nationality"),
            passport_number=v.get("passport_number", ""),
            language=v["language"],
        )
        return Response(
            ParticipantOutputSerializer(participant).data, status=status.HTTP_201_CREATED
        )


class ParticipantDecisionApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=ParticipantDecisionSerializer, responses=ParticipantOutputSerializer)
    def post(self, request, pk):
        participant = selectors.participant_get_for_user(
            user=request.user, pk=pk, action=Action.CHANGE
        )
        data = ParticipantDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        participant = services.participant_decide(
            actor=request.user,
            participant=participant,
            approve=data.validated_data["approve"],
            expected_version=data.validated_data.get("version"),
        )
        return Response(ParticipantOutputSerializer(participant).data)


class AttendanceApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=AttendanceSerializer, responses={200: None})
    def post(self, request, code):
        meeting = selectors.meeting_get_for_user(user=request.user, code=code, action=Action.CHANGE)
        data = AttendanceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            attended = {int(k): v for k, v in data.validated_data["attended"].items()}
        except ValueError:
            raise DomainError(_("Participant ids are numbers."), field="attended") from None
        count = services.attendance_record(actor=request.user, meeting=meeting, attended=attended)
        return Response({"recorded": count})


class DocumentListApi(APIView):
    @extend_schema(responses=DocumentOutputSerializer(many=True))
    def get(self, request, code):
        meeting = selectors.meeting_detail(user=request.user, code=code)
        return Response(DocumentOutputSerializer(meeting.visible_documents, many=True).data)

    @extend_schema(request=DocumentInputSerializer, responses={201: DocumentOutputSerializer})
    def post(self, request, code):
        meeting = selectors.meeting_get_for_user(user=request.user, code=code, action=Action.CHANGE)
        data = DocumentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        document = services.document_create(
            actor=request.user,
            meeting=meeting,
            kind=v["kind"],
            titles=v["titles"],
            original_language=v["original_language"],
            audience=v["confidentiality"],
            symbol=v.get("symbol"),
        )
        return Response(DocumentOutputSerializer(document).data, status=status.HTTP_201_CREATED)


class DocumentFileApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": DocumentFileInputSerializer},
        responses={201: DocumentOutputSerializer},
    )
    def post(self, request, pk):
        document = selectors.document_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
        data = DocumentFileInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.document_file_add(
            actor=request.user,
            document=document,
            language=data.validated_data["language"],
            upload=data.validated_data["file"],
        )
        document = selectors.document_get_for_user(user=request.user, pk=document.pk)
        return Response(DocumentOutputSerializer(document).data, status=status.HTTP_201_CREATED)


def _minutes_response(request, meeting: Meeting) -> Response:
    minutes = selectors.minutes_of(meeting)
    if minutes is None or not selectors.minutes_visible_to(request.user, meeting, minutes):
        raise NotFound(_("These minutes are not available."))
    return Response(MinutesOutputSerializer(minutes).data)


class MinutesApi(APIView):
    @extend_schema(responses=MinutesOutputSerializer)
    def get(self, request, code):
        meeting = selectors.meeting_get_for_user(user=request.user, code=code)
        return _minutes_response(request, meeting)

    @extend_schema(request=MinutesInputSerializer, responses=MinutesOutputSerializer)
    def post(self, request, code):
        meeting = selectors.meeting_get_for_user(user=request.user, code=code, action=Action.CHANGE)
        data = MinutesInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        action = v["action"]
        minutes = selectors.minutes_of(meeting)
        if action == "draft":
            services.minutes_draft(
                actor=request.user, meeting=meeting, text=v.get("text", ""), language=v["language"]
            )
            return _minutes_response(request, meeting)
        if minutes is None:
            raise DomainError(_("This meeting has no minutes yet."), field="action")
        if action == "revise":
            services.minutes_revise(
                actor=request.user,
                minutes=minutes,
                text=v.get("text", ""),
                note=v.get("note", ""),
                expected_version=v.get("version"),
            )
        elif action == "circulate":
            if not v.get("deadline"):
                raise DomainError(_("Give the deadline for comments."), field="deadline")
            services.minutes_circulate(
                actor=request.user,
                minutes=minutes,
                deadline=v["deadline"],
                expected_version=v.get("version"),
            )
        elif action == "adopt":
            later = None
            if v.get("at_meeting"):
                later = selectors.meeting_find(user=request.user, code=v["at_meeting"])
                if later is None:
                    raise DomainError(_("Unknown meeting."), field="at_meeting")
            services.minutes_adopt(
                actor=request.user,
                minutes=minutes,
                at_meeting=later,
                expected_version=v.get("version"),
            )
        else:
            services.minutes_publish(
                actor=request.user, minutes=minutes, expected_version=v.get("version")
            )
        return _minutes_response(request, meeting)


class MinutesCommentApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=MinutesCommentInputSerializer, responses={201: None})
    def post(self, request, code):
        meeting = selectors.meeting_get_for_user(user=request.user, code=code)
        minutes = selectors.minutes_of(meeting)
        if minutes is None or not selectors.minutes_visible_to(request.user, meeting, minutes):
            raise NotFound(_("These minutes are not available."))
        data = MinutesCommentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = services.minutes_comment(
            actor=request.user, minutes=minutes, **data.validated_data
        )
        return Response(
            {"id": comment.pk, "revision": comment.revision}, status=status.HTTP_201_CREATED
        )


@extend_schema(parameters=[DecisionFilterSerializer])
class DecisionListApi(generics.ListCreateAPIView):
    """Every decision the caller may see, with its meeting, agenda item, number in the
    meeting's register and follow-up actions."""

    serializer_class = DecisionRegisterSerializer

    def get_queryset(self):
        filters = parse_query(DecisionFilterSerializer, self.request)
        return selectors.decision_register(
            user=self.request.user,
            filters=selectors.RegisterFilters(
                body=filters.get("body"),
                meeting=filters.get("meeting"),
                year=filters.get("year"),
                follow_up=filters.get("follow_up"),
            ),
        )

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    @extend_schema(request=DecisionInputSerializer, responses={201: DecisionRegisterSerializer})
    def post(self, request):
        data = DecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        body = _body(v["body"])
        if selectors.decision_reference_taken(reference=v["reference"]):
            raise DomainError(
                _("A decision with this reference exists already."),
                code="duplicate_reference",
                field="reference",
            )
        elections = [
            Election(
                position=_position(e["position"], f"elections[{i}].position"),
                holder=_holder(e["holder"], f"elections[{i}].holder"),
                start=e.get("start"),
                end=e.get("end"),
            )
            for i, e in enumerate(v.get("elections", []))
        ]
        decision_values = {
            "reference": v["reference"],
            "body": body,
            "date": v["date"],
            "kind": v["kind"],
            "voting": v["voting"],
            "votes_for": v.get("votes_for"),
            "votes_against": v.get("votes_against"),
            "abstentions": v.get("abstentions"),
            "titles": v["titles"],
            "texts": v.get("texts"),
            "elections": elections,
        }
        if v.get("meeting"):
            meeting = selectors.meeting_get_for_user(
                user=request.user, code=v["meeting"], action=Action.CHANGE
            )
            agenda_item = None
            if v.get("agenda_item"):
                agenda_item = selectors.agenda_item_find(meeting=meeting, pk=v["agenda_item"])
                if agenda_item is None:
                    raise DomainError(
                        _("Unknown agenda item %(id)s.") % {"id": v["agenda_item"]},
                        field="agenda_item",
                    )
            decision = services.decision_record_at_meeting(
                actor=request.user,
                meeting=meeting,
                agenda_item=agenda_item,
                number=v.get("register_number"),
                plan_items=_plan_items(v.get("plan_items", []), "plan_items"),
                **decision_values,
            )
        else:
            from smenet.governance.services import decision_record

            decision = decision_record(actor=request.user, **decision_values)
        decision = selectors.decision_get(user=request.user, reference=decision.reference)
        return Response(
            DecisionRegisterSerializer(decision, context={"today": timezone.localdate()}).data,
            status=status.HTTP_201_CREATED,
        )


class FollowUpCreateApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=FollowUpInputSerializer, responses={201: FollowUpOutputSerializer})
    def post(self, request, reference):
        decision = selectors.decision_get(user=request.user, reference=reference)
        data = FollowUpInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        action = services.follow_up_create(
            actor=request.user,
            decision=decision,
            owner=_holder(v["owner"], "owner"),
            due_on=v["due_on"],
            titles=v["titles"],
            plan_items=_plan_items(v.get("plan_items", []), "plan_items"),
        )
        return Response(
            FollowUpOutputSerializer(action, context={"today": timezone.localdate()}).data,
            status=status.HTTP_201_CREATED,
        )


class FollowUpDetailApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=FollowUpUpdateSerializer, responses=FollowUpOutputSerializer)
    def patch(self, request, pk):
        action = selectors.follow_up_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
        data = FollowUpUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        action = services.follow_up_update(
            actor=request.user,
            action=action,
            status=v["status"],
            expected_version=v.get("version"),
            notes=v.get("notes"),
        )
        action = selectors.follow_up_detail(pk=action.pk)
        return Response(
            FollowUpOutputSerializer(action, context={"today": timezone.localdate()}).data
        )
