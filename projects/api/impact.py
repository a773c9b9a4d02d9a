"""GET/PATCH /api/v1/me/impact/: a mentor's impact (what former drafters did next, with their
consent; thanks; the pay-it-forward chain) and whether the chain's size shows publicly."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.viewer import authenticated_user
from marketplace.api.inputs import InputSerializer
from projects.api.serializers import PersonSerializer
from projects.selectors.impact import impact_for_mentor
from projects.services.impact import impact_settings_update


class ImpactSettingsInput(InputSerializer):
    show_chain_publicly = serializers.BooleanField(
        help_text="Show how many people your former drafters have since helped on your profile."
    )


class WhatNextSerializer(serializers.Serializer):
    task_title = serializers.CharField()
    outcomes = serializers.ListField(child=serializers.CharField())
    note = serializers.CharField()
    created_at = serializers.DateTimeField()


class ImpactDrafterSerializer(serializers.Serializer):
    drafter = PersonSerializer()
    tasks = serializers.ListField(child=serializers.CharField())
    since_helped = serializers.IntegerField(help_text="People they have helped since, in turn.")
    what_next = WhatNextSerializer(many=True, help_text="Report-backs they chose to share.")


class ImpactThanksSerializer(serializers.Serializer):
    sender = PersonSerializer()
    body = serializers.CharField()
    task_title = serializers.CharField()
    created_at = serializers.DateTimeField()


class ImpactSerializer(serializers.Serializer):
    helped_count = serializers.IntegerField()
    chain_count = serializers.IntegerField(
        help_text="Distinct people reached through your former drafters (loops counted once)."
    )
    drafters = ImpactDrafterSerializer(many=True)
    thanks = ImpactThanksSerializer(many=True)
    show_chain_publicly = serializers.BooleanField()


class MyImpactView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="me_impact", responses=ImpactSerializer)
    def get(self, request: Request) -> Response:
        return Response(
            ImpactSerializer(impact_for_mentor(mentor=authenticated_user(request))).data
        )

    @extend_schema(
        operation_id="me_impact_update",
        request=ImpactSettingsInput,
        responses={200: ImpactSerializer, 400: OpenApiResponse(description="Malformed input.")},
    )
    def patch(self, request: Request) -> Response:
        # PATCH: a field left out is left as it is (the schema's body has no required field).
        form = ImpactSettingsInput(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        if "show_chain_publicly" in form.validated_data:
            impact_settings_update(mentor=authenticated_user(request), **form.validated_data)
        return Response(
            ImpactSerializer(impact_for_mentor(mentor=authenticated_user(request))).data
        )
