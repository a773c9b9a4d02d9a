"""The dashboard's "At a glance" and funnel count each student once, as the summary CSV and the
API do: a student who drafted in two months is one student taking part, not two."""

import re
from datetime import UTC, datetime

from playwright.sync_api import expect

from projects.careers.services.summary import careers_summary_rebuild
from projects.models import Application, Engagement
from tests.careers.conftest import make_office, make_student
from tests.factories import DEFAULT_PASSWORD, EngagementFactory

STUDENTS = 6


def test_at_a_glance_and_the_funnel_count_a_student_active_in_two_months_once(page):
    office = make_office()
    for i in range(STUDENTS):
        student = make_student(office, f"Student {i}")
        for month in (3, 9):  # two engagements each, in two months
            engagement = EngagementFactory(
                drafter=student, application__drafter=student, state=Engagement.State.COMPLETED
            )
            when = datetime(2026, month, 10, tzinfo=UTC)
            Application.objects.filter(pk=engagement.application_id).update(created_at=when)
            Engagement.objects.filter(pk=engagement.pk).update(created_at=when)
    careers_summary_rebuild()  # the factories write past the services that keep it in step
    api = office.staff_client().get("/api/v1/careers/reports/summary/").json()["totals"]
    assert api["students"] == STUDENTS

    page.goto(page.base + "/accounts/login/?next=/careers/")
    page.get_by_label("Email").fill(office.admin.email)
    page.get_by_label("Password:", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=re.compile("^Log in$", re.I)).click()
    page.wait_for_url("**/careers/")

    headline = page.locator("[data-headline]")
    expect(headline.locator("div", has_text="Students taking part").locator("dd")).to_have_text(
        str(STUDENTS)
    )
    expect(headline.locator("div", has_text="Engagements").first.locator("dd")).to_have_text(
        str(2 * STUDENTS)
    )
    page.get_by_text("Show as a table").first.click()
    funnel = page.get_by_role("table", name=re.compile("From application to outcome"))
    expect(funnel.get_by_role("row", name=re.compile("^Engaged"))).to_contain_text(str(STUDENTS))
    expect(funnel.get_by_role("row", name=re.compile("^Applied"))).to_contain_text(str(STUDENTS))
