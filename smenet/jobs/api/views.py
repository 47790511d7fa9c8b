from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import selectors
from .serializers import JobOutputSerializer


class JobDetailApi(APIView):
    """A background job of yours (an import, a report): its progress, then its result."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=JobOutputSerializer)
    def get(self, request, pk: int):
        job = selectors.job_get_for_user(user=request.user, pk=pk)
        return Response(JobOutputSerializer(job).data)
