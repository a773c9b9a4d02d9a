"""Small words on the career office's pages, read through the pages' own scripts (node runs
them; they have no build step): the three CSV downloads are named by one rule after the page's
filter, and a time in the disclosure log says the zone it is shown in (issue 19)."""

import json
import os
import subprocess
from pathlib import Path

import pytest
from django.test import Client

JS = Path(__file__).resolve().parents[2] / "frontend" / "static" / "frontend" / "js"
NODE = "/usr/bin/node"


def _run(script: str, zone: str = "UTC") -> str:
    result = subprocess.run(
        [NODE, "--input-type=module", "-e", script],
        cwd=JS,
        env={**os.environ, "TZ": zone},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def _file_name(base: str, words: list[str]) -> str:
    return _run(
        f"import {{ fileName }} from './careers_export.js';"
        f"console.log(fileName({json.dumps(base)}, {json.dumps(words)}))"
    )


def test_the_students_file_is_named_after_the_filter_as_the_other_two():
    words = ["Design", "class of 2027", "2026 Fall"]

    assert (
        _file_name("careers-students", words)
        == "careers-students-design-class-of-2027-2026-fall.csv"
    )
    assert (
        _file_name("careers-summary", words) == "careers-summary-design-class-of-2027-2026-fall.csv"
    )
    assert _file_name("careers-students", []) == "careers-students.csv"
    source = (JS / "careers_export.js").read_text()
    assert '"careers-students.csv"' not in source  # no fixed name left beside the namer


def _when(line: dict, zone: str) -> str:
    return _run(
        f"import {{ when }} from './careers_log.js'; console.log(when({json.dumps(line)}))", zone
    )


def test_a_log_time_says_the_zone_the_page_shows_it_in():
    line = {"last_at": "2026-12-07T16:06:00Z", "count": 3}

    assert _when(line, "UTC") == "7 Dec 2026, 3 times (last at 16:06 UTC)"
    assert _when(line, "America/New_York") == "7 Dec 2026, 3 times (last at 11:06 EST)"
    assert _when({**line, "count": 1}, "Europe/Paris") == "7 Dec 2026, at 17:06 GMT+1"


@pytest.mark.django_db
def test_how_joining_works_names_the_ask_to_join_button_for_an_office_already_there():
    html = Client().get("/for-career-offices/").content.decode()

    step = html.split("<strong>Create your institution</strong>")[1].split("</li>")[0]
    assert "press <strong>Ask to join</strong> on your careers page" in step
    assert "ask them to invite you" not in step
