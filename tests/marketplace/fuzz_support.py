"""Helpers for the schemathesis harness (tests/marketplace/test_api_fuzz.py)."""

import io
import os
import re
from collections.abc import Callable

import schemathesis
from hypothesis import strategies as st
from PIL import Image
from schemathesis.core.failures import AcceptedNegativeData
from schemathesis.specs.openapi.checks import (
    ignored_auth,
    negative_data_rejection,
    positive_data_acceptance,
)
from schemathesis.transport.serialization import Binary

from tests.factories import ApplicationFactory, EngagementFactory, TaskFactory, UserFactory

# make fuzz counts the cases it ran, per phase: one line per case in this file.
FUZZ_CASES_FILE = os.environ.get("FUZZ_CASES_FILE", "")
FUZZ_ALL_CHECKS = os.environ.get("FUZZ_ALL_CHECKS") == "1"


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


def real_files(case) -> None:
    if isinstance(case.body, dict):
        for key, value in case.body.items():
            if isinstance(value, Binary) and value.data not in _FILES:
                case.body[key] = Binary(_FILES[len(value.data) % len(_FILES)])


# "violates `type` at /properties/title (...)", or "violates `type` (...)" for the whole body.
_VIOLATION = re.compile(r"violates `([^`]+)`(?: at (\S+))?")


def form_type_mutation_only(failure, case) -> bool:
    """A "schema-violating" form that no server could tell from a valid one.

    multipart/form-data carries text and files only: a title mutated to the JSON object `{}`
    goes on the wire as the text "{}", a valid title; a body mutated to an array still goes as
    a set of fields; and a file part is bytes whatever its "format". A negative case whose only
    violations are JSON types (of form fields or of the body), or the format of a file part, is
    therefore not negative at all, and its acceptance is no failure.
    Any other violation in a form (a length, a pattern, a missing field) still is.
    """
    if not isinstance(failure, AcceptedNegativeData):
        return False
    if not (case.media_type or "").startswith("multipart/form-data"):
        return False
    violations = _VIOLATION.findall(failure.message)
    body = case.body if isinstance(case.body, dict) else {}

    def inexpressible(keyword: str, path: str) -> bool:
        field = path.rsplit("/", 1)[-1]
        return keyword == "type" or (keyword == "format" and isinstance(body.get(field), Binary))

    return bool(violations) and all(inexpressible(k, p) for k, p in violations)


def excluded_checks() -> list[Callable]:
    """`make test` leaves out the checks that send extra requests per case (auth probes) or
    need many examples to mean much (positive and negative data acceptance), to stay fast;
    `make fuzz` runs every check (FUZZ_ALL_CHECKS=1). The rest always apply: no 5xx,
    documented status codes and content types, responses that match their schemas."""
    if FUZZ_ALL_CHECKS:
        return []
    return [ignored_auth, negative_data_rejection, positive_data_acceptance]


def case_count(case) -> None:
    if FUZZ_CASES_FILE:
        phase = case.meta.phase.name.value if case.meta else "explicit"
        with open(FUZZ_CASES_FILE, "a") as cases:
            cases.write(f"{phase} {case.method} {case.path}\n")


def role_world(role: str):
    """The signed-in user of `role` and something of theirs at each step of the journey, so
    generated and linked requests can reach real objects: an open task by someone else to apply
    to; for a mentor, their own task with a submitted application and an active engagement; for
    a drafter, an application and an active engagement of theirs."""
    TaskFactory()  # open, someone else's
    if role == "anonymous":
        return None
    user = UserFactory()
    if role == "mentor":
        task = TaskFactory(mentor=user)
        ApplicationFactory(task=task)
        EngagementFactory(application__task__mentor=user)
    else:
        ApplicationFactory(drafter=user)
        EngagementFactory(application__drafter=user)
    return user
