"""A career-office staff member's whole first use: signs up as career-office staff, creates the
institution, invites a colleague while it waits, is approved (site staff, through the service),
the colleague joins by the e-mailed link, features a task from its page, creates a key and
copies it, and reads students, outcomes and the funnel on /careers/ — at 1280 and 390 px, axe
clean, screenshots in test-artifacts/screens/."""

import re
from pathlib import Path

from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Institution, InstitutionMembership, User
from accounts.services.institution_onboarding import institution_review
from projects.models import Engagement
from projects.services.report_back import report_back_create
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.careers.conftest import ALL_SCOPES, Office, make_student
from tests.factories import DEFAULT_PASSWORD, EngagementFactory, TaskFactory, UserFactory

SCREENS = Path("test-artifacts/screens")
PASSWORD = "a-very-decent-passphrase-42"


def _link(to: str, pattern: str) -> str:
    message = next(m for m in reversed(mail.outbox) if m.to == [to])
    return re.search(pattern, message.body).group(0)


def _shoot(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(150)  # charts redraw at the new width
        assert_accessible(page)
        if width == 390:
            assert_fits_width(page, 390)
        page.screenshot(path=str(SCREENS / f"career-office-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _log_in(page, email: str, password: str, next_path: str = "") -> None:
    page.goto(f"{page.base}/accounts/login/{next_path}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password:", exact=True).fill(password)
    page.get_by_role("button", name=re.compile("^Log in$", re.I)).click()


def _students_with_outcomes(institution: Institution) -> None:
    office = Office(institution=institution, admin=None, key=None)
    task = TaskFactory(title="Tidy a survey of small businesses")
    for i in range(6):
        student = make_student(
            office,
            f"Student {i}",
            scopes=[*ALL_SCOPES, "outcomes"],
            programme="Economics",
            class_year=2027,
        )
        engagement = EngagementFactory(
            application__drafter=student,
            application__task=task,
            state=Engagement.State.COMPLETED,
            completed_at=timezone.now(),
        )
        if i < 5:
            report_back_create(engagement_id=engagement.pk, author=student, outcomes=["referral"])
    call_command("careers_rebuild_summary", verbosity=0)


def test_a_career_office_finds_its_way_in_and_reads_its_dashboard(page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    site_staff = UserFactory(is_staff=True)
    colleague = UserFactory(email="lee@uni.edu", finish__display_name="")  # gives one on joining
    featured_task = TaskFactory(title="Write plain-language summaries of three reports")

    # The footer's "For career offices" explains, with a sample, and leads to sign-up.
    page.goto(page.base + "/")
    page.get_by_role("contentinfo").get_by_role("link", name="For career offices").click()
    page.get_by_role("heading", name="A sample dashboard").wait_for()
    _shoot(page, "public")
    page.get_by_role("link", name="Bring your career office").first.click()

    # Sign up as career-office staff (preselected by the link), confirm, land on /careers/.
    expect(page.get_by_label(re.compile("Career office: I work in a university"))).to_be_checked()
    page.get_by_label("Email").fill("dana@uni.edu")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again):").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url("**/accounts/confirm-email/")  # "we sent a link to ..."
    page.goto(page.base + _link("dana@uni.edu", r"/accounts/confirm-email/[^/\s]+/"))
    page.wait_for_url("**/careers/")
    assert (
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Careers").is_visible()
    )
    # Asked for a name on the way in: colleagues and students see it, never the address.
    page.get_by_label("Your name").fill("Dana Whitfield")

    # Create the institution: it waits, and the page says for how long and what to do now.
    page.get_by_label("Institution name").fill("Uni of Testing")
    page.get_by_label("E-mail domains").fill("uni.edu")
    page.get_by_role("button", name="Create institution").click()
    page.get_by_role("heading", name="Waiting for approval").wait_for()
    page.get_by_text("usually within two working days").wait_for()

    # Invite a colleague while waiting.
    page.goto(page.base + "/careers/settings/")
    page.get_by_label("Colleague's e-mail").fill("lee@uni.edu")
    page.get_by_label("Role", exact=True).select_option("viewer")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator("[data-invitation='lee@uni.edu']")).to_contain_text("Waiting for an answer")
    _shoot(page, "waiting")

    # Site staff approve it (as they would in the admin).
    institution = Institution.objects.get(name="Uni of Testing")
    institution_review(actor=site_staff, institution_id=institution.pk, approve=True)
    _students_with_outcomes(institution)

    # The colleague joins by the e-mailed link in their own browser.
    other = page.context.browser.new_context()
    lee = other.new_page()
    join = _link("lee@uni.edu", r"https?://\S+/careers/join/[^/\s]+/")
    lee.goto(page.base + "/" + join.split("://", 1)[1].split("/", 1)[1])
    lee.get_by_role("main").get_by_role("link", name="Log in").click()  # says who invited first
    lee.get_by_label("Email").fill(colleague.email)
    lee.get_by_label("Password:", exact=True).fill(DEFAULT_PASSWORD)
    lee.get_by_role("button", name=re.compile("^Log in$", re.I)).click()
    lee.get_by_label("Your name").fill("Lee Park")  # asked on the way in: they gave none yet
    lee.get_by_role("button", name="Accept the invitation").click()
    lee.wait_for_url("**/careers/")
    other.close()
    assert InstitutionMembership.objects.filter(
        user=colleague, institution=institution, role="staff", staff_role="viewer"
    ).exists()
    colleague.profile.refresh_from_db()
    assert colleague.profile.display_name == "Lee Park"

    # Feature a task from its own page.
    page.goto(f"{page.base}/tasks/{featured_task.pk}/")
    page.get_by_role("button", name="Feature for your students").click()
    page.get_by_text("Done: your students now see").wait_for()
    page.get_by_text("Featured for your students since").wait_for()

    # The dashboard: funnel, every month, students with outcomes, the featured task.
    page.goto(page.base + "/careers/")
    page.get_by_role("heading", name="Uni of Testing: career office").wait_for()
    funnel = page.get_by_role("img", name=re.compile("From application to outcome"))
    funnel.wait_for()
    expect(page.locator("[data-chart=funnel] desc")).to_contain_text("Outcome reported: 5")
    months = page.locator("[data-chart=participation] svg text")
    assert months.count() >= 12  # every month of the last year, zeros included
    students = page.locator("[data-students] tr")
    expect(students).to_have_count(6)
    expect(students.first).to_contain_text("Economics")
    expect(page.locator("[data-students]")).to_contain_text("1 referral")
    expect(page.locator("[data-featured]")).to_contain_text(featured_task.title)
    # Chart labels are drawn at the size they are shown (13 px), on a phone too.
    page.set_viewport_size({"width": 390, "height": 900})
    page.wait_for_timeout(150)
    size = page.locator("[data-chart=funnel] svg text").first.evaluate(
        "t => t.getBoundingClientRect().height"
    )
    assert size >= 12
    page.set_viewport_size({"width": 1280, "height": 900})

    # The engagements table filters on the server, and the filters stay in the URL.
    # Five at a time (a phone's page stays short), then the rest.
    engagements = page.locator("[data-engagements] tr")
    expect(engagements).to_have_count(5)
    page.get_by_role("button", name="Show more engagements").click()
    expect(engagements).to_have_count(6)
    # The page's one filter narrows the engagements too.
    filters = page.get_by_role("form", name="Show figures for:")
    filters.get_by_label("Programme").select_option("Economics")
    filters.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"major=Economics"))
    page.get_by_label("Student", exact=True).fill("Student 3")
    page.get_by_role("button", name="Show", exact=True).click()
    page.wait_for_url(re.compile(r"student=Student"))
    expect(engagements).to_have_count(1)
    expect(engagements.first).to_contain_text("Student 3")
    page.reload()  # a bookmarked view opens filtered
    expect(page.get_by_label("Student", exact=True)).to_have_value("Student 3")
    expect(engagements).to_have_count(1)
    _shoot(page, "engagements")
    page.get_by_role("button", name="Clear filters").click()
    expect(engagements).to_have_count(5)
    expect(page.get_by_role("button", name="Show more engagements")).to_be_visible()
    assert "student=" not in page.url

    # A key, shown once, copied with one button.
    page.goto(page.base + "/careers/settings/")
    page.get_by_label("Key name").fill("Handshake sync")
    page.get_by_role("button", name="Create key").click()
    secret = page.locator("[data-new-key-value]")
    expect(secret).to_contain_text("slk_")
    page.get_by_role("button", name="Copy the key").click()
    page.get_by_text("Copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == secret.inner_text()
    _shoot(page, "settings")

    # A student's participation page, from the table.
    page.goto(page.base + "/careers/")
    page.locator("[data-students] a").first.wait_for()
    _shoot(page, "dashboard")
    page.locator("[data-students]").get_by_role("link", name="Student 0").click()
    page.get_by_role("heading", name="Student 0").wait_for()
    expect(page.locator("[data-engagements]")).to_contain_text("referral")
    _shoot(page, "student")
    dana = User.objects.get(email="dana@uni.edu")
    assert dana.profile.joins_career_office
    assert dana.profile.display_name == "Dana Whitfield"
