"""/verify/ in a real browser: the drafter downloads the credential from the experience page,
then pastes it (valid), pastes it with one character changed (tampered), and uploads the file."""

from pathlib import Path

from django.utils import timezone

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

    with page.expect_download() as download:
        page.get_by_role("link", name="Download credential").click()
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


def test_an_anonymous_visitor_is_told_garbage_is_not_a_credential(page):
    page.goto(f"{page.base}/verify/")

    _verify(page, "not a credential")

    page.get_by_text("Not a credential", exact=True).wait_for()
    assert_accessible(page)
