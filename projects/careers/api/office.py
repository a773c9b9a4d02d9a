"""The office's own management, for staff sessions only (never a key): the institution and
its colleagues, API keys, and the disclosure log."""

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.api.viewer import authenticated_user
from accounts.models import InstitutionApiKey, InstitutionMembership
from accounts.selectors.institutions import institution_api_keys, institution_staff
from accounts.services.institution_keys import (
    institution_api_key_create,
    institution_api_key_revoke,
)
from accounts.services.institutions import institution_staff_add
from projects.careers.api import serializers as s
from projects.careers.api.base import CareersView
from projects.careers.api.pagination import NewestFirstPagination
from projects.careers.csv_cells import csv_text
from projects.careers.selectors.disclosures import disclosure_shape, disclosures_for_institution
from projects.careers.selectors.office_disclosure_days import disclosure_csv_rows
from projects.careers.selectors.people import staff_name


def _key(key: InstitutionApiKey) -> dict:
    return {
        "id": key.pk,
        "name": key.name,
        "prefix": key.prefix,
        "created_at": key.created_at,
        "expires_at": key.expires_at,
        "revoked_at": key.revoked_at,
        "last_used_at": key.last_used_at,
        "usable": key.is_usable(timezone.now()),
    }


def _colleague(membership: InstitutionMembership, *, viewer_id: int | None = None) -> dict:
    return {
        "id": membership.pk,
        "name": staff_name(membership.user, institution=membership.institution.name),
        "email": membership.user.email,
        "role": membership.staff_role,
        "is_you": membership.user_id == viewer_id,
    }


class InstitutionView(CareersView):
    """Your institution, your role, and your colleagues."""

    staff_only = True
    while_pending = True

    @extend_schema(
        operation_id="careers_institution",
        responses=s.InstitutionSerializer,
    )
    def get(self, request: Request) -> Response:
        institution = self.access.institution
        return Response(
            {
                "slug": institution.slug,
                "name": institution.name,
                "email_domains": institution.email_domains,
                "viewer_role": self.access.staff_member.staff_role,
                "staff": [
                    _colleague(m, viewer_id=request.user.pk)
                    for m in institution_staff(institution=institution)
                ],
            }
        )


class StaffView(CareersView):
    """Admin staff add a colleague (who has verified their address) as admin or viewer."""

    staff_only = True
    admin_only = True

    @extend_schema(
        operation_id="careers_staff_add",
        request=s.StaffInviteInputSerializer,
        responses={201: None},
    )
    def post(self, request: Request) -> Response:
        form = s.StaffInviteInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        membership = institution_staff_add(
            actor=authenticated_user(request),
            institution_slug=self.access.institution.slug,
            email=form.validated_data["email"],
            staff_role=form.validated_data["role"],
        )
        return Response(_colleague(membership), status=status.HTTP_201_CREATED)


class ApiKeyListView(CareersView):
    """Your institution's API keys (admin staff). A new key is shown once, in this response."""

    staff_only = True
    admin_only = True

    @extend_schema(operation_id="careers_keys_list", responses=s.ApiKeySerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(
            [_key(k) for k in institution_api_keys(institution=self.access.institution)]
        )

    @extend_schema(
        operation_id="careers_keys_create",
        request=s.ApiKeyInputSerializer,
        responses={201: s.IssuedApiKeySerializer},
    )
    def post(self, request: Request) -> Response:
        form = s.ApiKeyInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        issued = institution_api_key_create(
            actor=authenticated_user(request),
            institution=self.access.institution,
            name=form.validated_data["name"],
            expires_at=form.validated_data.get("expires_at"),
        )
        return Response({**_key(issued.key), "key": issued.secret}, status=status.HTTP_201_CREATED)


class ApiKeyDetailView(CareersView):
    """Revoke a key (admin staff): it answers 401 from the next request on."""

    staff_only = True
    admin_only = True

    @extend_schema(
        operation_id="careers_keys_revoke",
        parameters=[
            OpenApiParameter("key_id", str, OpenApiParameter.PATH, description="The key's id.")
        ],
        responses={204: None},
    )
    def delete(self, request: Request, key_id: int) -> Response:
        institution_api_key_revoke(
            actor=authenticated_user(request), institution=self.access.institution, key_id=key_id
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class DisclosureListView(CareersView):
    """Every disclosure of student data to your institution, newest first."""

    staff_only = True
    pagination_class = NewestFirstPagination

    @extend_schema(
        operation_id="careers_disclosures_list",
        responses=s.DisclosureSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        paginator = NewestFirstPagination()
        page = paginator.paginate_queryset(
            disclosures_for_institution(access=self.access), request, view=self
        )
        return paginator.get_paginated_response([disclosure_shape(row) for row in page])


class DisclosureCsvView(CareersView):
    """The whole disclosure log as CSV, with the students' ids for your institution and their
    names while they share with you; `what` says in plain words what each read was."""

    staff_only = True

    @extend_schema(
        operation_id="careers_disclosures_csv",
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV")},
    )
    def get(self, request: Request) -> HttpResponse:
        text = csv_text(disclosure_csv_rows(access=self.access))
        response = HttpResponse(text, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="disclosure-log.csv"'
        return response
