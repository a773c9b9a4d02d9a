"""Closing one's own account: the marketplace lets go first, then the person is anonymised."""

from django.contrib.auth import logout
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers import AccountDeleteInputSerializer
from accounts.api.viewer import authenticated_user
from projects.services.account_closure import account_close


class MeDeleteView(APIView):
    """Delete the account: open tasks are cancelled, pending applications withdrawn, live
    engagements cancelled (a funded stipend refunded), then personal data goes while others'
    records stay. Logs the session out."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=AccountDeleteInputSerializer, responses={204: None})
    def post(self, request: Request) -> Response:
        form = AccountDeleteInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        account_close(user=authenticated_user(request), password=form.validated_data["password"])
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)
