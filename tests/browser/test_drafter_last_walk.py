"""The drafter's last walk (issues 21, 22), in Chromium at 1280 and 390 px: the credential is a
PDF certificate first; /messages/ says where conversations start and lists what still waits;
a "·" separator never starts a line; the verified pill stays one line; mentor cards say whose
offers are left; the offer and settings forms check before sending; and the small finishes
(browse filters' spacing, profile skill tracks, circles and /verify/ saying things once)."""

import datetime
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Profile
from accounts.services.skills import user_skills_set
from projects.models import Deliverable, Engagement
from projects.offers.services.offers import offer_create
from projects.offers.services.settings import offer_settings_update
from tests.browser.careers_pages import shoot_both_widths
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.browser.first_use import log_in, person
from tests.factories import (
    ApplicationFactory,
    EngagementFactory,
    PortfolioItemFactory,
    SkillFactory,
    TaskFactory,
)

SHOTS = Path("/tmp/d7")
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# Every "·" on the page whose previous visible character sits on an earlier line: a separator
# that a wrap left at the start of a line.
DOTS_AT_LINE_START = """(root) => {
  const chars = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.checkVisibility()) continue;
    for (let i = 0; i < node.data.length; i++) if (node.data[i].trim()) chars.push([node, i]);
  }
  const box = ([node, i]) => {
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    return range.getBoundingClientRect();
  };
  const bad = [];
  chars.forEach((c, k) => {
    if (c[0].data[c[1]] !== "·" || k === 0) return;
    const dot = box(c), before = box(chars[k - 1]);
    if (dot.height && before.height && dot.top >= before.bottom - 2) bad.push(c[0].data.trim());
  });
  return bad;
}"""


def _mentor(name: str, domain: str = "harbourcloud.demo"):
    mentor = person(name, draft=False, mentor=True)
    Profile.objects.filter(user=mentor).update(
        verified_work_domain=domain, job_title="Research lead", organisation="Harbour Cloud"
    )
    offer_settings_update(mentor=mentor, data={"is_open": True, "monthly_cap": 3})
    return mentor


def _completed(drafter, mentor):
    task = TaskFactory(mentor=mentor, title="Survey clean-up for the housing office")
    engagement = EngagementFactory(
        application__task=task,
        application__drafter=drafter,
        state=Engagement.State.COMPLETED,
        started_at=timezone.now() - datetime.timedelta(days=9),
        completed_at=timezone.now(),
        showable=Engagement.Showable.FULL,
    )
    Deliverable.objects.create(
        engagement=engagement, submitted_by=drafter, link="https://example.org/survey"
    )
    return engagement


def test_the_credential_downloads_as_a_pdf_certificate_with_the_signed_file_second(page):
    drafter = person("Zoë Łukasiewicz")
    engagement = _completed(drafter, _mentor("Kwame Mensah"))
    log_in(page, drafter)
    page.set_viewport_size(WIDE)
    page.goto(f"{page.base}/experience/{engagement.pk}/")

    pdf_link = page.get_by_role("link", name="Download certificate (PDF)")
    wallet_link = page.get_by_role("link", name="Download credential (for badge wallets)")
    expect(pdf_link).to_be_visible()
    expect(wallet_link).to_be_visible()
    with page.expect_download() as download:
        pdf_link.click()
    saved = download.value
    assert saved.suggested_filename == f"slipstream-credential-{engagement.pk}.pdf"
    assert Path(saved.path()).read_bytes().startswith(b"%PDF")
    with page.expect_download() as download:
        wallet_link.click()
    assert download.value.suggested_filename == f"slipstream-credential-{engagement.pk}.jwt"
    assert_accessible(page)
    shoot_both_widths(page, SHOTS, "experience-credential")


def test_messages_say_where_conversations_start_and_list_what_waits(page):
    drafter = person("Sam Rivera")
    log_in(page, drafter)
    page.set_viewport_size(WIDE)
    page.goto(f"{page.base}/messages/")

    empty = page.locator("[data-inbox-empty]")
    expect(empty).to_be_visible()
    expect(empty).to_contain_text("Applying or sending an offer alone does not start one")
    expect(empty.get_by_role("link", name="Your offers")).to_have_attribute("href", "/offers/")
    expect(empty.get_by_role("link", name="Your applications")).to_have_attribute(
        "href", "/dashboard/"
    )
    expect(page.locator("[data-waiting-box]")).to_be_hidden()

    mentor = _mentor("Hannah Kim")
    application = ApplicationFactory(
        drafter=drafter, task=TaskFactory(mentor=mentor, title="Sort the survey answers")
    )
    item = PortfolioItemFactory(owner=drafter, title="Usability study")
    offer = offer_create(
        mentor_handle=mentor.profile.handle,
        drafter=drafter,
        title="Tidy your interview notes",
        what="I will turn your twelve interview notes into one findings table.",
        estimated_hours=4,
        by_when=timezone.localdate() + datetime.timedelta(days=21),
        portfolio_item_ids=[item.pk],
    )
    page.reload()

    waiting = page.locator("[data-waiting]")
    expect(waiting.locator("li")).to_have_count(2)
    expect(
        waiting.get_by_role("link", name="Application: Sort the survey answers")
    ).to_have_attribute("href", f"/applications/{application.pk}/")
    expect(waiting.get_by_role("link", name="Offer: Tidy your interview notes")).to_have_attribute(
        "href", f"/offers/{offer.pk}/"
    )
    expect(waiting).to_contain_text("Waiting for Hannah Kim")
    assert_accessible(page)
    shoot_both_widths(page, SHOTS, "messages-waiting")


def test_no_separator_starts_a_line_at_390(page):
    mentor = _mentor("Kwame Mensah-Abernathy", domain="harbourcloud-research-partners.demo")
    drafter = person("Sam Rivera")
    for n in range(3):
        task = TaskFactory(
            mentor=mentor,
            title=f"Label a photo archive of the harbour, part {n}",
            estimated_hours=6,
        )
        task.published_at = timezone.now()
        task.save(update_fields=["published_at"])
    application = ApplicationFactory(drafter=drafter, task=task)
    log_in(page, drafter)
    page.set_viewport_size(PHONE)

    for path in ("/tasks/", f"/applications/{application.pk}/", f"/u/{mentor.profile.handle}/"):
        page.goto(page.base + path)
        page.locator("main").get_by_text("Label a photo archive").first.wait_for()
        assert page.evaluate(DOTS_AT_LINE_START, page.locator("main").element_handle()) == []


def test_the_verified_pill_is_one_line_in_narrow_cards(page):
    mentor = _mentor("Kwame Mensah", domain="harbourcloud-research-partners-international.demo")
    task = TaskFactory(mentor=mentor, title="Label a photo archive")
    task.published_at = timezone.now()
    task.save(update_fields=["published_at"])
    log_in(page, person("Sam Rivera"))

    for path, card in (
        ("/tasks/", ".task-card"),
        ("/mentors/", ".offer-mentor-card"),
        (f"/tasks/{task.pk}/", "[data-task-mentor]"),
        (f"/u/{mentor.profile.handle}/", "main"),
    ):
        for size in (WIDE, PHONE):
            page.set_viewport_size(size)
            page.goto(page.base + path)
            scope = page.locator(card).first
            pill = scope.locator(".badge-verified").first
            expect(pill).to_contain_text("Verified at")
            line = pill.evaluate("(n) => parseFloat(getComputedStyle(n).lineHeight)")
            assert pill.bounding_box()["height"] < line * 1.5, path  # one line, not a blob
            box, outer = pill.bounding_box(), scope.bounding_box()
            assert box["x"] + box["width"] <= outer["x"] + outer["width"] + 0.5, path
            if path != f"/tasks/{task.pk}/":  # the task page's pill is task_detail.js's
                assert "harbourcloud-research" in (pill.get_attribute("title") or ""), path
        assert_fits_width(page, 390)


def test_mentor_cards_say_whose_offers_are_left(page):
    _mentor("Hannah Kim")
    log_in(page, person("Sam Rivera"))
    page.set_viewport_size(WIDE)

    page.goto(f"{page.base}/mentors/")

    card = page.locator(".offer-mentor-card").first
    expect(card).to_contain_text("Open to 3 more offers this month")
    expect(card).not_to_contain_text("offers left")


def test_the_offer_form_checks_before_sending(page):
    mentor = _mentor("Hannah Kim")
    drafter = person("Sam Rivera")
    PortfolioItemFactory(owner=drafter, title="Usability study")
    sent: list[str] = []
    page.on(
        "request",
        lambda r: sent.append(r.url) if r.method == "POST" and "/offers/" in r.url else None,
    )
    log_in(page, drafter)
    page.set_viewport_size(PHONE)
    page.goto(f"{page.base}/mentors/{mentor.profile.handle}/offer/")
    page.get_by_label("A short title").wait_for()

    page.get_by_role("button", name="Send offer").click()

    expect(page.locator("#offer-title-error")).to_have_text("Give the offer a short title.")
    expect(page.locator("#offer-what-error")).to_have_text("Say what you will do.")
    expect(page.locator("#offer-hours-error")).to_contain_text("1 to 10")
    expect(page.locator("#offer-by-when-error")).to_have_text(
        "Choose the date you will deliver by."
    )
    expect(page.locator(".offer-evidence .field-error")).to_have_text(
        "Attach at least one portfolio item or a link to a work sample."
    )
    expect(page.get_by_label("A short title")).to_be_focused()

    page.get_by_label("A short title").fill("Tidy your interview notes")
    page.locator("[name=what]").fill("I will turn your twelve interview notes into one table.")
    page.get_by_label("Estimated hours").fill("40")
    page.get_by_label("Done by").fill(timezone.localdate().isoformat())
    page.get_by_label("Link to a work sample").fill("not a link")
    page.get_by_role("button", name="Send offer").click()

    expect(page.locator("#offer-hours-error")).to_have_text("Offer something small: 1 to 10 hours.")
    expect(page.locator("#offer-by-when-error")).to_contain_text("days to answer, so choose")
    expect(page.locator("#offer-sample-error")).to_have_text(
        "Enter a complete web address, like https://example.org/work."
    )
    assert sent == []
    shoot_both_widths(page, SHOTS, "offer-form-checked")

    page.get_by_label("Estimated hours").fill("4")
    page.get_by_label("Done by").fill(
        (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    )
    page.get_by_label("Link to a work sample").fill("https://example.org/notes")
    page.get_by_role("button", name="Send offer").click()
    page.wait_for_url("**/offers/*/?sent=1")
    assert len(sent) == 1  # the server still had the last word


def test_settings_forms_check_before_sending(page):
    mentor = _mentor("Hannah Kim")
    patches: list[str] = []
    page.on("request", lambda r: patches.append(r.url) if r.method == "PATCH" else None)
    log_in(page, mentor)
    page.set_viewport_size(WIDE)
    page.goto(f"{page.base}/settings/")
    name = page.get_by_label("Name", exact=True)
    expect(name).to_have_value("Hannah Kim")

    name.fill("")
    page.get_by_label("Years of experience").fill("200")
    page.get_by_role("button", name="Save profile").click()

    expect(page.locator("#display_name-error")).to_have_text(
        "Add the name people see on your profile."
    )
    expect(page.locator("#years_experience-error")).to_have_text("Between 0 and 70 years.")

    cap = page.get_by_label("Offers a month")
    cap.fill("")
    page.get_by_role("button", name="Save offer settings").click()
    expect(page.locator("#offers-cap-error")).to_have_text(
        "Choose between 1 and 10 offers a month."
    )
    assert patches == []


def test_small_finishes_read_once_and_line_up(page):
    drafter = person("Sam Rivera")
    user_skills_set(
        user=drafter,
        items=[
            {"skill_id": SkillFactory(name="Python", family="python-data").pk, "level": "learning"},
            {"skill_id": SkillFactory(name="Survey design").pk, "level": "expert"},
        ],
    )
    mentor = _mentor("Kwame Mensah")
    engagement = _completed(drafter, mentor)
    log_in(page, drafter)
    page.set_viewport_size(WIDE)

    # Browse filters: the skill picker adds no gap of its own before "Pay".
    page.goto(f"{page.base}/tasks/")
    skills_field = page.locator("#filters .field").nth(1)
    pay_field = page.locator("#filters .field").nth(2)
    expect(pay_field).to_contain_text("Pay")
    gap = pay_field.bounding_box()["y"] - (
        skills_field.bounding_box()["y"] + skills_field.bounding_box()["height"]
    )
    assert gap <= 20, gap

    # /verify/: the verdict is said by the heading, not again by the line under it.
    response = page.request.get(f"{page.base}/api/v1/experience/{engagement.pk}/credential/")
    page.goto(f"{page.base}/verify/")
    page.get_by_role("textbox", name="Credential").fill(response.text())
    page.get_by_role("button", name="Verify").click()
    result = page.locator("[data-verify-result]")
    expect(result.locator("[data-result-title]")).to_have_text("Valid credential")
    expect(result.locator("[data-result-message]")).to_have_text(
        "Issued by this site, unchanged, and not revoked."
    )
    shoot_both_widths(page, SHOTS, "verify-valid")

    # The public profile: each skill bar sits on a track showing the whole scale.
    page.goto(f"{page.base}/u/{drafter.profile.handle}/")
    chart = page.locator(".skills-chart")
    expect(chart.locator("rect.bar")).to_have_count(2)
    expect(chart.locator("rect.bar-track")).to_have_count(2)
    widths = chart.locator("rect.bar").evaluate_all(
        "(bars) => bars.map((b) => +b.getAttribute('width'))"
    )
    track = chart.locator("rect.bar-track").first.get_attribute("width")
    assert min(widths) < float(track) == max(widths)

    # Circles with none around the person's skills: "no circle" is said once, not three times.
    page.goto(f"{page.base}/circles/")
    page.locator("[data-circle-alert-list] li").first.wait_for()
    said = page.locator("main").inner_text().lower()
    assert said.count("no circle") == 1, said
    shoot_both_widths(page, SHOTS, "circles-empty")
