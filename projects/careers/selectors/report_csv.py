"""summary.csv's rows: the report's cells as CSV text, one row for all (named by the filter) then
one per group. Columns are only ever added at the end, never renamed or removed: offices import
the file by column position."""

from decimal import Decimal
from typing import Any

from projects.careers.selectors.reports import OUTCOME_FIELDS, SUPPRESSION_THRESHOLD

REPORT_CSV_COLUMNS = (
    "group",
    "students",
    "engagements",
    "completed",
    "completion_rate",
    "paid",
    "unpaid",
    "hours",
    "stipend_totals",
    "applied_students",
    "completed_students",
    "outcome_students",
    "introductions",
    "referrals",
    "repeat_work",
    "job_offers",
    "suppressed",
    # Added after `stipend_totals` ("USD 1200.00", text a spreadsheet cannot add up): columns
    # are never renamed or removed, so the number and its currency come at the end.
    "stipend_total",
    "stipend_currency",
    # Why a row's cells are empty, in words, so an empty cell never has to be guessed at (text
    # in a column of its own: the numeric columns stay numbers a spreadsheet can add up).
    "notes",
)
# Tasks may pay in any of several currencies (usd, eur, gbp, cad, aud), so a group's amounts
# can be in more than one: then no single number adds them up, and the row says so.
SEVERAL_CURRENCIES = "several currencies"


def careers_report_stipend_number(
    totals: dict[str, int] | None, *, office_currency: str = ""
) -> tuple[Decimal | None, str]:
    """`stipend_total` and `stipend_currency` of a row: the amount in major units (1200.00) and
    its currency ("USD"); 0.00 in the office's one currency (or none) when nothing was paid;
    both empty when the totals are hidden; no number and "several currencies" when the amounts
    are in more than one."""
    if totals is None:
        return None, ""
    if len(totals) > 1:
        return None, SEVERAL_CURRENCIES
    # Every currency a task can pay in has two decimals (cents, pence).
    for currency, amount in totals.items():
        return Decimal(amount).scaleb(-2), currency.upper()
    return Decimal(0).scaleb(-2), office_currency.upper()


def careers_report_row_notes(cell: dict[str, Any]) -> str:
    """The `notes` of a summary.csv row: which of its cells are empty, and why ("" when none
    is). The hiding rule is the report's (fewer than SUPPRESSION_THRESHOLD students)."""
    n = SUPPRESSION_THRESHOLD
    if cell["suppressed"]:
        return f"Every figure hidden: fewer than {n} students take part"
    notes = []
    if cell["stipend_totals"] is None:
        notes.append(
            f"stipend totals hidden: fewer than {n} of the students with a stipend share amounts"
        )
    elif len(cell["stipend_totals"]) > 1:
        notes.append("no single stipend_total: paid in several currencies (see stipend_totals)")
    elif not cell["stipend_totals"]:
        # The zero is a real figure, but without a note it reads like a missing one.
        notes.append("no stipends in this group")
    if cell["outcomes"] is None:
        notes.append(f"outcomes hidden: fewer than {n} students share outcomes")
    text = "; ".join(notes)
    return text[:1].upper() + text[1:]


def careers_report_totals_label(
    *, term: str | None = None, major: str | None = None, class_year: int | None = None
) -> str:
    """The `group` of summary.csv's first row: "All" for the whole office, else the page's
    filter in the dashboard's words ("Design, class of 2027, 2026 Fall"), so a filtered file
    never calls its totals "All"."""
    words = [major or "", f"class of {class_year}" if class_year else "", term or ""]
    return ", ".join(word for word in words if word) or "All"


def careers_report_csv_rows(
    report: dict[str, Any], *, totals_label: str = "All"
) -> list[list[Any]]:
    def text(value: Any) -> str:
        return "" if value is None else str(value)

    # A group paid nothing writes its zero like the others' amounts ("USD 0.00") when the
    # office's stipends are all in one currency; with none or several, a bare "0.00".
    office_totals = report["totals"]["stipend_totals"] or {}
    office_currency = next(iter(office_totals)) if len(office_totals) == 1 else ""

    def line(key: str, cell: dict[str, Any]) -> list[Any]:
        totals = cell["stipend_totals"]
        # Empty means hidden (fewer than 5 share amounts), never "none": no amounts is a 0.
        if totals is None:
            money = ""
        elif totals:
            money = " ".join(f"{c.upper()} {v / 100:.2f}" for c, v in totals.items())
        else:
            money = f"{office_currency.upper()} 0.00".strip()
        funnel = cell["funnel"] or {}
        outcomes = cell["outcomes"] or {}
        return [
            key,
            *(text(cell[name]) for name in REPORT_CSV_COLUMNS[1:8]),
            money,
            text(funnel.get("applied")),
            text(funnel.get("completed")),
            text(funnel.get("outcome")),
            *(text(outcomes.get(name)) for name, _ in OUTCOME_FIELDS),
            str(cell["suppressed"]).lower(),
            *careers_report_stipend_number(totals, office_currency=office_currency),
            careers_report_row_notes(cell),
        ]

    rows = [list(REPORT_CSV_COLUMNS), line(totals_label, report["totals"])]
    rows += [line(group["key"], group) for group in report["groups"]]
    return rows
