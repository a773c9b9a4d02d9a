"""A colleague invited by e-mail opens the link signed out, chooses to log in, comes back to
the link through `?next=`, accepts with one click and lands in the office's dashboard."""

import re

from accounts.models import InstitutionMembership
from projects.careers.access import CareersAccess
from projects.careers.services.staff_invitations import staff_invitation_create
from tests.browser.conftest import assert_accessible
from tests.careers.conftest import make_office
from tests.factories import DEFAULT_PASSWORD, UserFactory


def test_an_invited_colleague_logs_in_from_the_link_and_joins(page):
    office = make_office()
    admin = InstitutionMembership.objects.get(user=office.admin, role="staff")
    issued = staff_invitation_create(
        access=CareersAccess(institution=office.institution, staff=admin),
        email="lee@elsewhere.org",
        staff_role="viewer",
        confirm_outside_domains=True,
    )
    colleague = UserFactory(email="lee@elsewhere.org")
    path = issued.link.split("://", 1)[1].split("/", 1)[1]

    page.goto(f"{page.base}/{path}")
    page.get_by_role("main").get_by_role("link", name="Log in").click()
    page.wait_for_url(re.compile(r".*/accounts/login/\?next=.*careers.*join.*"))
    page.get_by_label("Email").fill(colleague.email)
    page.get_by_label("Password:", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=re.compile("^Log in$", re.I)).click()
    page.get_by_role("heading", name="Join your career office").wait_for()
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 800})
    page.screenshot(path="/tmp/h7-join-390.png", full_page=True)

    page.get_by_role("button", name="Accept the invitation").click()
    page.wait_for_url("**/careers/")
    assert InstitutionMembership.objects.filter(
        user=colleague, institution=office.institution, role="staff", staff_role="viewer"
    ).exists()
