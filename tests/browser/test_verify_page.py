"""/verify/ in a real browser: the drafter downloads the credential from the experience page,
then pastes it (valid), pastes it with one character changed (tampered), and uploads the file;
text that is no credential at all (random or truncated) is "not a readable credential"."""

from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from projects.models import Deliverable, Engagement
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.browser.test_drafting_journey import log_in
from tests.factories import EngagementFactory, SkillFactory, TaskFactory, UserFactory


def _approved_draft() -> Engagement:
    task = TaskFactory(
        title="Survey redesign",
        mentor=UserFactory(finish__display_name="Maya Mentor"),
        skills=[SkillFactory(name="Survey design")],
    )
    engagement = EngagementFactory(
        application__task=task,
        application__drafter=UserFactory(finish__display_name="Sam Drafter"),
        state=Engagement.State.COMPLETED,
        started_at=timezone.now(),
        completed_at=timezone.now(),
        showable=Engagement.Showable.FULL,
    )
    Deliverable.objects.create(
        engagement=engagement, submitted_by=engagement.drafter, link="https://example.org/survey"
    )
    return engagement


def _verify(page, text: str) -> None:
    page.get_by_label("Credential", exact=True).fill(text)
    page.get_by_role("button", name="Verify").click()


def test_the_drafter_downloads_and_anyone_verifies_or_spots_tampering(page, tmp_path):
    engagement = _approved_draft()
    log_in(page, engagement.drafter)
    page.goto(f"{page.base}/experience/{engagement.pk}/")
    page.get_by_text("The mentor allows this work to be shown publicly.").wait_for()

    # The first credential a test process issues signs with a key made on first use: on two
    # busy cores that can outlast the default 10 s.
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("link", name="Download credential (for badge wallets)").click()
    saved = tmp_path / "credential.jwt"
    download.value.save_as(saved)
    token = saved.read_text()
    assert token.count(".") == 2

    page.locator("#main").get_by_role("link", name="Verify a credential").click()
    page.get_by_role("heading", name="Verify a credential").wait_for()
    _verify(page, token)
    page.get_by_text("Valid credential").wait_for()
    result = page.locator("[data-verify-result]")
    assert "Survey redesign" in result.inner_text()
    assert "Sam Drafter" in result.inner_text()
    assert_accessible(page)

    header, payload, signature = token.split(".")
    middle = len(payload) // 2
    changed = payload[:middle] + ("A" if payload[middle] != "A" else "B") + payload[middle + 1 :]
    _verify(page, f"{header}.{changed}.{signature}")
    page.get_by_text("Tampered credential").wait_for()
    assert "Valid credential" not in result.inner_text()

    page.get_by_label("Credential", exact=True).fill("")
    page.get_by_label("Or choose the credential file").set_input_files(Path(saved))
    page.get_by_role("button", name="Verify").click()
    page.get_by_text("Valid credential").wait_for()

    for width in (390, 1280):
        assert_fits_width(page, width)


def test_an_anonymous_visitor_is_told_garbage_is_not_a_readable_credential(page):
    page.goto(f"{page.base}/verify/")

    _verify(page, "not a credential")

    page.get_by_text("Not a readable credential", exact=True).wait_for()
    result = page.locator("[data-verify-result]")
    # The heading says the verdict; the line under it says what to do, not the verdict again.
    assert "Paste the whole text of the .jwt file" in result.inner_text()
    assert "This is not a readable credential" not in result.inner_text()
    assert "Tampered" not in result.inner_text()
    assert_accessible(page)


def test_a_truncated_credential_is_unreadable_and_only_a_changed_one_is_tampered(page):
    engagement = _approved_draft()
    log_in(page, engagement.drafter)
    token = page.request.get(f"{page.base}/api/v1/experience/{engagement.pk}/credential/").text()
    page.goto(f"{page.base}/verify/")
    result = page.locator("[data-verify-result]")

    _verify(page, token[: len(token) - 20])  # the end of the signature lost in a copy
    page.get_by_text("Not a readable credential", exact=True).wait_for()
    assert "Tampered" not in result.inner_text()

    header, payload, signature = token.split(".")
    _verify(page, f"{header}.{payload[:-4]}AAAA.{signature}")
    page.get_by_text("Tampered credential", exact=True).wait_for()
    expect(page.get_by_role("heading", name="Tampered credential")).to_be_focused()


def test_the_developer_details_are_folded_away(page):
    page.goto(f"{page.base}/verify/")

    details = page.locator("details", has=page.get_by_text("For developers", exact=True))
    expect(details.get_by_role("link", name="published JWK Set")).to_be_hidden()
    details.get_by_text("For developers", exact=True).click()
    expect(details.get_by_role("link", name="published JWK Set")).to_have_attribute(
        "href", "/.well-known/jwks.json"
    )
    expect(details).to_contain_text("POST /api/v1/credentials/verify/")
    for width in (390, 1280):
        assert_fits_width(page, width)
    assert_accessible(page)
