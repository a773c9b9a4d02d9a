"""An institution with an admin, a live key, and students who consent (or not)."""

from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from accounts import consent_terms
from accounts.models import InstitutionMembership, User
from accounts.services.consent import consent_grant
from accounts.services.institution_keys import IssuedKey, institution_api_key_create
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory

ALL_SCOPES = ["participation", "evaluations", "stipend_amounts"]


@dataclass
class Office:
    institution: object
    admin: User
    key: IssuedKey

    def key_client(self) -> APIClient:
        return key_client(self.key.secret)

    def staff_client(self) -> APIClient:
        client = APIClient()
        client.force_authenticate(self.admin)
        return client


def key_client(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    return client


def make_office(name: str = "Northfield University", domain: str = "northfield.edu") -> Office:
    institution = InstitutionFactory(name=name, email_domains=[domain])
    admin = UserFactory(email=f"careers@{domain}")
    admin.profile.display_name = f"{name} careers"
    admin.profile.save()
    MembershipFactory(
        user=admin,
        institution=institution,
        role=InstitutionMembership.Role.STAFF,
        staff_role=InstitutionMembership.StaffRole.ADMIN,
    )
    key = institution_api_key_create(actor=admin, institution=institution, name="Sync job")
    return Office(institution=institution, admin=admin, key=key)


def make_student(
    office: Office,
    name: str,
    *,
    scopes: list[str] | None = ALL_SCOPES,
    programme: str = "",
    class_year: int | None = None,
) -> User:
    """A student member of the office's institution; consenting to `scopes` (None: never)."""
    domain = office.institution.email_domains[0]
    slug = name.lower().replace(" ", ".")
    student = UserFactory(email=f"{slug}@{domain}")
    student.profile.display_name = name
    student.profile.save()
    MembershipFactory(
        user=student,
        institution=office.institution,
        email=student.email,
        programme=programme,
        class_year=class_year,
    )
    if scopes:
        consent_grant(
            student=student,
            institution_slug=office.institution.slug,
            scopes=scopes,
            version=consent_terms.VERSION,
        )
    return student


@pytest.fixture
def office(db) -> Office:
    return make_office()


@pytest.fixture
def other_office(db) -> Office:
    return make_office("Southgate College", "southgate.edu")


def client_for(user: User) -> APIClient:
    """An API client signed in as `user` (a student, a colleague, anyone)."""
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def kim(office: Office) -> User:
    """A student of the office who shares nothing: the one who asks to join it, or is invited."""
    return make_student(office, "Kim Office", scopes=None)
