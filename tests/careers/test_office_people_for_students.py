"""A student sees who at their career office can see what they share (GET
/api/v1/me/memberships/{id}/office-people/): names and roles in plain words, a flag on anyone
whose address is off the institution's domains, the office's API keys as one line, never an
e-mail address; and a staff member with no name is "A staff member of <office>" to students."""

import json

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import InstitutionMembership
from accounts.services.consent import consent_revoke
from accounts.services.institution_keys import institution_api_key_revoke
from tests.careers.conftest import client_for, make_student
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _membership(student, office) -> InstitutionMembership:
    return InstitutionMembership.objects.get(
        user=student, institution=office.institution, role="student"
    )


def _people(student, office):
    return client_for(student).get(
        f"/api/v1/me/memberships/{_membership(student, office).pk}/office-people/"
    )


def _staff(office, *, email, name="", role=InstitutionMembership.StaffRole.VIEWER):
    user = UserFactory(email=email)
    user.profile.display_name = name
    user.profile.handle = f"member-{user.pk:06x}"  # the automatic handle of a fresh account
    user.profile.save()
    MembershipFactory(
        user=user, institution=office.institution, role="staff", staff_role=role, email=email
    )
    return user


def test_a_sharing_student_sees_each_staff_member_by_name_and_role_in_plain_words(office):
    student = make_student(office, "Noah Kim")
    _staff(office, email="lee@northfield.edu", name="Lee Park")

    body = _people(student, office).json()

    assert body["sharing"] is True
    assert body["office"] == "Northfield University's career office"
    assert [(p["name"], p["role"], p["outside_domains"]) for p in body["people"]] == [
        ("Northfield University careers", "admin", False),
        ("Lee Park", "viewer", False),
    ]
    assert body["people"][1]["role_words"] == "Viewer: sees what you share"
    assert "manages" in body["people"][0]["role_words"]


def test_a_staff_member_with_an_address_off_the_universitys_domains_is_flagged(office):
    student = make_student(office, "Noah Kim")
    _staff(office, email="jo.partner@gmail.com", name="Jo Partner")
    _staff(office, email="sam@careers.northfield.edu", name="Sam Lee")  # a subdomain is inside

    people = {p["name"]: p for p in _people(student, office).json()["people"]}

    assert people["Jo Partner"]["outside_domains"] is True
    assert people["Sam Lee"]["outside_domains"] is False


def test_the_list_never_holds_an_email_address_nor_an_automatic_handle(office):
    student = make_student(office, "Noah Kim")
    nameless = _staff(office, email="jo.partner@gmail.com")

    response = _people(student, office)
    text = json.dumps(response.json())

    assert "@" not in text and "member-" not in text and nameless.email not in text
    assert "A staff member of Northfield University's career office" in [
        p["name"] for p in response.json()["people"]
    ]
    assert "no name given" not in text and "A colleague at" not in text


def test_the_offices_live_api_keys_are_one_line_and_revoked_ones_are_not_counted(office):
    student = make_student(office, "Noah Kim")

    assert _people(student, office).json()["systems"] == {
        "api_keys": 1,
        "description": "Northfield University's own systems, through 1 API key",
    }

    institution_api_key_revoke(
        actor=office.admin, institution=office.institution, key_id=office.key.key.pk
    )

    assert _people(student, office).json()["systems"] is None


def test_a_student_who_shares_nothing_is_told_so_and_sees_no_list(office):
    student = make_student(office, "Noah Kim", scopes=None)

    body = _people(student, office).json()

    assert body == {
        "institution": "Northfield University",
        "office": "Northfield University's career office",
        "sharing": False,
        "people": [],
        "systems": None,
    }


def test_after_stopping_sharing_the_list_is_gone(office):
    student = make_student(office, "Noah Kim")
    consent = student.consents.get(revoked_at__isnull=True)
    consent_revoke(student=student, consent_id=consent.pk)

    assert _people(student, office).json()["people"] == []


def test_another_students_membership_and_a_staff_membership_are_not_found(office):
    noah = make_student(office, "Noah Kim")
    ada = make_student(office, "Ada Park")
    staff_membership = InstitutionMembership.objects.get(user=office.admin, role="staff")

    others = client_for(ada).get(
        f"/api/v1/me/memberships/{_membership(noah, office).pk}/office-people/"
    )
    own_staff = client_for(office.admin).get(
        f"/api/v1/me/memberships/{staff_membership.pk}/office-people/"
    )

    assert others.status_code == 404 and own_staff.status_code == 404
    assert "Noah" not in json.dumps(others.json())


def test_an_ended_membership_is_not_found(office):
    student = make_student(office, "Noah Kim")
    membership = _membership(student, office)
    membership.ended_at = timezone.now()
    membership.save()

    assert _people_by_id(student, membership.pk).status_code == 404


def _people_by_id(student, membership_id):
    return client_for(student).get(f"/api/v1/me/memberships/{membership_id}/office-people/")


def test_anonymous_visitors_are_asked_to_sign_in(office):
    student = make_student(office, "Noah Kim")

    response = APIClient().get(
        f"/api/v1/me/memberships/{_membership(student, office).pk}/office-people/"
    )

    assert response.status_code == 401


def test_the_query_count_does_not_grow_with_the_office(office, django_assert_max_num_queries):
    student = make_student(office, "Noah Kim")
    for n in range(12):
        _staff(office, email=f"s{n}@northfield.edu", name=f"Staff {n}")
    client = client_for(student)
    url = f"/api/v1/me/memberships/{_membership(student, office).pk}/office-people/"

    with django_assert_max_num_queries(4):
        response = client.get(url)

    assert len(response.json()["people"]) == 13


def test_who_saw_your_data_names_a_nameless_staff_member_as_a_staff_member_of_the_office(
    office,
):
    student = make_student(office, "Noah Kim")
    reader = _staff(office, email="jo.partner@gmail.com")
    assert client_for(reader).get("/api/v1/careers/students/").status_code == 200

    line = client_for(student).get("/api/v1/me/disclosures/days/").json()["results"][0]

    assert line["by"] == {
        "kind": "staff",
        "name": "A staff member of Northfield University's career office",
    }
    assert line["description"].startswith(
        "A staff member of Northfield University's career office viewed your"
    )
    assert "no name given" not in line["description"]


def test_the_raw_read_list_names_a_nameless_staff_member_as_the_days_list_does(office):
    student = make_student(office, "Noah Kim")
    reader = _staff(office, email="jo.partner@gmail.com")
    assert client_for(reader).get("/api/v1/careers/students/").status_code == 200

    row = client_for(student).get("/api/v1/me/disclosures/").json()["results"][0]

    assert row["by"]["name"] == "A staff member of Northfield University's career office"
