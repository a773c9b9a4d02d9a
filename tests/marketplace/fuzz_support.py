"""Helpers for the schemathesis harness (tests/marketplace/test_api_fuzz.py)."""

import io
import os
import re
from collections.abc import Callable

import schemathesis
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.db import connection
from django.http.multipartparser import MultiPartParser, MultiPartParserError
from hypothesis import strategies as st
from jsonschema import Draft4Validator
from PIL import Image
from schemathesis.core.failures import AcceptedNegativeData
from schemathesis.core.jsonschema import resolve_with_root_bundle
from schemathesis.openapi.checks import RejectedPositiveData
from schemathesis.specs.openapi.checks import (
    ignored_auth,
    negative_data_rejection,
    positive_data_acceptance,
)
from schemathesis.transport.serialization import Binary
from schemathesis.transport.wsgi import WSGI_TRANSPORT
from werkzeug.test import EnvironBuilder

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


# DRF reads these texts as booleans (rest_framework.fields.BooleanField).
_TRUE = {"t", "T", "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "1"}
_FALSE = {"f", "F", "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "0"}
# A file part, as the schema of a form describes one ({"type": "string", "format": "binary"}).
_FILE_PART = "<file>"
# Anything that is no string: what a text field holds when a file arrives in it, and vice versa.
_NOT_TEXT = {"not": "text"}


def _wire_form(case) -> tuple[dict[str, list[str]], dict[str, int]] | None:
    """The fields and files the server parses from the request as sent, or None if unparsable.

    The request is serialized by schemathesis' own WSGI transport (the bytes it sends) and
    parsed by Django's multipart parser (the one DRF uses).
    """
    data = WSGI_TRANSPORT.serialize_case(case)
    environ = EnvironBuilder(**data).get_environ()
    try:
        fields, files = MultiPartParser(
            environ, environ["wsgi.input"], [MemoryFileUploadHandler()], "utf-8"
        ).parse()
    except (MultiPartParserError, ValueError):
        return None
    return {k: fields.getlist(k) for k in fields}, {k: len(files.getlist(k)) for k in files}


def _read(text: str, schema: dict) -> object:
    """A text field as DRF reads it: the first reading the property's schema takes."""
    readings: list[object] = [text]
    if re.fullmatch(r"[+-]?\d+", text.strip()):
        readings.append(int(text))
    if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", text.strip()):
        readings.append(float(text))
    if text in _TRUE or text in _FALSE:
        readings.append(text in _TRUE)
    if text == "":
        readings.append(None)
    return next((r for r in readings if Draft4Validator(schema).is_valid(r)), text)


def form_valid_on_the_wire(case) -> bool:
    """Whether a multipart request, as the server receives it, satisfies its body schema.

    multipart/form-data carries named text and file parts only, so a generated "negative"
    form can arrive valid: a title mutated to the JSON object `{}` arrives as the text "{}",
    skill_ids mutated from a list to the integer 102 arrives as one field "102" (a list of one),
    a file whose "format" was mutated is still a file. Schemathesis judges the value it drew;
    this judges the parsed form, read as DRF reads it (the last value of a field, every value
    of a list field, numbers and booleans from their text), against the same schema. A form
    that is invalid there (a missing title, a 161-character title, a text part where a file
    belongs) is still negative, and its acceptance still a failure.
    """
    body = case.operation.get_body_for_media_type(case.media_type or "")
    wire = _wire_form(case)
    if body is None or body.resolved_schema is None or wire is None:
        return False
    root = body.resolved_schema
    bundle = {"x-bundled": root.get("x-bundled", {})}  # where its "$ref"s point
    properties = root.get("properties", {})
    fields, files = wire
    instance: dict[str, object] = {}
    for name in {*fields, *files}:
        prop = resolve_with_root_bundle(properties.get(name, {}), root)
        is_file = prop.get("format") == "binary"
        is_list = prop.get("type") == "array"
        item = {**bundle, **(prop.get("items", {}) if is_list else prop)}
        # DRF puts a field's files after its texts; a plain field takes the last value.
        values = [_NOT_TEXT if is_file else _read(text, item) for text in fields.get(name, [])]
        values += [_FILE_PART if is_file else _NOT_TEXT] * files.get(name, 0)
        instance[name] = values if is_list else values[-1]
    return Draft4Validator(root).is_valid(instance)


def form_on_the_wire_is_no_failure(failure, case) -> bool:
    """One rule for every phase: a form is judged as it reached the server. An accepted
    "negative" form is a failure only if the form on the wire is invalid; a refused "positive"
    one only if it is valid (a full `make fuzz` saw a "positive" portfolio form arrive with an
    empty title, and its 400 reported as a failure)."""
    if not (case.media_type or "").startswith("multipart/form-data"):
        return False
    if isinstance(failure, AcceptedNegativeData):
        return form_valid_on_the_wire(case)
    if isinstance(failure, RejectedPositiveData):
        return _wire_form(case) is not None and not form_valid_on_the_wire(case)
    return False


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


def sequences_now() -> dict[str, tuple[int, bool]]:
    """PostgreSQL: where every id sequence stands ({} on SQLite, which reuses rolled-back ids)."""
    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT format('%I.%I', schemaname, sequencename),"
            " coalesce(last_value, start_value), last_value IS NOT NULL FROM pg_sequences"
        )
        return {name: (value, is_called) for name, value, is_called in cursor.fetchall()}


def sequences_restore(positions: dict[str, tuple[int, bool]]) -> None:
    """Put the sequences back where they stood, so a replayed scenario gets the same ids.

    A rolled-back savepoint takes the rows back but not the ids they used: sequences are not
    transactional. `setval` is not either, so it holds after the rollback too.
    """
    with connection.cursor() as cursor:
        for name, (value, is_called) in positions.items():
            cursor.execute("SELECT setval(%s, %s, %s)", [name, value, is_called])


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
