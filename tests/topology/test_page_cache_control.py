"""HTML page shells say how they may be cached: an anonymous shell is the same for every
visitor of its URL (nginx's cache and browsers may keep it 30 s), a signed-in page never leaves
its browser's private cache unrevalidated, and neither is handed to the other (Vary: Cookie)."""

import pytest
from django.test import Client

from tests.factories import TaskFactory, UserFactory

pytestmark = pytest.mark.django_db


def _directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def _vary(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


@pytest.mark.parametrize("path", ["/", "/tasks/", "/mentors/", "/for-career-offices/"])
def test_an_anonymous_page_shell_is_public_for_thirty_seconds(path):
    response = Client().get(path)

    assert response.status_code == 200
    assert _directives(response) == {"public", "max-age=30"}
    assert "cookie" in _vary(response)
    assert "Set-Cookie" not in str(response.cookies) and not response.cookies
    assert response["ETag"]


def test_an_anonymous_task_page_is_public_but_a_hidden_task_says_nothing_cacheable():
    shown, hidden = TaskFactory(state="open"), TaskFactory(state="draft")
    client = Client()

    page = client.get(f"/tasks/{shown.pk}/")
    missing = client.get(f"/tasks/{hidden.pk}/")

    assert page.status_code == 200 and _directives(page) == {"public", "max-age=30"}
    assert shown.title.encode() in page.content
    assert missing.status_code == 404
    assert "public" not in missing.get("Cache-Control", "")


def test_two_anonymous_visitors_get_the_same_shell_bytes_but_for_the_nonce():
    # The whole point of a shared cache: nothing in the page depends on who asked.
    first, second = Client().get("/tasks/"), Client().get("/tasks/")

    assert first["ETag"] != second["ETag"]  # each render has its own CSP nonce
    nonce = first["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    other = second["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert first.content.replace(nonce.encode(), b"") == second.content.replace(other.encode(), b"")


@pytest.mark.parametrize("path", ["/", "/tasks/", "/dashboard/", "/settings/"])
def test_a_signed_in_page_is_private_and_revalidated_every_time(path):
    client = Client()
    client.force_login(UserFactory())

    response = client.get(path)

    assert response.status_code == 200
    assert _directives(response) == {"private", "no-cache"}
    assert "cookie" in _vary(response)
    assert "ETag" not in response


def test_an_anonymous_page_that_hands_out_a_csrf_token_is_not_public():
    # The login form carries this visitor's CSRF token and sets its cookie.
    response = Client().get("/accounts/login/")

    assert response.status_code == 200
    assert "csrftoken" in response.cookies
    assert "public" not in response["Cache-Control"]
    assert "private" in _directives(response)


def test_a_page_whose_view_chose_its_own_caching_keeps_it():
    # The admin's login page says never_cache itself; the middleware leaves it alone.
    response = Client().get("/admin/login/")

    assert response.status_code == 200
    assert "no-store" in _directives(response) or "max-age=0" in _directives(response)
    assert "public" not in response["Cache-Control"]


def test_a_redirect_to_login_and_an_api_read_are_left_as_they_were():
    redirect = Client().get("/dashboard/")
    api = Client().get("/api/v1/tasks/")

    assert redirect.status_code == 302 and "Cache-Control" not in redirect
    assert api["Cache-Control"] == "public, max-age=30"  # the API's own PublicReadCaching
