"""The limits and terms pages show (upload size, auto-release, feedback blindness, the length
of every text field a page fills in), so the browser never keeps a copy of a rule the server
enforces. Text limits come from the input serializers themselves (marketplace.api.limits)."""

from django.conf import settings
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.services.portfolio import PORTFOLIO_MAX_ITEMS
from accounts.services.profiles import AVATAR_MAX_BYTES, AVATAR_SIZE
from accounts.uploads import DOCUMENT_KINDS, JPEG, MAX_UPLOAD_BYTES
from marketplace.api.caching import PublicReadCaching
from marketplace.api.inputs import InputSerializer
from marketplace.api.limits import text_limits
from marketplace.api.schema import ErrorSerializer
from projects.api.inputs import StipendAmountField
from projects.offers.services.offers import OFFER_EXPIRY_DAYS
from projects.selectors.engagements import FEEDBACK_BLIND_PERIOD
from projects.stipends.services.ledger import stipend_after_fee
from projects.stipends.terms import AUTO_RELEASE_AFTER, FUNDING_WINDOW

ConfigSerializer = inline_serializer(
    "SiteConfig",
    {
        "upload": inline_serializer(
            "UploadLimits",
            {
                "max_bytes": serializers.IntegerField(),
                "extensions": serializers.ListField(child=serializers.CharField()),
            },
        ),
        "auto_release_days": serializers.IntegerField(),
        "funding_window_days": serializers.IntegerField(),
        "feedback_reveal_days": serializers.IntegerField(),
        "page_size_max": serializers.IntegerField(),
        "portfolio_max_items": serializers.IntegerField(),
        "avatar_max_mb": serializers.IntegerField(),
        "avatar_size_px": serializers.IntegerField(),
        "offer_expiry_days": serializers.IntegerField(
            help_text="An offer waits this long for an answer; reply rates count answers within it."
        ),
        "platform_fee_percent": serializers.FloatField(),
        "limits": serializers.DictField(
            child=serializers.DictField(child=serializers.IntegerField()),
            help_text="The most characters each text field of each form takes: "
            '{"task": {"title": 160, ...}, ...}, read from the input serializers.',
        ),
    },
)


class StipendQuoteQuery(InputSerializer):
    amount = StipendAmountField(help_text="A stipend in minor units (cents).")


class StipendQuoteSerializer(serializers.Serializer):
    amount = serializers.IntegerField(help_text="Minor units: what the mentor pays.")
    fee_amount = serializers.IntegerField(help_text="Minor units: the platform fee.")
    stipend_after_fee = serializers.IntegerField(
        help_text="Minor units: what the drafter receives."
    )
    platform_fee_percent = serializers.FloatField()


class SiteConfigView(PublicReadCaching, APIView):
    permission_classes = [AllowAny]
    public_cache_viewer_independent = True
    public_cache_max_age = 300

    @extend_schema(operation_id="site_config", responses=ConfigSerializer)
    def get(self, request: Request) -> Response:
        extensions = [f".{kind.extension}" for kind in DOCUMENT_KINDS]
        if JPEG in DOCUMENT_KINDS:
            extensions.append(".jpeg")  # the same format, under its other common name
        return Response(
            {
                "upload": {"max_bytes": MAX_UPLOAD_BYTES, "extensions": extensions},
                "auto_release_days": AUTO_RELEASE_AFTER.days,
                "funding_window_days": FUNDING_WINDOW.days,
                "feedback_reveal_days": FEEDBACK_BLIND_PERIOD.days,
                "page_size_max": settings.API_MAX_PAGE_SIZE,
                "portfolio_max_items": PORTFOLIO_MAX_ITEMS,
                "avatar_max_mb": AVATAR_MAX_BYTES // (1024 * 1024),
                "avatar_size_px": AVATAR_SIZE,
                "offer_expiry_days": OFFER_EXPIRY_DAYS,
                "limits": text_limits(),
                "platform_fee_percent": float(settings.PLATFORM_FEE_PERCENT),
            }
        )


class StipendQuoteView(PublicReadCaching, APIView):
    """What a stipend leaves the drafter, for the task editor's "you pay $150; the drafter
    receives $135" line: the payout's own arithmetic, so the page keeps no copy of it."""

    permission_classes = [AllowAny]
    public_cache_viewer_independent = True
    public_cache_max_age = 300

    @extend_schema(
        operation_id="site_stipend_quote",
        parameters=[StipendQuoteQuery],
        responses={200: StipendQuoteSerializer, 400: ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        query = StipendQuoteQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        amount = query.validated_data["amount"]
        after = stipend_after_fee(amount) or 0
        return Response(
            {
                "amount": amount,
                "fee_amount": amount - after,
                "stipend_after_fee": after,
                "platform_fee_percent": float(settings.PLATFORM_FEE_PERCENT),
            }
        )
