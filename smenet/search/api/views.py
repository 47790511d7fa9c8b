from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from smenet.jobs.api.serializers import JobOutputSerializer
from smenet.search import selectors, services

from .serializers import (
    IndexStatusSerializer,
    SearchHitSerializer,
    SearchQuerySerializer,
    SearchResponseSerializer,
)


class SearchApi(APIView):
    """One search over everything the caller may see, best first (docs/contracts.md, "HTTP API")."""

    @extend_schema(
        parameters=[
            SearchQuerySerializer,
            OpenApiParameter("lang", str, description="Language of titles and excerpts."),
        ],
        responses=SearchResponseSerializer,
    )
    def get(self, request):
        # PostgreSQL and HTML refuse NUL; it carries no meaning in a query, so drop it.
        params = {k: v.replace("\x00", "") for k, v in request.query_params.items() if k != "lang"}
        data = SearchQuerySerializer(data=params)
        data.is_valid(raise_exception=True)
        f = data.validated_data
        page_size = f["page_size"]
        result = selectors.search(
            user=request.user,
            q=f["q"],
            lang=request.LANGUAGE_CODE,
            types=f.get("type"),
            country=f.get("country"),
            subject=f.get("subject"),
            language=f.get("language"),
            offset=(f["page"] - 1) * page_size,
            limit=page_size,
        )
        return Response(
            {
                "count": result.count,
                "results": SearchHitSerializer(result.hits, many=True).data,
                "suggestion": result.suggestion,
            }
        )


class SearchIndexApi(APIView):
    """The search index, for the Secretariat: its state (``current``, ``stale``: built with
    another analysis, ``empty``), documents and vectors, the latest re-indexing; ``POST``
    re-indexes everything in the task worker (202 with the job; a re-indexing already under
    way is returned instead of a second one). Searches keep answering meanwhile."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=IndexStatusSerializer)
    def get(self, request):
        return Response(
            IndexStatusSerializer(selectors.index_status_for_user(user=request.user)).data
        )

    @extend_schema(request=None, responses={202: JobOutputSerializer})
    def post(self, request):
        job = services.reindex_start(actor=request.user)
        return Response(
            JobOutputSerializer(job).data,
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": reverse("api:job-detail", kwargs={"pk": job.pk})},
        )
