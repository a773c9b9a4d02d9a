"""People and sign-in for the first-use browser tests (test_first_use_pages.py and
test_first_use_findings.py)."""

from django.test import Client

from accounts.services.profiles import profile_update
from tests.factories import UserFactory


def log_in(page, user) -> None:
    """Sign `user` in to the page's browser with a session cookie (no login form to fill)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": page.base}])


def person(name: str, *, draft: bool = True, mentor: bool = False):
    """A named member past the welcome wizard, drafting and/or mentoring."""
    user = UserFactory(finish__display_name=name)
    profile_update(
        user=user,
        data={"wants_to_draft": draft, "wants_to_mentor": mentor, "onboarding_completed": True},
    )
    return user
