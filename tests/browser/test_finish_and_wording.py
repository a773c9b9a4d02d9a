"""Visual finish and wording from the first-use walks (issue 22): mentor cards keep long names,
job titles and "✓ Verified at …" inside the card; the header's notification count sits on the
bell without touching its neighbours; offer decline radios keep their size; the approve form's
date field has its own label; the approve notice says "leave feedback" once."""

import datetime
import os
import re

from playwright.sync_api import expect

from accounts.models import Notification
from accounts.services.profiles import profile_update
from projects.models import Engagement
from projects.offers.services.offers import offer_create
from projects.offers.services.settings import offer_settings_update
from tests.browser.conftest import assert_fits_width, confirm
from tests.browser.test_drafting_journey import log_in
from tests.factories import EngagementFactory, TaskFactory, UserFactory

SHOTS = os.environ.get("FINISH_SHOTS")  # a folder to save screenshots in while checking layout


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=False)


def _inside(inner, outer, slack=0.5):
    return (
        inner["x"] >= outer["x"] - slack
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + slack
    )


def _overlap(a, b):
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def _mentor(name, **profile):
    mentor = UserFactory(finish__display_name=name)
    profile_update(
        user=mentor, data={"wants_to_mentor": True, "onboarding_completed": True, **profile}
    )
    return mentor


def test_long_mentor_details_stay_inside_their_card(page):
    mentor = _mentor(
        "Maximiliana Featherstonehaugh-Worthington",
        job_title="Principal Research Operations Programme Manager",
        organisation="International Consolidated Ledgerline Holdings",
    )
    mentor.profile.verified_work_domain = "research-operations.international-ledgerline.example"
    mentor.profile.save(update_fields=["verified_work_domain"])
    offer_settings_update(mentor=mentor, data={"is_open": True})
    TaskFactory(mentor=mentor, title="Label a photo archive")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(page.base + "/mentors/")
    card = page.locator(".offer-mentor-card").first
    card.wait_for()
    _shot(page, "mentors-1280")
    box = card.bounding_box()
    for part in (card.locator(".offer-mentor-name"), card.locator(".badge-verified")):
        assert _inside(part.bounding_box(), box), part
    role = card.get_by_text("Principal Research Operations Programme Manager")
    assert _inside(role.bounding_box(), box)
    page.set_viewport_size({"width": 390, "height": 844})
    _shot(page, "mentors-390")
    assert_fits_width(page, 390)
    assert _inside(card.locator(".badge-verified").bounding_box(), card.bounding_box())
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(page.base + "/tasks/")
    task_card = page.locator(".task-card").first
    task_card.wait_for()
    _shot(page, "tasks-1280")
    assert _inside(task_card.locator(".badge-verified").bounding_box(), task_card.bounding_box())
    # One task with one place: said plainly, not "1 place left of 1".
    expect(task_card).to_contain_text("1 place open")


def test_the_bell_count_sits_on_the_bell_and_post_a_task_reads_centred(page):
    mentor = _mentor("Maya Mentor")
    for n in range(12):
        Notification.objects.create(recipient=mentor, kind="test", title=f"Note {n}")
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, mentor)
    page.goto(page.base + "/dashboard/")
    count = page.locator("[data-bell-count]")
    expect(count).to_be_visible()
    _shot(page, "header-1280")

    bell = page.locator("[data-bell]").bounding_box()
    badge = count.bounding_box()
    assert _overlap(badge, bell), "the count belongs on the bell"
    post = page.get_by_role("navigation", name="Main").get_by_role("link", name="Post a task")
    account = page.locator("[data-account-menu] > summary")
    for neighbour in (post, account):
        assert not _overlap(badge, neighbour.bounding_box())
    # The label's line box is centred in the button (to within a pixel).
    offset = post.evaluate(
        """(a) => { const r = document.createRange(); r.selectNodeContents(a);
        const t = r.getBoundingClientRect(), b = a.getBoundingClientRect();
        return (t.top + t.height / 2) - (b.top + b.height / 2); }"""
    )
    assert abs(offset) <= 1.5


def test_approving_labels_the_date_and_points_to_feedback_once(page):
    engagement = EngagementFactory(
        application__task=TaskFactory(title="Survey redesign"),
        application__drafter=UserFactory(finish__display_name="Sam Drafter"),
        state=Engagement.State.DELIVERED,
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, engagement.mentor)
    page.goto(f"{page.base}/engagements/{engagement.pk}/")
    page.get_by_role("button", name="Approve the work").wait_for()

    page.get_by_label("From a date").check()
    date = page.get_by_label("Shown publicly from")
    expect(date).to_have_attribute("type", "date")
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map((n) => n.id)")
    assert len(ids) == len(set(ids)), "every id on the page is unique"

    page.get_by_label("Private", exact=True).check()
    page.get_by_role("button", name="Approve the work").press("Enter")
    confirm(page, "Approve")
    status = page.get_by_role("status").filter(has_text="Work approved")
    expect(status).to_be_focused()
    assert len(re.findall("leave feedback", status.inner_text(), re.I)) == 1


def test_decline_reasons_keep_their_radio_size_on_a_phone(page):
    mentor = _mentor("Maya Mentor")
    offer_settings_update(mentor=mentor, data={"is_open": True})
    drafter = UserFactory(finish__display_name="Sam Drafter")
    profile_update(user=drafter, data={"wants_to_draft": True, "onboarding_completed": True})
    offer = offer_create(
        mentor_handle=mentor.profile.handle,
        drafter=drafter,
        title="Tidy your interview notes into a findings table",
        what="I will turn your twelve interview notes into one findings table.",
        estimated_hours=4,
        by_when=datetime.date.today() + datetime.timedelta(days=21),
        work_sample_link="https://example.org/sample",
    )
    log_in(page, mentor)
    # The narrowest phones (320 px) wrap "No capacity to guide it right now" onto two lines.
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(f"{page.base}/offers/{offer.pk}/")
    radios = page.locator("input[name=reason]")
    radios.first.wait_for()
    _shot(page, "decline-390")
    boxes = [radio.bounding_box() for radio in radios.all()]
    sizes = {(round(b["width"]), round(b["height"])) for b in boxes}
    assert sizes == {(24, 24)}
