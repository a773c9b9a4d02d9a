"""A new mentor's last walk (issues 20, 22): skills in the wizard survive Back and a reload, an
accepted offer's task says whose words its description is, the e-mail page says which addresses
count as work addresses, the dashboard counts offers and invitations, the ledger has a total and a
CSV, and the stipend badge says whose money it is; at 1280 and 390 px."""

import datetime
import re
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Profile, UserSkill
from projects.offers.services.acceptance import offer_accept
from projects.offers.services.offers import offer_create
from projects.offers.services.settings import offer_settings_update
from projects.services.applications import application_accept, application_create
from projects.services.engagements import engagement_approve, engagement_deliver
from projects.stipends.services.checkout import engagement_fund_start
from tests.browser.careers_pages import shoot_both_widths
from tests.browser.conftest import assert_accessible
from tests.browser.first_use import ledger_of_funded_stipends, log_in, person
from tests.browser.test_stipend_pages import stripe_live  # noqa: F401 — the Stripe stand-in
from tests.factories import (
    PortfolioItemFactory,
    SkillFactory,
    TaskFactory,
    UserFactory,
)

SHOTS = Path("/tmp/m/shots")
WIDE = {"width": 1280, "height": 900}


def _new_mentor():
    mentor = UserFactory(finish__display_name="")
    Profile.objects.filter(user=mentor).update(wants_to_mentor=True, wants_to_draft=False)
    return mentor


def _pick(page, typed: str, name: str) -> None:
    page.get_by_label("Find a skill").fill(typed)
    page.get_by_role("button", name=re.compile(f"^{name}")).click()


def test_skills_added_in_the_wizard_survive_back_and_a_reload(page):
    SkillFactory(name="Figma")
    SkillFactory(name="UX research")
    mentor = _new_mentor()
    log_in(page, mentor)
    page.set_viewport_size(WIDE)
    page.goto(page.base + "/welcome/")
    page.get_by_label("Name").fill("Rosa Lind")
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("Step 2 of 3: Skills").wait_for()

    # Each skill is saved as it is added, before any Continue.
    _pick(page, "Figm", "Figma")
    status = page.locator("[data-step='2'] [data-skill-status]")
    expect(status).to_have_text("Saved 1 skill.")
    _pick(page, "UX res", "UX research")
    expect(status).to_have_text("Saved 2 skills.")
    assert UserSkill.objects.filter(user=mentor).count() == 2
    with page.expect_response(
        lambda r: r.url.endswith("/me/skills/") and r.request.method == "PUT"
    ):
        page.get_by_label("Level for Figma").select_option("expert")
    assert UserSkill.objects.get(user=mentor, skill__name="Figma").level == "expert"
    shoot_both_widths(page, SHOTS, "wizard-skills")
    assert_accessible(page)

    # Back, then Continue: the skills are still there.
    page.locator("[data-step='2']").get_by_role("button", name="Back").click()
    page.get_by_text("Step 1 of 3: About you").wait_for()
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("Step 2 of 3: Skills").wait_for()
    skills = page.get_by_role("list", name="Your skills")
    expect(skills).to_contain_text("Figma")
    expect(skills).to_contain_text("UX research")

    # A reload resumes after the skills (they are answered) and Back shows them, levels kept.
    page.reload()
    page.get_by_text("Step 3 of 3: Offers from drafters").wait_for()
    page.locator("[data-step='4']").get_by_role("button", name="Back").click()
    expect(page.get_by_role("list", name="Your skills")).to_contain_text("UX research")
    expect(page.get_by_label("Level for Figma")).to_have_value("expert")

    # Removing one is saved too.
    page.get_by_role("button", name="Remove UX research").click()
    expect(status).to_have_text("Saved 1 skill.")
    assert list(UserSkill.objects.filter(user=mentor).values_list("skill__name", flat=True)) == [
        "Figma"
    ]


def test_skip_this_step_looks_pressable_and_a_revisited_step_says_what_it_is(page):
    mentor = person("Rosa Lind", draft=False, mentor=True)
    log_in(page, mentor)
    page.set_viewport_size(WIDE)
    page.goto(page.base + "/welcome/")
    page.get_by_role("button", name="Skills").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Going through one step again")
    expect(page.locator(".wizard-progress")).to_be_hidden()
    skip = page.locator("[data-step='2']").get_by_role("button", name="Skip this step")
    assert skip.evaluate("b => getComputedStyle(b).textDecorationLine") == "underline"
    shoot_both_widths(page, SHOTS, "wizard-rerun")
    assert_accessible(page)
    skip.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You\u2019re set up")


def _accepted_offer():
    mentor = UserFactory(finish__display_name="Maya Okafor")
    drafter = UserFactory(finish__display_name="Sam Rivera")
    offer_settings_update(mentor=mentor, data={"is_open": True})
    item = PortfolioItemFactory(owner=drafter, title="Survey redesign case study")
    offer = offer_create(
        mentor_handle=mentor.profile.handle,
        drafter=drafter,
        title="Tidy your interview notes into a findings table",
        what="I will turn the twelve interview notes into one findings table with quotes.",
        estimated_hours=4,
        by_when=timezone.localdate() + datetime.timedelta(days=21),
        portfolio_item_ids=[item.pk],
    )
    offer_accept(offer_id=offer.pk, mentor=mentor)
    offer.refresh_from_db()
    return offer


def test_an_accepted_offers_task_says_the_description_is_what_the_drafter_offered(page):
    offer = _accepted_offer()
    log_in(page, offer.mentor)
    page.set_viewport_size(WIDE)
    page.goto(f"{page.base}/tasks/{offer.task_id}/")

    expect(page.get_by_role("heading", name="What Sam Rivera offered to do")).to_be_visible()
    expect(page.get_by_role("heading", name="About the task")).to_have_count(0)
    expect(page.locator(".mentor-card-name")).to_have_text("You accepted Sam Rivera\u2019s offer")
    expect(page.locator("[data-task-description]")).to_contain_text("I will turn the twelve")
    shoot_both_widths(page, SHOTS, "offer-task-mentor")
    assert_accessible(page)

    log_in(page, offer.drafter)
    page.goto(f"{page.base}/tasks/{offer.task_id}/")
    expect(page.get_by_role("heading", name="What you offered to do")).to_be_visible()


def test_the_email_page_tells_a_mentor_which_addresses_count_as_work_addresses(page):
    mentor = person("Rosa Lind", draft=False, mentor=True)
    log_in(page, mentor)
    page.set_viewport_size(WIDE)
    page.goto(page.base + "/accounts/email/")

    rule = page.locator("[data-work-email-rule]")
    expect(rule).to_contain_text("free webmail (Gmail, Outlook")
    expect(rule).to_contain_text("anyone can open an address there")
    field = page.get_by_label("E-mail address")
    field.fill("rosa@gmail.com")
    hint = page.locator("[data-work-email-hint]")
    expect(hint).to_have_text(re.compile(r"^gmail\.com is free webmail.*will not show"))
    field.fill("rosa@acme-design.com")
    expect(hint).to_have_text("Once confirmed, your profile shows “verified at acme-design.com”.")
    shoot_both_widths(page, SHOTS, "email-rule")
    assert_accessible(page)

    # Sent anyway: the address's row says it does not count, and why.
    field.fill("rosa@gmail.com")
    page.get_by_role("button", name="Add the address").click()
    row_note = page.locator("[data-work-email-verdict]").filter(has_text="gmail.com")
    expect(row_note).to_have_text(
        re.compile("Does not count as a work address: gmail.com is free webmail")
    )


def test_a_drafter_is_not_shown_the_work_address_rule(page):
    log_in(page, person("Sam Rivera"))
    page.goto(page.base + "/accounts/email/")
    expect(page.get_by_role("heading", name="E-mail addresses")).to_be_visible()
    expect(page.locator("[data-work-email-rule]")).to_have_count(0)


def test_a_new_mentors_dashboard_counts_offers_and_invitations_from_zero(page):
    mentor = person("Rosa Lind", draft=False, mentor=True)
    log_in(page, mentor)
    page.set_viewport_size(WIDE)
    page.goto(page.base + "/dashboard/")

    offers = page.get_by_role("link", name="0 offers waiting for your answer")
    expect(offers).to_have_attribute("href", "/offers/")
    invitations = page.get_by_role("link", name="0 invitations to apply sent")
    expect(invitations).to_have_attribute("href", "/invitations/")
    shoot_both_widths(page, SHOTS, "dashboard-new-mentor")
    assert_accessible(page)

    drafter = person("Sam Rivera")
    offer_settings_update(mentor=mentor, data={"is_open": True})
    offer_create(
        mentor_handle=mentor.profile.handle,
        drafter=drafter,
        title="Check the copy of your pricing page",
        what="I will read the pricing page and suggest three clearer headings.",
        estimated_hours=2,
        by_when=timezone.localdate() + datetime.timedelta(days=21),
        portfolio_item_ids=[PortfolioItemFactory(owner=drafter).pk],
    )
    page.reload()
    expect(page.get_by_role("link", name="1 offer waiting for your answer")).to_be_visible()


def test_the_ledger_has_a_total_row_and_a_csv_download(page, stripe_live):  # noqa: F811
    mentor = person("Rosa Lind", draft=False, mentor=True)
    ledger_of_funded_stipends(
        page,
        stripe_live,
        mentor,
        [("Tidy the style guide", 12_500), ("Index the photo archive", 7_500)],
    )

    totals = page.locator("[data-ledger-totals]")
    expect(totals).to_contain_text("Total (2 entries)")
    expect(totals.locator("[data-ledger-net]")).to_have_text("\u2212$200.00")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your ledger (CSV)").click()
    text = Path(download.value.path()).read_text()
    assert "Tidy the style guide" in text and "Total,,2 entries,-200.00,USD" in text
    shoot_both_widths(page, SHOTS, "ledger")
    assert_accessible(page)


def test_an_approved_stipend_tells_the_mentor_it_is_their_money_going_to_the_drafter(
    page,
    stripe_live,  # noqa: F811
):
    task = TaskFactory(stipend_amount=12_500, title="Index a photo archive")
    drafter = UserFactory(finish__display_name="Sam Rivera")
    application = application_create(
        task_id=task.pk, drafter=drafter, note="I catalogue.", work_sample_link="https://ex.org/a"
    )
    engagement = application_accept(application_id=application.pk, mentor=task.mentor)
    stripe_live.pay_checkout(engagement_fund_start(engagement_id=engagement.pk, user=task.mentor))
    stripe_live.flush()
    log_in(page, task.mentor)
    page.set_viewport_size(WIDE)
    page.goto(f"{page.base}/engagements/{engagement.pk}/")
    card = page.get_by_role("region", name="Stipend")
    expect(card.locator(".badge")).to_contain_text(
        "Paid by you · held, released to Sam Rivera on approval"
    )

    engagement_deliver(engagement_id=engagement.pk, drafter=drafter, link="https://ex.org/i")
    engagement_approve(engagement_id=engagement.pk, mentor=task.mentor)  # no payout setup yet
    page.reload()
    expect(card.locator(".badge")).to_contain_text("Paid by you · releasing to Sam Rivera")
    expect(card).not_to_contain_text("Awaiting payout")
    shoot_both_widths(page, SHOTS, "stipend-mentor")
    assert_accessible(page)
