from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from smenet.api.filters import StrictQuerySerializer, parse_query
from smenet.common.permissions import Action

from .. import selectors, services
from .serializers import (
    NewsDetailSerializer,
    NewsInputSerializer,
    NewsOutputSerializer,
    NewsPublishSerializer,
    NewsUpdateSerializer,
)


class NewsFilterSerializer(StrictQuerySerializer):
    language = serializers.ChoiceField(
        choices=["ar", "en", "fr"], required=False, help_text=_("Only articles in this language.")
    )


@extend_schema(parameters=[NewsFilterSerializer])
class NewsListApi(generics.ListAPIView):
    """Published news, newest first (the Secretariat also sees drafts and scheduled ones)."""

    serializer_class = NewsOutputSerializer

    def get_queryset(self):
        filters = parse_query(NewsFilterSerializer, self.request)
        return selectors.news_list(user=self.request.user, lang=filters.get("language"))

    @extend_schema(request=NewsInputSerializer, responses={201: NewsDetailSerializer})
    def post(self, request):
        data = NewsInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        article = services.news_create(actor=request.user, **data.validated_data)
        article = selectors.news_get_for_user(user=request.user, slug=article.slug)
        return Response(NewsDetailSerializer(article).data, status=status.HTTP_201_CREATED)


class NewsDetailApi(APIView):
    @extend_schema(responses=NewsDetailSerializer)
    def get(self, request, slug):
        return Response(
            NewsDetailSerializer(selectors.news_get_for_user(user=request.user, slug=slug)).data
        )

    @extend_schema(request=NewsUpdateSerializer, responses=NewsDetailSerializer)
    def patch(self, request, slug):
        article = selectors.news_get_for_user(user=request.user, slug=slug, action=Action.CHANGE)
        data = NewsUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        services.news_update(
            actor=request.user,
            article=article,
            expected_version=v["version"],
            titles=v["titles"],
            summaries=v["summaries"],
            bodies=v.get("bodies"),
        )
        return Response(
            NewsDetailSerializer(selectors.news_get_for_user(user=request.user, slug=slug)).data
        )


class NewsPublishApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=NewsPublishSerializer, responses=NewsDetailSerializer)
    def post(self, request, slug):
        article = selectors.news_get_for_user(user=request.user, slug=slug, action=Action.CHANGE)
        data = NewsPublishSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.news_publish(
            actor=request.user,
            article=article,
            at=data.validated_data.get("at"),
            expected_version=data.validated_data.get("version"),
        )
        return Response(
            NewsDetailSerializer(selectors.news_get_for_user(user=request.user, slug=slug)).data
        )
