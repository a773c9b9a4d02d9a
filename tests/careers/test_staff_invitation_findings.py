"""Career-office staff findings (issue 19), through the API: an invitation to an address off
the office's domains is sent only once the admin confirms it; the invitation e-mail has a text
and an HTML part; the join link can be read signed out (who invited whom, where, as what, and
whether it still works); and only the office's admins feature tasks."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from django.utils.formats import date_format
from rest_framework.test import APIClient

from accounts.models import InstitutionMembership, StaffInvitation
from projects.careers.models import FeaturedTask
from tests.factories import MembershipFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _named(user, name):
    user.profile.display_name = name
    user.profile.save()
    return user


def _invite(office, capture, **body):
    with capture(execute=True):
        return office.staff_client().post("/api/v1/careers/invitations/", body, format="json")


def _token():
    return re.search(r"/careers/join/([\w-]+)/", mail.outbox[-1].body).group(1)


def _preview(token, user=None):
    return _client(user).get(f"/api/v1/staff-invitations/{token}/")


def _viewer(office):
    viewer = UserFactory()
    MembershipFactory(
        user=viewer,
        institution=office.institution,
        role=InstitutionMembership.Role.STAFF,
        staff_role=InstitutionMembership.StaffRole.VIEWER,
    )
    return viewer


def test_an_address_outside_the_offices_domains_is_invited_only_when_confirmed(
    office, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    refused = _invite(office, capture, email="priya@gmail.com", role="viewer")

    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "invitee_outside_office_domains"
    assert refused.json()["error"]["message"] == (
        "priya@gmail.com is not at northfield.edu. Invite anyway?"
    )
    assert not StaffInvitation.objects.exists() and not mail.outbox

    confirmed = _invite(
        office, capture, email="priya@gmail.com", role="viewer", confirm_outside_domains=True
    )
    assert confirmed.status_code == 201
    assert mail.outbox[-1].to == ["priya@gmail.com"]


@pytest.mark.parametrize("email", ["lee@northfield.edu", "lee@cs.northfield.edu"])
def test_an_address_on_the_offices_domains_needs_no_confirmation(
    office, django_capture_on_commit_callbacks, email
):
    sent = _invite(office, django_capture_on_commit_callbacks, email=email, role="viewer")
    assert sent.status_code == 201


def test_the_invitation_email_has_text_and_html_parts_with_names_escaped(
    office, django_capture_on_commit_callbacks
):
    _named(office.admin, "Ana <b>Ruiz</b> & co")
    _invite(office, django_capture_on_commit_callbacks, email="lee@northfield.edu", role="admin")
    message = mail.outbox[-1]
    token = _token()
    html, kind = message.alternatives[0]

    assert kind == "text/html"
    assert "Ana <b>Ruiz</b> & co invited you" in message.body
    assert f"/careers/join/{token}/" in message.body and f"/careers/join/{token}/" in html
    assert "Ana &lt;b&gt;Ruiz&lt;/b&gt; &amp; co" in html and "<b>Ruiz</b>" not in html
    assert "Northfield University" in html
    assert "as an admin" in html and "manage API keys, colleagues" in html
    # In the site's one date format, as every page and e-mail writes dates.
    expiry = date_format(timezone.localtime(timezone.now() + timedelta(days=14)))
    assert f"until {expiry}" in message.body and f"until {expiry}" in html


def test_the_join_link_reads_signed_out_who_invited_whom_where_and_as_what(
    office, django_capture_on_commit_callbacks
):
    _named(office.admin, "Ana Ruiz")
    _invite(office, django_capture_on_commit_callbacks, email="lee@northfield.edu", role="viewer")
    token = _token()

    shown = _preview(token)

    assert shown.status_code == 200
    body = shown.json()
    assert {k: body[k] for k in ("institution_name", "invited_by", "email", "role", "state")} == {
        "institution_name": "Northfield University",
        "invited_by": "Ana Ruiz",
        "email": "lee@northfield.edu",
        "role": "viewer",
        "state": "pending",
    }
    assert body["signed_in_as"] is None and body["role_can"].startswith(
        "read the office's dashboard: figures, and the students"
    )
    assert _preview("x" * 43).status_code == 404


def test_the_join_link_says_when_someone_else_is_signed_in(
    office, django_capture_on_commit_callbacks
):
    _invite(office, django_capture_on_commit_callbacks, email="lee@northfield.edu", role="viewer")
    token = _token()
    other = UserFactory(email="sam@example.org")
    invitee = UserFactory(email="lee@northfield.edu")

    as_other = _preview(token, other).json()
    as_invitee = _preview(token, invitee).json()

    assert (as_other["signed_in_as"], as_other["signed_in_as_invitee"]) == (
        "sam@example.org",
        False,
    )
    assert as_invitee["signed_in_as_invitee"] is True


def test_the_join_link_says_whether_it_expired_was_withdrawn_or_was_used(
    office, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    _invite(office, capture, email="a@northfield.edu", role="viewer")
    expiring = _token()
    withdrawn = _invite(office, capture, email="b@northfield.edu", role="viewer").json()
    withdrawn_token = _token()
    office.staff_client().delete(f"/api/v1/careers/invitations/{withdrawn['id']}/")
    _invite(office, capture, email="c@northfield.edu", role="viewer")
    used = _token()
    joiner = UserFactory()
    _client(joiner).post("/api/v1/me/staff-invitations/accept/", {"token": used}, format="json")

    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert _preview(expiring).json()["state"] == "expired"
    assert _preview(withdrawn_token).json()["state"] == "revoked"
    assert _preview(used).json()["state"] == "accepted"
    assert _preview(used, joiner).json()["accepted_by_you"] is True
    assert _preview(used, UserFactory()).json()["accepted_by_you"] is False


def test_viewers_cannot_feature_or_unfeature_tasks_but_see_what_is_featured(office):
    task = TaskFactory()
    viewer = _client(_viewer(office))
    refused = viewer.post("/api/v1/careers/featured-tasks/", {"task_id": task.pk}, format="json")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "not_institution_admin"
    assert not FeaturedTask.objects.exists()

    made = office.staff_client().post("/api/v1/careers/featured-tasks/", {"task_id": task.pk})
    featured_id = made.json()["id"]
    ended = viewer.delete(f"/api/v1/careers/featured-tasks/{featured_id}/")

    assert ended.status_code == 403
    assert ended.json()["error"]["code"] == "not_institution_admin"
    listed = viewer.get("/api/v1/careers/featured-tasks/").json()["results"]
    assert [(row["task"]["id"], row["active"]) for row in listed] == [(task.pk, True)]
