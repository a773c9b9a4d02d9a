"""Sign up as a drafter → verify → onboarding wizard → upload a portfolio file → public profile,
and the settings pages, each checked with axe and at phone width."""

import io
import re

import pytest
from django.core import mail
from PIL import Image

from accounts.models import Institution, InstitutionMembership, PortfolioItem
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.factories import SkillFactory

PASSWORD = "a-very-decent-passphrase-42"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _png(tmp_path):
    path = tmp_path / "poster.png"
    image = Image.new("RGB", (120, 80), color=(30, 80, 200))
    out = io.BytesIO()
    image.save(out, format="PNG")
    path.write_bytes(out.getvalue())
    return path


def test_signup_onboarding_upload_and_public_profile(page, tmp_path):
    SkillFactory(name="Data visualisation", category="data")
    page.goto(page.base + "/accounts/signup/?role=drafter")
    assert page.get_by_label(re.compile(r"^\s*Drafter")).is_checked()
    assert not page.get_by_label(re.compile(r"^\s*Mentor")).is_checked()
    assert_accessible(page)
    page.get_by_label("Email").fill("lin@example.org")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again):").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Create my account", re.I)).click()
    page.get_by_role("heading", name="Confirm your e-mail address").wait_for()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(page.base + "/accounts" + link.split("/accounts", 1)[1])

    # Step 1: about you
    page.wait_for_url("**/welcome/")
    page.get_by_text("Step 1 of 3").wait_for()
    assert_accessible(page)
    assert_fits_width(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Name").fill("Lin Chen")
    page.get_by_label("Headline").fill("Economics student <b>who</b> loves charts")
    page.get_by_role("button", name="Continue").click()

    # Step 2: skills, found by autocomplete regardless of case and accents
    page.get_by_text("Step 2 of 3").wait_for()
    page.get_by_label("Find a skill").fill("DATA VISUALISÁTION")
    page.get_by_role("button", name=re.compile("^Data visualisation")).click()
    page.get_by_label("Level for Data visualisation").select_option("expert")
    assert_accessible(page)
    page.get_by_role("button", name="Continue", exact=True).click()
    # One skill is fewer than a drafter's profile asks for: asked once, then on.
    page.get_by_role("button", name="Continue with 1 skill").click()

    # Step 3: first portfolio item, with a file
    page.get_by_text("Step 3 of 3").wait_for()
    assert_accessible(page)
    page.get_by_label("Title", exact=True).fill("Rent vs. income chart")
    page.get_by_label("…or a file").set_input_files(str(_png(tmp_path)))
    page.get_by_role("button", name="Add and finish").click()

    # The wizard ends on a next step for a drafter, then the public profile
    page.get_by_role("heading", name="You are set up").wait_for()
    assert page.get_by_role("link", name="See tasks that fit you").is_visible()
    page.get_by_role("link", name="See your profile").click()
    page.wait_for_url(re.compile(r"/u/lin-chen/$"))  # from the name, never the e-mail address
    page.get_by_role("heading", name="Lin Chen", level=1).wait_for()
    assert page.get_by_text("Economics student <b>who</b> loves charts").is_visible()  # escaped
    assert page.get_by_role("heading", name="Rent vs. income chart").is_visible()
    assert page.get_by_text("Data visualisation · Expert").is_visible()
    page.get_by_text("No verified experience yet").wait_for()
    assert "lin@example.org" not in page.content()
    assert_accessible(page)
    assert_fits_width(page)
    item = PortfolioItem.objects.get()
    assert item.file_kind == "png"


def test_settings_pages_are_accessible_and_fit_a_phone(page, user):
    uni = Institution.objects.create(
        name="State University", slug="state-u", email_domains=["state.edu"]
    )
    InstitutionMembership.objects.create(
        user=user, institution=uni, role="student", email="x@state.edu"
    )
    page.goto(page.base + "/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password:", exact=True).fill("correct-horse-battery-staple")
    page.get_by_role("button", name=re.compile("^Log in$", re.I)).click()
    page.wait_for_url("**/welcome/")  # not onboarded yet

    for path, ready in [
        ("/settings/", "Your profile is"),
        ("/settings/portfolio/", "Nothing here yet."),
        ("/settings/institutions/", "Sharing nothing."),
    ]:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(page.base + path)
        page.get_by_text(ready).wait_for()
        assert_accessible(page)
        assert_fits_width(page)

    # Grant consent from the page, then revoke it.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Participation").check()
    page.get_by_role("button", name="Share with my career office").click()
    page.get_by_text("Sharing now: Participation").wait_for()
    page.get_by_role("button", name="Stop sharing").click()
    page.get_by_text("You stopped sharing with State University.").wait_for()
    assert_accessible(page)
