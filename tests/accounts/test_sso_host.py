"""Every university sign-in (SAML) endpoint answers a request without a usable Host header
with a 400 page, never a 500: python3-saml builds the URLs it checks from the Host header."""

import socket
from urllib.parse import urlsplit

import pytest
from django.test import Client

from accounts.models import Institution
from accounts.services.sso import institution_sso_set
from tests.accounts.saml_idp import UniversityIdentityProvider
from tests.factories import InstitutionFactory, MembershipFactory

SLUG = "uni"
ENDPOINTS = [
    ("post", "login/"),
    ("post", "acs/"),
    ("get", "acs/finish/"),
    ("get", "sls/"),
    ("post", "sls/"),
    ("get", "metadata/"),
]


@pytest.fixture
def institution_with_sso() -> Institution:
    institution = InstitutionFactory(
        slug=SLUG, email_domains=["uni.edu"], status=Institution.Status.APPROVED
    )
    admin = MembershipFactory(institution=institution, role="staff", staff_role="admin").user
    institution_sso_set(
        actor=admin,
        institution_slug=SLUG,
        metadata_xml=UniversityIdentityProvider().metadata_xml(),
    )
    return institution


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "tail"), ENDPOINTS)
def test_a_sign_in_request_without_a_host_header_is_a_bad_request(
    institution_with_sso, method, tail
):
    # The test client sends no Host header unless told to (only SERVER_NAME, which Django
    # allows in tests): exactly what an HTTP/1.0 client or a scanner does.
    client = Client(raise_request_exception=False)

    response = getattr(client, method)(f"/accounts/saml/{SLUG}/{tail}")

    assert response.status_code == 400
    assert "no host" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["evil.example", "bad host!", ""])
@pytest.mark.parametrize(("method", "tail"), ENDPOINTS)
def test_a_sign_in_request_naming_a_host_we_do_not_serve_is_a_bad_request(
    institution_with_sso, method, tail, host
):
    client = Client(raise_request_exception=False, HTTP_HOST=host)

    response = getattr(client, method)(f"/accounts/saml/{SLUG}/{tail}")

    assert response.status_code == 400


@pytest.mark.django_db
def test_the_metadata_served_still_names_the_host_it_was_asked_on(institution_with_sso):
    response = Client(HTTP_HOST="localhost").get(f"/accounts/saml/{SLUG}/metadata/")

    assert response.status_code == 200
    assert f"http://localhost/accounts/saml/{SLUG}/acs/" in response.content.decode()


def _raw(live_server_url: str, request: bytes) -> bytes:
    address = urlsplit(live_server_url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.django_db(transaction=True)
def test_a_live_server_answers_400_to_a_raw_request_without_a_host(
    live_server, institution_with_sso
):
    # A raw POST to login/ is refused by the CSRF check first (403); its GET reaches SAML.
    for method, tail in [("get", "login/"), *ENDPOINTS[1:]]:
        request = f"{method.upper()} /accounts/saml/{SLUG}/{tail} HTTP/1.0\r\n"
        if method == "post":
            request += "Content-Length: 0\r\n"
        answer = _raw(live_server.url, (request + "\r\n").encode())

        assert answer.split(b"\r\n", 1)[0].split(b" ")[1] == b"400", (tail, answer[:200])
        bad_host = _raw(
            live_server.url,
            f"GET /accounts/saml/{SLUG}/{tail} HTTP/1.1\r\nHost: evil.example\r\n"
            "Connection: close\r\n\r\n".encode(),
        )
        assert bad_host.split(b"\r\n", 1)[0].split(b" ")[1] == b"400", (tail, bad_host[:200])
