"""A student sees what their career office does for them and with their data: a "featured by
your career office" badge on tasks the office recommends, and who saw what they shared."""

import re

from projects.careers.models import FeaturedTask
from tests.browser.conftest import assert_accessible
from tests.careers.conftest import make_office, make_student
from tests.factories import DEFAULT_PASSWORD, TaskFactory


def test_student_sees_featured_badges_and_who_saw_their_data(page):
    office = make_office()
    student = make_student(office, "Noor Haddad")
    featured = TaskFactory(title="Summarise a policy report")
    TaskFactory(title="Tidy a reading list")
    FeaturedTask.objects.create(institution=office.institution, task=featured)
    # The office's sync job reads the student list once: that is a disclosure to show.
    page.request.get(
        page.base + "/api/v1/careers/students/",
        headers={"Authorization": f"Api-Key {office.key.secret}"},
    )

    page.goto(page.base + "/accounts/login/?next=/tasks/")
    page.get_by_label("Email").fill(student.email)
    page.get_by_label("Password:", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=re.compile("^Log in$", re.I)).click()
    page.wait_for_url("**/tasks/**")

    featured_card = page.locator(".task-card", has_text="Summarise a policy report")
    other_card = page.locator(".task-card", has_text="Tidy a reading list")
    featured_card.get_by_text("Featured by your career office").wait_for()
    assert other_card.get_by_text("Featured by your career office").count() == 0

    featured_card.get_by_role("link", name="Summarise a policy report").click()
    page.get_by_text("Featured by your career office").wait_for()

    page.goto(page.base + "/settings/institutions/")
    seen = page.locator("[data-disclosures] li").first
    seen.wait_for()
    # In plain words, not the log's raw field names.
    assert seen.inner_text().startswith(
        "Northfield University's career office, through its own system, read your name, "
        "programme, class year, skills"
    )
    assert "aggregate:" not in seen.inner_text() and "class_year" not in seen.inner_text()

    # The outcomes scope is explained, and the student gives programme and class year.
    page.get_by_label("Outcomes").wait_for()
    page.get_by_text("job or internship offer").first.wait_for()
    page.get_by_label("Programme or major").fill("Public Policy")
    page.get_by_label("Class year (the year you graduate)").fill("2027")
    page.get_by_role("button", name="Save programme and year").click()
    page.get_by_text("Saved your programme and class year").wait_for()
    membership = student.memberships.get()
    assert (membership.programme, membership.class_year) == ("Public Policy", 2027)
    assert_accessible(page)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"/tmp/h7-institutions-{width}.png", full_page=True)
