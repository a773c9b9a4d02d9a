"""People, sign-in and the two-width check the browser tests share (first-use pages, the mentor
and drafter walk fixes)."""

from pathlib import Path

from django.test import Client

from accounts.services.profiles import profile_update
from projects.models import Engagement
from projects.stipends.services.checkout import engagement_fund_start
from projects.stipends.services.engagement_money import stipend_on_engagement_accepted
from tests.browser.conftest import assert_accessible, assert_fits_width
from tests.factories import EngagementFactory, TaskFactory, UserFactory

WIDE = {"width": 1280, "height": 900}
PHONE = 390


def log_in(page, user) -> None:
    """Sign `user` in to the page's browser with a session cookie (no login form to fill)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": page.base}])


def person(name: str, *, draft: bool = True, mentor: bool = False, onboarded: bool = True):
    """A named member, drafting and/or mentoring; past the welcome wizard unless `onboarded`
    is False (then /welcome/ greets them as new)."""
    user = UserFactory(finish__display_name=name)
    profile_update(
        user=user,
        data={
            "wants_to_draft": draft,
            "wants_to_mentor": mentor,
            "onboarding_completed": onboarded,
        },
    )
    return user


def checked_at_both_widths(page, shots: Path, name: str) -> None:
    """The current page is axe-clean and nothing overflows sideways at 1280 and at 390 px; a
    full-page screenshot of each goes to `shots` to look at. Leaves the page at 1280 px."""
    shots.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(WIDE)
    assert_accessible(page)
    page.screenshot(path=str(shots / f"{name}-1280.png"), full_page=True)
    assert_fits_width(page, PHONE)
    assert_accessible(page)
    page.screenshot(path=str(shots / f"{name}-390.png"), full_page=True)
    page.set_viewport_size(WIDE)


def ledger_of_funded_stipends(page, stripe_live, mentor, stipends, drafter=None) -> None:
    """`mentor` funds a stipend through the Stripe stand-in for each (task title, cents) of
    `stipends` (drafted by `drafter`, or a new person each), then reads their ledger at 1280 px."""
    for title, amount in stipends:
        engagement = EngagementFactory(
            application__task=TaskFactory(stipend_amount=amount, title=title, mentor=mentor),
            **({"application__drafter": drafter} if drafter else {}),
            state=Engagement.State.AWAITING_FUNDING,
        )
        stipend_on_engagement_accepted(engagement=engagement)
        stripe_live.pay_checkout(engagement_fund_start(engagement_id=engagement.pk, user=mentor))
    stripe_live.flush()
    log_in(page, mentor)
    page.set_viewport_size(WIDE)
    page.goto(page.base + "/ledger/")
