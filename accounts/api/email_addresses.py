"""The address a new account waits on: GET /me/email/, PUT /me/email/ (correct a typo before
it was confirmed), POST /me/email/resend/ (the confirmation link again)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.viewer import authenticated_user
from accounts.selectors.email_addresses import user_email_unverified
from accounts.services.email_addresses import email_address_correct, email_confirmation_resend
from marketplace.api.inputs import InputSerializer
from marketplace.api.limits import page_form
from marketplace.api.throttling import WriteScopedRateThrottle


class EmailStatusSerializer(serializers.Serializer):
    email = serializers.EmailField()
    verified = serializers.BooleanField(help_text="False until the confirmation link is opened.")


class EmailResendSerializer(EmailStatusSerializer):
    sent = serializers.BooleanField(
        help_text="False when the last link went out a moment ago (one e-mail per address every "
        "few minutes); that link still works."
    )


@page_form("email")
class EmailCorrectInputSerializer(InputSerializer):
    email = serializers.EmailField(max_length=254)


def _status(request: Request, email: str | None = None) -> Response:
    user = authenticated_user(request)
    waiting = user_email_unverified(user=user)
    body = {"email": email or user.email, "verified": waiting is None}
    return Response(EmailStatusSerializer(body).data)


class MyEmailView(APIView):
    """Whether my address is confirmed; correct it while it is not. A correction e-mails the
    new address, so it is throttled per person (API_THROTTLE_EMAIL_CORRECT)."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [*APIView.throttle_classes, WriteScopedRateThrottle]
    throttle_scope = "email_correct"

    @extend_schema(responses=EmailStatusSerializer)
    def get(self, request: Request) -> Response:
        return _status(request)

    @extend_schema(
        request=EmailCorrectInputSerializer,
        responses=EmailStatusSerializer,
        description="Replace a new account's unconfirmed address (a typo at sign-up) and send "
        "the confirmation link there. 409 `email_already_verified` once an address is "
        "confirmed; 400 `email_taken` for another account's address.",
    )
    def put(self, request: Request) -> Response:
        form = EmailCorrectInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        email = email_address_correct(
            request=request, user=authenticated_user(request), email=form.validated_data["email"]
        )
        return _status(request, email)


class MyEmailResendView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses=EmailResendSerializer,
        description="Send the confirmation link again (409 `email_already_verified` when "
        "there is nothing to confirm).",
    )
    def post(self, request: Request) -> Response:
        email, sent = email_confirmation_resend(request=request, user=authenticated_user(request))
        return Response(
            EmailResendSerializer({"email": email, "verified": False, "sent": sent}).data
        )
