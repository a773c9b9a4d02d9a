"""Career-office staff are shown by the name they give: to colleagues (the staff list, who sent
and who accepted an invitation, the office's access log) and to students ("who saw my data"),
never by their e-mail address or the neutral "member-xxxxxx" handle an account starts with."""

import pytest
from rest_framework.test import APIClient

from accounts.models import InstitutionMembership
from tests.careers.conftest import make_student
from tests.careers.test_colleagues import _accept, _invite
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _nameless_staff(office, email="lee.staff@northfield.edu"):
    """A colleague who never gave a name: handle "member-xxxxxx", like a fresh account."""
    user = UserFactory(email=email)
    user.profile.display_name = ""
    user.profile.handle = "member-3fa2c1"
    user.profile.save()
    MembershipFactory(
        user=user,
        institution=office.institution,
        role=InstitutionMembership.Role.STAFF,
        staff_role=InstitutionMembership.StaffRole.VIEWER,
    )
    return user


def _named(user, name):
    user.profile.display_name = name
    user.profile.save()
    return user


def test_colleagues_are_listed_by_name_and_a_nameless_one_by_office_not_address(office):
    _named(office.admin, "Ana Ruiz")
    nameless = _nameless_staff(office)

    staff = office.staff_client().get("/api/v1/careers/institution/").json()["staff"]

    names = {c["id"]: c["name"] for c in staff}
    assert "Ana Ruiz" in names.values()
    shown = next(c["name"] for c in staff if c["email"] == nameless.email)
    assert "member-" not in shown and "@" not in shown
    assert "Northfield University's career office" in shown


def test_an_invitation_names_who_sent_it_and_who_accepted_it(
    office, django_capture_on_commit_callbacks
):
    _named(office.admin, "Ana Ruiz")
    invitation, token = _invite(
        office,
        "lee@elsewhere.org",
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    assert invitation["invited_by"] == "Ana Ruiz"
    assert invitation["accepted_by"] is None
    lee = _named(UserFactory(email="lee@elsewhere.org"), "Lee Park")
    assert _accept(lee, token).status_code == 200

    listed = office.staff_client().get("/api/v1/careers/invitations/").json()["results"][0]

    assert (listed["invited_by"], listed["accepted_by"]) == ("Ana Ruiz", "Lee Park")


def test_a_student_reads_which_staff_member_of_which_office_saw_their_data(office):
    student = make_student(office, "Ada Park")
    reader = _named(_nameless_staff(office), "Lee Park")
    assert _client(reader).get("/api/v1/careers/students/").status_code == 200

    seen = _client(student).get("/api/v1/me/disclosures/").json()["results"][0]

    assert seen["by"] == {"kind": "staff", "name": "Lee Park"}
    assert seen["description"].startswith(
        "Lee Park at Northfield University's career office read your name, programme, class year, "
        "skills and participation (numbers of applications, engagements and completed "
        "engagements)"
    )


def test_the_offices_access_log_never_shows_a_staff_members_address_or_handle(office):
    make_student(office, "Ada Park")
    reader = _nameless_staff(office)
    _client(reader).get("/api/v1/careers/students/")

    log = office.staff_client().get("/api/v1/careers/disclosures/").json()["results"]

    by = log[0]["by"]["name"]
    assert by.startswith("A colleague at Northfield University's career office")
    assert reader.email not in by and "member-" not in by


def test_the_join_page_and_the_dashboard_ask_staff_for_their_name(client):
    client.force_login(UserFactory(finish__display_name=""))  # a person with no name yet

    for url in ("/careers/join/some-token/", "/careers/"):
        page = client.get(url).content.decode()
        assert 'autocomplete="name"' in page and "Your name" in page
