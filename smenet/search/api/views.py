from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from smenet.search import selectors

from .serializers import SearchHitSerializer, SearchQuerySerializer, SearchResponseSerializer


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
