"""The drafter walk's findings (issues 20-22), in Chromium at 1280 and 390 px: waiting states
name whom they wait for and when they were sent; a piece of work shows its link and its file the
same way on the profile and the offer page; opening an engagement marks its notices read; the
verified-domain pill shows its whole domain; the offer form's refused date shows its error alone;
the hosting rule is said once."""

import datetime
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Notification
from accounts.services.profiles import profile_update
from projects.models import Engagement
from projects.offers.services.offers import offer_create
from projects.offers.services.settings import offer_settings_update
from tests.browser.first_use import checked_at_both_widths, log_in, person
from tests.factories import (
    ApplicationFactory,
    EngagementFactory,
    PortfolioItemFactory,
    TaskFactory,
)

SHOTS = Path("/tmp/d2")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _shown_whole(locator) -> None:
    """The pill's whole text is shown (wrapped if need be, never cut to "harbourcloud.…")."""
    clipped = locator.evaluate("(n) => n.scrollWidth > n.clientWidth + 1")
    assert not clipped


def test_waiting_rows_work_pieces_and_notices_read_as_one(page):
    mentor = person("Hannah Kim", draft=False, mentor=True)
    drafter = person("Sam Rivera")
    application = ApplicationFactory(
        drafter=drafter, task=TaskFactory(mentor=mentor, title="Sort the survey answers")
    )
    sent = timezone.localtime(application.created_at)
    sent_text = f"{sent.day} {sent:%b %Y}"
    item = PortfolioItemFactory(
        owner=drafter, title="Usability study", link="https://example.org/u"
    )
    item.file.save("upload.png", ContentFile(PNG), save=False)
    item.file_kind, item.file_name = "png", "chart.png"
    item.save()
    offer_settings_update(mentor=mentor, data={"is_open": True})
    offer = offer_create(
        mentor_handle=mentor.profile.handle,
        drafter=drafter,
        title="Tidy your interview notes",
        what="I will turn your twelve interview notes into one findings table.",
        estimated_hours=4,
        by_when=timezone.localdate() + datetime.timedelta(days=21),
        portfolio_item_ids=[item.pk],
    )
    engagement = EngagementFactory(
        application__drafter=drafter,
        application__task=TaskFactory(mentor=mentor, title="Audit the forms"),
        state=Engagement.State.ACTIVE,
    )
    for url in (f"/engagements/{engagement.pk}/", f"/engagements/{engagement.pk}/#messages"):
        Notification.objects.create(recipient=drafter, kind="message", title="New", url=url)
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, drafter)

    page.goto(page.base + "/dashboard/")
    rows = page.locator("[data-drafter-applications]")
    expect(rows).to_contain_text("Waiting for Hannah Kim\u2019s answer")
    expect(rows).to_contain_text(f"· sent {sent_text}")
    expect(rows).not_to_contain_text("to Hannah Kim")
    expect(rows).not_to_contain_text("Submitted")
    expect(page.locator("[data-drafter-offers]")).to_contain_text(
        "Waiting for Hannah Kim\u2019s answer"
    )
    expect(page.locator("[data-bell-count]")).to_have_text("2")
    checked_at_both_widths(page, SHOTS, "dashboard")

    # Opening the engagement reads the notices that pointed at it.
    page.goto(page.base + f"/engagements/{engagement.pk}/")
    expect(page.locator("[data-bell-count]")).to_be_hidden()
    assert not Notification.objects.filter(recipient=drafter, read_at__isnull=True).exists()

    # The same piece of work, the same way: title → its link, plus "Open chart.png".
    for path in (f"/u/{drafter.profile.handle}/", f"/offers/{offer.pk}/"):
        page.goto(page.base + path)
        title = page.get_by_role("link", name="Usability study")
        expect(title).to_have_attribute("href", "https://example.org/u")
        expect(page.get_by_role("link", name="Open chart.png")).to_be_visible()
    checked_at_both_widths(page, SHOTS, "offer")


def test_verified_pill_shows_its_whole_domain_on_mentor_and_task_cards(page):
    mentor = person("Leo Brandt", draft=False, mentor=True)
    profile_update(user=mentor, data={"organisation": "Harbour Cloud Analytics"})
    mentor.profile.verified_work_domain = "harbourcloud.demo"
    mentor.profile.save(update_fields=["verified_work_domain"])
    offer_settings_update(mentor=mentor, data={"is_open": True})
    task = TaskFactory(mentor=mentor, title="Label a photo archive")
    task.published_at = timezone.now()
    task.save(update_fields=["published_at"])
    page.set_viewport_size({"width": 1280, "height": 900})

    for path, card in (("/mentors/", ".offer-mentor-card"), ("/tasks/", ".task-card")):
        page.goto(page.base + path)
        pill = page.locator(card).first.locator(".badge-verified")
        expect(pill).to_contain_text("Verified at harbourcloud.demo")
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            _shown_whole(pill)
        page.set_viewport_size({"width": 1280, "height": 900})
        checked_at_both_widths(page, SHOTS, path.strip("/"))


def test_offer_form_refused_date_shows_its_error_alone(page):
    mentor = person("Hannah Kim", draft=False, mentor=True)
    offer_settings_update(mentor=mentor, data={"is_open": True})
    drafter = person("Sam Rivera")
    PortfolioItemFactory(owner=drafter, title="Usability study")
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, drafter)

    page.goto(page.base + f"/mentors/{mentor.profile.handle}/offer/")
    by_when = page.get_by_label("Done by")
    expect(by_when).to_have_attribute(
        "min", (timezone.localdate() + datetime.timedelta(days=15)).isoformat()
    )
    page.get_by_label("A short title").fill("Tidy your interview notes")
    page.get_by_label("Estimated hours").fill("4")
    page.locator("[name=what]").fill("I will turn your twelve interview notes into one table.")
    page.get_by_label("Usability study").check()
    by_when.fill((timezone.localdate() + datetime.timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Send offer").click()

    expect(page.locator("#offer-by-when-error")).to_contain_text("days to answer")
    expect(page.locator("[data-by-when-help]")).to_be_hidden()
    checked_at_both_widths(page, SHOTS, "offer-form")
    by_when.fill((timezone.localdate() + datetime.timedelta(days=20)).isoformat())
    expect(page.locator("[data-by-when-help]")).to_be_visible()


def test_circles_say_the_hosting_rule_once(page):
    drafter = person("Sam Rivera")
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, drafter)

    page.goto(page.base + "/circles/")

    reason = page.locator("[data-host-reason]")
    expect(reason).to_have_text("Hosting takes 2 verified drafts; you have 0.")
    # The intro's general rule steps aside while the reason says it with their count.
    expect(page.locator("[data-host-rule]")).to_be_hidden()
    expect(page.locator("#main")).to_contain_text("As host you welcome members")
    checked_at_both_widths(page, SHOTS, "circles")
