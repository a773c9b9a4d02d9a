"""A student sees, on /settings/institutions/, who at their career office can see what they
share: each person by name and role in plain words, a flag on a partner invited with an address
outside the university's domains, the office's own systems as one line, and never an address;
the list goes when they stop sharing."""

from pathlib import Path

from accounts.models import InstitutionMembership
from tests.browser.careers_pages import staff_only_office_admin
from tests.browser.first_use import checked_at_both_widths, log_in
from tests.careers.conftest import make_student
from tests.factories import MembershipFactory, UserFactory

SHOTS = Path("/tmp/h5")


def _staff(office, *, email: str, name: str) -> None:
    user = UserFactory(email=email)
    user.profile.display_name = name
    user.profile.handle = f"member-{user.pk:06x}"
    user.profile.save()
    MembershipFactory(
        user=user,
        institution=office.institution,
        role=InstitutionMembership.Role.STAFF,
        staff_role=InstitutionMembership.StaffRole.VIEWER,
        email=email,
    )


def test_noah_sees_who_at_the_career_office_can_see_what_he_shares(page):
    office = staff_only_office_admin()
    _staff(office, email="jo.partner@gmail.com", name="Jo Partner")
    _staff(office, email="nameless@riverbend.edu", name="")
    noah = make_student(office, "Noah Kim", scopes=["participation"])
    log_in(page, noah)

    page.goto(page.base + "/settings/institutions/")
    box = page.get_by_role(
        "region", name="Who at Riverbend University's career office can see what you share"
    )
    people = box.locator("[data-office-person]")
    people.nth(2).wait_for()

    lines = [line.strip() for line in people.all_inner_texts()]
    assert lines[0].startswith("Priya Shah — Admin: sees what you share, and manages")
    jo = next(line for line in lines if line.startswith("Jo Partner"))
    assert "Viewer: sees what you share" in jo and "Outside the university's domains" in jo
    assert any(
        line.startswith("A staff member of Riverbend University's career office") for line in lines
    )
    systems = box.locator("[data-office-systems]").inner_text()
    assert systems == "Riverbend University's own systems, through 1 API key"
    assert "@" not in box.inner_text()
    checked_at_both_widths(page, SHOTS, "office-people")

    page.get_by_role("button", name="Stop sharing").click()
    page.get_by_text("You stopped sharing with Riverbend University.").wait_for()
    assert page.locator("[data-office-people]").count() == 0
    page.get_by_text("Sharing nothing.").wait_for()
