from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from smenet.api.filters import parse_query
from smenet.api.parsers import MultiPartParser
from smenet.common.permissions import Action
from smenet.knowledge import selectors, services
from smenet.registry.roles import require_secretariat

from .serializers import (
    BestPracticeFilterSerializer,
    BestPracticeInputSerializer,
    BestPracticeOutputSerializer,
    BestPracticeUpdateSerializer,
    InterestInputSerializer,
    PublicationInputSerializer,
    PublicationOutputSerializer,
    ReturnInputSerializer,
    SmeDefinitionOutputSerializer,
)


def _fresh(request, pk: int):
    return BestPracticeOutputSerializer(
        selectors.best_practice_get_for_user(user=request.user, pk=pk)
    ).data


class BestPracticeListApi(generics.ListCreateAPIView):
    serializer_class = BestPracticeOutputSerializer

    @extend_schema(parameters=[BestPracticeFilterSerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        filters = parse_query(BestPracticeFilterSerializer, self.request)
        return selectors.best_practice_list(user=self.request.user, **filters)

    @extend_schema(request=BestPracticeInputSerializer, responses=BestPracticeOutputSerializer)
    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        data = BestPracticeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        texts, fields = data.split()
        practice = services.best_practice_create(actor=request.user, texts=texts, **fields)
        return Response(_fresh(request, practice.pk), status=status.HTTP_201_CREATED)


class BestPracticeDetailApi(APIView):
    @extend_schema(responses=BestPracticeOutputSerializer)
    def get(self, request, pk: int):
        return Response(_fresh(request, pk))

    @extend_schema(request=BestPracticeUpdateSerializer, responses=BestPracticeOutputSerializer)
    def patch(self, request, pk: int):
        practice = selectors.best_practice_get_for_user(
            user=request.user, pk=pk, action=Action.CHANGE
        )
        data = BestPracticeUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        texts, fields = data.split()
        version = fields.pop("version")
        services.best_practice_update(
            actor=request.user, practice=practice, expected_version=version, texts=texts, **fields
        )
        return Response(_fresh(request, pk))


class BestPracticeSubmitApi(APIView):
    @extend_schema(request=None, responses=BestPracticeOutputSerializer)
    def post(self, request, pk: int):
        practice = selectors.best_practice_get_for_user(
            user=request.user, pk=pk, action=Action.CHANGE
        )
        services.best_practice_submit(actor=request.user, practice=practice)
        return Response(_fresh(request, pk))


class BestPracticeWithdrawApi(APIView):
    @extend_schema(request=None, responses=BestPracticeOutputSerializer)
    def post(self, request, pk: int):
        practice = selectors.best_practice_get_for_user(user=request.user, pk=pk)
        services.best_practice_withdraw(actor=request.user, practice=practice)
        return Response(_fresh(request, pk))


class BestPracticeReturnApi(APIView):
    @extend_schema(request=ReturnInputSerializer, responses=BestPracticeOutputSerializer)
    def post(self, request, pk: int):
        practice = selectors.best_practice_get_for_user(user=request.user, pk=pk)
        data = ReturnInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.best_practice_return(
            actor=request.user, practice=practice, comment=data.validated_data["comment"]
        )
        return Response(_fresh(request, pk))


class BestPracticePublishApi(APIView):
    @extend_schema(request=None, responses=BestPracticeOutputSerializer)
    def post(self, request, pk: int):
        practice = selectors.best_practice_get_for_user(user=request.user, pk=pk)
        services.best_practice_publish(actor=request.user, practice=practice)
        return Response(_fresh(request, pk))


class BestPracticeInterestApi(APIView):
    @extend_schema(request=InterestInputSerializer, responses={201: None})
    def post(self, request, pk: int):
        practice = selectors.best_practice_get_for_user(user=request.user, pk=pk)
        data = InterestInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.replication_interest_create(
            actor=request.user if request.user.is_authenticated else None,
            practice=practice,
            **data.validated_data,
        )
        return Response(status=status.HTTP_201_CREATED)


class PublicationListApi(generics.ListAPIView):
    serializer_class = PublicationOutputSerializer
    parser_classes = [MultiPartParser]

    def get_queryset(self):
        return selectors.publication_list(user=self.request.user)

    @extend_schema(
        request={"multipart/form-data": PublicationInputSerializer},
        responses={201: PublicationOutputSerializer},
        description="Upload a publication with one or more language versions (the "
        "Secretariat only). Texts as `title.<lang>`, `summary.<lang>`, `body.<lang>`; files as "
        "`files.<lang>`.",
    )
    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        require_secretariat(request.user)  # before reading the upload of anyone else
        data = PublicationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        texts, files, fields = data.split()
        publication = services.publication_create(
            actor=request.user, texts=texts, files=files, **fields
        )
        fresh = selectors.publication_get_for_user(user=request.user, pk=publication.pk)
        return Response(PublicationOutputSerializer(fresh).data, status=status.HTTP_201_CREATED)


class SmeDefinitionListApi(generics.ListAPIView):
    serializer_class = SmeDefinitionOutputSerializer

    def get_queryset(self):
        return selectors.sme_definition_list()
