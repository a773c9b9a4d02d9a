"""Property-based fuzzing of every documented API operation (schemathesis, in-process).

Whatever the input, the API answers with a documented status and never a 500. `make test`
replays a fixed set (a few derandomized examples per operation, as a drafter); `make fuzz`
explores new ones: FUZZ_EXAMPLES per operation, as anonymous, drafter and mentor
(FUZZ_ROLES), with every check on (FUZZ_ALL_CHECKS=1), on SQLite and PostgreSQL. Schemathesis'
examples, coverage and fuzzing phases all run.
"""

import io
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from PIL import Image
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from schemathesis.specs.openapi.checks import (
    ignored_auth,
    negative_data_rejection,
    positive_data_acceptance,
)
from schemathesis.transport.serialization import Binary

from marketplace.wsgi import application
from tests.factories import DEFAULT_PASSWORD, TaskFactory, UserFactory

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
# make test replays the same examples every run (no flaky CI); make fuzz explores new ones.
FUZZ_RANDOM = os.environ.get("FUZZ_RANDOM") == "1"
FUZZ_ROLES = os.environ.get("FUZZ_ROLES", "drafter").split(",")
FUZZ_ALL_CHECKS = os.environ.get("FUZZ_ALL_CHECKS") == "1"
# make fuzz counts the cases it ran: one line per case in this file.
FUZZ_CASES_FILE = os.environ.get("FUZZ_CASES_FILE", "")


def _image(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), (200, 80, 40)).save(buffer, kind)
    return buffer.getvalue()


# Uploads are checked by content: the schema names the media types each file part takes
# (`encoding.contentType`: PNG, JPEG, WEBP, and PDF for documents), but schemathesis makes file
# bytes without reading it. So every generated file is swapped for a real image of one of those
# types, which every file field takes (tests/accounts/ check that other content is refused).
_FILES = [_image("PNG"), _image("JPEG"), _image("WEBP")]
_PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
# A part declared as application/pdf needs a serializer; the bytes are still the drawn file.
schemathesis.openapi.media_type("application/pdf", st.just(_PDF))


def _with_real_files(case) -> None:
    if isinstance(case.body, dict):
        for key, value in case.body.items():
            if isinstance(value, Binary) and value.data not in _FILES:
                case.body[key] = Binary(_FILES[len(value.data) % len(_FILES)])


# Loaded at collection time: generating the schema needs no database.
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
# DRF refuses a NUL character in any text field (Django's ProhibitNullCharactersValidator).
schema.config.generation.update(allow_x00=False)

# The session token of the role being fuzzed ("" when anonymous), set by the fixture below.
_signed_in = {"token": ""}


@schema.auth(refresh_interval=None)
class SessionTokenAuth:
    """The signed-in role's credentials, given to schemathesis as *the* authentication.

    Schemathesis then sends only this token (no generated `sessionid` cookie beside it), and its
    auth check really probes the API: the same request without credentials, and with a mangled
    token, must answer 401. Anonymous runs give no credentials, so generated ones stay, and
    must be refused like any other.
    """

    def get(self, case, context):
        return _signed_in["token"] or None

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "X-Session-Token": data}


@pytest.fixture(params=FUZZ_ROLES)
def session_token(request, db, client, monkeypatch, stripe_standin_settings):
    """Sign in through the headless app API, then serve the generated requests in-process.

    As the Django test client does, the test's database connection stays open across requests
    (the request signals would close it mid-test). This is set up after signing in, because
    the test client puts the signal back when its own request ends. Throttling is lifted so
    every example is served; payment calls go to the local Stripe stand-in.
    """
    role = request.param
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute"})
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "100000/minute"})
    if role == "anonymous":
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        _signed_in["token"] = ""
        yield ""
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        return
    user = UserFactory()
    if role == "mentor":
        TaskFactory(mentor=user)
    response = client.post(
        "/_allauth/app/v1/auth/login",
        {"email": user.email, "password": DEFAULT_PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    _signed_in["token"] = response.json()["meta"]["session_token"]
    yield _signed_in["token"]
    _signed_in["token"] = ""
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    derandomize=not FUZZ_RANDOM,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_every_generated_request_without_a_server_error(case, session_token):
    # `make test` leaves out the checks that send extra requests per case (auth probes) or
    # need many examples to mean much (positive and negative data acceptance), to stay fast;
    # `make fuzz` runs every check (FUZZ_ALL_CHECKS=1). The rest always apply: no 5xx,
    # documented status codes and content types, responses that match their schemas.
    excluded = (
        [] if FUZZ_ALL_CHECKS else [ignored_auth, negative_data_rejection, positive_data_acceptance]
    )
    if FUZZ_CASES_FILE:
        with open(FUZZ_CASES_FILE, "a") as cases:
            cases.write(f"{case.method} {case.path}\n")
    _with_real_files(case)
    case.call_and_validate(excluded_checks=excluded)
