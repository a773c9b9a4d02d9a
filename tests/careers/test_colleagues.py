"""An office's people: colleagues invited by an e-mailed, expiring link (accepted signed in with
any verified address), roles changed and colleagues removed with at least one admin kept, and a
roster of student addresses invited consent-first, once a month at most."""

import re
from datetime import timedelta

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import InstitutionMembership, RosterInvitation, StaffInvitation
from tests.careers.conftest import make_student
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _invite(
    office, email="lee@elsewhere.org", role="viewer", django_capture_on_commit_callbacks=None
):
    with django_capture_on_commit_callbacks(execute=True):
        response = office.staff_client().post(
            "/api/v1/careers/invitations/",
            {"email": email, "role": role, "confirm_outside_domains": True},
            format="json",
        )
    assert response.status_code == 201, response.content
    token = re.search(r"/careers/join/([\w-]+)/", mail.outbox[-1].body).group(1)
    return response.json(), token


def _accept(user, token):
    return _client(user).post(
        "/api/v1/me/staff-invitations/accept/", {"token": token}, format="json"
    )


def _viewer(office):
    viewer = UserFactory()
    MembershipFactory(
        user=viewer,
        institution=office.institution,
        role=InstitutionMembership.Role.STAFF,
        staff_role=InstitutionMembership.StaffRole.VIEWER,
    )
    return viewer


def test_an_invited_colleague_joins_by_the_emailed_link(office, django_capture_on_commit_callbacks):
    invitation, token = _invite(
        office, "lee@elsewhere.org", "viewer", django_capture_on_commit_callbacks
    )
    assert invitation["state"] == "pending" and invitation["allowed_actions"] == ["revoke"]
    assert mail.outbox[-1].to == ["lee@elsewhere.org"]
    assert "Northfield University" in mail.outbox[-1].subject
    assert token not in str(StaffInvitation.objects.values_list("hashed_token", flat=True))

    # Signed in with another verified address: whoever holds the link may join.
    lee = UserFactory(email="lee.personal@example.com")
    joined = _accept(lee, token)

    assert joined.status_code == 200
    assert joined.json() == {
        "institution_slug": office.institution.slug,
        "institution_name": "Northfield University",
        "role": "viewer",
    }
    assert InstitutionMembership.objects.filter(
        user=lee, institution=office.institution, role="staff", staff_role="viewer"
    ).exists()
    assert _client(lee).get("/api/v1/careers/institution/").status_code == 200
    assert _accept(lee, token).status_code == 200  # opening the link twice is harmless
    listed = office.staff_client().get("/api/v1/careers/invitations/").json()["results"]
    assert [(row["email"], row["state"], row["allowed_actions"]) for row in listed] == [
        ("lee@elsewhere.org", "accepted", [])
    ]
    # A used link does not make a second person staff.
    assert _accept(UserFactory(), token).status_code == 409


def test_the_join_page_offers_a_signed_out_visitor_login_and_sign_up_coming_back(client):
    response = client.get("/careers/join/abcdefghijklmnopqrstuvwxyz/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="/accounts/login/?next=/careers/join/abcdefghijklmnopqrstuvwxyz/"' in page
    signup = (
        "/accounts/signup/?role=career_office&amp;next=/careers/join/abcdefghijklmnopqrstuvwxyz/"
    )
    assert f'href="{signup}"' in page


def test_an_account_without_a_verified_address_cannot_accept(
    office, django_capture_on_commit_callbacks
):
    _, token = _invite(
        office, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    unverified = UserFactory()
    EmailAddress.objects.filter(user=unverified).update(verified=False)
    refused = _accept(unverified, token)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "email_not_verified"


def test_expired_revoked_replaced_and_unknown_links_are_refused(
    office, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    _, expiring = _invite(office, "a@x.org", django_capture_on_commit_callbacks=capture)
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        late = _accept(UserFactory(), expiring)
        assert late.status_code == 409
        assert late.json()["error"]["code"] == "staff_invitation_expired"
        listed = office.staff_client().get("/api/v1/careers/invitations/").json()["results"]
        assert listed[0]["state"] == "expired"

    revoked, revoked_token = _invite(office, "b@x.org", django_capture_on_commit_callbacks=capture)
    gone = office.staff_client().delete(f"/api/v1/careers/invitations/{revoked['id']}/")
    assert gone.status_code == 204
    refused = _accept(UserFactory(), revoked_token)
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "staff_invitation_state_invalid"
    assert (
        office.staff_client().delete(f"/api/v1/careers/invitations/{revoked['id']}/").status_code
        == 409
    )

    _, first = _invite(office, "c@x.org", django_capture_on_commit_callbacks=capture)
    _, second = _invite(office, "c@x.org", django_capture_on_commit_callbacks=capture)
    assert _accept(UserFactory(), first).status_code == 409  # only the newest link works
    assert _accept(UserFactory(), second).status_code == 200

    assert _accept(UserFactory(), "x" * 43).status_code == 404


def test_only_admins_invite_and_only_their_own_offices_invitations(
    office, other_office, django_capture_on_commit_callbacks
):
    invitation, _ = _invite(
        office, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks
    )
    body = {"email": "z@x.org", "role": "admin"}
    viewer = _client(_viewer(office)).post("/api/v1/careers/invitations/", body, format="json")
    assert viewer.status_code == 403
    assert office.key_client().post("/api/v1/careers/invitations/", body).status_code == 403
    assert office.key_client().get("/api/v1/careers/invitations/").status_code == 403
    stranger = _client(UserFactory()).post("/api/v1/careers/invitations/", body, format="json")
    assert stranger.status_code == 403
    elsewhere = other_office.staff_client().delete(
        f"/api/v1/careers/invitations/{invitation['id']}/"
    )
    assert elsewhere.status_code == 404
    already = office.staff_client().post(
        "/api/v1/careers/invitations/", {"email": office.admin.email}, format="json"
    )
    assert already.status_code == 409
    assert already.json()["error"]["code"] == "already_institution_staff"


def test_admins_change_roles_and_remove_colleagues_but_keep_one_admin(office, other_office):
    viewer = _viewer(office)
    colleague = InstitutionMembership.objects.get(user=viewer, role="staff")
    admin_membership = InstitutionMembership.objects.get(user=office.admin, role="staff")
    url = f"/api/v1/careers/institution/staff/{colleague.pk}/"

    promoted = office.staff_client().patch(url, {"role": "admin"}, format="json")
    assert promoted.status_code == 200 and promoted.json()["role"] == "admin"
    # Two admins: one may step down; then the last admin cannot.
    own = f"/api/v1/careers/institution/staff/{admin_membership.pk}/"
    assert office.staff_client().patch(own, {"role": "viewer"}, format="json").status_code == 200
    last = _client(viewer).patch(url, {"role": "viewer"}, format="json")
    assert last.status_code == 409
    assert last.json()["error"]["code"] == "last_institution_admin"
    assert _client(viewer).delete(url).status_code == 409
    # A viewer cannot manage colleagues; another office's admin cannot see them.
    assert office.staff_client().delete(url).status_code == 403
    assert other_office.staff_client().delete(url).status_code == 404
    assert _client(viewer).delete(own).status_code == 204
    assert not InstitutionMembership.objects.filter(
        user=office.admin, role="staff", ended_at__isnull=True
    ).exists()


def _roster(client, text: str | bytes, name="roster.csv"):
    raw = text.encode() if isinstance(text, str) else text
    return client.post(
        "/api/v1/careers/roster/",
        {"file": SimpleUploadedFile(name, raw, content_type="text/csv")},
        format="multipart",
    )


def test_a_roster_invites_students_who_have_not_joined_consent_first(
    office, django_capture_on_commit_callbacks
):
    make_student(office, "Joined Already", scopes=None)
    roster = "\n".join(
        [
            "Name,Email",
            "Ann,ann@northfield.edu",
            "Bob,BOB@cs.northfield.edu",
            "Ann again,ann@northfield.edu",
            "Joined,joined.already@northfield.edu",
            "Outsider,eve@gmail.com",
            "Broken,not-an-address",
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = _roster(office.staff_client(), roster)

    assert response.status_code == 200, response.content
    body = response.json()
    assert {
        k: body[k] for k in ("rows", "invited", "already_members", "duplicates", "invalid")
    } == {
        "rows": 6,
        "invited": 2,
        "already_members": 1,
        "duplicates": 1,
        "invalid": 2,
    }
    assert [row["row"] for row in body["invalid_rows"]] == [6, 7]
    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {"ann@northfield.edu", "bob@cs.northfield.edu"}
    assert "Joining shares nothing" in sent["ann@northfield.edu"].body

    # Uploading it again within 30 days writes to nobody; after that, once more.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = _roster(office.staff_client(), roster).json()
    assert (again["invited"], again["recently_invited"], len(mail.outbox)) == (0, 2, 0)
    month_later = time_machine.travel(timezone.now() + timedelta(days=31))
    with month_later, django_capture_on_commit_callbacks(execute=True):
        later = _roster(office.staff_client(), roster).json()
    assert later["invited"] == 2 and len(mail.outbox) == 2
    assert RosterInvitation.objects.filter(institution=office.institution).count() == 2


def test_a_roster_must_be_a_small_text_csv_from_an_admin(office):
    assert _roster(office.staff_client(), b"\x89PNG\r\n\x1a\n\x00\x00").status_code == 400
    too_many = "\n".join(f"s{i}@northfield.edu" for i in range(5001))
    refused = _roster(office.staff_client(), too_many)
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "roster_too_large"
    assert _roster(office.staff_client(), "").status_code == 400
    assert _roster(_client(_viewer(office)), "a@northfield.edu").status_code == 403
    assert _roster(office.key_client(), "a@northfield.edu").status_code == 403
    assert not mail.outbox


def test_the_invitation_list_costs_the_same_for_one_or_many(
    office, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    for i in range(12):
        _invite(
            office,
            f"colleague{i}@example.org",
            django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
        )
    client = office.staff_client()
    with django_assert_max_num_queries(6):
        page = client.get("/api/v1/careers/invitations/?page_size=10").json()
    assert len(page["results"]) == 10 and page["next"]
