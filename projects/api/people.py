"""Endpoints about people: introductions, the dashboard, recommendations, verified experience.

Thin views: validate input, call one service or selector, render output."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.viewer import authenticated_user
from marketplace.api.throttling import WriteScopedRateThrottle
from projects.api import inputs
from projects.api import people_serializers as ps
from projects.selectors.dashboard import dashboard_for_user
from projects.selectors.profiles import experience_get_public, profile_experience
from projects.services.introductions import introduction_create, introduction_respond


class IntroductionCreateView(APIView):
    permission_classes = [IsAuthenticated]
    throttle_classes = [*APIView.throttle_classes, WriteScopedRateThrottle]
    throttle_scope = "introductions"

    @extend_schema(
        operation_id="introductions_create",
        request=inputs.IntroductionInputSerializer,
        responses={201: ps.IntroductionOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        form = inputs.IntroductionInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        introduction = introduction_create(
            introducer=authenticated_user(request), **form.validated_data
        )
        return Response(
            ps.IntroductionOutputSerializer(introduction).data, status=status.HTTP_201_CREATED
        )


def _introduction_answer(accept: bool, name: str):
    class IntroductionAnswerView(APIView):
        permission_classes = [IsAuthenticated]

        @extend_schema(
            operation_id=f"introductions_{name}",
            request=None,
            responses=ps.IntroductionOutputSerializer,
        )
        def post(self, request: Request, introduction_id: int) -> Response:
            introduction = introduction_respond(
                introduction_id=introduction_id, drafter=authenticated_user(request), accept=accept
            )
            return Response(ps.IntroductionOutputSerializer(introduction).data)

    IntroductionAnswerView.__name__ = f"Introduction{name.title()}View"
    return IntroductionAnswerView


IntroductionAcceptView = _introduction_answer(True, "accept")


IntroductionDeclineView = _introduction_answer(False, "decline")


class DashboardView(APIView):
    """The signed-in person's home: mentor and drafter sections, next steps."""

    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="me_dashboard", responses=ps.DashboardSerializer)
    def get(self, request: Request) -> Response:
        # The selector returns DashboardSerializer's JSON itself (tests/projects/
        # test_dashboard_rows.py holds them equal): the serializer pass was a tenth of the read.
        return Response(dashboard_for_user(user=authenticated_user(request)))


class ProfileExperienceView(APIView):
    """Verified experience, thanks shown by choice, and how many people a mentor helped."""

    permission_classes = [AllowAny]

    @extend_schema(operation_id="profiles_experience", responses=ps.ExperienceSerializer)
    def get(self, request: Request, handle: str) -> Response:
        return Response(ps.ExperienceSerializer(profile_experience(handle=handle)).data)


class ExperienceView(APIView):
    """One verified experience, public, with an "Add to LinkedIn" link."""

    permission_classes = [AllowAny]

    @extend_schema(operation_id="experience_retrieve", responses=ps.PublicExperienceSerializer)
    def get(self, request: Request, engagement_id: int) -> Response:
        experience = experience_get_public(engagement_id=engagement_id)
        return Response(ps.PublicExperienceSerializer(experience).data)
