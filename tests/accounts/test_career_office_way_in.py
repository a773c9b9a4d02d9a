"""Career-office staff have their own way in: a choice at sign-up, /careers/ as their home
(never the portfolio wizard), a public page that explains what an office gets."""

import re

import pytest
from django.core import mail

from accounts.models import Institution, InstitutionMembership, Profile
from tests.factories import DEFAULT_PASSWORD, InstitutionFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-very-decent-passphrase-42"


def test_the_career_office_choice_is_offered_and_preselected_from_the_link(client):
    html = client.get("/accounts/signup/?role=career_office").content.decode()
    office = re.search(r'<input[^>]*value="career_office"[^>]*>', html).group(0)
    drafter = re.search(r'<input[^>]*value="drafter"[^>]*>', html).group(0)
    assert "checked" in office and "checked" not in drafter
    assert "I work in a university career office" in html


def test_signing_up_as_career_office_staff_lands_on_careers_after_confirming(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "dana@uni.edu",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "roles": ["career_office"],
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user__email="dana@uni.edu")
    assert profile.joins_career_office
    assert not profile.wants_to_draft and not profile.wants_to_mentor

    key = re.search(r"/accounts/confirm-email/([^/\s]+)/", mail.outbox[-1].body).group(1)
    confirmed = client.post(f"/accounts/confirm-email/{key}/")
    assert confirmed["Location"] == "/careers/"


def test_staff_sign_in_lands_on_careers_and_a_next_link_still_wins(client):
    staff = MembershipFactory(role=InstitutionMembership.Role.STAFF).user
    Profile.objects.filter(user=staff).update(wants_to_draft=False)

    response = client.post("/accounts/login/", {"login": staff.email, "password": DEFAULT_PASSWORD})
    assert response["Location"] == "/careers/"

    client.logout()
    response = client.post(
        "/accounts/login/?next=/careers/join/abc/",
        {"login": staff.email, "password": DEFAULT_PASSWORD},
    )
    assert response["Location"] == "/careers/join/abc/"


def test_the_welcome_wizard_never_asks_office_staff_for_a_portfolio(client):
    user = UserFactory()
    Profile.objects.filter(user=user).update(wants_to_draft=False, joins_career_office=True)
    client.force_login(user)

    html = client.get("/welcome/").content.decode()

    assert "First piece of work" not in html
    assert 'href="/careers/"' in html


def test_office_staff_see_careers_and_not_payouts_in_the_nav(client):
    user = UserFactory()
    Profile.objects.filter(user=user).update(wants_to_draft=False, joins_career_office=True)
    client.force_login(user)

    html = client.get("/careers/").content.decode()

    assert ">Careers</a>" in html
    assert ">Payouts</a>" not in html and ">For you</a>" not in html


def test_the_public_page_explains_approval_with_a_sample_and_the_footer_links_it(client):
    home = client.get("/").content.decode()
    assert 'href="/for-career-offices/"' in home

    html = client.get("/for-career-offices/").content.decode()

    assert "A sample dashboard" in html and "Riverbend University" in html
    assert "usually within two working days" in html
    assert "/accounts/signup/?role=career_office" in html
    assert "mailto:hello@slipstream.local" in html


def test_the_waiting_page_states_the_time_a_contact_and_what_staff_can_do(client):
    user = UserFactory()
    client.force_login(user)

    html = client.get("/careers/").content.decode()

    assert "usually within two working days" in html
    assert "mailto:hello@slipstream.local" in html
    assert 'href="/api/docs/"' in html and "invite your colleagues" in html


def test_staff_of_an_institution_waiting_for_approval_can_already_invite_colleagues(client):
    institution = InstitutionFactory(status=Institution.Status.PENDING)
    admin = MembershipFactory(
        institution=institution,
        role=InstitutionMembership.Role.STAFF,
        staff_role=InstitutionMembership.StaffRole.ADMIN,
    ).user
    client.force_login(admin)

    invited = client.post(
        "/api/v1/careers/invitations/",
        {"email": "lee@uni.edu", "role": "viewer", "confirm_outside_domains": True},
        content_type="application/json",
    )
    listed = client.get("/api/v1/careers/invitations/")
    students = client.get("/api/v1/careers/students/")

    assert invited.status_code == 201 and invited.json()["state"] == "pending"
    assert [i["email"] for i in listed.json()["results"]] == ["lee@uni.edu"]
    assert students.status_code == 403  # nothing about students until it is live
