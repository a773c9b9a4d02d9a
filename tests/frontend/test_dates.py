"""One date format across the product: a person reads "7 Dec 2026" ("7 Dec 2026, 14:05" where the
time matters) on server-rendered pages, in messages and in the pages' JavaScript, while
<time datetime> stays ISO 8601 for machines."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils.formats import date_format

from projects.models import Engagement
from projects.selectors.showable import showable_label
from tests.factories import EngagementFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
JS = ROOT / "frontend" / "static" / "frontend" / "js"
MONTH_NAMES = r"January|February|March|April|June|July|August|September|October|November|December"


def _completed(**fields) -> Engagement:
    return EngagementFactory(
        state=Engagement.State.COMPLETED,
        started_at=datetime(2026, 9, 30, 9, 0, tzinfo=UTC),
        completed_at=datetime(2026, 12, 7, 14, 5, tzinfo=UTC),
        **fields,
    )


def test_the_experience_page_reads_7_dec_2026_and_keeps_iso_for_machines():
    engagement = _completed()

    html = Client().get(f"/experience/{engagement.pk}/").content.decode()

    assert "who confirmed the work on" in html
    assert '<time datetime="2026-12-07T14:05:00+00:00">7 Dec 2026</time>' in html
    assert '<time datetime="2026-09-30T09:00:00+00:00">30 Sep 2026</time>' in html
    assert not re.search(rf"\b\d{{1,2}} ({MONTH_NAMES})\b", html)
    assert "Dec. 7" not in html  # Django's English default


def test_templates_and_python_share_the_date_and_date_time_formats():
    moment = datetime(2026, 9, 7, 14, 5, tzinfo=UTC)

    rendered = Template('{{ d|date }} / {{ d|date:"DATETIME_FORMAT" }} / {{ d }}').render(
        Context({"d": moment})
    )

    assert rendered == "7 Sep 2026 / 7 Sep 2026, 14:05 / 7 Sep 2026, 14:05"
    assert date_format(date(2027, 3, 15)) == "15 Mar 2027"


def test_the_showable_clause_names_its_date_in_the_same_format():
    engagement = _completed(showable=Engagement.Showable.AFTER, show_after=date(2027, 9, 1))

    label = showable_label(engagement, today=date(2026, 12, 7))

    assert label == "The work is confidential until 1 Sep 2027; from then it may be shown publicly."


def test_templates_format_dates_only_through_the_shared_formats():
    """A literal human format in a template ("j F Y") would drift from the rest; only the
    machine format ("c"), the named formats and a month heading ("F Y") are allowed."""
    allowed = {"c", "F Y", "DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT"}
    found = {}
    for template in ROOT.glob("*/**/templates/**/*.*"):
        if ".venv" in template.parts:
            continue
        for fmt in re.findall(r"\|date:[\"']([^\"']*)[\"']", template.read_text()):
            if fmt not in allowed:
                found[str(template.relative_to(ROOT))] = fmt
    assert found == {}


def test_scripts_format_dates_only_through_the_ui_helpers():
    """date() and dateTime() in ui.js are the one place the pages turn a date into words."""
    pattern = re.compile(
        r"toLocaleDateString|toLocaleTimeString|Intl\.DateTimeFormat|"
        r"toLocaleString\([^)]*(month|year|day|hour)"
    )
    offenders = [
        path.name
        for path in JS.glob("*.js")
        if path.name != "ui.js" and pattern.search(path.read_text())
    ]
    assert offenders == []
