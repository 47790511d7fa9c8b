"""Account endpoints of the API: token creation and the caller's own identity and roles."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from smenet.common.errors import DomainError
from smenet.registry import roles


class TokenCreateApi(APIView):
    """Exchange an e-mail address and password for an API token."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "TokenRequest"

        email = serializers.EmailField()
        password = serializers.CharField(trim_whitespace=False, max_length=4096)

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "Token"

        token = serializers.CharField()

    @extend_schema(
        request=InputSerializer, responses=OutputSerializer, operation_id="auth_token_create"
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        # The Django request: django-axes counts the failure and marks a lockout on it.
        user = authenticate(
            request._request,
            username=data.validated_data["email"].lower(),
            password=data.validated_data["password"],
        )
        if user is None:
            raise DomainError(
                _("Unknown e-mail address or wrong password."), code="invalid_credentials"
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class MeApi(APIView):
    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "Me"

        email = serializers.EmailField()
        full_name = serializers.CharField()
        roles = serializers.ListField(child=serializers.DictField())

    @extend_schema(responses=OutputSerializer)
    def get(self, request):
        user = request.user
        assignments = roles._assignments(user)
        return Response(
            {
                "email": user.email,
                "full_name": user.full_name,
                "roles": [{"role": r, "institution": i} for r, i in assignments],
            }
        )
