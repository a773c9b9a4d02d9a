"""What the tests of the ways into an office (asking to join, join requests, in-app
invitations) all build: a request to join and a colleague of a given role. Kim, who asks or is
invited, is the `kim` fixture of this package's conftest; `client_for` signs anyone in."""

from django.http import HttpResponse

from accounts.models import InstitutionMembership, User
from tests.careers.conftest import Office, client_for
from tests.factories import MembershipFactory, UserFactory

ASK = "/api/v1/me/staff-access-requests/"


def ask_to_join(user: User, capture) -> HttpResponse:
    """POST the request with its on-commit notices and e-mails sent, as a real request would."""
    with capture(execute=True):
        return client_for(user).post(ASK, format="json")


def have_asked_to_join(user: User, capture) -> HttpResponse:
    """A request the rest of the test builds on: it must have been accepted."""
    response = ask_to_join(user, capture)
    assert response.status_code == 201, response.content
    return response


def add_colleague(office: Office, *, email: str, staff_role: str, name: str | None = None) -> User:
    """Another staff member of the office (`name`: their display name; None: the factory's)."""
    named = {} if name is None else {"finish__display_name": name}
    colleague = UserFactory(email=email, **named)
    MembershipFactory(
        user=colleague,
        institution=office.institution,
        role=InstitutionMembership.Role.STAFF,
        staff_role=staff_role,
    )
    return colleague
