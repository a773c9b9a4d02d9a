"""Ways into an office (issue 19, the last staff walk): admins see waiting join requests under
Colleagues and invite or dismiss them; the person who asked sees when they asked; an invitation
waiting for someone's confirmed address is shown and accepted in-app; the admins' letter about
a request has an HTML part with the requester's name escaped."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import InstitutionMembership, Notification, StaffInvitation
from tests.careers.asking_to_join import ASK, add_colleague, have_asked_to_join
from tests.careers.conftest import client_for, make_student
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LIST = "/api/v1/careers/access-requests/"
MINE = "/api/v1/me/staff-invitations/"


def _invite(office, email, role="viewer"):
    response = office.staff_client().post(
        "/api/v1/careers/invitations/", {"email": email, "role": role}, format="json"
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_admins_see_a_waiting_request_with_name_address_and_when(
    office, kim, django_capture_on_commit_callbacks
):
    have_asked_to_join(kim, django_capture_on_commit_callbacks)

    response = office.staff_client().get(LIST)

    assert response.status_code == 200, response.content
    [row] = response.json()
    assert row["name"] == "Kim Office"
    assert row["email"] == "kim.office@northfield.edu"
    assert row["asked_at"]


def test_inviting_the_requester_takes_the_request_off_the_list(
    office, kim, django_capture_on_commit_callbacks
):
    have_asked_to_join(kim, django_capture_on_commit_callbacks)

    _invite(office, "kim.office@northfield.edu")

    assert office.staff_client().get(LIST).json() == []


def test_dismissing_takes_the_request_off_the_list_and_every_admins_bell(
    office, kim, django_capture_on_commit_callbacks
):
    have_asked_to_join(kim, django_capture_on_commit_callbacks)
    [row] = office.staff_client().get(LIST).json()

    response = office.staff_client().delete(f"{LIST}{row['id']}/")

    assert response.status_code == 204, response.content
    assert office.staff_client().get(LIST).json() == []
    assert not Notification.objects.filter(
        kind="staff_access_requested", read_at__isnull=True
    ).exists()
    [notice] = Notification.objects.filter(recipient=office.admin, kind="staff_access_dismissed")
    assert notice.body.startswith("Dismissed by Northfield University careers on ")


def test_the_person_who_asked_is_not_told_of_a_dismissal_and_may_ask_again_next_day(
    office, kim, django_capture_on_commit_callbacks
):
    have_asked_to_join(kim, django_capture_on_commit_callbacks)
    [row] = office.staff_client().get(LIST).json()
    office.staff_client().delete(f"{LIST}{row['id']}/")

    mine = client_for(kim).get(ASK).json()
    assert mine["asked_at"] and mine["ask_again_at"]
    assert not Notification.objects.filter(recipient=kim).exists()
    assert client_for(kim).post(ASK).json()["error"]["code"] == "access_request_recent"
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        assert client_for(kim).get(ASK).json()["ask_again_at"] is None
        assert client_for(kim).post(ASK).status_code == 201
        assert [r["email"] for r in office.staff_client().get(LIST).json()] == [kim.email]


def test_a_return_visit_remembers_when_the_person_asked(
    office, kim, django_capture_on_commit_callbacks
):
    assert client_for(kim).get(ASK).json() == {
        "institution_name": "Northfield University",
        "asked_at": None,
        "ask_again_at": None,
    }

    have_asked_to_join(kim, django_capture_on_commit_callbacks)

    mine = client_for(kim).get(ASK).json()
    assert mine["asked_at"] is not None
    assert mine["ask_again_at"] is not None


def test_a_viewer_colleague_neither_lists_nor_dismisses_requests(
    office, kim, django_capture_on_commit_callbacks
):
    have_asked_to_join(kim, django_capture_on_commit_callbacks)
    [row] = office.staff_client().get(LIST).json()
    viewer = client_for(
        add_colleague(
            office, email="vic@northfield.edu", staff_role=InstitutionMembership.StaffRole.VIEWER
        )
    )

    assert viewer.get(LIST).status_code == 403
    assert viewer.delete(f"{LIST}{row['id']}/").status_code == 403
    assert len(office.staff_client().get(LIST).json()) == 1


def test_another_offices_admin_cannot_see_or_dismiss_the_request(
    office, kim, other_office, django_capture_on_commit_callbacks
):
    have_asked_to_join(kim, django_capture_on_commit_callbacks)
    [row] = office.staff_client().get(LIST).json()

    assert other_office.staff_client().get(LIST).json() == []
    assert other_office.staff_client().delete(f"{LIST}{row['id']}/").status_code == 404
    assert len(office.staff_client().get(LIST).json()) == 1


def test_strangers_are_refused_the_office_list(office):
    assert APIClient().get(LIST).status_code in (401, 403)
    stranger = client_for(UserFactory())
    assert stranger.get(LIST).status_code == 403
    assert stranger.get(ASK).status_code == 404


def test_the_request_list_costs_a_fixed_number_of_queries(
    office, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    for name in ("Kim Office", "Lee Park", "Ana Ruiz", "Bo Chen"):
        have_asked_to_join(
            make_student(office, name, scopes=None), django_capture_on_commit_callbacks
        )
    client = office.staff_client()
    client.get(LIST)  # the session and access are warmed like any page's first call

    with django_assert_max_num_queries(10):
        assert len(client.get(LIST).json()) == 4


def test_an_invitation_waiting_for_my_address_is_shown_and_accepted_in_app(office, kim):
    _invite(office, kim.email, role="viewer")

    [waiting] = client_for(kim).get(MINE).json()
    assert waiting["institution_name"] == "Northfield University"
    assert waiting["role"] == "viewer"
    assert waiting["invited_by"]
    response = client_for(kim).post(f"{MINE}{waiting['id']}/accept/")

    assert response.status_code == 200, response.content
    assert response.json()["role"] == "viewer"
    assert InstitutionMembership.objects.filter(
        user=kim, role="staff", institution=office.institution, ended_at__isnull=True
    ).exists()
    assert StaffInvitation.objects.get(pk=waiting["id"]).state == "accepted"
    assert client_for(kim).get(MINE).json() == []


def test_nobody_else_sees_or_accepts_an_invitation_to_my_address(office, kim):
    invitation = _invite(office, kim.email)
    lee = make_student(office, "Lee Park", scopes=None)

    assert client_for(lee).get(MINE).json() == []
    assert client_for(lee).post(f"{MINE}{invitation['id']}/accept/").status_code == 404
    assert APIClient().post(f"{MINE}{invitation['id']}/accept/").status_code in (401, 403)
    assert StaffInvitation.objects.get(pk=invitation["id"]).state == "pending"


def test_a_withdrawn_or_expired_invitation_is_not_shown_and_not_accepted(office, kim):
    invitation = _invite(office, kim.email)
    office.staff_client().delete(f"/api/v1/careers/invitations/{invitation['id']}/")

    assert client_for(kim).get(MINE).json() == []
    assert client_for(kim).post(f"{MINE}{invitation['id']}/accept/").status_code == 409

    again = _invite(office, kim.email)
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert client_for(kim).get(MINE).json() == []
        response = client_for(kim).post(f"{MINE}{again['id']}/accept/")
        assert response.json()["error"]["code"] == "staff_invitation_expired"


def test_the_admins_letter_has_an_html_part_with_the_name_escaped_and_the_same_link(
    office, django_capture_on_commit_callbacks
):
    kim = make_student(office, "Kim <b>Office</b>", scopes=None)

    have_asked_to_join(kim, django_capture_on_commit_callbacks)

    [letter] = mail.outbox
    html, kind = letter.alternatives[0]
    assert kind == "text/html"
    assert "Kim &lt;b&gt;Office&lt;/b&gt;" in html
    assert "<b>Office</b>" not in html
    link = "/careers/settings/?invite="
    assert link in letter.body and link in html
    assert "press Send invitation" in letter.body and "press Send invitation" in html
    assert "\n" not in letter.subject


def test_asking_while_an_invitation_waits_points_to_the_invitation(
    office, kim, django_capture_on_commit_callbacks
):
    _invite(office, kim.email)

    response = client_for(kim).post(ASK)

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "access_request_invited"
    assert not Notification.objects.filter(kind="staff_access_requested").exists()


def test_a_requester_without_a_name_is_listed_by_their_address_not_as_a_colleague(
    office, kim, django_capture_on_commit_callbacks
):
    kim.profile.display_name = ""
    kim.profile.save()
    have_asked_to_join(kim, django_capture_on_commit_callbacks)

    [row] = office.staff_client().get(LIST).json()

    assert row["name"] == row["email"] == "kim.office@northfield.edu"


def _nameless(office, name="Kim Office"):
    kim = make_student(office, name, scopes=None)
    kim.profile.display_name = ""
    kim.profile.save()
    return kim


def test_asking_to_join_with_a_name_saves_it_and_the_admins_are_told_it(
    office, django_capture_on_commit_callbacks
):
    kim = _nameless(office)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(kim).post(ASK, {"display_name": "  Kim Lee "}, format="json")

    assert response.status_code == 201, response.content
    kim.profile.refresh_from_db()
    assert kim.profile.display_name == "Kim Lee"
    [row] = office.staff_client().get(LIST).json()
    assert row["name"] == "Kim Lee"
    [letter] = mail.outbox
    assert "Kim Lee" in letter.subject
    notice = Notification.objects.get(kind="staff_access_requested")
    assert notice.title.startswith("Kim Lee asks to join")


def test_a_refused_ask_saves_no_name_and_a_bad_name_is_a_clear_400(
    office, django_capture_on_commit_callbacks
):
    kim = _nameless(office)
    _invite(office, kim.email)

    refused = client_for(kim).post(ASK, {"display_name": "Kim Lee"}, format="json")
    too_long = client_for(kim).post(ASK, {"display_name": "K" * 121}, format="json")
    nul = client_for(kim).post(ASK, {"display_name": "Kim\x00"}, format="json")

    assert refused.status_code == 409
    assert too_long.status_code == nul.status_code == 400
    assert "display_name" in too_long.json()["error"]["fields"]
    assert "display_name" in nul.json()["error"]["fields"]
    kim.profile.refresh_from_db()
    assert kim.profile.display_name == ""


def test_accepting_in_app_with_a_name_makes_colleagues_see_that_name(office):
    kim = _nameless(office)
    invitation = _invite(office, kim.email)

    response = client_for(kim).post(
        f"{MINE}{invitation['id']}/accept/", {"display_name": "Kim Lee"}, format="json"
    )

    assert response.status_code == 200, response.content
    kim.profile.refresh_from_db()
    assert kim.profile.display_name == "Kim Lee"
    staff = office.staff_client().get("/api/v1/careers/institution/").json()["staff"]
    assert "Kim Lee" in [colleague["name"] for colleague in staff]
    assert Notification.objects.get(kind="staff_invitation_accepted").title.startswith("Kim Lee")


def test_a_refused_in_app_accept_saves_no_name(office):
    kim = _nameless(office)
    lee = make_student(office, "Lee Park", scopes=None)
    invitation = _invite(office, lee.email)

    response = client_for(kim).post(
        f"{MINE}{invitation['id']}/accept/", {"display_name": "Kim Lee"}, format="json"
    )

    assert response.status_code == 404
    kim.profile.refresh_from_db()
    assert kim.profile.display_name == ""


def test_declining_an_invitation_in_app_ends_it_and_it_leaves_my_page(office, kim):
    invitation = _invite(office, kim.email)

    response = client_for(kim).post(f"{MINE}{invitation['id']}/decline/")

    assert response.status_code == 200, response.content
    assert response.json() == {"id": invitation["id"], "state": "declined"}
    assert StaffInvitation.objects.get(pk=invitation["id"]).declined_at is not None
    assert client_for(kim).get(MINE).json() == []
    # Declined is final: neither accepted afterwards nor declined twice.
    assert client_for(kim).post(f"{MINE}{invitation['id']}/accept/").status_code == 409
    assert client_for(kim).post(f"{MINE}{invitation['id']}/decline/").status_code == 409
    assert not InstitutionMembership.objects.filter(user=kim, role="staff").exists()
    # The admins' list says so, and offers nothing more to do with it.
    [row] = [
        r
        for r in office.staff_client().get("/api/v1/careers/invitations/").json()["results"]
        if r["id"] == invitation["id"]
    ]
    assert row["state"] == "declined"
    assert row["allowed_actions"] == []


def test_nobody_else_declines_an_invitation_to_my_address(office, kim):
    invitation = _invite(office, kim.email)
    lee = make_student(office, "Lee Park", scopes=None)

    assert client_for(lee).post(f"{MINE}{invitation['id']}/decline/").status_code == 404
    assert office.staff_client().post(f"{MINE}{invitation['id']}/decline/").status_code == 404
    assert APIClient().post(f"{MINE}{invitation['id']}/decline/").status_code in (401, 403)
    assert StaffInvitation.objects.get(pk=invitation["id"]).state == "pending"


def test_an_expired_invitation_cannot_be_declined(office, kim):
    invitation = _invite(office, kim.email)
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        response = client_for(kim).post(f"{MINE}{invitation['id']}/decline/")
    assert response.json()["error"]["code"] == "staff_invitation_expired"


def test_an_invitation_to_someone_already_here_is_also_under_their_bell(office, kim):
    _invite(office, kim.email)
    _invite(office, "nobody.yet@northfield.edu")

    [notice] = Notification.objects.filter(kind="staff_invitation_received")
    assert notice.recipient == kim
    assert notice.title.endswith("invited you to Northfield University's career office")
    assert notice.url == "/careers/"
