"""Offer endpoints: settings, the mentors open to offers, sending, reading and answering offers.

Thin views: validate input, call one service or selector, render output."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.viewer import authenticated_user
from marketplace.api.pagination import CursorPagination
from marketplace.api.throttling import WriteScopedRateThrottle
from projects.api.conversation_serializers import MessageOutputSerializer
from projects.api.conversations import _ThreadView
from projects.api.inputs import MessageInputSerializer
from projects.api.pagination import paginated_response
from projects.offers.api import serializers as s
from projects.offers.selectors.mentors import mentor_list_for_offers, mentor_rows_attach_cards
from projects.offers.selectors.offers import (
    BOXES,
    offer_get_for_participant,
    offer_list_for_user,
    offer_settings_for_mentor,
)
from projects.offers.selectors.recommendations import mentor_recommendations_for_drafter
from projects.offers.services.acceptance import offer_accept
from projects.offers.services.offers import offer_create, offer_decline, offer_withdraw
from projects.offers.services.settings import offer_settings_update

TASK_FILTER_MAX = 10**18 - 1


class MyOfferSettingsView(APIView):
    """A mentor's offer settings: open or closed, the monthly cap, welcome topics, a note."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="me_offer_settings", responses=s.OfferSettingsOutputSerializer)
    def get(self, request: Request) -> Response:
        return Response(offer_settings_for_mentor(mentor=authenticated_user(request)))

    @extend_schema(
        operation_id="me_offer_settings_update",
        request=s.OfferSettingsInputSerializer,
        responses=s.OfferSettingsOutputSerializer,
    )
    def patch(self, request: Request) -> Response:
        form = s.OfferSettingsInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        topic_ids = data.pop("topic_ids", None)
        offer_settings_update(mentor=authenticated_user(request), data=data, topic_ids=topic_ids)
        return Response(offer_settings_for_mentor(mentor=authenticated_user(request)))


class _MentorPagination(CursorPagination):
    page_size = 20


class MentorListView(APIView):
    """Mentors open to offers (anyone may look): public cards, newest first."""

    permission_classes = [AllowAny]
    pagination_class = _MentorPagination

    @extend_schema(
        operation_id="mentors_open_to_offers",
        parameters=[s.MentorQuerySerializer],
        responses=s.OfferMentorCardSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        query = s.MentorQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        queryset = mentor_list_for_offers(**query.validated_data)
        paginator = self.pagination_class()
        rows = mentor_rows_attach_cards(
            rows=list(paginator.paginate_queryset(queryset, request, view=self))
        )
        return paginator.get_paginated_response(s.OfferMentorCardSerializer(rows, many=True).data)


class MyMentorSuggestionsView(APIView):
    """Up to five mentors open to offers that fit my skills, best first, each with its reasons
    (none while I have no skills: there would be nothing true to say)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="me_mentor_suggestions", responses=s.MentorSuggestionSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        rows = mentor_recommendations_for_drafter(drafter=authenticated_user(request))
        return Response(s.MentorSuggestionSerializer(rows, many=True).data)


def _offer_response(request: Request, offer_id: int, code: int = status.HTTP_200_OK) -> Response:
    offer = offer_get_for_participant(offer_id=offer_id, user=authenticated_user(request))
    data = s.OfferOutputSerializer(offer, context={"viewer": request.user}).data
    return Response(data, status=code)


class MentorOffersView(APIView):
    """A drafter offers a mentor a small, specific piece of work ("may I draft for you?")."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [*APIView.throttle_classes, WriteScopedRateThrottle]
    throttle_scope = "offers"

    @extend_schema(
        operation_id="mentors_offers_create",
        request=s.OfferInputSerializer,
        responses={201: s.OfferOutputSerializer},
    )
    def post(self, request: Request, handle: str) -> Response:
        form = s.OfferInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        offer = offer_create(
            mentor_handle=handle, drafter=authenticated_user(request), **form.validated_data
        )
        return _offer_response(request, offer.pk, status.HTTP_201_CREATED)


class MyOffersView(APIView):
    permission_classes = [IsAuthenticated]
    pagination_class = CursorPagination

    @extend_schema(
        operation_id="me_offers",
        parameters=[
            OpenApiParameter("box", str, enum=list(BOXES), required=False),
            OpenApiParameter(
                "task",
                # What the selector reads: up to 18 ASCII digits (0 matches no task).
                {"type": "integer", "minimum": 0, "maximum": TASK_FILTER_MAX},
                required=False,
                description="Only the offer this (private) task was made from.",
            ),
        ],
        responses=s.OfferOutputSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        box = request.query_params.get("box", "")
        task = request.query_params.get("task", "")
        queryset = offer_list_for_user(user=authenticated_user(request), box=box, task=task)
        return paginated_response(self, request, queryset, s.OfferOutputSerializer)


class OfferDetailView(APIView):
    """One offer, for its drafter and its mentor only (anyone else: 404)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="offers_retrieve", responses=s.OfferOutputSerializer)
    def get(self, request: Request, offer_id: int) -> Response:
        return _offer_response(request, offer_id)


class OfferAcceptView(APIView):
    """The mentor accepts: a private task filled by the drafter, and its engagement."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="offers_accept",
        request=s.OfferAcceptInputSerializer,
        responses={201: s.OfferOutputSerializer},
    )
    def post(self, request: Request, offer_id: int) -> Response:
        form = s.OfferAcceptInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        offer_accept(offer_id=offer_id, mentor=authenticated_user(request), **form.validated_data)
        return _offer_response(request, offer_id, status.HTTP_201_CREATED)


class OfferDeclineView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="offers_decline",
        request=s.OfferDeclineInputSerializer,
        responses=s.OfferOutputSerializer,
    )
    def post(self, request: Request, offer_id: int) -> Response:
        form = s.OfferDeclineInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        offer_decline(offer_id=offer_id, mentor=authenticated_user(request), **form.validated_data)
        return _offer_response(request, offer_id)


class OfferWithdrawView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="offers_withdraw", request=None, responses=s.OfferOutputSerializer)
    def post(self, request: Request, offer_id: int) -> Response:
        offer_withdraw(offer_id=offer_id, drafter=authenticated_user(request))
        return _offer_response(request, offer_id)


class OfferMessagesView(_ThreadView):
    """The conversation inside an offer (only its mentor and drafter): it exists only because
    of the offer."""

    thread_kwarg = "offer_id"

    @extend_schema(operation_id="offer_messages_list", responses=MessageOutputSerializer(many=True))
    def get(self, request: Request, **kwargs: int) -> Response:
        return super().get(request, **kwargs)

    @extend_schema(
        operation_id="offer_messages_create",
        request=MessageInputSerializer,
        responses={201: MessageOutputSerializer},
    )
    def post(self, request: Request, **kwargs: int) -> Response:
        return super().post(request, **kwargs)
