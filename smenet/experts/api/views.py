"""The roster API: experts within the caller's visibility, showing only consented parts."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from smenet.api.filters import parse_query
from smenet.common.permissions import Action

from .. import selectors, services
from .serializers import (
    ExpertDetailSerializer,
    ExpertFilterSerializer,
    ExpertOutputSerializer,
    ExpertUpdateSerializer,
    PastActivitySerializer,
)


class ExpertListApi(generics.ListAPIView):
    serializer_class = ExpertOutputSerializer

    @extend_schema(parameters=[ExpertFilterSerializer], responses=ExpertOutputSerializer(many=True))
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        filters = selectors.check_filters(parse_query(ExpertFilterSerializer, self.request))
        return selectors.expert_list(user=self.request.user, **filters)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return [selectors.expert_card(user=self.request.user, expert=e) for e in page]


def _detail(request, pk: int) -> dict:
    expert = selectors.expert_get_for_user(user=request.user, pk=pk)
    card = selectors.expert_card(user=request.user, expert=expert)
    data = dict(ExpertOutputSerializer(card).data)
    activities = selectors.expert_activities(user=request.user, expert=expert)
    data["activities"] = PastActivitySerializer(activities, many=True).data
    return data


class ExpertDetailApi(APIView):
    @extend_schema(request=ExpertUpdateSerializer, responses=ExpertDetailSerializer)
    def patch(self, request, pk: int):
        """The Secretariat, the expert's institution's focal points and the expert change the
        profile (404 for anyone else); the consent has its own page."""
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        expert = selectors.expert_get_for_user(user=request.user, pk=pk, action=Action.CHANGE)
        data = ExpertUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        version = fields.pop("version")
        if "countries" in fields:
            fields["countries"] = selectors.countries_by_codes(fields.pop("countries"))
        services.expert_update(
            actor=request.user, expert=expert, expected_version=version, **fields
        )
        return Response(_detail(request, pk))

    @extend_schema(responses=ExpertDetailSerializer)
    def get(self, request, pk: int):
        return Response(_detail(request, pk))
