"""Thin API views: validate input → one service or selector → shape output."""

from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api import serializers as s
from accounts.api.viewer import authenticated_user
from accounts.selectors.consent import consents_for_student
from accounts.selectors.institutions import memberships_for_user
from accounts.selectors.portfolio import portfolio_item_get_for_owner, portfolio_items_for_owner
from accounts.selectors.profiles import (
    profile_get_public,
    profile_handle_current,
    user_get_with_profile,
)
from accounts.selectors.skills import skill_search, user_skills_for_user
from accounts.services.consent import consent_grant, consent_revoke
from accounts.services.institutions import (
    institution_staff_add,
    membership_details_update,
    membership_leave,
)
from accounts.services.portfolio import (
    portfolio_item_create,
    portfolio_item_delete,
    portfolio_item_update,
    portfolio_reorder,
)
from accounts.services.profiles import avatar_remove, avatar_set, profile_update
from accounts.services.skills import skill_propose, user_skills_set
from marketplace.api.pagination import CursorPagination
from marketplace.api.schema import ErrorSerializer
from marketplace.errors import NotFound


class PortfolioPagination(CursorPagination):
    ordering = ("position", "id")


def _me(request: Request) -> Response:
    user = user_get_with_profile(user_id=authenticated_user(request).pk)
    return Response(s.MeOutputSerializer(user).data)


class MeView(APIView):
    """The signed-in user's account and profile, with how complete the profile is."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.MeOutputSerializer)
    def get(self, request: Request) -> Response:
        return _me(request)

    @extend_schema(request=s.MeInputSerializer, responses=s.MeOutputSerializer)
    def patch(self, request: Request) -> Response:
        form = s.MeInputSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        profile_update(user=authenticated_user(request), data=form.validated_data)
        return _me(request)


class AvatarView(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": s.AvatarInputSerializer}, responses=s.MeOutputSerializer
    )
    def post(self, request: Request) -> Response:
        form = s.AvatarInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        avatar_set(user=authenticated_user(request), file=form.validated_data["avatar"])
        return _me(request)

    @extend_schema(request=None, responses={200: s.MeOutputSerializer})
    def delete(self, request: Request) -> Response:
        avatar_remove(user=authenticated_user(request))
        return _me(request)


class SkillListView(APIView):
    """The skill catalogue: autocomplete (prefix matches first) and proposing a new skill.

    Autocomplete answers the best `limit` matches, so it is not paginated.
    """

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else [IsAuthenticated()]

    permission_classes = [IsAuthenticated]  # GET is opened in get_permissions

    @extend_schema(
        parameters=[s.SkillQuerySerializer],
        responses=s.SkillSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        query = s.SkillQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        skills = skill_search(query=query.validated_data["q"], limit=query.validated_data["limit"])
        return Response(s.SkillSerializer(skills, many=True).data)

    @extend_schema(
        request=s.SkillProposeInputSerializer,
        responses={200: s.SkillSerializer, 201: s.SkillSerializer},
        description="Returns the existing skill (200) when one with the same normalised name "
        "exists, otherwise creates it (201).",
    )
    def post(self, request: Request) -> Response:
        form = s.SkillProposeInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        skill, created = skill_propose(user=authenticated_user(request), **form.validated_data)
        return Response(
            s.SkillSerializer(skill).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class MySkillsView(APIView):
    """The signed-in user's skills with levels. PUT replaces the whole set."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.UserSkillSerializer(many=True))
    def get(self, request: Request) -> Response:
        skills = user_skills_for_user(user=authenticated_user(request))
        return Response(s.UserSkillSerializer(skills, many=True).data)

    @extend_schema(request=s.UserSkillsInputSerializer, responses=s.UserSkillSerializer(many=True))
    def put(self, request: Request) -> Response:
        form = s.UserSkillsInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        skills = user_skills_set(
            user=authenticated_user(request), items=form.validated_data["skills"]
        )
        return Response(s.UserSkillSerializer(skills, many=True).data)


_PORTFOLIO_PARSERS = [MultiPartParser, FormParser, JSONParser]


class PortfolioListView(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = _PORTFOLIO_PARSERS

    @extend_schema(
        operation_id="me_portfolio_list",
        parameters=[s.PageQuerySerializer],
        responses=s.page_of(s.PortfolioItemOutputSerializer),
    )
    def get(self, request: Request) -> Response:
        paginator = PortfolioPagination()
        items = portfolio_items_for_owner(owner=authenticated_user(request))
        page = paginator.paginate_queryset(items, request, view=self)
        return paginator.get_paginated_response(
            s.PortfolioItemOutputSerializer(page, many=True).data
        )

    @extend_schema(
        request={
            "multipart/form-data": s.PortfolioItemInputSerializer,
            "application/json": s.PortfolioItemInputSerializer,
        },
        responses={201: s.PortfolioItemOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        form = s.PortfolioItemInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        item = portfolio_item_create(
            owner=authenticated_user(request),
            title=data["title"],
            description=data.get("description", ""),
            link=data.get("link", ""),
            visibility=data.get("visibility", "public"),
            skill_ids=data.get("skill_ids", []),
            file=data.get("file"),
        )
        item = portfolio_item_get_for_owner(owner=authenticated_user(request), item_id=item.pk)
        return Response(s.PortfolioItemOutputSerializer(item).data, status=status.HTTP_201_CREATED)


class PortfolioDetailView(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = _PORTFOLIO_PARSERS

    @extend_schema(responses=s.PortfolioItemOutputSerializer)
    def get(self, request: Request, item_id: int) -> Response:
        item = portfolio_item_get_for_owner(owner=authenticated_user(request), item_id=item_id)
        return Response(s.PortfolioItemOutputSerializer(item).data)

    @extend_schema(
        request={
            "multipart/form-data": s.PortfolioItemInputSerializer,
            "application/json": s.PortfolioItemInputSerializer,
        },
        responses=s.PortfolioItemOutputSerializer,
    )
    def patch(self, request: Request, item_id: int) -> Response:
        form = s.PortfolioItemInputSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        kwargs = {}
        if "file" in data:
            kwargs["file"] = data.pop("file")
        elif data.pop("remove_file", False):
            kwargs["file"] = None
        data.pop("remove_file", None)
        portfolio_item_update(
            owner=authenticated_user(request), item_id=item_id, data=data, **kwargs
        )
        item = portfolio_item_get_for_owner(owner=authenticated_user(request), item_id=item_id)
        return Response(s.PortfolioItemOutputSerializer(item).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, item_id: int) -> Response:
        portfolio_item_delete(owner=authenticated_user(request), item_id=item_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PortfolioReorderView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=s.PortfolioReorderInputSerializer,
        responses=s.PortfolioItemOutputSerializer(many=True),
    )
    def post(self, request: Request) -> Response:
        form = s.PortfolioReorderInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        portfolio_reorder(
            owner=authenticated_user(request), item_ids=form.validated_data["item_ids"]
        )
        items = portfolio_items_for_owner(owner=authenticated_user(request)).order_by(
            "position", "id"
        )
        return Response(s.PortfolioItemOutputSerializer(items, many=True).data)


class PublicProfileView(APIView):
    """Anyone's public profile: never an e-mail address. A handle the person used before
    answers 301 to the current one (links shared before a rename keep working)."""

    permission_classes = [AllowAny]

    @extend_schema(
        responses={
            200: s.PublicProfileSerializer,
            301: OpenApiResponse(description="An old handle: Location names the current one."),
        }
    )
    def get(self, request: Request, handle: str) -> Response | HttpResponsePermanentRedirect:
        try:
            profile = profile_get_public(handle=handle)
        except NotFound:
            current = profile_handle_current(old_handle=handle)  # NotFound again: a 404
            return HttpResponsePermanentRedirect(
                reverse("v1:profile-detail", kwargs={"handle": current})
            )
        return Response(s.PublicProfileSerializer(profile).data)


class MembershipListView(APIView):
    """The signed-in user's active institution memberships (few: not paginated)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=s.MembershipOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        memberships = memberships_for_user(user=authenticated_user(request))
        return Response(s.MembershipOutputSerializer(memberships, many=True).data)


class MembershipDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="me_memberships_update",
        request=s.MembershipDetailsInputSerializer,
        responses={200: s.MembershipOutputSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
        description="A student gives (or clears) their programme and class year at one "
        "institution. The career office sees them only while the student consents, and its "
        "reports group by them.",
    )
    def patch(self, request: Request, membership_id: int) -> Response:
        form = s.MembershipDetailsInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        membership = membership_details_update(
            user=authenticated_user(request), membership_id=membership_id, **form.validated_data
        )
        return Response(s.MembershipOutputSerializer(membership).data)

    @extend_schema(responses={204: None}, description="Leave the institution.")
    def delete(self, request: Request, membership_id: int) -> Response:
        membership_leave(user=authenticated_user(request), membership_id=membership_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class InstitutionStaffView(APIView):
    """Career-office staff add a colleague (by a verified e-mail address)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=s.StaffAddInputSerializer, responses={201: s.MembershipOutputSerializer})
    def post(self, request: Request, slug: str) -> Response:
        form = s.StaffAddInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        membership = institution_staff_add(
            actor=authenticated_user(request),
            institution_slug=slug,
            email=form.validated_data["email"],
        )
        return Response(
            s.MembershipOutputSerializer(membership).data, status=status.HTTP_201_CREATED
        )


class ConsentTermsView(APIView):
    """The wording and scopes a student agrees to, with the version to send back."""

    permission_classes = [AllowAny]

    @extend_schema(responses=s.ConsentTermsSerializer)
    def get(self, request: Request) -> Response:
        return Response(s.ConsentTermsSerializer(s.ConsentTermsSerializer.current()).data)


class ConsentListView(APIView):
    """The student's consents, active and revoked (history), newest first; grant a new one."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="me_consents_list",
        parameters=[s.PageQuerySerializer],
        responses=s.page_of(s.ConsentOutputSerializer),
    )
    def get(self, request: Request) -> Response:
        paginator = CursorPagination()
        consents = consents_for_student(student=authenticated_user(request))
        page = paginator.paginate_queryset(consents, request, view=self)
        return paginator.get_paginated_response(s.ConsentOutputSerializer(page, many=True).data)

    @extend_schema(
        request=s.ConsentGrantInputSerializer, responses={201: s.ConsentOutputSerializer}
    )
    def post(self, request: Request) -> Response:
        form = s.ConsentGrantInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        consent = consent_grant(
            student=authenticated_user(request),
            institution_slug=data["institution"],
            scopes=data["scopes"],
            version=data["version"],
        )
        return Response(s.ConsentOutputSerializer(consent).data, status=status.HTTP_201_CREATED)


class ConsentDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("consent_id", int, OpenApiParameter.PATH)],
        responses={204: None},
        description="Revoke: the institution sees nothing more from the next request on. "
        "The consent stays in the history with its revocation date.",
    )
    def delete(self, request: Request, consent_id: int) -> Response:
        consent_revoke(student=authenticated_user(request), consent_id=consent_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
