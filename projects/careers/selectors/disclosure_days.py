"""A student's "who saw your data", grouped on the server: one line per day, reader (a staff
person or an API key) and kind of read, with the true number of times for that whole day.

The raw log has a row per API response, and one visit of the office dashboard makes several
(three summary reads, the students list, the engagements list): grouping a page of raw rows in
the browser undercounted every day that straddled a page. Here the database counts per day and
endpoint, and the endpoints of one kind of read fold into one line whose count is the visits
that disclosed the student (the most-read endpoint of the fold, its filter left out: each visit
reads each of its endpoints once, and a filtered one that left the student out wrote no row of
theirs). Pages are
whole days, newest first, behind an opaque cursor.

A line names only the parts the reads returned about the student: the log keeps what an
endpoint can disclose, the student's consent at the time decides what of it reached the office,
and ratings are named only once a mentor had rated them (before that, the engagements list the
dashboard reads carried no rating of theirs)."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import parse_qs

from django.db.models import Count, F, Max, Min, Q, QuerySet
from django.db.models.functions import TruncDate

from accounts.models import Consent, Institution, User
from marketplace.cursors import CursorMalformed, CursorUnknown, cursor_decode, cursor_encode
from marketplace.errors import NotFound, field_error
from projects.careers import error_codes
from projects.careers.models import Disclosure, DisclosureSnapshot
from projects.careers.selectors.disclosures import (
    EVERY_FIGURE_HIDDEN,
    disclosure_fields_delivered,
    disclosure_parts_named,
    disclosure_scopes_at,
)
from projects.careers.selectors.office_people import staff_name_for_student
from projects.models import Feedback

DAYS_PER_PAGE = 7
_CAREERS = "/api/v1/careers/"

_AGGREGATE = "aggregate:"


def disclosure_read_kind(*, endpoint: str, by_key: bool) -> str:
    """How the office read: its own system (a key), a CSV download, a student's own page, or
    the dashboard (the summary figures and the students and engagements lists it shows)."""
    path = endpoint.split("?", 1)[0]
    if by_key:
        return "system"
    if path.endswith(".csv"):
        return "export"
    rest = path.removeprefix(_CAREERS)
    if rest.startswith("students/") and rest != "students/":
        return "student_page"
    return "dashboard"


# The parts of an address that say which read of a page view it was, not what it was filtered
# by: the dashboard reads the summary three times (group_by=month, term, skill), and a further
# page of a list (cursor=) belongs to the view that read the first.
_READ_PARAMS = ("group_by",)


def disclosure_read_of(*, endpoint: str) -> tuple[str, bool]:
    """Which read of a view a logged address was, with its filter left out
    ("/api/v1/careers/reports/summary/?group_by=month&major=Economics" ->
    "/api/v1/careers/reports/summary/?group_by=month"), and whether it was a further page of a
    list. A day's views of a kind are counted per read so found: a filtered view adds to the
    same count as an unfiltered one instead of being a group of its own that the busiest
    (unfiltered) group hides."""
    path, _, query = endpoint.partition("?")
    given = parse_qs(query)
    kept = "&".join(f"{name}={given[name][0]}" for name in _READ_PARAMS if given.get(name))
    return (f"{path}?{kept}" if kept else path), bool(given.get("cursor"))


def disclosure_views_count(reads: dict[str, int]) -> int:
    """A day's views of one kind from its reads counted per read (disclosure_read_of): each
    view reads each of its endpoints once, so the most-read one counts the views."""
    return max(reads.values(), default=0)


# The files a student's row can be in, as the student's log names them.
_FILES = {
    "students.csv": "the office's students list",
    "first-destination.csv": "the office's first-destination survey file",
}


def disclosure_file_of(*, endpoint: str) -> str:
    """The file a download was ("students.csv"); "" for a read that was not a download. Each
    file is its own line in both logs: two downloads are never merged into one."""
    path = endpoint.split("?", 1)[0]
    return path.rsplit("/", 1)[-1] if path.endswith(".csv") else ""


def _parts(fields: set[str]) -> str:
    names = disclosure_parts_named(fields=fields)
    if not names:
        return "shared data"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def disclosure_line_words(*, kind: str, who: str, fields: set[str], file: str = "") -> str:
    """One plain sentence, each part named once: "Priya Shah at Riverbend University's career
    office viewed your participation and outcomes on the office dashboard". `file`: the file
    of a download ("students.csv"), to say the student's row was in that list."""
    parts = _parts(fields)
    counted_only = bool(fields) and all(f.startswith(_AGGREGATE) for f in fields)
    if kind == "system":
        if file in _FILES and not counted_only:
            return (
                f"{who}, through its own system, downloaded {_FILES[file]} (a CSV file) with "
                f"your row in it: your {parts}"
            )
        verb = "counted you in anonymous totals of" if counted_only else "read"
        return f"{who}, through its own system, {verb} {'' if counted_only else 'your '}{parts}"
    if kind == "export":
        if counted_only:
            return f"{who} counted you in a downloaded summary of {parts}"
        if file in _FILES:
            return f"{who} downloaded {_FILES[file]} (a CSV file) with your row in it: your {parts}"
        return f"{who} downloaded your {parts} in a CSV file"
    if kind == "student_page":
        return f"{who} read your {parts} on the office's page about you"
    if counted_only:
        return f"{who} counted you in the office dashboard's anonymous totals of {parts}"
    return f"{who} viewed your {parts} on the office dashboard"


@dataclass(frozen=True)
class DisclosureDayWindow:
    rows: QuerySet[Disclosure]  # the rows of the page's days
    next_before: date | None  # where the next page starts (None on the last page)


def disclosure_day_window(
    rows: QuerySet[Disclosure], *, before: date | None, days: int
) -> DisclosureDayWindow | None:
    """A page of whole days of `rows` (the student's log or the office's): the `days` latest
    days with a read before the day `before`, in one query for the days; None when there is
    none. Whole UTC days, so a day's count never straddles two pages."""
    if before is not None:
        rows = rows.filter(created_at__lt=datetime.combine(before, time.min, tzinfo=UTC))
    found = list(
        rows.annotate(day=TruncDate("created_at", tzinfo=UTC))
        .values_list("day", flat=True)
        .distinct()
        .order_by("-day")[: days + 1]
    )
    if not found:
        return None
    shown, following = found[:days], found[days:]
    start = datetime.combine(shown[-1], time.min, tzinfo=UTC)
    end = datetime.combine(shown[0] + timedelta(days=1), time.min, tzinfo=UTC)
    return DisclosureDayWindow(
        rows=rows.filter(created_at__gte=start, created_at__lt=end),
        next_before=shown[-1] if following else None,
    )


def disclosure_cursor_encode(day: date) -> str:
    return cursor_encode(tag="d", value=day.isoformat())


def disclosure_cursor_decode(raw: str) -> date:
    """The first day of the next page (days before it follow). A cursor no page link could hold
    is a 400; one shaped like a link's but naming no day is a 404, as for the API's other
    cursors (DRF answers an unknown cursor that way)."""
    try:
        return date.fromisoformat(cursor_decode(raw, tag="d"))
    except CursorMalformed:
        raise field_error(
            "Use the link of the next page as sent.", code=error_codes.INVALID, field="cursor"
        ) from None
    except (CursorUnknown, ValueError):
        raise NotFound("This cursor is not one the list gave.") from None


@dataclass
class _Line:
    day: date
    institution_id: int
    staff_user_id: int | None
    api_key_label: str
    kind: str
    file: str = ""  # a download's file: each file is its own line
    reads: dict[str, int] = field(default_factory=dict)  # rows per read (disclosure_read_of)
    last_at: datetime | None = None
    fields: set[str] = field(default_factory=set)


def disclosure_days_for_student(
    *, student: User, before: date | None = None, days: int = DAYS_PER_PAGE
) -> tuple[list[dict[str, Any]], date | None]:
    """Up to `days` days of lines (newest first) before the day `before`; and the day the next
    page starts from, or None on the last page. Five queries whatever the log's size (six when
    a read could have returned ratings)."""
    named = Disclosure.students.through.objects.filter(user=student).values("disclosure_id")
    counted = DisclosureSnapshot.students.through.objects.filter(user=student).values(
        "disclosuresnapshot_id"
    )
    # A file whose every figure was hidden carried nothing of the student's: not a line.
    rows = Disclosure.objects.filter(Q(pk__in=named) | Q(snapshot__in=counted)).exclude(
        fields=[EVERY_FIGURE_HIDDEN]
    )
    window = disclosure_day_window(rows, before=before, days=days)
    if window is None:
        return [], None
    groups = list(
        window.rows.annotate(day=TruncDate("created_at", tzinfo=UTC))
        .values("day", "institution_id", "staff_user_id", "api_key_label", "endpoint", "fields")
        .annotate(n=Count("id"), last=Max("created_at"))
        .order_by()
    )
    consents = list(
        Consent.objects.filter(
            student=student, institution_id__in={g["institution_id"] for g in groups}
        )
    )
    rated_from = (
        _first_rated_at(student=student)
        if any("competencies" in g["fields"] for g in groups)
        else None
    )
    lines: dict[tuple, _Line] = {}
    for g in groups:
        by_key = bool(g["api_key_label"])
        kind = disclosure_read_kind(endpoint=g["endpoint"], by_key=by_key)
        # Outside the dashboard (which shows both at once), being counted in totals and being
        # read by name are different reads: separate lines.
        counted_only = kind != "dashboard" and all(f.startswith(_AGGREGATE) for f in g["fields"])
        file = disclosure_file_of(endpoint=g["endpoint"])  # a download, by a person or a key
        key = (g["day"], g["institution_id"], g["staff_user_id"], g["api_key_label"], kind, file)
        line = lines.setdefault((*key, counted_only), _Line(*key))
        # Per read without its filter, summed over filters (and over the fields a consent
        # change split a read into), so every view that disclosed the student counts once: a
        # filtered view lists them only when they matched, so one that left them out is no row
        # of theirs. A further page of a list is the same view: it names them on one page only.
        read, _ = disclosure_read_of(endpoint=g["endpoint"])
        line.reads[read] = line.reads.get(read, 0) + g["n"]
        line.last_at = max(filter(None, [line.last_at, g["last"]]))
        scopes = disclosure_scopes_at(consents, institution_id=g["institution_id"], at=g["last"])
        delivered = disclosure_fields_delivered(fields=list(g["fields"]), scopes=scopes)
        if rated_from is None or g["last"] < rated_from:
            delivered = [f for f in delivered if f != "competencies"]  # no rating to return
        line.fields.update(delivered)
    names = dict(Institution.objects.filter(pk__in={k[1] for k in lines}).values_list("pk", "name"))
    staff = User.objects.select_related("profile").in_bulk({k[2] for k in lines if k[2]})
    ordered = sorted(lines.values(), key=lambda line: (line.day, line.last_at), reverse=True)
    return [_shape(line, names=names, staff=staff) for line in ordered], window.next_before


def _first_rated_at(*, student: User) -> datetime | None:
    """When a mentor first rated the student's work (the ratings the careers API returns are
    the mentor's feedback competencies); None if never."""
    return (
        Feedback.objects.filter(engagement__drafter=student, author_id=F("engagement__mentor_id"))
        .exclude(competencies={})
        .aggregate(first=Min("created_at"))["first"]
    )


def _shape(line: _Line, *, names: dict[int, str], staff: dict[int, User]) -> dict[str, Any]:
    institution = names.get(line.institution_id, "")
    office = f"{institution}'s career office"
    if line.api_key_label:
        by = {"kind": "api_key", "name": line.api_key_label}
        who = office
    else:
        # A nameless staff member is "A staff member of <office>" to the student, never the
        # office's own "(no name given yet)" wording.
        person = staff_name_for_student(
            staff.get(line.staff_user_id) if line.staff_user_id else None,
            institution=institution,
        )
        by = {"kind": "staff", "name": person}
        # A former colleague's wording already names the office.
        who = person if "career office" in person else f"{person} at {office}"
    fields = sorted(line.fields)
    return {
        "day": line.day,
        "institution": institution,
        "by": by,
        "kind": line.kind,
        "aggregate": bool(fields) and all(f.startswith(_AGGREGATE) for f in fields),
        "fields": fields,
        "count": disclosure_views_count(line.reads),
        "last_at": line.last_at,
        "description": disclosure_line_words(
            kind=line.kind, who=who, fields=line.fields, file=line.file
        ),
    }
