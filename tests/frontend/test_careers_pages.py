"""The career office's two pages: /careers/ (the figures) and /careers/settings/ (the office's
settings), signed-in only, linked both ways, in the site's one apostrophe."""

import re
from pathlib import Path

import pytest

from tests.careers.conftest import make_office

pytestmark = pytest.mark.django_db

SCRIPTS = Path(__file__).resolve().parents[2] / "frontend" / "static" / "frontend" / "js"
CURLY_APOSTROPHE = re.compile(r"\w\N{RIGHT SINGLE QUOTATION MARK}\w")


def test_the_settings_page_asks_a_visitor_to_sign_in(client):
    response = client.get("/careers/settings/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_dashboard_and_its_settings_link_to_each_other(client):
    office = make_office()
    client.force_login(office.admin)

    dashboard = client.get("/careers/").content.decode()
    settings = client.get("/careers/settings/").content.decode()

    assert 'href="/careers/settings/" data-settings-link hidden>Office settings</a>' in dashboard
    assert 'href="/careers/" data-back>Back to the dashboard</a>' in settings
    assert 'id="keys-heading"' in settings and 'id="keys-heading"' not in dashboard
    assert 'id="headline-heading"' in dashboard and 'id="headline-heading"' not in settings
    assert "Your office is waiting for approval" in dashboard


@pytest.mark.parametrize("path", ["/careers/", "/careers/settings/"])
def test_the_office_pages_use_the_sites_straight_apostrophe(client, path):
    office = make_office()
    client.force_login(office.admin)

    html = client.get(path).content.decode()

    assert CURLY_APOSTROPHE.findall(html) == []


def test_the_office_scripts_use_the_sites_straight_apostrophe():
    scripts = [p for p in SCRIPTS.glob("careers*.js") if p.name != "careers_student.js"]

    found = {p.name: CURLY_APOSTROPHE.findall(p.read_text()) for p in scripts}

    assert scripts and all(not words for words in found.values()), found
