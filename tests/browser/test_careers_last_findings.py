"""Career-office staff, the last findings (issue 19): an invitation off the office's domains is
checked before it is sent; the e-mailed join link works signed out (who invited whom, where, as
what, then sign-up or login and back), says when someone else is signed in and when it no
longer works; a staff-only account's task page offers the office's actions, not Apply, and
only admins feature; /for-career-offices/ shows the dashboard's own funnel, marked as a sample."""

import re
from datetime import timedelta
from pathlib import Path

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import InstitutionMembership, StaffInvitation
from projects.careers.access import CareersAccess
from projects.careers.models import FeaturedTask
from projects.careers.services.staff_invitations import staff_invitation_create
from tests.browser.careers_pages import shoot_both_widths, staff_only_office_admin
from tests.browser.conftest import assert_accessible, confirm
from tests.browser.first_use import log_in
from tests.factories import DEFAULT_PASSWORD, MembershipFactory, TaskFactory, UserFactory

SCREENS = Path("/tmp/s")
PASSWORD = "a-long-pass-phrase-for-tests"


def _shoot(page, name: str) -> None:
    shoot_both_widths(page, SCREENS, name)


_office_admin = staff_only_office_admin


def _invite(office, email, role="viewer"):
    admin = InstitutionMembership.objects.get(user=office.admin, role="staff")
    issued = staff_invitation_create(
        access=CareersAccess(institution=office.institution, staff=admin),
        email=email,
        staff_role=role,
        confirm_outside_domains=True,
    )
    return "/" + issued.link.split("://", 1)[1].split("/", 1)[1]


def test_an_invitation_outside_the_offices_domains_asks_before_it_is_sent(page):
    office = _office_admin()
    log_in(page, office.admin)
    page.goto(page.base + "/careers/settings/")
    email = page.get_by_label("Colleague's e-mail")
    email.fill("priya@gmail.com")
    page.get_by_role("button", name="Send invitation").click()

    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("priya@gmail.com is not at riverbend.edu. Invite anyway?")
    assert_accessible(page)
    _shoot(page, "invite-outside")
    confirm(page, "Go back")
    expect(page.locator("[data-say=invitations]")).to_have_text(
        "Not sent: check the address priya@gmail.com."
    )
    assert not StaffInvitation.objects.exists()

    page.get_by_role("button", name="Send invitation").click()
    confirm(page, "Invite anyway")
    expect(page.locator("[data-invitation='priya@gmail.com']")).to_contain_text(
        "Waiting for an answer"
    )
    assert mail.outbox[-1].to == ["priya@gmail.com"]


def test_a_signed_out_invitee_reads_the_invitation_signs_up_and_comes_back_to_join(page):
    office = _office_admin()
    path = _invite(office, "lee.hart@gmail.com", role="viewer")

    page.goto(page.base + path)
    main = page.get_by_role("main")
    expect(main).to_contain_text(
        "Priya Shah invited you to join the career office of Riverbend University on "
        "Slipstream as a viewer."
    )
    expect(main).to_contain_text("As a viewer you can read the office's dashboard: figures")
    assert_accessible(page)
    _shoot(page, "join-signed-out")
    expect(main.get_by_role("link", name="Log in")).to_have_attribute(
        "href", f"/accounts/login/?next={path}"
    )

    main.get_by_role("link", name="Create an account").click()
    expect(page.get_by_label("Email")).to_have_value("lee.hart@gmail.com")
    # The invitation makes career-office staff: no role to choose (test_invited_signup_page.py).
    expect(page.get_by_role("checkbox")).to_have_count(0)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again):").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    # The invitation reached that inbox: the address counts as confirmed, no second e-mail,
    # straight back to the invitation to give a name and accept.
    page.wait_for_url(f"**{path}")
    expect(page.get_by_role("heading", name="Confirm your address first")).to_have_count(0)
    to_lee = [m for m in mail.outbox if m.to == ["lee.hart@gmail.com"]]
    assert not any("confirm-email" in m.body for m in to_lee)
    page.get_by_label("Your name").fill("Lee Hart")
    page.get_by_role("button", name="Accept the invitation").click()
    page.wait_for_url("**/careers/")
    assert InstitutionMembership.objects.filter(
        user__email="lee.hart@gmail.com", institution=office.institution, staff_role="viewer"
    ).exists()


def test_the_join_page_says_who_is_signed_in_and_offers_to_switch_account(page):
    office = _office_admin()
    path = _invite(office, "lee@riverbend.edu", role="admin")
    lee = UserFactory(email="lee@riverbend.edu")
    log_in(page, UserFactory(email="sam@example.org"))

    page.goto(page.base + path)
    other = page.locator("[data-other-account]")
    expect(other).to_contain_text(
        "You are signed in as sam@example.org, but this invitation was sent to lee@riverbend.edu."
    )
    assert_accessible(page)
    _shoot(page, "join-other-account")
    other.get_by_role("button", name="Log out and switch account").click()

    page.wait_for_url(re.compile(r".*/accounts/login/\?next=.*careers.*join.*"))
    page.get_by_label("Email").fill(lee.email)
    page.get_by_label("Password:", exact=True).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=re.compile("^Log in$", re.I)).click()
    page.wait_for_url(f"**{path}")
    expect(page.get_by_role("button", name="Accept the invitation")).to_be_visible()
    expect(page.locator("[data-other-account]")).to_be_hidden()


def test_a_link_that_no_longer_works_says_why(page):
    office = _office_admin()
    expired = _invite(office, "a@riverbend.edu")
    StaffInvitation.objects.filter(email="a@riverbend.edu").update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    withdrawn = _invite(office, "b@riverbend.edu")
    StaffInvitation.objects.filter(email="b@riverbend.edu").update(
        state=StaffInvitation.State.REVOKED, revoked_at=timezone.now()
    )

    page.goto(page.base + expired)
    alert = page.locator("[data-ended]")
    expect(alert).to_contain_text("This invitation has expired")
    expect(alert).to_contain_text("Ask Priya Shah to send you a new one.")
    expect(page.get_by_role("link", name="Create an account")).to_be_hidden()
    assert_accessible(page)
    _shoot(page, "join-expired")
    page.goto(page.base + withdrawn)
    expect(page.locator("[data-ended]")).to_contain_text("This invitation was withdrawn")
    page.goto(page.base + "/careers/join/" + "x" * 43 + "/")
    expect(page.locator("[data-ended]")).to_contain_text("This invitation link is not valid")


def test_staff_only_accounts_feature_tasks_from_the_task_page_instead_of_applying(page):
    office = _office_admin()
    task = TaskFactory(title="Summarise three reports")
    log_in(page, office.admin)

    page.goto(page.base + f"/tasks/{task.pk}/")
    box = page.locator("[data-task-side] [data-feature-task]")
    expect(box).to_contain_text("Not featured for your students.")
    expect(page.get_by_role("heading", name="Apply for this task")).to_have_count(0)
    expect(page.get_by_role("button", name="Introduce")).to_have_count(0)
    assert_accessible(page)
    _shoot(page, "task-staff")

    box.get_by_role("button", name="Feature for your students").click()
    expect(box.get_by_role("status")).to_contain_text("Done: your students now see")
    expect(box).to_contain_text("Featured for your students since")
    assert FeaturedTask.objects.filter(task=task, ended_at__isnull=True).exists()
    _shoot(page, "task-staff-featured")

    box.get_by_role("button", name="Stop featuring").click()
    expect(box.get_by_role("status")).to_contain_text("No longer featured")
    expect(box.get_by_role("button", name="Feature for your students")).to_be_visible()
    assert not FeaturedTask.objects.filter(task=task, ended_at__isnull=True).exists()


def test_office_viewers_see_the_featured_state_read_only(page):
    office = _office_admin()
    task = TaskFactory()
    office.staff_client().post("/api/v1/careers/featured-tasks/", {"task_id": task.pk})
    viewer = UserFactory()
    MembershipFactory(
        user=viewer,
        institution=office.institution,
        role=InstitutionMembership.Role.STAFF,
        staff_role=InstitutionMembership.StaffRole.VIEWER,
    )
    log_in(page, viewer)

    page.goto(page.base + f"/tasks/{task.pk}/")
    box = page.locator("[data-feature-task]")
    expect(box).to_contain_text("Featured for your students since")
    expect(box).to_contain_text("Your office's admins feature tasks and stop featuring them.")
    expect(box.get_by_role("button")).to_have_count(0)
    assert_accessible(page)

    # The dashboard's featured list reads the same way: no Stop featuring, no search to feature.
    page.goto(page.base + "/careers/")
    featured = page.locator("[data-featured]")
    expect(featured).to_contain_text(task.title)
    expect(featured.get_by_role("button")).to_have_count(0)
    expect(page.get_by_role("search", name="Find a task to feature")).to_be_hidden()
    expect(
        page.get_by_text("Your office's admins feature tasks and stop featuring")
    ).to_be_visible()


def test_a_drafter_who_also_works_in_a_career_office_still_applies(page):
    office = _office_admin()
    office.admin.profile.wants_to_draft = True
    office.admin.profile.save()
    task = TaskFactory()
    log_in(page, office.admin)

    page.goto(page.base + f"/tasks/{task.pk}/")

    expect(page.get_by_role("heading", name="Apply for this task")).to_be_visible()
    expect(page.locator("[data-feature-task]")).to_contain_text("Not featured for your students.")


def test_the_public_sample_funnel_uses_the_dashboards_stages_and_is_marked_a_sample(page):
    page.goto(page.base + "/for-career-offices/")
    sample = page.locator("[data-sample-dashboard]")
    expect(sample.get_by_text("Sample data", exact=True)).to_be_visible()
    figure = sample.locator("[data-chart=sample-funnel]")
    expect(figure.get_by_role("heading")).to_have_text("From application to outcome (students)")
    rows = figure.locator("table tbody th")
    expect(rows).to_have_text(["Applied", "Engaged", "Completed", "Outcome reported"])
    expect(sample.locator("dt")).to_have_text(
        [
            "Students taking part",
            "Engagements",
            "Completion rate",
            "Engagements with a stipend",
            "Unpaid engagements",
        ]
    )
    assert_accessible(page)
    _shoot(page, "for-career-offices")
