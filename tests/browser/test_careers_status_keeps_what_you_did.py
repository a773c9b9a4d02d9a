"""The career-office page's status line: when the figures finish loading, the loading line gives
way, but what the person did meanwhile (saving their name) stays said."""

from playwright.sync_api import expect

from accounts.models import InstitutionMembership
from tests.browser.careers_pages import staff_only_office_admin
from tests.browser.first_use import log_in
from tests.factories import MembershipFactory, UserFactory


def test_a_name_saved_while_the_figures_load_is_still_thanked_after_they_arrive(page):
    office = staff_only_office_admin()
    nameless = UserFactory(email="sam@riverbend.edu", finish__display_name="")
    MembershipFactory(
        user=nameless,
        institution=office.institution,
        role=InstitutionMembership.Role.STAFF,
        staff_role=InstitutionMembership.StaffRole.VIEWER,
    )
    held = []

    def hold(route) -> None:
        held.append(route)

    page.route("**/api/v1/careers/reports/summary/**", hold)  # the figures wait
    log_in(page, nameless)
    page.goto(page.base + "/careers/")

    card = page.get_by_role("region", name="How colleagues and students see you")
    card.get_by_label("Name shown to colleagues and students").fill("Sam Lee")
    card.get_by_role("button", name="Save my name").click()
    expect(page.locator("[data-status]")).to_contain_text("Thanks, Sam Lee")
    assert held, "the page asked for its figures"
    for route in held:
        route.continue_()

    page.locator("[data-headline] dt").first.wait_for()  # the figures arrived
    expect(page.locator("[data-status]")).to_contain_text("Thanks, Sam Lee")
