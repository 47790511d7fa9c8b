from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from smenet.api.filters import parse_query
from smenet.common.errors import DomainError
from smenet.common.permissions import Action
from smenet.registry import selectors, services

from .serializers import (
    CountryFilterSerializer,
    CountryOutputSerializer,
    InstitutionFilterSerializer,
    InstitutionOutputSerializer,
    InstitutionUpdateSerializer,
)


@extend_schema(parameters=[CountryFilterSerializer])
class CountryListApi(generics.ListAPIView):
    serializer_class = CountryOutputSerializer

    def get_queryset(self):
        filters = parse_query(CountryFilterSerializer, self.request)
        return selectors.country_list(region=filters.get("oic_group"), status=filters.get("status"))


class CountryDetailApi(APIView):
    @extend_schema(responses=CountryOutputSerializer)
    def get(self, request, iso3: str):
        return Response(CountryOutputSerializer(selectors.country_get(iso3=iso3)).data)


@extend_schema(parameters=[InstitutionFilterSerializer])
class InstitutionListApi(generics.ListAPIView):
    serializer_class = InstitutionOutputSerializer

    def get_queryset(self):
        filters = parse_query(InstitutionFilterSerializer, self.request)
        if "country" in filters and not selectors.country_exists(iso3=filters["country"]):
            raise DomainError(
                _("Unknown country code %(code)s.") % {"code": filters["country"].upper()},
                code="unknown_country",
                field="country",
            )
        return selectors.institution_list(
            user=self.request.user,
            country=filters.get("country"),
            type=filters.get("type"),
            status=filters.get("status"),
            category=filters.get("category"),
            region=filters.get("oic_group"),
            q=filters.get("q"),
        )


class InstitutionDetailApi(APIView):
    @extend_schema(responses=InstitutionOutputSerializer)
    def get(self, request, slug: str):
        inst = selectors.institution_get_for_user(user=request.user, slug=slug)
        return Response(InstitutionOutputSerializer(inst).data)

    @extend_schema(
        request=InstitutionUpdateSerializer,
        responses=InstitutionOutputSerializer,
        parameters=[OpenApiParameter("slug", str, OpenApiParameter.PATH)],
    )
    def patch(self, request, slug: str):
        inst = selectors.institution_get_for_user(
            user=request.user, slug=slug, action=Action.CHANGE
        )
        data = InstitutionUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        version = fields.pop("version")
        services.institution_update(
            actor=request.user, institution=inst, expected_version=version, **fields
        )
        fresh = selectors.institution_get_for_user(user=request.user, slug=slug)
        return Response(InstitutionOutputSerializer(fresh).data)
