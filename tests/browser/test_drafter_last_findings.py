"""The new drafter's last findings, in real Chromium at 1280 and 390 px: own skills wrap as chips
on /settings/; a late click on a "leave feedback" notice says it is done; the stipend line says
the fee as everywhere else; the offer form's date starts after the mentor's answer window; the
experience page marks endorsed skills; /circles/ offers "tell me when a circle opens"."""

import datetime
import itertools

from django.utils import timezone
from playwright.sync_api import expect

from accounts.services.profiles import profile_update
from projects.models import Engagement, Feedback
from projects.offers.services.settings import offer_settings_update
from projects.services.applications import application_accept
from projects.services.engagements import engagement_approve, engagement_deliver
from projects.services.feedback import feedback_submit
from projects.stipends.services.engagement_money import stipend_on_engagement_accepted
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.browser.first_use import log_in, person
from tests.factories import (
    ApplicationFactory,
    EngagementFactory,
    SkillFactory,
    TaskFactory,
    UserFactory,
    UserSkillFactory,
)

WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _drafter(name="Sam Drafter", skills=()):
    user = person(name)
    for skill in skills:
        UserSkillFactory(user=user, skill=SkillFactory(name=skill))
    return user


def _both_widths(page):
    for size in (WIDE, PHONE):
        page.set_viewport_size(size)
        yield size["width"]
        assert_fits_width(page, size["width"])
        assert_accessible(page)
    page.set_viewport_size(WIDE)


def test_settings_skills_wrap_as_chips_inside_the_card(page):
    names = ["Figma", "UX research", "Interaction design", "Copywriting", "Data visualisation"]
    log_in(page, _drafter(skills=names))
    page.goto(f"{page.base}/settings/#skills")
    skills = page.get_by_role("list", name="Your skills")
    expect(skills.get_by_role("listitem")).to_have_count(len(names))

    for width in _both_widths(page):
        box = skills.bounding_box()
        chips = [item.bounding_box() for item in skills.get_by_role("listitem").all()]
        # Every chip stays inside the list (wrapping, not running off its right edge) ...
        assert all(c["x"] + c["width"] <= box["x"] + box["width"] + 1 for c in chips), width
        # ... on more than one line, with a gap between neighbours on a line.
        assert len({round(c["y"]) for c in chips}) > 1, width
        same_line = [(a, b) for a, b in itertools.pairwise(chips) if round(a["y"]) == round(b["y"])]
        assert all(b["x"] - (a["x"] + a["width"]) >= 6 for a, b in same_line), width
        # Each skill reads as its own chip: outlined on every side (not rows run together
        # with only a rule under them), its level and remove button inside it.
        outlined = skills.get_by_role("listitem").evaluate_all(
            """items => items.map((item) => {
              const s = getComputedStyle(item);
              return [s.borderTopWidth, s.borderLeftWidth, s.borderRightWidth].every(
                (w) => parseFloat(w) > 0) && parseFloat(s.borderTopLeftRadius) > 0;
            })"""
        )
        assert all(outlined), width
        expect(page.get_by_role("button", name="Remove Copywriting")).to_be_visible()
        page.locator("#skills").screenshot(path=f"/tmp/d/findings-settings-{width}.png")


def test_a_late_click_on_the_feedback_notice_says_it_is_already_done(page):
    mentor, drafter = UserFactory(finish__display_name="Maya Mentor"), _drafter()
    task = TaskFactory(mentor=mentor, title="Interview five users")
    engagement = application_accept(
        application_id=ApplicationFactory(task=task, drafter=drafter).pk, mentor=mentor
    )
    engagement_deliver(engagement_id=engagement.pk, drafter=drafter, link="https://e.org/r")
    engagement_approve(engagement_id=engagement.pk, mentor=mentor)
    feedback_submit(engagement_id=engagement.pk, author=drafter, rating=5)
    log_in(page, drafter)

    page.goto(f"{page.base}/notifications/")
    notice = page.get_by_role("listitem").filter(has_text="Your work on “Interview five users”")
    expect(notice).not_to_contain_text("New")  # resolved, no longer something to do
    notice.get_by_role("link").click()

    page.wait_for_url(f"**/engagements/{engagement.pk}/#feedback-heading")
    done = page.locator("[data-feedback-done]")
    expect(done).to_have_text(f"You left your feedback on {timezone.localdate():%-d %b %Y}.")
    expect(page.get_by_role("heading", name="Leave feedback")).to_have_count(0)
    for _ in _both_widths(page):
        pass


def test_the_stipend_line_says_the_fee_as_a_percent_with_its_amount(page):
    task = TaskFactory(stipend_amount=12500)
    engagement = EngagementFactory(
        application__task=task,
        application__drafter=_drafter(),
        state=Engagement.State.AWAITING_FUNDING,
    )
    stipend_on_engagement_accepted(engagement=engagement)
    log_in(page, engagement.drafter)

    page.goto(f"{page.base}/engagements/{engagement.pk}/")

    expect(page.locator("[data-stipend-split]")).to_have_text(
        "You receive $112.50 after the 10% platform fee ($12.50)."
    )


def test_the_offer_form_dates_the_work_after_the_mentors_answer_window(page):
    mentor = UserFactory(finish__display_name="Maya Mentor")
    profile_update(user=mentor, data={"wants_to_mentor": True, "onboarding_completed": True})
    offer_settings_update(mentor=mentor, data={"is_open": True})
    log_in(page, _drafter())

    page.goto(f"{page.base}/mentors/{mentor.profile.handle}/offer/")

    done_by = page.get_by_label("Done by")
    window_ends = timezone.localdate() + datetime.timedelta(days=14)
    expect(done_by).to_have_attribute("min", str(window_ends + datetime.timedelta(days=1)))
    expect(page.locator("#offer-by-when-help")).to_have_text(
        f"The mentor has up to 14 days to answer, so pick a date after {window_ends:%-d %b %Y}."
    )
    for _ in _both_widths(page):
        pass


def test_the_experience_page_marks_the_skills_the_mentor_endorsed(page):
    research, figma = SkillFactory(name="User research"), SkillFactory(name="Figma")
    mentor = UserFactory(finish__display_name="Maya Okafor")
    engagement = EngagementFactory(
        application__task=TaskFactory(mentor=mentor, skills=[research, figma]),
        state=Engagement.State.COMPLETED,
        started_at=timezone.now() - datetime.timedelta(days=4),
        completed_at=timezone.now(),
    )
    for author, subject in ((mentor, engagement.drafter), (engagement.drafter, mentor)):
        feedback = Feedback.objects.create(
            engagement=engagement, author=author, subject=subject, rating=5, endorsement="Sharp."
        )
        if author == mentor:
            feedback.endorsed_skills.set([research])

    page.goto(f"{page.base}/experience/{engagement.pk}/")

    skills = page.get_by_role("list", name="Skills")
    endorsed = skills.get_by_role("listitem").filter(has_text="User research")
    expect(endorsed).to_contain_text("Endorsed by Maya Okafor")
    expect(skills.get_by_role("listitem").filter(has_text="Figma")).not_to_contain_text("Endorsed")
    for width in _both_widths(page):
        skills.screenshot(path=f"/tmp/d/findings-experience-{width}.png")


def test_circles_offer_to_tell_a_drafter_when_a_circle_for_their_skills_opens(page):
    drafter = _drafter()
    react = SkillFactory(name="React", family="javascript")  # no circle of its family yet
    UserSkillFactory(user=drafter, skill=react)
    log_in(page, drafter)

    page.goto(f"{page.base}/circles/")
    ask = page.get_by_role("button", name="Tell me when one opens (JavaScript)")
    ask.click()

    status = page.locator("[data-circle-alert-status]")
    expect(status).to_have_text("We will tell you when a JavaScript circle opens.")
    expect(status).to_be_focused()  # as every action's result line does (ui.js announce)
    stop = page.get_by_role("button", name="Stop waiting (JavaScript)")
    assert drafter.circle_alerts.get().skill_family == "javascript"
    for width in _both_widths(page):
        page.locator("[data-circle-alerts]").screenshot(path=f"/tmp/d/findings-circles-{width}.png")

    stop.click()
    expect(status).to_have_text("You will not hear about JavaScript circles.")
    expect(page.get_by_role("button", name="Tell me when one opens (JavaScript)")).to_be_visible()
    assert not drafter.circle_alerts.exists()
