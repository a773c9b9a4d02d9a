"""Career-office staff's last walk (issue 19), in the browser: a date range that ends before
it starts is said next to the dates and the table says it was not updated; a jump keeps its
heading clear of the sticky menu on a phone; sign-up's pitch follows the ticked role; the
expected steps (an invitation off the office's domains, an institution on a domain not yet
verified) ask first and log no refused request; an accepted invitation is a colleague, not
also an invitation; a colleague on the university's domain is offered no student sharing; the
ways in: Kim asks to join, Priya finds the request under Colleagues and invites her (another
request dismissed), and Kim accepts the invitation on /careers/, no full stop wrapping alone."""

import re
from pathlib import Path

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import InstitutionMembership, User
from accounts.services.institutions import institution_membership_on_email_verified
from projects.careers.access import CareersAccess
from projects.careers.services.access_requests import access_request_send
from projects.careers.services.staff_invitations import (
    staff_invitation_accept,
    staff_invitation_create,
)
from tests.browser.careers_pages import shoot_both_widths, staff_only_office_admin
from tests.browser.conftest import assert_accessible, confirm
from tests.browser.first_use import log_in
from tests.careers.conftest import make_student
from tests.factories import EngagementFactory, UserFactory

SCREENS = Path("/tmp/s")


def _refusals(page) -> list[str]:
    """Every API answer of 400 or more the page gets (the browser logs each in its console)."""
    refused: list[str] = []
    page.on(
        "response",
        lambda r: (
            refused.append(f"{r.status} {r.url}") if "/api/" in r.url and r.status >= 400 else None
        ),
    )
    return refused


def test_a_backwards_date_range_is_said_by_the_dates_and_the_table_is_not_left_stale(page):
    office = staff_only_office_admin()
    EngagementFactory(application__drafter=make_student(office, "Ann One"))
    refused = _refusals(page)
    log_in(page, office.admin)
    page.goto(page.base + "/careers/")
    rows = page.locator("[data-engagements] tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Ann One")

    page.get_by_label("Begun from").fill("2026-05-01")
    page.get_by_label("to", exact=True).fill("2026-04-01")
    page.get_by_role("button", name="Show", exact=True).click()

    expect(page.locator("[data-dates-error]")).to_have_text(
        "The end date is before the start date."
    )
    expect(page.get_by_label("to", exact=True)).to_have_attribute("aria-invalid", "")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Not updated: correct the dates above")
    assert refused == []  # refused here first; the API would say the same
    shoot_both_widths(page, SCREENS, "dates-backwards")

    page.get_by_label("to", exact=True).fill("2030-01-01")
    page.get_by_role("button", name="Show", exact=True).click()
    expect(page.locator("[data-dates-error]")).to_be_hidden()
    expect(rows).not_to_contain_text("Not updated")


def test_a_jump_on_a_phone_shows_its_heading_below_the_sticky_menu(page):
    office = staff_only_office_admin()
    log_in(page, office.admin)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(page.base + "/careers/")
    jump = page.get_by_role("navigation", name="On this page")
    expect(jump).to_be_visible()

    for name, heading in (
        ("Engagements", "#engagements-heading"),
        ("Featured", "#featured-heading"),
    ):
        jump.get_by_role("link", name=name, exact=True).click()
        page.wait_for_function(f"() => location.hash === '{heading}'")
        page.wait_for_timeout(300)
        menu = jump.bounding_box()
        box = page.locator(heading).bounding_box()
        assert box["y"] >= menu["y"] + menu["height"], name


def test_the_sign_up_pitch_follows_the_role_ticked(page):
    page.goto(page.base + "/accounts/signup/?role=career_office")
    office_pitch = page.locator("[data-pitch=career_office]")
    drafter_pitch = page.locator("[data-pitch=drafter]")
    expect(office_pitch).to_be_visible()
    expect(drafter_pitch).to_be_hidden()
    shoot_both_widths(page, SCREENS, "signup-career-office")

    page.get_by_label("Career office: I work in a university career office").uncheck()
    page.get_by_label("Drafter: I want to help professionals and gain experience").check()
    expect(drafter_pitch).to_be_visible()
    expect(office_pitch).to_be_hidden()


def test_inviting_outside_the_domains_asks_first_and_logs_no_refusal(page):
    office = staff_only_office_admin()
    refused = _refusals(page)
    log_in(page, office.admin)
    page.goto(page.base + "/careers/settings/")
    # The office and its invitations are read (the page's script is running) before typing.
    expect(page.locator("[data-invitation-list] li").first).to_be_visible()
    page.get_by_label("Colleague's e-mail").fill("ana@gmail.com")
    page.get_by_role("button", name="Send invitation").click()

    expect(page.get_by_role("dialog")).to_contain_text(
        "ana@gmail.com is not at riverbend.edu. Invite anyway?"
    )
    confirm(page, "Invite anyway")
    expect(page.locator("[data-invitation='ana@gmail.com']")).to_contain_text(
        "Waiting for an answer"
    )
    assert refused == []


def test_creating_an_institution_on_an_unverified_domain_is_answered_on_the_form(page):
    newcomer = UserFactory(email="ana@gmail.com", finish__display_name="Ana Ruiz")
    profile = newcomer.profile
    profile.wants_to_draft, profile.joins_career_office = False, True
    profile.save()
    refused = _refusals(page)
    log_in(page, newcomer)
    page.goto(page.base + "/careers/")
    page.get_by_label("Institution name").fill("Lakeside College")
    page.get_by_label("E-mail domains").fill("lakeside.edu")
    page.get_by_role("button", name="Create institution").click()

    expect(page.locator("#inst-domains-error")).to_contain_text(
        "Verify an address on lakeside.edu on your account first"
    )
    assert refused == []
    assert_accessible(page)
    shoot_both_widths(page, SCREENS, "create-unverified")


def test_an_accepted_invitation_is_listed_as_a_colleague_only(page):
    office = staff_only_office_admin()
    admin = InstitutionMembership.objects.get(user=office.admin, role="staff")
    access = CareersAccess(institution=office.institution, staff=admin)
    accepted = staff_invitation_create(
        access=access, email="lee@riverbend.edu", staff_role="viewer"
    )
    staff_invitation_create(access=access, email="kim@riverbend.edu", staff_role="viewer")
    lee = UserFactory(email="lee@riverbend.edu", finish__display_name="Lee Hart")
    staff_invitation_accept(user=lee, token=accepted.token)
    log_in(page, office.admin)
    page.goto(page.base + "/careers/settings/")

    expect(page.locator("[data-colleague='lee@riverbend.edu']")).to_contain_text("Lee Hart")
    expect(page.locator("[data-invitation='kim@riverbend.edu']")).to_contain_text(
        "Waiting for an answer"
    )
    expect(page.locator("[data-invitation='lee@riverbend.edu']")).to_have_count(0)


def test_a_colleague_on_the_universitys_domain_is_offered_no_student_sharing(page):
    office = staff_only_office_admin()
    institution_membership_on_email_verified(user=office.admin, email=office.admin.email)
    log_in(page, office.admin)
    page.goto(page.base + "/settings/institutions/")

    card = page.locator("article.membership")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Career-office staff")
    expect(card.get_by_role("link", name="Open the career-office dashboard")).to_be_visible()
    expect(page.get_by_role("button", name="Share with my career office")).to_have_count(0)
    shoot_both_widths(page, SCREENS, "institutions-staff")


# Punctuation that begins a line of its own inside these cards: a full stop or comma wrapped
# away from the word it ends (a space before it, or an inline element it follows, breaking).
LONE_PUNCTUATION = """(selector) => {
  const alone = [];
  for (const card of document.querySelectorAll(selector)) {
    if (card.closest("[hidden]")) continue;
    const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
    let previousTop = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i += 1) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        const ch = node.data[i];
        if (".,;:".includes(ch) && previousTop !== null && rect.top > previousTop + 2) {
          alone.push(node.data.slice(Math.max(0, i - 20), i + 1));
        }
        if (ch.trim()) previousTop = rect.top;
      }
    }
  }
  return alone;
}"""


def _asking_staffer(email: str, name: str):
    """Someone who signed up as career-office staff with a confirmed address on Riverbend's
    domain (which makes them a student-side member there, as verifying does)."""
    person = UserFactory(email=email, finish__display_name=name)
    person.profile.joins_career_office = True
    person.profile.wants_to_draft = person.profile.wants_to_mentor = False
    person.profile.save()
    institution_membership_on_email_verified(user=person, email=email)
    return person


def test_kim_asks_priya_invites_from_colleagues_and_kim_accepts_on_the_careers_page(page, browser):
    office = staff_only_office_admin()
    lee = _asking_staffer("lee.moss@riverbend.edu", "Lee Moss")
    access_request_send(user=lee)
    # Kim signs up as career-office staff and confirms her address by the e-mailed link.
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(page.base + "/accounts/signup/?role=career_office")
    page.get_by_label("Email").fill("kim.office@riverbend.edu")
    page.get_by_label("Password:", exact=True).fill("a-very-decent-passphrase-42")
    page.get_by_label("Password (again)").fill("a-very-decent-passphrase-42")
    page.get_by_role("button", name=re.compile("^Sign up$|^Create", re.I)).click()
    page.wait_for_url("**/accounts/confirm-email/")
    # Not confirmed yet: the office on her domain is said (by its domain only) with the step
    # left, not "Create your institution".
    page.goto(page.base + "/careers/")
    confirm_first = page.locator("[data-confirm-first]")
    expect(confirm_first.get_by_role("heading")).to_have_text(
        "A career office with riverbend.edu addresses is already on Slipstream"
    )
    expect(page.locator("[data-create]")).to_be_hidden()
    expect(confirm_first).not_to_contain_text("Riverbend University")
    confirm_first.get_by_role("button", name="E-mail me the link again").click()
    expect(confirm_first.locator("[data-confirm-said]")).to_contain_text(
        "Sent to kim.office@riverbend.edu"
    )
    assert_accessible(page)
    shoot_both_widths(page, SCREENS, "kim-confirm-first")
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(page.base + "/accounts" + link.split("/accounts", 1)[1])
    page.goto(page.base + "/careers/")
    already = page.locator("[data-already]")
    expect(confirm_first).to_be_hidden()
    # On a phone "Ask to join" and the way to a different office under it do not touch.
    ask = already.get_by_role("button", name="Ask to join").bounding_box()
    switch = already.get_by_role(
        "button", name="This is a different office at the same university"
    ).bounding_box()
    assert switch["y"] - (ask["y"] + ask["height"]) >= 12

    # No name given at sign-up: asked before the request goes, which carries it.
    already.get_by_role("button", name="Ask to join").click()
    expect(already.locator("[data-ask-error]")).to_have_text(
        "Give your name first: colleagues and students will see it."
    )
    expect(already.get_by_label("Your full name")).to_be_focused()
    shoot_both_widths(page, SCREENS, "kim-ask-name")
    already.get_by_label("Your full name").fill("Kim Office")
    already.get_by_role("button", name="Ask to join").click()

    said = already.locator("[data-ask-said]")
    expect(said).to_have_text(
        "Request sent: Priya Shah has been told. When they invite you, the invitation shows "
        "on this page and comes by e-mail."
    )
    expect(said).to_have_class("flash flash-success")
    expect(said).to_be_focused()
    assert page.evaluate(LONE_PUNCTUATION, "[data-already]") == []
    assert_accessible(page)
    shoot_both_widths(page, SCREENS, "kim-asked")

    page.reload()  # a return visit remembers the ask: no second button as if nothing happened
    day = timezone.localtime().strftime("%-d %b")
    expect(said).to_have_text(
        f"Asked on {day} — admins have been told. When one of them invites you, the "
        "invitation shows on this page and comes by e-mail."
    )
    expect(already.get_by_role("button", name="Ask to join")).to_be_hidden()

    # The way back from "a different office": the create form offers it, in one short note.
    already.get_by_role("button", name="This is a different office at the same university").click()
    expect(page.get_by_text("Each e-mail domain belongs to one office.")).to_be_visible()
    back = page.get_by_role("button", name="Back: ask to join Riverbend University instead")
    # A link-like button (accent, underlined), not plain text.
    assert "underline" in back.evaluate("b => getComputedStyle(b).textDecorationLine")
    shoot_both_widths(page, SCREENS, "kim-different-office")
    back.click()
    expect(already).to_be_visible()
    expect(page.locator("[data-create]")).to_be_hidden()

    priya = browser.new_context(base_url=page.base).new_page()
    priya.base = page.base
    log_in(priya, office.admin)
    priya.goto(priya.base + "/careers/settings/")
    requests = priya.locator("[data-requests]")
    kim_row = requests.locator("[data-request='kim.office@riverbend.edu']")
    # The name she gave with the request names her to the admins, beside her address.
    expect(kim_row).to_contain_text("Kim Office")
    expect(kim_row).to_contain_text("kim.office@riverbend.edu")
    shoot_both_widths(priya, SCREENS, "priya-requests")

    requests.get_by_role("button", name="Dismiss Lee Moss's request").click()
    confirm(priya, "Dismiss the request")
    expect(requests.locator("[data-request='lee.moss@riverbend.edu']")).to_have_count(0)
    expect(priya.locator('[data-say="requests"]')).to_have_text("Lee Moss's request is dismissed.")

    kim_row.get_by_role("button", name="Invite Kim Office").click()
    expect(priya.get_by_label("Colleague's e-mail")).to_have_value("kim.office@riverbend.edu")
    expect(priya.get_by_label("Role")).to_be_focused()
    expect(priya.locator('[data-say="invitations"]')).to_have_text(
        "Kim Office asked to join: choose their role, then press Send invitation."
    )
    priya.get_by_role("button", name="Send invitation").click()
    expect(priya.locator("[data-invitation='kim.office@riverbend.edu']")).to_be_visible()
    expect(requests).to_be_hidden()  # invited: the request is answered
    assert_accessible(priya)

    # Had she no name on her profile (say she cleared it), Accept asks for it first.
    kim = User.objects.get(email="kim.office@riverbend.edu")
    kim.profile.display_name = ""
    kim.profile.save()
    page.reload()
    invited = page.locator("[data-invited]")
    expect(invited).to_contain_text(
        "Priya Shah invited you to Riverbend University's career office as a viewer."
    )
    # The invitation is the way in: the "ask a colleague to invite you" card is not shown under it.
    expect(already).to_be_hidden()
    assert page.evaluate(LONE_PUNCTUATION, "[data-invited], [data-already]") == []
    assert_accessible(page)
    shoot_both_widths(page, SCREENS, "kim-invited")
    accept = invited.get_by_role(
        "button", name="Accept the invitation to Riverbend University's career office"
    )
    # The card reads top to bottom: who invited her and as what, then her name, then Accept.
    said = invited.locator("[data-invitation-offer] p").first.bounding_box()
    name = invited.get_by_label("Your full name").bounding_box()
    assert said["y"] < name["y"] < accept.bounding_box()["y"]
    accept.click()
    expect(invited.locator("[data-invited-error]")).to_have_text(
        "Give your name first: colleagues and students will see it."
    )
    invited.get_by_label("Your full name").fill("Kim Office")
    accept.click()

    page.wait_for_url(re.compile(r".*/careers/(\?.*)?$"))
    joined = page.locator("[data-joined]")
    expect(joined).to_have_text("You joined Riverbend University's career office as a viewer.")
    expect(joined).to_have_class("flash flash-success")
    expect(joined).to_have_attribute("role", "status")
    expect(page.locator("[data-invited]")).to_be_hidden()  # nothing waits for her any more
    expect(page.locator("[data-already]")).to_be_hidden()
    shoot_both_widths(page, SCREENS, "kim-joined")
    assert InstitutionMembership.objects.filter(
        user__email="kim.office@riverbend.edu",
        role="staff",
        staff_role="viewer",
        ended_at__isnull=True,
    ).exists()
    kim.profile.refresh_from_db()
    assert kim.profile.display_name == "Kim Office"


def test_no_full_stop_wraps_alone_on_the_waiting_for_approval_screen_of_a_phone(page):
    office = staff_only_office_admin()
    office.institution.status = "pending"
    office.institution.save()
    log_in(page, office.admin)
    page.set_viewport_size({"width": 390, "height": 900})

    page.goto(page.base + "/careers/")

    expect(page.locator("[data-pending]")).to_be_visible()
    assert page.evaluate(LONE_PUNCTUATION, "[data-pending]") == []
    shoot_both_widths(page, SCREENS, "pending-approval")


# The vertical gaps (whole pixels) between consecutive shown fields of the create form.
FIELD_GAPS = """() => {
  const all = document.querySelectorAll("[data-create-form] .field");
  const fields = [...all].filter((f) => !f.hidden);
  const boxes = fields.map((f) => f.getBoundingClientRect());
  return boxes.slice(1).map((box, i) => Math.round(box.top - boxes[i].bottom));
}"""


def test_dana_creates_an_office_every_empty_field_flagged_her_domain_filled_in(page):
    dana = UserFactory(email="dana.reyes@lakeshore.edu", finish__display_name="")
    dana.profile.display_name = ""
    dana.profile.joins_career_office = True
    dana.profile.wants_to_draft = dana.profile.wants_to_mentor = False
    dana.profile.save()
    refused = _refusals(page)
    log_in(page, dana)
    page.goto(page.base + "/careers/")
    form = page.locator("[data-create-form]")
    # Her confirmed address's domain is the office's likely one: filled in for her.
    expect(form.get_by_label("E-mail domains")).to_have_value("lakeshore.edu")
    # Her name is asked in the same form once the page knows she has none (a read of its own).
    expect(form.get_by_label("Your name")).to_be_visible()

    form.get_by_label("E-mail domains").fill("")
    form.get_by_role("button", name="Create institution").click()
    # All three empty fields at once, and no domain check asked about nothing.
    expect(form.locator("#your-name-error")).to_be_visible()
    expect(form.locator("#inst-name-error")).to_be_visible()
    expect(form.locator("#inst-domains-error")).to_be_visible()
    assert refused == []
    # Each field's message is said once, under its field (not also in the summary above), and
    # does not repeat the field's help: who sees the name is said once, the example domain once.
    for field, message in (
        ("#your-name-error", "Give your name."),
        ("#inst-name-error", "Give the institution's name, as students know it."),
        ("#inst-domains-error", "Give at least one e-mail domain."),
    ):
        expect(form.locator(field)).to_have_text(message)
        expect(form.get_by_text(message)).to_have_count(1)
    assert form.locator("[data-name-field]").inner_text().lower().count("colleagues") == 1
    assert form.inner_text().count("e.g.") == 1
    # The fields are evenly spaced, with their messages shown as without: one gap between each
    # field's block and the next, whether it has help text, a message, both or neither.
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert len(set(page.evaluate(FIELD_GAPS))) == 1, width
    shoot_both_widths(page, SCREENS, "dana-create-empty")
    form.get_by_label("Your name").fill("Dana")  # its message goes: the gaps stay even
    assert len(set(page.evaluate(FIELD_GAPS))) == 1

    form.get_by_label("Your name").fill("Dana Reyes")
    form.get_by_label("Institution name").fill("Lakeshore College")
    form.get_by_label("E-mail domains").fill("lakeshore.edu")
    form.get_by_role("button", name="Create institution").click()

    expect(page.locator("[data-pending]")).to_be_visible()
    expect(page.locator("[data-title]")).to_have_text("Lakeshore College: career office")
    # The line from before she created it is no longer true, and is gone without a reload.
    expect(page.locator("[data-status]")).not_to_contain_text("not career-office staff")
    assert refused == []


def test_kim_sees_until_when_her_invitation_works_and_declines_it_after_being_asked(page):
    office = staff_only_office_admin()
    admin = InstitutionMembership.objects.get(user=office.admin, role="staff")
    access = CareersAccess(institution=office.institution, staff=admin)
    issued = staff_invitation_create(access=access, email="kim@riverbend.edu", staff_role="viewer")
    kim = UserFactory(email="kim@riverbend.edu", finish__display_name="Kim Lee")
    log_in(page, kim)
    page.goto(page.base + "/careers/")
    invited = page.locator("[data-invited]")
    until = timezone.localtime(issued.invitation.expires_at)
    expect(invited).to_contain_text(f"works until {until.day} {until:%b}")

    decline = invited.get_by_role(
        "button", name="Decline the invitation to Riverbend University's career office"
    )
    page.once("dialog", lambda dialog: dialog.dismiss())  # asked first: "no" keeps it
    decline.click()
    expect(invited).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    decline.click()

    expect(page.locator("[data-status]")).to_have_text(
        "You declined the invitation to Riverbend University's career office."
    )
    expect(invited).to_be_hidden()
    issued.invitation.refresh_from_db()
    assert issued.invitation.state == "declined"


def test_an_admin_is_told_on_the_dashboard_who_asked_to_join_and_a_viewer_is_not(page, browser):
    office = staff_only_office_admin()
    admin = InstitutionMembership.objects.get(user=office.admin, role="staff")
    access = CareersAccess(institution=office.institution, staff=admin)
    issued = staff_invitation_create(access=access, email="val@riverbend.edu", staff_role="viewer")
    viewer = UserFactory(email="val@riverbend.edu", finish__display_name="Val Ortiz")
    staff_invitation_accept(user=viewer, token=issued.token)
    notice = page.locator("[data-join-requests]")
    headline = page.locator("[data-headline]")

    # No request: no notice.
    log_in(page, office.admin)
    page.goto(page.base + "/careers/")
    expect(headline).to_contain_text("Students taking part")
    expect(notice).to_be_hidden()

    access_request_send(user=_asking_staffer("kim.lee@riverbend.edu", "Kim Lee"))
    page.reload()
    expect(notice).to_have_text(re.compile(r"^\s*Kim Lee asked to join your office\.\s*Answer"))
    assert_accessible(page)
    shoot_both_widths(page, SCREENS, "dashboard-join-request")

    for email, name in (
        ("ana.ruiz@riverbend.edu", "Ana Ruiz"),
        ("bo.chen@riverbend.edu", "Bo Chen"),
    ):
        access_request_send(user=_asking_staffer(email, name))
    page.reload()
    expect(notice.locator("[data-join-requests-text]")).to_have_text(
        "3 people asked to join your office."
    )
    page.set_viewport_size({"width": 390, "height": 700})  # on a phone, the requests are far down
    notice.get_by_role("link", name="Answer in Office settings").click()
    page.wait_for_url("**/careers/settings/#requests-heading")
    expect(page.locator("[data-request='kim.lee@riverbend.edu']")).to_contain_text("Kim Lee")
    # The page opens at the requests, not at its top.
    page.wait_for_function(
        "() => document.getElementById('requests-heading').getBoundingClientRect().top < 200"
    )
    page.set_viewport_size({"width": 1280, "height": 900})

    # The requests cannot be read: the dashboard loads as ever, without the notice.
    page.route("**/api/v1/careers/access-requests/", lambda route: route.abort())
    page.goto(page.base + "/careers/")
    expect(headline).to_contain_text("Students taking part")
    expect(page.locator("[data-status]")).to_have_text("")
    expect(notice).to_be_hidden()

    # A viewer is never told, and their page does not even ask.
    val = browser.new_context(base_url=page.base).new_page()
    val.base = page.base
    asked: list[str] = []
    val.on("request", lambda r: asked.append(r.url) if "access-requests" in r.url else None)
    log_in(val, viewer)
    val.goto(val.base + "/careers/")
    expect(val.locator("[data-headline]")).to_contain_text("Students taking part")
    expect(val.locator("[data-join-requests]")).to_be_hidden()
    assert asked == []
