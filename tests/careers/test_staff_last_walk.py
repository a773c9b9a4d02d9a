"""Career-office staff's last walk (issue 19): a colleague on the university's own domain is
staff of the office, never also one of its students; a staff-only account's way back from an
invitation goes to /careers/, not the drafter dashboard."""

import re

import pytest
from django.core import mail
from rest_framework.test import APIClient

from accounts import consent_terms
from accounts.models import Consent, InstitutionMembership
from accounts.services.institutions import institution_membership_on_email_verified
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _accept_invitation(office, colleague, capture) -> None:
    with capture(execute=True):
        sent = office.staff_client().post(
            "/api/v1/careers/invitations/",
            {"email": colleague.email, "role": "viewer"},
            format="json",
        )
    assert sent.status_code == 201
    token = re.search(r"/careers/join/([\w-]+)/", mail.outbox[-1].body).group(1)
    accepted = _client(colleague).post(
        "/api/v1/me/staff-invitations/accept/", {"token": token}, format="json"
    )
    assert accepted.status_code in (200, 201)


def _my_memberships(user) -> list[tuple[str, str]]:
    rows = _client(user).get("/api/v1/me/memberships/").json()
    return [(row["institution_slug"], row["role"]) for row in rows]


def test_a_student_member_who_joins_the_office_as_staff_is_no_longer_its_student(
    office, django_capture_on_commit_callbacks
):
    colleague = UserFactory(email="lee@northfield.edu")
    institution_membership_on_email_verified(user=colleague, email=colleague.email)
    assert _my_memberships(colleague) == [(office.institution.slug, "student")]

    _accept_invitation(office, colleague, django_capture_on_commit_callbacks)

    assert _my_memberships(colleague) == [(office.institution.slug, "staff")]


def test_staff_who_verify_an_address_on_their_offices_domain_do_not_become_its_students(
    office,
):
    office.admin.emailaddress_set.create(email="priya@cs.northfield.edu", verified=True)

    made = institution_membership_on_email_verified(
        user=office.admin, email="priya@cs.northfield.edu"
    )

    assert made == []
    assert not InstitutionMembership.objects.filter(
        user=office.admin, role=InstitutionMembership.Role.STUDENT
    ).exists()


def test_joining_the_office_ends_the_colleagues_sharing_with_it_as_a_student(
    office, django_capture_on_commit_callbacks
):
    colleague = UserFactory(email="lee@northfield.edu")
    institution_membership_on_email_verified(user=colleague, email=colleague.email)
    shared = _client(colleague).post(
        "/api/v1/me/consents/",
        {
            "institution": office.institution.slug,
            "scopes": ["participation"],
            "version": consent_terms.VERSION,
        },
        format="json",
    )
    assert shared.status_code == 201, shared.json()

    _accept_invitation(office, colleague, django_capture_on_commit_callbacks)

    assert not Consent.objects.filter(student=colleague, revoked_at__isnull=True).exists()
    students = office.key_client().get("/api/v1/careers/students/").json()["results"]
    assert colleague.pk not in [row["id"] for row in students]


def _staff_only(office):
    profile = office.admin.profile
    profile.wants_to_draft = profile.wants_to_mentor = False
    profile.joins_career_office = True
    profile.save()
    return office.admin


def test_a_staff_only_account_sent_to_the_dashboard_lands_on_careers(office, client):
    client.force_login(_staff_only(office))

    response = client.get("/dashboard/")

    assert response.status_code == 302
    assert response["Location"] == "/careers/"


def test_staff_who_also_mentor_keep_their_dashboard(office, client):
    admin = _staff_only(office)
    admin.profile.wants_to_mentor = True
    admin.profile.save()
    client.force_login(admin)

    assert client.get("/dashboard/").status_code == 200


def test_a_drafter_keeps_the_dashboard(client):
    client.force_login(UserFactory())

    assert client.get("/dashboard/").status_code == 200


def test_not_now_on_an_invitation_leads_a_staff_only_account_to_careers(office, client):
    client.force_login(_staff_only(office))

    page = client.get("/careers/join/any-token/").content.decode()

    assert '<a href="/careers/">Not now</a>' in page


def test_a_student_member_an_admin_adds_as_staff_is_no_longer_its_student(office):
    colleague = UserFactory(email="kim@northfield.edu")
    institution_membership_on_email_verified(user=colleague, email=colleague.email)

    added = office.staff_client().post(
        f"/api/v1/institutions/{office.institution.slug}/staff/",
        {"email": colleague.email},
        format="json",
    )

    assert added.status_code == 201, added.json()
    assert _my_memberships(colleague) == [(office.institution.slug, "staff")]
