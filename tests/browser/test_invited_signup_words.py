"""From a colleague's invitation, the sign-up page says the invited address needs no
confirmation e-mail, and says the usual line again as soon as another address is typed."""

from playwright.sync_api import expect

from accounts.models import InstitutionMembership
from projects.careers.access import CareersAccess
from projects.careers.services.staff_invitations import staff_invitation_create
from tests.careers.conftest import make_office

NO_MAIL = "No confirmation e-mail needed: your invitation already proved this address."
ONE_MAIL = "We send one e-mail to confirm your address."


def test_the_confirmation_line_follows_the_address_typed(page):
    office = make_office()
    admin = InstitutionMembership.objects.get(user=office.admin, role="staff")
    issued = staff_invitation_create(
        access=CareersAccess(institution=office.institution, staff=admin),
        email="lee@elsewhere.org",
        staff_role="viewer",
        confirm_outside_domains=True,
    )
    path = issued.link.split("://", 1)[1].split("/", 1)[1]

    page.goto(f"{page.base}/{path}")
    page.get_by_role("link", name="Create an account").first.click()
    page.wait_for_url("**/accounts/signup/**")
    note = page.locator("[data-confirm-note]")
    expect(note).to_contain_text(NO_MAIL)

    email = page.get_by_label("Email")
    email.fill("someone.else@elsewhere.org")
    expect(note).to_contain_text(ONE_MAIL)
    expect(note).not_to_contain_text(NO_MAIL)

    email.fill("Lee@Elsewhere.org ")
    expect(note).to_contain_text(NO_MAIL)
