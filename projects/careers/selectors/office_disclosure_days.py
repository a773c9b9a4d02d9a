"""The office's own disclosure log, grouped on the server: one line per day, reader (a staff
person or an API key) and kind of read, with how many times and the last time.

One dashboard visit writes five raw rows (three summary reads, the students list, the engagements
list), so "the last 10 rows" covered two page views. Grouped, a visit is one line: "Priya Shah
viewed the dashboard (figures, students, engagements)", 3 times that day. The dashboard's count is
its visits, filtered or not (the most-read endpoint of the fold, its filter left out: each visit
reads each of its endpoints once); every other kind counts its reads. A student's page is one line
per student ("Priya Shah opened Noah Kim's participation page", 2 times): for an audit log, whose
data was read is the key fact. The name is the one the office's pages show, and only while the
student still shares with the office; after a revocation the line says "a student who no longer
shares with your office", so the log never shows their name again. A download is one line per file,
saying what it held ("Downloaded the students list (CSV): Computer Science, 8 students",
"Downloaded the summary (CSV): 40 students"): two files the same day are two lines, never merged.
Pages are whole days, newest first, behind the same opaque day cursor as the student's own grouped
log."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import parse_qs

from django.db.models import Case, Count, F, Max, Q, Value, When
from django.db.models.functions import TruncDate

from accounts.models import User
from projects.careers.access import CareersAccess
from projects.careers.models import Disclosure
from projects.careers.selectors.disclosure_days import (
    DAYS_PER_PAGE,
    disclosure_day_window,
    disclosure_file_of,
    disclosure_read_kind,
    disclosure_read_of,
    disclosure_views_count,
)
from projects.careers.selectors.disclosures import (
    EVERY_FIGURE_HIDDEN,
    NO_LONGER_SHARES,
    disclosure_shape,
    disclosure_student_names,
    disclosures_for_institution,
)
from projects.careers.selectors.people import staff_name
from projects.careers.selectors.reports import SUPPRESSION_THRESHOLD

_CAREERS = "/api/v1/careers/"

# Each endpoint in plain words: the log CSV's `what` column, and (short) the parts of a line.
_WHAT = {
    "reports/summary/": ("summary figures", "figures"),
    # Each file the office can download has its own words: "Downloaded the summary (CSV)".
    "reports/summary.csv": ("summary figures (CSV)", "the summary"),
    "reports/first-destination.csv": (
        "first-destination report (CSV)",
        "the first-destination report",
    ),
    "students.csv": ("students list (CSV)", "the students list"),
    "students/": ("students list", "students"),
    "engagements/": ("engagements list", "engagements"),
}
_PARTICIPATION = ("a student's participation", "students' participation")
_ORDER = ["figures", "students", "engagements", "students' participation"]


def _what(endpoint: str) -> tuple[str, str]:
    rest = endpoint.split("?", 1)[0].removeprefix(_CAREERS)
    if rest.startswith("students/") and rest.endswith("/participation/"):
        return _PARTICIPATION
    return _WHAT.get(rest, ("student data", "student data"))


def _student_of(endpoint: str) -> str:
    """The student's id for this office in a participation page's path ("" for any other)."""
    rest = endpoint.split("?", 1)[0].removeprefix(_CAREERS)
    if rest.startswith("students/") and rest.endswith("/participation/"):
        return rest.removeprefix("students/").removesuffix("/participation/")
    return ""


def disclosure_what(*, endpoint: str) -> str:
    """What one raw read was, in plain words ("students list", "a student's participation"):
    the log CSV's `what` column (its `student_names` column says whose)."""
    return _what(endpoint)[0]


def disclosure_filter_words(*, endpoint: str) -> str:
    """The filter a read was made with, in the dashboard's words ("Computer Science, class of
    2027, 2026 Fall", dates as "from 2026-09-01 to 2026-12-31"), read back from the query the
    row stored; "" when unfiltered. The summary says `major`, the lists `programme`."""
    query = parse_qs(endpoint.partition("?")[2])

    def given(name: str) -> str:
        return (query.get(name) or [""])[0].strip()

    year = given("class_year")
    dates = " ".join(
        f"{word} {given(name)}" for word, name in (("from", "from"), ("to", "to")) if given(name)
    )
    words = [
        given("major") or given("programme"),
        f"class of {year}" if year else "",
        given("term"),
        dates,
    ]
    return ", ".join(word for word in words if word)


# What a summary file whose every figure was hidden held, said instead of its count (which
# the file itself hid: the log must not tell it).
HIDDEN_WORDS = f"every figure hidden (fewer than {SUPPRESSION_THRESHOLD} students)"


def _held(*, filter_words: str, students: int | None) -> str:
    """What a downloaded file held: ": Computer Science, 8 students"; a summary with every
    figure hidden (students None): ": Computer Science, every figure hidden (fewer than 5
    students)"."""
    count = (
        HIDDEN_WORDS if students is None else f"{students} student{'' if students == 1 else 's'}"
    )
    return f": {filter_words}, {count}" if filter_words else f": {count}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _sorted(parts: set[str]) -> list[str]:
    return sorted(parts, key=lambda p: (_ORDER.index(p) if p in _ORDER else len(_ORDER), p))


def office_disclosure_line_words(
    *,
    kind: str,
    parts: set[str],
    student: str = "",
    file: str = "",
    filter_words: str = "",
    students: int | None = None,
    hidden: bool = False,
) -> str:
    """The line without its reader: "Viewed the dashboard (figures, students, engagements)",
    "Opened Noah Kim's participation page", "Downloaded the students list (CSV)".
    `student`: the name on a student's page, or NO_LONGER_SHARES; `file`: a download's file
    ("students.csv"), each its own line, by a person or a key; `filter_words` and `students`:
    the filter a download was made with and how many students it held, said after it;
    `hidden`: a summary file whose every figure was hidden, said instead of the count."""
    held = (
        _held(filter_words=filter_words, students=None if hidden else students)
        if hidden or students is not None
        else ""
    )
    named = _sorted(parts)
    if kind == "dashboard":
        return f"Viewed the dashboard ({', '.join(named)})"
    if kind == "student_page":
        if not student or student == NO_LONGER_SHARES:
            return f"Opened the participation page of {NO_LONGER_SHARES}"
        return f"Opened {student}'s participation page"
    if kind == "export":
        return f"Downloaded {_join(named)} (CSV){held}"
    if file:
        return f"Downloaded {_join(named)} (CSV) through the API{held}"
    return f"Read {_join(named)} through the API"


@dataclass
class _Line:
    day: date
    staff_user_id: int | None
    api_key_label: str
    kind: str
    student: str = ""  # the student's id for this office, on a student's page
    file: str = ""  # the file of a download
    filter_words: str = ""  # a download's filter ("Computer Science, class of 2027")
    students: int | None = None  # how many students a download held
    hidden: bool = False  # a summary file whose every figure was hidden
    count: int = 0  # reads, for every kind but the dashboard
    views: dict[str, int] = field(default_factory=dict)  # the dashboard's first pages per read
    pages: dict[str, int] = field(default_factory=dict)  # the dashboard's further list pages
    last_at: datetime | None = None
    parts: set[str] = field(default_factory=set)


def office_disclosure_days(
    *, access: CareersAccess, before: date | None = None, days: int = DAYS_PER_PAGE
) -> tuple[list[dict[str, Any]], date | None]:
    """Up to `days` days of lines (newest first) before the day `before`, and the day the next
    page starts from (None on the last page). Four queries whatever the log's size (days,
    lines, readers, and the names of the students whose pages were opened)."""
    rows = Disclosure.objects.filter(institution=access.institution)
    window = disclosure_day_window(rows, before=before, days=days)
    if window is None:
        return [], None
    # A download's line says what the file held, so its student count is a key of the group
    # (two downloads of one file that held different numbers are two lines); other reads
    # group as before (a dashboard visit's count is its endpoints' reads).
    # A summary file whose every figure was hidden says so, never how many it counted.
    hidden = Case(When(fields=[EVERY_FIGURE_HIDDEN], then=Value(True)), default=Value(False))
    held = Case(
        When(fields=[EVERY_FIGURE_HIDDEN], then=Value(None)),
        When(Q(endpoint__regex=r"\.csv(\?|$)"), then=F("student_count")),
        default=Value(None),
    )
    groups = (
        window.rows.annotate(day=TruncDate("created_at", tzinfo=UTC), held=held, hidden=hidden)
        .values("day", "staff_user_id", "api_key_label", "endpoint", "held", "hidden")
        .annotate(n=Count("id"), last=Max("created_at"))
        .order_by()
    )
    lines: dict[tuple, _Line] = {}
    for g in groups:
        kind = disclosure_read_kind(endpoint=g["endpoint"], by_key=bool(g["api_key_label"]))
        student = _student_of(g["endpoint"]) if kind == "student_page" else ""
        # One line per file: a summary and a students list downloaded the same day are two.
        file = disclosure_file_of(endpoint=g["endpoint"])  # a download, by a person or a key
        words = disclosure_filter_words(endpoint=g["endpoint"]) if file else ""
        students = g["held"] if file else None
        key = (g["day"], g["staff_user_id"], g["api_key_label"], kind, student, file)
        line = lines.setdefault(
            (*key, words, students, g["hidden"]), _Line(*key, words, students, g["hidden"])
        )
        if kind == "dashboard":
            # Every view counts, filtered or not: per read without its filter, a filtered
            # view adds to the count of the unfiltered ones. "Show more" on a list is a
            # further page of the same view, not a view.
            read, further = disclosure_read_of(endpoint=g["endpoint"])
            reads = line.pages if further else line.views
            reads[read] = reads.get(read, 0) + g["n"]
        else:
            line.count += g["n"]
        line.last_at = max(filter(None, [line.last_at, g["last"]]))
        line.parts.add(_what(g["endpoint"])[1])
    staff = User.objects.select_related("profile").in_bulk({k[1] for k in lines if k[1]})
    opened = {line.student for line in lines.values() if line.student}
    names = disclosure_student_names(access=access, public_ids=opened) if opened else {}
    institution = access.institution.name
    ordered = sorted(lines.values(), key=lambda line: (line.day, line.last_at), reverse=True)
    shaped = [_shape(line, staff=staff, names=names, institution=institution) for line in ordered]
    return shaped, window.next_before


def _count(line: _Line) -> int:
    """A dashboard line's views (the most-read of its reads; its further list pages only when
    the day holds none of the view's first reads, as after midnight); any other line's reads."""
    if line.kind != "dashboard":
        return line.count
    return disclosure_views_count(line.views) or disclosure_views_count(line.pages)


def _shape(
    line: _Line, *, staff: dict[int, User], names: dict[str, str], institution: str
) -> dict[str, Any]:
    if line.api_key_label:
        by = {"kind": "api_key", "name": line.api_key_label}
        who = f"API key “{line.api_key_label}”"
    else:
        person = staff.get(line.staff_user_id) if line.staff_user_id else None
        by = {"kind": "staff", "name": staff_name(person, institution=institution)}
        who = by["name"]
    student = names.get(line.student, NO_LONGER_SHARES) if line.student else ""
    what = office_disclosure_line_words(
        kind=line.kind,
        parts=line.parts,
        student=student,
        file=line.file,
        filter_words=line.filter_words,
        students=line.students,
        hidden=line.hidden,
    )
    return {
        "day": line.day,
        "by": by,
        "kind": line.kind,
        "what": what,
        "count": _count(line),
        "last_at": line.last_at,
        "description": f"{who} {what[0].lower()}{what[1:]}",
    }


DISCLOSURE_CSV_COLUMNS = (
    "at",
    "by_kind",
    "by",
    "what",
    "endpoint",
    "fields",
    "students",
    "student_names",
)
_CSV_BATCH = 500


def disclosure_csv_rows(*, access: CareersAccess) -> Iterator[list[Any]]:
    """The whole log as CSV rows, newest first: the students' ids for this office, and their
    names ("; "-separated, one per id) while they share; three queries per 500 rows."""
    yield list(DISCLOSURE_CSV_COLUMNS)
    rows = disclosures_for_institution(access=access).order_by("-id").prefetch_related("students")
    batch: list[Disclosure] = []
    for row in rows.iterator(chunk_size=_CSV_BATCH):
        batch.append(row)
        if len(batch) == _CSV_BATCH:
            yield from _csv_batch(access=access, rows=batch)
            batch = []
    yield from _csv_batch(access=access, rows=batch)


def _csv_batch(*, access: CareersAccess, rows: list[Disclosure]) -> Iterator[list[Any]]:
    ids = {user.pk for row in rows for user in row.students.all()}
    names = disclosure_student_names(access=access, user_ids=ids) if ids else {}
    for row in rows:
        shaped = disclosure_shape(row)
        students = sorted(row.students.all(), key=lambda user: user.pk)
        yield [
            shaped["at"].isoformat(),
            shaped["by"]["kind"],
            shaped["by"]["name"],
            disclosure_what(endpoint=row.endpoint),
            shaped["endpoint"],
            " ".join(shaped["fields"]),
            " ".join(access.student_public_id(user.pk) for user in students),
            "; ".join(names.get(user.pk, NO_LONGER_SHARES) for user in students),
        ]
