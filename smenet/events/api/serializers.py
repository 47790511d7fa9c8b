from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from smenet.api.fields import TranslatedField, TranslatedNamesField
from smenet.api.filters import StrictInputSerializer, StrictQuerySerializer
from smenet.governance.api.serializers import ElectionInputSerializer
from smenet.governance.choices import DecisionKind, VotingMethod
from smenet.governance.models import Decision
from smenet.registry.api.serializers import LanguageMapField

from ..choices import (
    ActionStatus,
    AgendaStatus,
    Audience,
    DocumentKind,
    MeetingKind,
    MeetingMode,
    MeetingStatus,
    MinutesStatus,
)
from ..models import AgendaItem, Document, FollowUpAction, Meeting, Participant


class TextMapField(LanguageMapField):
    """A language map of longer texts (descriptions, summaries, bodies)."""

    def __init__(self, *, max_length: int = 20000, **kwargs):
        serializers.DictField.__init__(
            self, child=serializers.CharField(allow_blank=True, max_length=max_length), **kwargs
        )


@extend_schema_field(OpenApiTypes.DATETIME)
class VenueDateTimeField(serializers.Field):
    """An aware date-time written in the meeting's own zone: ``2025-10-07T10:00:00+04:00``."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, value):
        moment = getattr(value, self.field_name if self.source == self.field_name else self.source)
        if moment is None:
            return None
        meeting = value if isinstance(value, Meeting) else value.meeting
        return moment.astimezone(zoneinfo.ZoneInfo(meeting.time_zone)).isoformat()


class MeetingOutputSerializer(serializers.ModelSerializer):
    title = TranslatedField("title")
    titles = TranslatedNamesField("title")
    body = serializers.SlugRelatedField(slug_field="code", read_only=True)
    body_name = serializers.SerializerMethodField()
    start = VenueDateTimeField()
    end = VenueDateTimeField()
    country = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    ics = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "code",
            "title",
            "titles",
            "kind",
            "body",
            "body_name",
            "number",
            "start",
            "end",
            "all_day",
            "time_zone",
            "city",
            "country",
            "mode",
            "status",
            "audience",
            "registration_open",
            "url",
            "ics",
            "version",
            "sequence",
            "is_sample",
        ]

    def get_body_name(self, obj: Meeting) -> str | None:
        from smenet.common.translation import pick, translations_dict

        return pick(translations_dict(obj.body, "name"))[0] if obj.body_id else None

    def get_ics(self, obj: Meeting) -> str:
        return f"/meetings/{obj.code}.ics"


class AgendaItemSerializer(serializers.ModelSerializer):
    number = serializers.SerializerMethodField()
    title = TranslatedField("title")
    titles = TranslatedNamesField("title")
    starts_at = serializers.SerializerMethodField()
    ends_at = serializers.SerializerMethodField()
    presenters = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    plan_items = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "number",
            "parent",
            "title",
            "titles",
            "starts_at",
            "ends_at",
            "presenters",
            "presenter_names",
            "documents",
            "plan_items",
        ]

    def get_number(self, obj) -> str:
        return self.context.get("numbers", {}).get(obj.pk, "")

    def _local(self, value) -> str | None:
        zone = self.context.get("zone")
        return value.astimezone(zone).isoformat() if value and zone else None

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_starts_at(self, obj) -> str | None:
        return self._local(obj.starts_at)

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_ends_at(self, obj) -> str | None:
        return self._local(obj.ends_at)

    def get_presenters(self, obj) -> list[str]:
        return [i.acronym for i in obj.presenters.all()]

    def get_documents(self, obj) -> list[str]:
        return [d.symbol for d in getattr(obj, "visible_documents", [])]

    def get_plan_items(self, obj) -> list[str]:
        return [p.key for p in obj.plan_items.all()]


class DocumentOutputSerializer(serializers.ModelSerializer):
    title = TranslatedField("title")
    titles = TranslatedNamesField("title")
    confidentiality = serializers.CharField(source="audience")
    files = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "symbol",
            "kind",
            "title",
            "titles",
            "confidentiality",
            "original_language",
            "files",
        ]

    @extend_schema_field(
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "language": {"type": "string"},
                    "original": {"type": "boolean"},
                    "url": {"type": "string"},
                    "size": {"type": "integer"},
                    "uploaded_at": {"type": "string", "format": "date-time"},
                },
            },
        }
    )
    def get_files(self, obj) -> list[dict[str, Any]]:
        files = getattr(obj, "current_files", None)
        if files is None:
            files = [f for f in obj.files.all() if f.replaced_at is None]
        return [
            {
                "language": f.language,
                "original": f.language == obj.original_language,
                "url": f"/meetings/documents/{f.pk}/",
                "size": f.size,
                "uploaded_at": f.uploaded_at.isoformat(),
            }
            for f in files
        ]


class FollowUpOutputSerializer(serializers.ModelSerializer):
    title = TranslatedField("title")
    owner = serializers.SlugRelatedField(slug_field="acronym", read_only=True)
    plan_items = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = FollowUpAction
        fields = [
            "id",
            "title",
            "owner",
            "due_on",
            "status",
            "completed_on",
            "overdue",
            "plan_items",
            "version",
        ]

    def get_overdue(self, obj) -> bool:
        return obj.is_overdue(self.context.get("today") or timezone.localdate())

    @extend_schema_field(
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "key": {"type": "string"},
                    "title": {"type": "string"},
                    "status": {"type": "string"},
                    "percent": {"type": "integer", "nullable": True},
                },
            },
        }
    )
    def get_plan_items(self, obj) -> list[dict[str, Any]]:
        from smenet.common.translation import pick, translations_dict

        return [
            {
                "key": p.key,
                "title": pick(translations_dict(p, "title"))[0],
                "status": p.status,
                "percent": p.percent,
            }
            for p in obj.plan_items.all()
        ]


class DecisionRegisterSerializer(serializers.ModelSerializer):
    """A decision with its place in the register: meeting, agenda item, number, follow-up."""

    body = serializers.SlugRelatedField(slug_field="code", read_only=True)
    title = TranslatedField("title")
    titles = TranslatedNamesField("title")
    text = TranslatedField("text")
    meeting = serializers.SerializerMethodField()
    agenda_item = serializers.SerializerMethodField()
    register_number = serializers.SerializerMethodField()
    follow_up = FollowUpOutputSerializer(source="follow_up_actions", many=True, read_only=True)

    class Meta:
        model = Decision
        fields = [
            "reference",
            "body",
            "date",
            "kind",
            "voting",
            "votes_for",
            "votes_against",
            "abstentions",
            "title",
            "titles",
            "text",
            "source_url",
            "is_sample",
            "meeting",
            "agenda_item",
            "register_number",
            "follow_up",
        ]

    def _entry(self, obj):
        try:
            return obj.meeting_link
        except Decision.meeting_link.RelatedObjectDoesNotExist:
            return None

    def get_meeting(self, obj) -> str | None:
        entry = self._entry(obj)
        return entry.meeting.code if entry else None

    def get_agenda_item(self, obj) -> int | None:
        entry = self._entry(obj)
        return entry.agenda_item_id if entry else None

    def get_register_number(self, obj) -> int | None:
        entry = self._entry(obj)
        return entry.number if entry else None


class MeetingDetailSerializer(MeetingOutputSerializer):
    description = TranslatedField("description")
    venue = TranslatedField("venue")
    postponed_from = serializers.SerializerMethodField()
    status_reason = serializers.CharField(read_only=True)
    join_url = serializers.SerializerMethodField()
    agenda_status = serializers.SerializerMethodField()
    agenda = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    minutes_status = serializers.SerializerMethodField()
    decisions = serializers.SerializerMethodField()

    class Meta(MeetingOutputSerializer.Meta):
        fields = [
            *MeetingOutputSerializer.Meta.fields,
            "description",
            "venue",
            "postponed_from",
            "status_reason",
            "join_url",
            "quota_per_institution",
            "agenda_status",
            "agenda",
            "documents",
            "minutes_status",
            "decisions",
        ]

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_postponed_from(self, obj) -> str | None:
        return obj.postponed_from.astimezone(obj.zone).isoformat() if obj.postponed_from else None

    def get_join_url(self, obj) -> str | None:
        return obj.join_url or None if self.context.get("show_join") else None

    @extend_schema_field(serializers.ChoiceField(choices=AgendaStatus.choices))
    def get_agenda_status(self, obj) -> str:
        versions = list(obj.agenda_versions.all())
        return versions[0].status if versions else AgendaStatus.DRAFT

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_agenda(self, obj):
        from ..services import agenda_numbering

        items = list(obj.agenda_items.all())
        context = {"numbers": agenda_numbering(items), "zone": obj.zone}
        items.sort(key=lambda i: [int(p) for p in context["numbers"][i.pk].split(".")])
        return AgendaItemSerializer(items, many=True, context=context).data

    @extend_schema_field(DocumentOutputSerializer(many=True))
    def get_documents(self, obj):
        return DocumentOutputSerializer(obj.visible_documents, many=True, context=self.context).data

    @extend_schema_field(serializers.ChoiceField(choices=MinutesStatus.choices))
    def get_minutes_status(self, obj) -> str:
        return self.context.get("minutes_status", MinutesStatus.NONE)

    @extend_schema_field(
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "number": {"type": "integer"},
                    "reference": {"type": "string"},
                    "title": {"type": "string"},
                    "agenda_item": {"type": "integer", "nullable": True},
                    "follow_up": {"type": "array", "items": {"type": "object"}},
                },
            },
        }
    )
    def get_decisions(self, obj) -> list[dict[str, Any]]:
        from smenet.common.translation import pick, translations_dict

        out = []
        for entry in obj.decision_links.all():
            out.append(
                {
                    "number": entry.number,
                    "reference": entry.decision.reference,
                    "title": pick(translations_dict(entry.decision, "title"))[0],
                    "agenda_item": entry.agenda_item_id,
                    "follow_up": FollowUpOutputSerializer(
                        entry.decision.follow_up_actions.all(), many=True, context=self.context
                    ).data,
                }
            )
        return out


def _parse_moment(value: str, *, end: bool) -> datetime.datetime:
    """A date (whole day, UTC) or an ISO 8601 date-time (with an offset, else UTC)."""
    try:
        if len(value) == 10:
            day = datetime.date.fromisoformat(value)
            if end:
                day += datetime.timedelta(days=1)
            return datetime.datetime.combine(day, datetime.time(0), tzinfo=datetime.UTC)
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise serializers.ValidationError(
            _(
                "Give a date (2025-10-07) or a date and time with its offset (2025-10-07T10:00+04:00)."
            )
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


@extend_schema_field(OpenApiTypes.STR)
class MomentFilter(serializers.Field):
    def __init__(self, *, end: bool, **kwargs):
        self.end = end
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or len(data) > 40:
            raise serializers.ValidationError(_("Give a date such as 2025-10-07."))
        return _parse_moment(data.strip(), end=self.end)

    def to_representation(self, value):
        return value.isoformat()


class _MeetingFilterBase(StrictQuerySerializer):
    body = serializers.SlugField(required=False, max_length=60)
    country = serializers.RegexField(
        r"^[A-Za-z]{3}$",
        required=False,
        error_messages={"invalid": _("An ISO 3166 alpha-3 code, such as AZE.")},
    )
    status = serializers.ChoiceField(choices=MeetingStatus.choices, required=False)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if attrs.get("from") and attrs.get("to") and attrs["from"] >= attrs["to"]:
            raise serializers.ValidationError({"to": [_("“to” comes before “from”.")]})
        if attrs.get("country"):
            attrs["country"] = attrs["country"].upper()
        return attrs


MeetingFilterSerializer = type(
    "MeetingFilterSerializer",
    (_MeetingFilterBase,),
    {
        "from": MomentFilter(end=False, help_text=_("Meetings ending on or after this date.")),
        "to": MomentFilter(end=True, help_text=_("Meetings starting on or before this date.")),
    },
)


class WallClockMixin:
    """Keep the wall-clock time a client gave for the venue: DRF would read a date-time without
    an offset in the server's zone; the service puts it in the meeting's zone instead."""

    wall_clock_fields: tuple[str, ...] = ()

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        for name in self.wall_clock_fields:
            raw = data.get(name) if hasattr(data, "get") else None
            if isinstance(raw, str) and name in values and not _has_offset(raw):
                values[name] = values[name].replace(tzinfo=None)
        return values


class MeetingInputSerializer(WallClockMixin, StrictInputSerializer):
    wall_clock_fields = ("start", "end")

    code = serializers.SlugField(max_length=80)
    titles = LanguageMapField()
    descriptions = TextMapField(required=False)
    venues = LanguageMapField(required=False)
    kind = serializers.ChoiceField(choices=MeetingKind.choices, default=MeetingKind.STATUTORY)
    body = serializers.SlugField(max_length=60, required=False, allow_null=True)
    number = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=99)
    mode = serializers.ChoiceField(choices=MeetingMode.choices, default=MeetingMode.IN_PERSON)
    join_url = serializers.URLField(required=False, allow_blank=True, max_length=500)
    city = serializers.CharField(required=False, allow_blank=True, max_length=100)
    country = serializers.RegexField(r"^[A-Za-z]{3}$", required=False, allow_null=True)
    time_zone = serializers.CharField(max_length=64, help_text=_("An IANA name such as Asia/Baku."))
    start = serializers.DateTimeField(
        help_text=_("In the venue's time: 2026-05-12T09:30 (or with an offset).")
    )
    end = serializers.DateTimeField()
    all_day = serializers.BooleanField(default=False)
    status = serializers.ChoiceField(
        choices=[
            (MeetingStatus.PLANNED, MeetingStatus.PLANNED.label),
            (MeetingStatus.CONFIRMED, MeetingStatus.CONFIRMED.label),
        ],
        default=MeetingStatus.PLANNED,
    )
    audience = serializers.ChoiceField(choices=Audience.choices, default=Audience.PUBLIC)
    registration_open = serializers.BooleanField(default=False)
    quota_per_institution = serializers.IntegerField(default=2, min_value=1, max_value=50)
    capacity = serializers.IntegerField(required=False, allow_null=True, min_value=1)


def _has_offset(raw: str) -> bool:
    tail = raw[10:]
    return raw.endswith("Z") or "+" in tail or "-" in tail


class MeetingUpdateSerializer(WallClockMixin, StrictInputSerializer):
    wall_clock_fields = ("start", "end")
    version = serializers.IntegerField(min_value=1)
    titles = LanguageMapField(required=False)
    descriptions = TextMapField(required=False)
    venues = LanguageMapField(required=False)
    mode = serializers.ChoiceField(choices=MeetingMode.choices, required=False)
    join_url = serializers.URLField(required=False, allow_blank=True, max_length=500)
    city = serializers.CharField(required=False, allow_blank=True, max_length=100)
    time_zone = serializers.CharField(max_length=64, required=False)
    start = serializers.DateTimeField(required=False)
    end = serializers.DateTimeField(required=False)
    audience = serializers.ChoiceField(choices=Audience.choices, required=False)
    registration_open = serializers.BooleanField(required=False)
    quota_per_institution = serializers.IntegerField(required=False, min_value=1, max_value=50)


class StatusInputSerializer(WallClockMixin, StrictInputSerializer):
    wall_clock_fields = ("start", "end")
    action = serializers.ChoiceField(choices=["confirm", "postpone", "cancel", "held"])
    start = serializers.DateTimeField(required=False)
    end = serializers.DateTimeField(required=False)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    version = serializers.IntegerField(
        required=False, min_value=1, help_text="The version you read; a stale one gets 409."
    )


class AgendaItemInputSerializer(WallClockMixin, StrictInputSerializer):
    wall_clock_fields = ("starts_at", "ends_at")
    titles = LanguageMapField()
    descriptions = TextMapField(required=False)
    parent = serializers.IntegerField(required=False, allow_null=True)
    order = serializers.IntegerField(required=False, min_value=1, max_value=999)
    starts_at = serializers.DateTimeField(required=False)
    ends_at = serializers.DateTimeField(required=False)
    presenters = serializers.ListField(child=serializers.CharField(max_length=80), required=False)
    presenter_names = serializers.CharField(required=False, allow_blank=True, max_length=300)
    documents = serializers.ListField(child=serializers.CharField(max_length=120), required=False)


class AgendaStatusSerializer(StrictInputSerializer):
    status = serializers.ChoiceField(choices=AgendaStatus.choices)


class InvitationInputSerializer(StrictInputSerializer):
    institutions = serializers.ListField(
        child=serializers.CharField(max_length=80), min_length=1, max_length=500
    )
    quota = serializers.IntegerField(required=False, min_value=1, max_value=50)


class NominationInputSerializer(StrictInputSerializer):
    institution = serializers.CharField(max_length=80)
    full_name = serializers.CharField(max_length=200)
    email = serializers.EmailField()
    function = serializers.CharField(required=False, allow_blank=True, max_length=200)
    nationality = serializers.RegexField(r"^[A-Za-z]{3}$", required=False, allow_null=True)
    passport_number = serializers.CharField(required=False, allow_blank=True, max_length=30)
    language = serializers.ChoiceField(choices=["ar", "en", "fr"], default="en")


class ParticipantOutputSerializer(serializers.ModelSerializer):
    institution = serializers.SlugRelatedField(slug_field="acronym", read_only=True)

    class Meta:
        model = Participant
        fields = [
            "id",
            "full_name",
            "email",
            "function",
            "institution",
            "organisation",
            "status",
            "attended",
            "language",
            "version",
        ]


class ParticipantDecisionSerializer(StrictInputSerializer):
    approve = serializers.BooleanField()
    version = serializers.IntegerField(
        required=False, min_value=1, help_text="The version you read; a stale one gets 409."
    )


class AttendanceSerializer(StrictInputSerializer):
    attended = serializers.DictField(
        child=serializers.BooleanField(), help_text=_("Participant id → present.")
    )


class DocumentInputSerializer(StrictInputSerializer):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    titles = LanguageMapField()
    original_language = serializers.ChoiceField(choices=["ar", "en", "fr"])
    confidentiality = serializers.ChoiceField(choices=Audience.choices, default=Audience.PUBLIC)
    symbol = serializers.CharField(
        required=False, max_length=120, help_text=_("Generated from the body's rule when left out.")
    )


class DocumentFileInputSerializer(StrictInputSerializer):
    language = serializers.ChoiceField(choices=["ar", "en", "fr"])
    file = serializers.FileField()


class MinutesInputSerializer(StrictInputSerializer):
    action = serializers.ChoiceField(choices=["draft", "revise", "circulate", "adopt", "publish"])
    text = serializers.CharField(required=False, max_length=200000)
    language = serializers.ChoiceField(choices=["ar", "en", "fr"], default="en")
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)
    deadline = serializers.DateTimeField(required=False)
    at_meeting = serializers.SlugField(required=False, max_length=80)
    version = serializers.IntegerField(required=False, min_value=1)


class MinutesCommentInputSerializer(StrictInputSerializer):
    text = serializers.CharField(max_length=10000)
    is_objection = serializers.BooleanField(default=False)


class MinutesOutputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=MinutesStatus.choices)
    language = serializers.CharField()
    text = serializers.CharField()
    comment_deadline = serializers.DateTimeField(allow_null=True)
    adoption_method = serializers.CharField()
    adopted_at = serializers.DateTimeField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField()


class DecisionInputSerializer(StrictInputSerializer):
    reference = serializers.CharField(max_length=60)
    body = serializers.SlugField(max_length=60)
    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=DecisionKind.choices)
    voting = serializers.ChoiceField(choices=VotingMethod.choices)
    votes_for = serializers.IntegerField(required=False, min_value=0)
    votes_against = serializers.IntegerField(required=False, min_value=0)
    abstentions = serializers.IntegerField(required=False, min_value=0)
    titles = LanguageMapField()
    texts = LanguageMapField(required=False)
    elections = ElectionInputSerializer(many=True, required=False)
    meeting = serializers.SlugField(
        required=False, max_length=80, help_text=_("Code of the meeting that took it.")
    )
    agenda_item = serializers.IntegerField(required=False, help_text=_("Id of the agenda item."))
    register_number = serializers.IntegerField(required=False, min_value=1, max_value=999)
    plan_items = serializers.ListField(child=serializers.IntegerField(), required=False)


class DecisionFilterSerializer(StrictQuerySerializer):
    body = serializers.SlugField(required=False, max_length=60)
    meeting = serializers.SlugField(required=False, max_length=80)
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2200)
    follow_up = serializers.ChoiceField(choices=["open", "overdue", "done", "none"], required=False)


class FollowUpInputSerializer(StrictInputSerializer):
    owner = serializers.CharField(max_length=80)
    due_on = serializers.DateField()
    titles = LanguageMapField()
    plan_items = serializers.ListField(child=serializers.IntegerField(), required=False)


class FollowUpUpdateSerializer(StrictInputSerializer):
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    version = serializers.IntegerField(required=False, min_value=1)
    notes = LanguageMapField(required=False)
