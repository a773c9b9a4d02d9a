"""Signing in to a running topology over HTTP, as a browser does (tests/production and
tests/topology both drive one)."""

import requests


def sign_in(base_url: str, *, email: str, password: str) -> requests.Session:
    """A session signed in through the login form (CSRF cookie, then the POST): 302 on success."""
    session = requests.Session()
    session.get(f"{base_url}/accounts/login/", timeout=10).raise_for_status()
    response = session.post(
        f"{base_url}/accounts/login/",
        data={
            "login": email,
            "password": password,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": f"{base_url}/accounts/login/"},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text[:500]
    return session
