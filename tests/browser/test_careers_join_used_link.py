"""A colleague who already accepted their invitation opens the link again, signed out: besides
"Someone has accepted it already" the page offers to log in if that was them, and logging in
lands in the office's dashboard."""

import re

from accounts.models import InstitutionMembership
from projects.careers.access import CareersAccess
from projects.careers.services.staff_invitations import (
    staff_invitation_accept,
    staff_invitation_create,
)
from tests.browser.conftest import assert_accessible
from tests.careers.conftest import make_office
from tests.factories import DEFAULT_PASSWORD, UserFactory


def test_a_used_link_offers_the_one_who_accepted_it_to_log_in(page):
    office = make_office()
    admin = InstitutionMembership.objects.get(user=office.admin, role="staff")
    issued = staff_invitation_create(
        access=CareersAccess(institution=office.institution, staff=admin),
        email="lee@elsewhere.org",
        staff_role="viewer",
        confirm_outside_domains=True,
    )
    colleague = UserFactory(email="lee@elsewhere.org")
    staff_invitation_accept(user=colleague, token=issued.token)
    path = issued.link.split("://", 1)[1].split("/", 1)[1]

    page.goto(f"{page.base}/{path}")
    alert = page.get_by_role("alert")
    alert.get_by_text("Someone has accepted it already").wait_for()
    assert "If that was you, log in to open your office's dashboard." in alert.inner_text()
    assert_accessible(page)
    alert.get_by_role("link", name="log in").click()
    page.wait_for_url(re.compile(r".*/accounts/login/\?next=%2Fcareers%2F$|.*next=/careers/$"))
    page.get_by_label("Email").fill(colleague.email)
    page.get_by_label("Password:", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=re.compile("^Log in$", re.I)).click()
    page.wait_for_url("**/careers/")
