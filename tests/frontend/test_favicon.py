"""The site's icon: linked from every page's head, and answered at /favicon.ico too (browsers ask
there for the JSON API and downloads, which have no <head>)."""

import pytest

pytestmark = pytest.mark.django_db


def test_every_page_links_the_svg_favicon(client):
    html = client.get("/").content.decode()

    assert '<link rel="icon" href="/static/frontend/favicon.svg" type="image/svg+xml">' in html


def test_favicon_ico_leads_to_the_same_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/frontend/favicon.svg"
