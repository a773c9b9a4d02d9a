"""The e-mailed confirmation link opened where the person is not signed in (another browser, the
phone's mail app): it confirms, says so, and signing in goes on to the welcome wizard. And the
link points at the server `make run` serves (issue 22)."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.test import Client

from marketplace import settings as base_settings

pytestmark = pytest.mark.django_db

PASSWORD = "a-very-decent-passphrase-42"
CONFIRMED = "Your address is confirmed — sign in to continue."


def _sign_up(email: str = "lin@example.org") -> str:
    response = Client().post(
        "/accounts/signup/",
        {"roles": ["drafter"], "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302, response.content
    [message] = [m for m in mail.outbox if m.to == [email]]
    return re.search(r"https?://\S+/accounts/confirm-email/[^/\s]+/", message.body).group(0)


def test_the_link_in_a_fresh_browser_confirms_says_so_and_sign_in_goes_on_to_the_wizard():
    link = _sign_up()
    fresh = Client()

    page = fresh.get(urlsplit(link).path, follow=True)

    assert EmailAddress.objects.get(email="lin@example.org").verified
    assert page.request["PATH_INFO"] == "/accounts/login/"
    assert CONFIRMED in page.content.decode()
    signed_in = fresh.post("/accounts/login/", {"login": "lin@example.org", "password": PASSWORD})
    assert signed_in.status_code == 302
    assert signed_in["Location"] == "/welcome/"


def test_a_second_click_on_a_used_link_does_not_claim_success():
    link = _sign_up()
    Client().get(urlsplit(link).path)

    again = Client().get(urlsplit(link).path, follow=True).content.decode()

    assert CONFIRMED not in again


def test_the_emailed_link_points_at_the_site_url():
    link = _sign_up()

    assert f"{urlsplit(link).scheme}://{urlsplit(link).netloc}" == settings.SITE_URL


def test_site_urls_default_is_the_address_make_run_serves():
    """Links in the demo's e-mails open the server `make run` starts (HOST and PORT defaults)."""
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    host = re.search(r"^HOST \?= (\S+)$", makefile, re.M).group(1)
    port = re.search(r"^PORT \?= (\S+)$", makefile, re.M).group(1)
    default = re.search(
        r'SITE_URL = env.str\("SITE_URL", default="([^"]+)"\)',
        Path(base_settings.__file__).read_text(),
    ).group(1)

    assert default == f"http://{host}:{port}"
