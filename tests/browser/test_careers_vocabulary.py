"""The career-office vocabulary on the two pages scripts draw (docs/career-offices-glossary.md):
staff read a student's ratings as "4.0 / 5" and each draft as "With stipend" or "Unpaid"; the
student chooses "Ratings from mentors" (never "Evaluations"), and one who agreed to the earlier
wording is told it still applies."""

from pathlib import Path

from playwright.sync_api import expect

from accounts.models import Consent
from projects.careers.summary_terms import student_public_id_make
from projects.models import Application, Engagement
from projects.services.feedback import feedback_submit
from tests.browser.careers_pages import shoot_both_widths, staff_only_office_admin
from tests.browser.conftest import assert_accessible
from tests.browser.first_use import log_in
from tests.careers.conftest import make_student
from tests.factories import ApplicationFactory, EngagementFactory, TaskFactory

SHOTS = Path("/tmp/s8b")


def _draft(student, *, title: str, stipend: int | None, done: bool) -> Engagement:
    return EngagementFactory(
        application=ApplicationFactory(
            task=TaskFactory(title=title, stipend_amount=stipend),
            drafter=student,
            state=Application.State.ACCEPTED,
        ),
        state=Engagement.State.COMPLETED if done else Engagement.State.ACTIVE,
    )


def test_staff_read_a_students_ratings_out_of_5_and_each_draft_with_stipend_or_unpaid(page):
    office = staff_only_office_admin()
    noah = make_student(office, "Noah Kim", scopes=["participation", "evaluations"])
    rated = _draft(noah, title="Clean a survey dataset", stipend=25000, done=True)
    feedback_submit(
        engagement_id=rated.pk,
        author=rated.mentor,
        rating=5,
        competencies={"communication": 4, "teamwork": 5},
    )
    _draft(noah, title="Sketch onboarding screens", stipend=None, done=False)
    student_id = student_public_id_make(institution_id=office.institution.pk, user_id=noah.pk)
    log_in(page, office.admin)

    page.goto(page.base + f"/careers/students/{student_id}/")

    rows = page.locator("[data-engagements] tr")
    expect(rows).to_have_count(2)
    paid_row = rows.filter(has_text="Clean a survey dataset")
    expect(paid_row.locator('[data-label="Ratings"]')).to_have_text(
        "Communication:\u00a04.0\u00a0/\u00a05, Teamwork:\u00a05.0\u00a0/\u00a05"
    )
    expect(paid_row.locator('[data-label="Stipend"]')).to_have_text(
        "With stipend (amount not shared)"
    )
    unpaid_row = rows.filter(has_text="Sketch onboarding screens")
    expect(unpaid_row.locator('[data-label="Stipend"]')).to_have_text("Unpaid")
    expect(unpaid_row.locator('[data-label="Ratings"]')).to_have_text("None yet")
    expect(page.get_by_role("columnheader")).to_have_text(
        ["Task", "State", "Hours", "Stipend", "Ratings", "Outcomes"]
    )
    assert_accessible(page)
    shoot_both_widths(page, SHOTS, "careers-student")


def test_the_student_chooses_ratings_from_mentors_and_an_earlier_consent_still_applies(page):
    office = staff_only_office_admin()
    noah = make_student(office, "Noah Kim", scopes=["participation", "evaluations"])
    Consent.objects.filter(student=noah).update(version="2026-2")  # agreed before 2026-3
    log_in(page, noah)

    page.goto(page.base + "/settings/institutions/")

    main = page.get_by_role("main")
    expect(main.locator(".sharing")).to_contain_text(
        "Sharing now: Participation, Ratings from mentors (since"
    )
    expect(main.get_by_label("Ratings from mentors")).to_be_checked()
    expect(main.locator("[data-older-wording]")).to_contain_text(
        "You agreed under the wording of version 2026-2, which still applies."
    )
    main.get_by_text("Why they ask (version 2026-3)").click()
    expect(main).to_contain_text(
        "a figure is hidden when fewer than 5 students share what it counts"
    )
    assert "Evaluations" not in main.inner_text()
    assert_accessible(page)
    shoot_both_widths(page, SHOTS, "consent")

    main.get_by_role("button", name="Update what I share").click()

    expect(main.get_by_role("status").first).to_contain_text(
        "Riverbend University can now see: Participation, Ratings from mentors."
    )
    expect(main.locator("[data-older-wording]")).to_have_count(0)
