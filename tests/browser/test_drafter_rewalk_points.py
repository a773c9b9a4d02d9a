"""The drafter re-walk's top points, in Chromium: notification settings are one click from
Settings, the Account menu and /notifications/; the offer form does not invite a second offer
to a mentor who already has one waiting, it points to the waiting one."""

import datetime
import re
from pathlib import Path

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from projects.offers.services.offers import offer_create
from projects.offers.services.settings import offer_settings_update
from tests.browser.first_use import checked_at_both_widths, log_in, person

SHOTS = Path("/tmp/s7d3")


def test_notification_settings_are_reachable_from_settings_the_account_menu_and_notifications(page):
    drafter = person("Sam Rivera")
    log_in(page, drafter)

    page.goto(f"{page.base}/settings/")
    page.get_by_role("navigation", name="Settings sections").get_by_role(
        "link", name="Notifications", exact=True
    ).click()
    page.wait_for_url(re.compile(r"/settings/notifications/$"))
    page.get_by_role("heading", name="Notifications and matching").wait_for()

    page.goto(f"{page.base}/tasks/")
    page.locator("[data-account-menu] summary").click()
    page.locator(".account-menu-list").get_by_role("link", name="Notifications").click()
    page.wait_for_url(re.compile(r"/settings/notifications/$"))

    page.goto(f"{page.base}/notifications/")
    page.get_by_role("link", name="Notification settings").click()
    page.wait_for_url(re.compile(r"/settings/notifications/$"))


def test_the_offer_form_points_to_the_offer_already_waiting_with_that_mentor(page):
    mentor = person("Hannah Okafor", draft=False, mentor=True)
    drafter = person("Sam Rivera")
    offer_settings_update(mentor=mentor, data={"is_open": True})
    offer = offer_create(
        mentor_handle=mentor.profile.handle,
        drafter=drafter,
        title="Chart your survey export",
        what="I will chart the five questions of your March survey as a two-page PDF.",
        estimated_hours=4,
        by_when=timezone.localdate() + datetime.timedelta(days=21),
        work_sample_link="https://example.org/sample",
    )
    log_in(page, drafter)

    page.goto(f"{page.base}/mentors/{mentor.profile.handle}/offer/")
    page.get_by_role("heading", name="Your offer to Hannah Okafor is waiting").wait_for()
    expect(page.get_by_role("button", name="Send offer")).to_be_hidden()
    checked_at_both_widths(page, SHOTS, "offer-waiting")

    page.get_by_role("link", name="Withdraw it").click()
    page.wait_for_url(re.compile(rf"/offers/{offer.pk}/#withdraw$"))
    expect(page.get_by_role("button", name="Withdraw offer")).to_be_focused()
    page.go_back()
    page.get_by_role("link", name="See your offer").click()
    page.wait_for_url(re.compile(rf"/offers/{offer.pk}/$"))


def test_the_address_confirmed_greeting_is_said_once_not_again_beside_a_step_error(page):
    page.goto(f"{page.base}/accounts/signup/?role=drafter")
    page.get_by_label("Email").fill("lin@example.org")
    page.get_by_label("Password:", exact=True).fill("a-very-decent-passphrase-42")
    page.get_by_label("Password (again):").fill("a-very-decent-passphrase-42")
    page.get_by_role("button", name=re.compile("Create my account", re.I)).click()
    page.wait_for_load_state("networkidle")
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(page.base + "/accounts" + link.split("/accounts", 1)[1])
    page.wait_for_url(re.compile(r"/welcome/$"))
    greeting = page.get_by_text("You have confirmed lin@example.org.")
    expect(greeting).to_have_count(1)

    page.get_by_label("Name", exact=True).fill("")
    page.get_by_role("button", name="Continue").first.click()
    page.get_by_text("Add your name: it is the first thing people see.").wait_for()
    expect(greeting).to_have_count(0)
