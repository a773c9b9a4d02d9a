"""Career-office staff, the walk's findings (issue 19): a staff-only account reads a task's terms
as their students' (not "You receive"); /careers/ stays short and navigable on a phone; row
actions keep short labels; the outside-domains check defaults to going back; a new colleague
is told what they joined."""

import re
from pathlib import Path

from playwright.sync_api import expect
from rest_framework.test import APIClient

from accounts.models import InstitutionMembership
from projects.careers.access import CareersAccess
from projects.careers.services.staff_invitations import staff_invitation_create
from projects.careers.services.summary import careers_summary_rebuild
from projects.careers.summary_terms import student_public_id_make
from projects.models import Engagement
from tests.browser.careers_pages import shoot_both_widths, staff_only_office_admin
from tests.browser.conftest import assert_accessible, confirm
from tests.browser.first_use import log_in
from tests.careers.conftest import make_student
from tests.factories import EngagementFactory, MembershipFactory, TaskFactory, UserFactory

SCREENS = Path("/tmp/s2")


def _shoot(page, name: str) -> None:
    shoot_both_widths(page, SCREENS, name)


_office_admin = staff_only_office_admin


def test_staff_only_accounts_read_a_tasks_terms_as_their_students(page):
    office = _office_admin()
    task = TaskFactory(stipend_amount=18000, what_you_gain="A reference letter.")
    log_in(page, office.admin)

    page.goto(page.base + f"/tasks/{task.pk}/")
    reward = page.locator("[data-task-reward]")
    expect(reward).to_contain_text("Students receive $162.00 after the 10% platform fee.")
    expect(reward).to_contain_text("Students gain: A reference letter.")
    expect(reward).not_to_contain_text("You ")
    assert_accessible(page)
    _shoot(page, "task-staff-terms")


def test_a_drafter_still_reads_a_tasks_terms_as_their_own(page):
    office = _office_admin()
    office.admin.profile.wants_to_draft = True
    office.admin.profile.save()
    task = TaskFactory(stipend_amount=18000, what_you_gain="A reference letter.")
    log_in(page, office.admin)

    page.goto(page.base + f"/tasks/{task.pk}/")
    reward = page.locator("[data-task-reward]")
    expect(reward).to_contain_text("You also gain: A reference letter.")
    expect(reward).not_to_contain_text("Students")
    # A drafter reads the fee line once, beside Send application (as every drafter does).
    fee_line = page.get_by_text("You receive $162.00 after the 10% platform fee.")
    expect(fee_line.first).to_be_visible()


def _colleague(office, email, name):
    user = UserFactory(email=email)
    user.profile.display_name = name
    user.profile.save()
    MembershipFactory(
        user=user,
        institution=office.institution,
        role=InstitutionMembership.Role.STAFF,
        staff_role=InstitutionMembership.StaffRole.VIEWER,
    )
    return user


def test_row_actions_say_one_short_word_and_outside_addresses_are_tagged(page):
    office = _office_admin()
    _colleague(office, "lee.park@riverbend.edu", "Lee Park")
    _colleague(office, "jo.bell@gmail.com", "Jo Bell")
    admin = InstitutionMembership.objects.get(user=office.admin, role="staff")
    for email in ("kim@riverbend.edu", "kim.personal@gmail.com"):
        staff_invitation_create(
            access=CareersAccess(institution=office.institution, staff=admin),
            email=email,
            staff_role="viewer",
            confirm_outside_domains=True,
        )
    TaskFactory(title="Summarise three reports")
    log_in(page, office.admin)
    page.goto(page.base + "/careers/settings/")

    colleagues = page.locator("[data-colleague-list]")
    remove = colleagues.get_by_role("button", name="Remove Lee Park")
    expect(remove).to_have_text("Remove")
    expect(colleagues.locator("[data-colleague='jo.bell@gmail.com']")).to_contain_text(
        "outside your domains"
    )
    expect(colleagues.locator("[data-colleague='lee.park@riverbend.edu']")).not_to_contain_text(
        "outside your domains"
    )
    invitations = page.locator("[data-invitation-list]")
    withdraw = invitations.get_by_role(
        "button", name="Withdraw the invitation to kim@riverbend.edu"
    )
    expect(withdraw).to_have_text("Withdraw")
    expect(invitations.locator("[data-invitation='kim.personal@gmail.com']")).to_contain_text(
        "outside your domains"
    )
    expect(invitations.locator("[data-invitation='kim@riverbend.edu']")).not_to_contain_text(
        "outside your domains"
    )
    expect(page.get_by_role("button", name="Revoke Sync job")).to_have_text("Revoke")
    assert_accessible(page)
    _shoot(page, "careers-rows")


def test_the_outside_domains_check_makes_going_back_the_primary_choice(page):
    office = _office_admin()
    log_in(page, office.admin)
    page.goto(page.base + "/careers/settings/")
    page.get_by_label("Colleague's e-mail").fill("priya@gmail.com")
    page.get_by_role("button", name="Send invitation").click()

    dialog = page.get_by_role("dialog")
    back = dialog.get_by_role("button", name="Go back")
    expect(back).to_be_focused()
    expect(back).not_to_have_class("button-secondary")
    expect(dialog.get_by_role("button", name="Invite anyway")).to_have_class("button-secondary")
    assert dialog.locator("button").first.inner_text() == "Go back"
    assert_accessible(page)
    _shoot(page, "invite-dialog")
    confirm(page, "Invite anyway")
    expect(page.locator("[data-invitation='priya@gmail.com']")).to_contain_text(
        "outside your domains"
    )


def _busy_office(students=12):
    office = _office_admin()
    for i in range(students):
        student = make_student(office, f"Student {i}", programme="Economics")
        EngagementFactory(drafter=student, state=Engagement.State.COMPLETED)
    careers_summary_rebuild()
    return office


def test_the_careers_page_on_a_phone_shows_every_jump_link_and_pages_its_lists(page):
    office = _busy_office()
    log_in(page, office.admin)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(page.base + "/careers/")
    expect(page.locator("[data-students] tr")).to_have_count(10)
    engagements = page.locator("[data-engagements] tr")
    expect(engagements).to_have_count(5)

    jump = page.get_by_role("navigation", name="On this page")
    for name in ("At a glance", "Students", "Engagements", "Featured"):
        box = jump.get_by_role("link", name=name, exact=True).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, name
    # The section links sit right under the page heading and its Office settings link.
    heading = page.get_by_role("main").get_by_role("link", name="Office settings").bounding_box()
    assert jump.bounding_box()["y"] - (heading["y"] + heading["height"]) < 40

    page.get_by_role("button", name="Show more students").click()
    expect(page.locator("[data-students] tr")).to_have_count(12)
    page.get_by_role("button", name="Show more engagements").click()
    expect(engagements).to_have_count(10)
    assert_accessible(page)
    _shoot(page, "careers-phone")


def test_report_filters_live_in_the_url_and_say_what_they_leave_out(page):
    office = _busy_office(students=3)
    log_in(page, office.admin)
    page.goto(page.base + "/careers/")
    filters = page.get_by_role("form", name="Show figures for:")
    filters.get_by_label("Programme").select_option("Economics")
    filters.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"[?&]major=Economics"))
    note = page.locator("[data-students-filter-note]")
    expect(note).to_have_text("Filtered by Economics: 3 students match.")

    page.reload()
    expect(filters.get_by_label("Programme")).to_have_value("Economics")
    expect(note).to_be_visible()
    # The filtered group is under 5: one notice in place of the figures, with the way back.
    notice = page.locator("[data-small-group]")
    expect(notice).to_contain_text("Economics has fewer than 5 sharing students taking part")
    notice.get_by_role("button", name="Show all programmes").click()
    expect(notice).to_be_hidden()
    # The whole office has three students: every figure is hidden, in one short wording that
    # stays on one line.
    figure = page.locator("[data-headline] dd").first
    expect(figure).to_have_text("Hidden (fewer than 5)")
    assert figure.evaluate("dd => dd.scrollWidth <= dd.clientWidth")
    funnel = page.locator("[data-chart=funnel] table")
    expect(funnel).to_contain_text("Hidden (fewer than 5)", use_inner_text=False)
    # The month is hatched, not drawn as zero, and its legend says why.
    expect(page.locator("[data-chart=participation] [data-chart-legend]")).to_contain_text(
        "fewer than 5 students"
    )
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 900})
    assert figure.evaluate("dd => dd.scrollWidth <= dd.clientWidth")
    _shoot(page, "careers-filtered")


def test_the_students_log_groups_reads_per_person_and_day_in_the_sites_words(page):
    office = _office_admin()
    noah = make_student(office, "Noah Kim", scopes=["participation"])
    EngagementFactory(drafter=noah)
    lee = UserFactory(email="lee.park@riverbend.edu")
    lee.profile.display_name = "Lee Park"
    lee.profile.save()
    MembershipFactory(
        user=lee,
        institution=office.institution,
        role=InstitutionMembership.Role.STAFF,
        staff_role=InstitutionMembership.StaffRole.VIEWER,
    )
    priya, lee_client = APIClient(), APIClient()
    priya.force_authenticate(office.admin)
    lee_client.force_authenticate(lee)
    student_id = student_public_id_make(institution_id=office.institution.pk, user_id=noah.pk)
    participation = f"/api/v1/careers/students/{student_id}/participation/"
    for reader in (priya, lee_client, priya, priya, priya):  # interleaved, the same day
        assert reader.get(participation).status_code == 200

    log_in(page, noah)
    page.goto(page.base + "/settings/institutions/")
    lines = page.locator("[data-disclosures] li")
    expect(lines).to_have_count(2)
    texts = lines.all_inner_texts()
    priya_line = next(t for t in texts if t.startswith("Priya Shah"))
    assert priya_line.startswith(
        "Priya Shah at Riverbend University's career office read your name, programme, "
        "class year, skills and participation on the office's page about you"
    )
    assert re.search(r", 4 times \(last at \d{2}:\d{2}\)$", priya_line)
    lee_line = next(t for t in texts if t.startswith("Lee Park"))
    assert re.search(r" — \d+ \w{3} \d{4}, \d{2}:\d{2}$", lee_line)  # once: its time
    assert not any("careers office" in t for t in texts)
    assert_accessible(page)
    _shoot(page, "student-log")


def _invite(office, email, role="viewer"):
    admin = InstitutionMembership.objects.get(user=office.admin, role="staff")
    issued = staff_invitation_create(
        access=CareersAccess(institution=office.institution, staff=admin),
        email=email,
        staff_role=role,
        confirm_outside_domains=True,
    )
    return "/" + issued.link.split("://", 1)[1].split("/", 1)[1]


def test_the_sign_up_page_from_an_invitation_names_the_office(page):
    office = _office_admin()
    path = _invite(office, "lee.hart@gmail.com", role="viewer")

    page.goto(page.base + path)
    page.get_by_role("main").get_by_role("link", name="Create an account").click()
    expect(page.locator("[data-joining-office]")).to_have_text(
        "Create your account to join Riverbend University's career office as a viewer, "
        "invited by Priya Shah."
    )
    assert_accessible(page)
    _shoot(page, "signup-invited")

    # Reached any other way, the sign-up page says nothing of an office.
    page.goto(page.base + "/accounts/signup/?role=career_office")
    expect(page.locator("[data-joining-office]")).to_be_hidden()


def test_a_new_colleague_lands_on_the_dashboard_told_what_they_joined(page):
    office = _office_admin()
    path = _invite(office, "lee@riverbend.edu", role="admin")
    lee = UserFactory(email="lee@riverbend.edu")
    lee.profile.display_name = "Lee Park"
    lee.profile.save()
    log_in(page, lee)

    page.goto(page.base + path)
    page.get_by_role("button", name="Accept the invitation").click()
    page.wait_for_url(re.compile(r".*/careers/(\?.*)?$"))
    expect(page.locator("[data-careers] [data-joined]")).to_have_text(
        "You joined Riverbend University's career office as an admin."
    )
    expect(page).to_have_url(re.compile(r"/careers/$"))  # said once; a reload does not repeat it
    _shoot(page, "joined")


def test_a_verified_mentor_badge_stays_whole_on_a_phone_and_featuring_is_said_once(page):
    office = _office_admin()
    task = TaskFactory(title="Summarise three reports")
    task.mentor.profile.verified_work_domain = "acme-consulting.com"
    task.mentor.profile.save(update_fields=["verified_work_domain"])
    log_in(page, office.admin)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(page.base + f"/tasks/{task.pk}/")

    badge = page.locator("[data-task-mentor] .badge-verified")
    expect(badge).to_have_text("✓ Verified at acme-consulting.com")
    line = badge.evaluate("b => parseFloat(getComputedStyle(b).lineHeight) || 20")
    assert badge.bounding_box()["height"] < line * 2  # one line, not fragments
    page.goto(page.base + "/tasks/")
    card_badge = page.locator(".task-card .badge-verified").first
    expect(card_badge).to_contain_text("Verified at acme-consulting.com")
    assert card_badge.bounding_box()["height"] < line * 2
    page.goto(page.base + f"/tasks/{task.pk}/")

    box = page.locator("[data-feature-task]")
    box.get_by_role("button", name="Feature for your students").click()
    expect(box.get_by_role("status")).to_have_text(
        "Done: your students now see “Featured by your career office” on this task and in "
        "their recommendations."
    )
    assert box.inner_text().count("Featured for your students") == 1
    assert_accessible(page)
    _shoot(page, "task-staff-featured")
