from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response

from smenet.api.filters import parse_query
from smenet.common.errors import DomainError
from smenet.governance import selectors, services
from smenet.governance.models import Position
from smenet.registry.selectors import institution_find

from .serializers import (
    BodyOutputSerializer,
    MandateFilterSerializer,
    MandateInputSerializer,
    MandateOutputSerializer,
)


def _position(pk: int, field: str) -> Position:
    position = selectors.position_find(pk=pk)
    if position is None:
        raise DomainError(_("Unknown position %(id)s.") % {"id": pk}, field=field)
    return position


def _holder(key: str, field: str):
    holder = institution_find(key=key)
    if holder is None:
        raise DomainError(_("Unknown institution %(key)s.") % {"key": key}, field=field)
    return holder


class BodyListApi(generics.ListAPIView):
    serializer_class = BodyOutputSerializer

    def get_queryset(self):
        return selectors.body_list()


@extend_schema(parameters=[MandateFilterSerializer])
class MandateListApi(generics.ListCreateAPIView):
    serializer_class = MandateOutputSerializer

    def get_queryset(self):
        filters = parse_query(MandateFilterSerializer, self.request)
        if filters.get("body") and selectors.body_find(code=filters["body"]) is None:
            raise DomainError(_("Unknown body %(code)s.") % {"code": filters["body"]}, field="body")
        return selectors.mandate_list(
            body=filters.get("body"), current=filters.get("current"), holder=filters.get("holder")
        )

    @extend_schema(request=MandateInputSerializer, responses={201: MandateOutputSerializer})
    def post(self, request):
        data = MandateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        decision = None
        if values.get("decision"):
            decision = selectors.decision_find(reference=values["decision"])
            if decision is None:
                raise DomainError(_("Unknown decision."), field="decision")
        start = values.get("start") or (decision.date if decision else None)
        if start is None:
            raise DomainError(_("Give the start date."), field="start")
        mandate = services.mandate_create(
            actor=request.user,
            position=_position(values["position"], "position"),
            holder=_holder(values["holder"], "holder"),
            start=start,
            end=values.get("end"),
            decision=decision,
        )
        mandate = selectors.mandate_for_display(pk=mandate.pk)
        return Response(MandateOutputSerializer(mandate).data, status=status.HTTP_201_CREATED)
