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
    assert "Northfield University" in seen.inner_text()
    assert "Sync job" in seen.inner_text()
    assert_accessible(page)
