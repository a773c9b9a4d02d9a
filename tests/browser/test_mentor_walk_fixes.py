"""The mentor walk's findings: a private task made from an accepted offer points both people to
the engagement instead of reading like a public post (no applications, no recommended drafters,
nothing to share); at 1280 and 390 px, axe-clean."""

import datetime
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from projects.models import Application, Engagement
from projects.offers.models import Offer
from projects.offers.services.acceptance import offer_accept
from projects.offers.services.offers import offer_create
from projects.offers.services.settings import offer_settings_update
from projects.services.conversations import message_send
from projects.stipends.models import Stipend
from projects.stipends.services.engagement_money import stipend_on_engagement_accepted
from tests.browser.conftest import assert_accessible
from tests.browser.first_use import PHONE, checked_at_both_widths, log_in
from tests.factories import EngagementFactory, PortfolioItemFactory, TaskFactory, UserFactory

SHOTS = Path("/tmp/m2")


def _accepted_offer() -> Offer:
    mentor = UserFactory(finish__display_name="Maya Mentor")
    drafter = UserFactory(finish__display_name="Sam Rivera")
    offer_settings_update(mentor=mentor, data={"is_open": True})
    item = PortfolioItemFactory(owner=drafter, title="Survey redesign case study")
    offer = offer_create(
        mentor_handle=mentor.profile.handle,
        drafter=drafter,
        title="Tidy your interview notes into a findings table",
        what="I will turn the twelve interview notes you mentioned into one findings table "
        "with quotes, in your template, and flag the three strongest themes.",
        estimated_hours=4,
        by_when=timezone.localdate() + datetime.timedelta(days=21),
        portfolio_item_ids=[item.pk],
    )
    offer_accept(offer_id=offer.pk, mentor=mentor)
    return Offer.objects.select_related("task", "engagement", "mentor", "drafter").get(pk=offer.pk)


def test_the_mentor_of_a_task_made_from_an_offer_is_pointed_to_the_engagement(page):
    offer = _accepted_offer()
    log_in(page, offer.mentor)

    page.goto(page.base + f"/tasks/{offer.task_id}/")

    origin = page.locator("[data-offer-origin]")
    expect(origin.get_by_role("heading", name="Made from Sam Rivera's offer")).to_be_visible()
    expect(origin.get_by_role("link", name="Open the engagement")).to_have_attribute(
        "href", f"/engagements/{offer.engagement_id}/"
    )
    expect(origin.get_by_role("link", name="See the offer")).to_have_attribute(
        "href", f"/offers/{offer.pk}/"
    )
    assert offer.engagement.state == Engagement.State.ACTIVE
    for public_post_copy in ("Your task", "Manage who can still apply", "Share", "Archive"):
        expect(page.get_by_text(public_post_copy)).to_have_count(0)
    expect(page.get_by_role("heading", name="Applications")).to_be_hidden()
    expect(page.get_by_role("heading", name="Recommended drafters")).to_be_hidden()
    expect(page.get_by_text("Open the application and messages")).to_have_count(0)
    checked_at_both_widths(page, SHOTS, "private-task-mentor")


def test_the_drafter_of_a_task_made_from_their_offer_is_pointed_to_the_engagement(page):
    offer = _accepted_offer()
    log_in(page, offer.drafter)

    page.goto(page.base + f"/tasks/{offer.task_id}/")

    origin = page.locator("[data-offer-origin]")
    expect(origin.get_by_role("heading", name="Maya Mentor accepted your offer")).to_be_visible()
    expect(origin.get_by_role("link", name="Open the engagement")).to_have_attribute(
        "href", f"/engagements/{offer.engagement_id}/"
    )
    expect(page.get_by_text("You applied")).to_have_count(0)
    checked_at_both_widths(page, SHOTS, "private-task-drafter")


def _offer_with_messages() -> Offer:
    """An offer discussed before it was accepted, then one line on its engagement."""
    offer = _accepted_offer()
    Offer.objects.filter(pk=offer.pk).update(state=Offer.State.PENDING)
    message_send(sender=offer.mentor, body="Which template should I use?", offer_id=offer.pk)
    message_send(sender=offer.drafter, body="Yours, version 2.", offer_id=offer.pk)
    Offer.objects.filter(pk=offer.pk).update(state=Offer.State.ACCEPTED)
    message_send(sender=offer.drafter, body="Started today.", engagement_id=offer.engagement_id)
    return offer


def test_the_engagement_shows_the_whole_conversation_oldest_first(page):
    offer = _offer_with_messages()
    log_in(page, offer.mentor)

    page.goto(page.base + f"/engagements/{offer.engagement_id}/")

    lines = page.locator("[data-thread] .message")
    expect(lines).to_have_count(3)
    expect(lines.nth(0)).to_contain_text("Which template should I use?")
    expect(lines.nth(0)).to_contain_text("on the offer")
    expect(lines.nth(1)).to_contain_text("Yours, version 2.")
    expect(lines.nth(2)).to_contain_text("Started today.")
    expect(lines.nth(2)).not_to_contain_text("on the offer")
    expect(page.get_by_label("Write a message")).to_be_visible()
    checked_at_both_widths(page, SHOTS, "engagement-conversation")


def test_an_accepted_offer_page_continues_the_conversation_on_the_engagement(page):
    offer = _offer_with_messages()
    log_in(page, offer.drafter)

    page.goto(page.base + f"/offers/{offer.pk}/")

    expect(page.locator("[data-thread] .message")).to_have_count(2)
    expect(
        page.get_by_role("link", name="Continue the conversation on the engagement")
    ).to_have_attribute("href", f"/engagements/{offer.engagement_id}/")
    expect(page.get_by_label("Write a message")).to_have_count(0)
    checked_at_both_widths(page, SHOTS, "offer-continue")


def test_messages_lists_the_offer_and_its_engagement_once_as_work(page):
    offer = _offer_with_messages()
    log_in(page, offer.mentor)

    page.goto(page.base + "/messages/")

    rows = page.locator(".inbox-row")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(
        "Sam Rivera · Work: Tidy your interview notes into a findings table"
    )
    expect(rows.first.get_by_role("link")).to_have_attribute(
        "href", f"/engagements/{offer.engagement_id}/"
    )
    expect(page.get_by_text("Application:")).to_have_count(0)
    checked_at_both_widths(page, SHOTS, "inbox-one-thread")


def test_the_approval_dialog_names_the_amount_the_drafter_and_the_choice(page, settings):
    settings.PLATFORM_FEE_PERCENT = 10
    engagement = EngagementFactory(
        application__task=TaskFactory(stipend_amount=12_000, title="Tidy the style guide"),
        application__drafter=UserFactory(finish__display_name="Sam Rivera"),
        state=Engagement.State.DELIVERED,
    )
    stipend = stipend_on_engagement_accepted(engagement=engagement)
    Stipend.objects.filter(pk=stipend.pk).update(state=Stipend.State.FUNDED)
    log_in(page, engagement.mentor)
    page.goto(page.base + f"/engagements/{engagement.pk}/")

    page.get_by_label("Case study").check()
    page.get_by_role("button", name="Approve the work").click()

    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text(
        "Release $108.00 to Sam Rivera and record the work as “Case study”?"
    )
    page.set_viewport_size({"width": PHONE, "height": 844})
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "approve-dialog-390.png"))
    dialog.get_by_role("button", name="Go back").click()  # nothing released by looking
    assert Stipend.objects.get(pk=stipend.pk).state == Stipend.State.FUNDED


def test_an_accepted_application_page_continues_the_conversation_on_the_engagement(page):
    engagement = EngagementFactory(
        application__drafter=UserFactory(finish__display_name="Sam Rivera"),
    )
    application = engagement.application
    Application.objects.filter(pk=application.pk).update(state=Application.State.SUBMITTED)
    message_send(sender=engagement.drafter, body="Any sample data?", application_id=application.pk)
    Application.objects.filter(pk=application.pk).update(state=Application.State.ACCEPTED)
    log_in(page, engagement.mentor)

    page.goto(page.base + f"/applications/{application.pk}/")

    expect(page.locator("[data-thread] .message")).to_contain_text(["Any sample data?"])
    expect(
        page.get_by_role("link", name="Continue the conversation on the engagement")
    ).to_have_attribute("href", f"/engagements/{engagement.pk}/")
    expect(page.get_by_label("Write a message")).to_have_count(0)
    checked_at_both_widths(page, SHOTS, "application-continue")
