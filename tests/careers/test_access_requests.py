"""Asking to join an office that is already here: the office's admins are told (inbox and
e-mail) with a link that opens the invite form filled in; refused for staff, for anyone with no
confirmed address on a live office's domain (without naming any office), and again within 24 h."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Institution, InstitutionMembership, Notification
from tests.careers.asking_to_join import ASK, add_colleague, ask_to_join
from tests.careers.conftest import make_office, make_student
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _second_admin(office):
    return add_colleague(
        office,
        email="omar@northfield.edu",
        staff_role=InstitutionMembership.StaffRole.ADMIN,
        name="Omar Admin",
    )


def test_every_admin_of_the_office_is_told_with_a_link_to_the_prefilled_invite_form(
    office, django_capture_on_commit_callbacks
):
    omar = _second_admin(office)
    add_colleague(
        office, email="vic@northfield.edu", staff_role=InstitutionMembership.StaffRole.VIEWER
    )
    kim = make_student(office, "Kim Office", scopes=None)

    response = ask_to_join(kim, django_capture_on_commit_callbacks)

    assert response.status_code == 201, response.content
    assert response.json() == {
        "institution_name": "Northfield University",
        "sent_to": ["Northfield University careers", "Omar Admin"],
    }
    notices = Notification.objects.filter(kind="staff_access_requested")
    assert {n.recipient for n in notices} == {office.admin, omar}
    link = "/careers/settings/?invite=kim.office@northfield.edu#colleagues"
    assert {n.url for n in notices} == {link}
    assert notices[0].title == "Kim Office asks to join Northfield University's career office"
    assert "kim.office@northfield.edu" in notices[0].body
    assert sorted(m.to[0] for m in mail.outbox) == ["careers@northfield.edu", omar.email]
    assert link in mail.outbox[0].body
    assert "\n" not in mail.outbox[0].subject


def test_the_answer_names_the_admins_but_never_their_addresses(
    office, kim, django_capture_on_commit_callbacks
):

    body = ask_to_join(kim, django_capture_on_commit_callbacks).content.decode()

    assert "careers@northfield.edu" not in body
    assert "Northfield University careers" in body


def test_a_second_request_within_a_day_is_refused_and_says_when_and_who(
    office, kim, django_capture_on_commit_callbacks
):
    with time_machine.travel("2026-12-07 10:00:00+00:00", tick=False):
        assert ask_to_join(kim, django_capture_on_commit_callbacks).status_code == 201
    with time_machine.travel("2026-12-08 09:59:00+00:00", tick=False):
        again = ask_to_join(kim, django_capture_on_commit_callbacks)

    assert again.status_code == 409
    error = again.json()["error"]
    assert error["code"] == "access_request_recent"
    assert error["message"] == ("You asked on 7 Dec; Northfield University careers has been told.")
    assert Notification.objects.filter(kind="staff_access_requested").count() == 1
    assert len(mail.outbox) == 1


def test_after_a_day_the_person_may_ask_again(office, kim, django_capture_on_commit_callbacks):
    with time_machine.travel("2026-12-07 10:00:00+00:00", tick=False):
        ask_to_join(kim, django_capture_on_commit_callbacks)
    with time_machine.travel("2026-12-08 10:01:00+00:00", tick=False):
        again = ask_to_join(kim, django_capture_on_commit_callbacks)

    assert again.status_code == 201
    assert Notification.objects.filter(kind="staff_access_requested").count() == 2


def test_another_persons_request_does_not_count_against_yours(
    office, kim, django_capture_on_commit_callbacks
):
    lee = make_student(office, "Lee Other", scopes=None)
    ask_to_join(lee, django_capture_on_commit_callbacks)

    assert ask_to_join(kim, django_capture_on_commit_callbacks).status_code == 201


def test_staff_of_the_office_are_told_they_are_in_already(
    office, django_capture_on_commit_callbacks
):
    response = ask_to_join(office.admin, django_capture_on_commit_callbacks)

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "already_institution_staff"
    assert not Notification.objects.filter(kind="staff_access_requested").exists()


def test_no_address_on_a_live_office_gets_one_404_that_names_no_office(
    office, django_capture_on_commit_callbacks
):
    outsider = UserFactory(email="someone@example.org")
    pending = make_office("Pending Polytechnic", "pending.edu")
    pending.institution.status = Institution.Status.PENDING
    pending.institution.save()
    on_pending = UserFactory(email="pat@pending.edu")
    MembershipFactory(user=on_pending, institution=pending.institution, email=on_pending.email)
    left = make_student(office, "Left Student", scopes=None)
    InstitutionMembership.objects.filter(user=left).update(ended_at=timezone.now())

    answers = [
        ask_to_join(u, django_capture_on_commit_callbacks) for u in (outsider, on_pending, left)
    ]

    assert {a.status_code for a in answers} == {404}
    assert {a.json()["error"]["code"] for a in answers} == {"access_request_no_office"}
    assert len({a.content for a in answers}) == 1  # the same words whatever the reason
    assert all(b"Northfield" not in a.content and b"Pending" not in a.content for a in answers)
    assert not Notification.objects.filter(kind="staff_access_requested").exists()


def test_signed_out_is_refused(office):
    assert APIClient().post(ASK, format="json").status_code in (401, 403)


def test_a_removed_admin_is_not_told(office, django_capture_on_commit_callbacks):
    omar = _second_admin(office)
    InstitutionMembership.objects.filter(user=omar).update(
        ended_at=timezone.now() - timedelta(days=1)
    )
    kim = make_student(office, "Kim Office", scopes=None)

    assert ask_to_join(kim, django_capture_on_commit_callbacks).json()["sent_to"] == [
        "Northfield University careers"
    ]


def test_a_requester_without_a_name_is_named_by_their_address(
    office, django_capture_on_commit_callbacks
):
    kim = UserFactory(email="kim@northfield.edu", finish__display_name="")
    MembershipFactory(user=kim, institution=office.institution, email=kim.email)

    assert ask_to_join(kim, django_capture_on_commit_callbacks).status_code == 201
    notice = Notification.objects.get(kind="staff_access_requested")
    assert notice.title == "kim@northfield.edu asks to join Northfield University's career office"
    assert notice.body.startswith("kim@northfield.edu has a confirmed address")  # named once


def test_inviting_the_person_who_asked_closes_every_admins_notice_of_it(
    office, django_capture_on_commit_callbacks
):
    omar = _second_admin(office)
    kim = make_student(office, "Kim Office", scopes=None)
    ask_to_join(kim, django_capture_on_commit_callbacks)

    response = office.staff_client().post(
        "/api/v1/careers/invitations/",
        {"email": "Kim.Office@northfield.edu", "staff_role": "viewer"},
        format="json",
    )

    assert response.status_code == 201, response.content
    unread = Notification.objects.filter(kind="staff_access_requested", read_at__isnull=True)
    assert not unread.exists()
    assert Notification.objects.filter(kind="staff_access_requested", recipient=omar).exists()
