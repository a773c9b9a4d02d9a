from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers import MeInputSerializer, MeOutputSerializer
from accounts.selectors import user_get_with_profile
from accounts.services import profile_update


class MeView(APIView):
    """The signed-in user's account and profile."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeOutputSerializer)
    def get(self, request: Request) -> Response:
        user = user_get_with_profile(user_id=request.user.pk)
        return Response(MeOutputSerializer(user).data)

    @extend_schema(request=MeInputSerializer, responses=MeOutputSerializer)
    def patch(self, request: Request) -> Response:
        form = MeInputSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        profile_update(user=request.user, data=form.validated_data)
        user = user_get_with_profile(user_id=request.user.pk)
        return Response(MeOutputSerializer(user).data)
