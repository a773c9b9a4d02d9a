"""The careers CSV files (summary, first-destination, disclosure log) written one way: quoted only
where a cell needs it (csv.QUOTE_MINIMAL: a comma, a quote or a line break), and safe to open in
a spreadsheet, which runs a cell starting with = + - @ (or a tab or a carriage return) as a
formula. Such a text cell (a name someone typed) gets a leading apostrophe, so it stays text.
The protection is the apostrophe, not the quotes: a spreadsheet drops the quotes before it reads
the cell. Numbers are written as numbers (a count is never negative)."""

import csv
import io
from collections.abc import Iterable
from typing import Any

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A cell as the file should hold it: "" for nothing, formula-looking text defused."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return f"'{value}"
    return value


def csv_text(rows: Iterable[Iterable[Any]]) -> str:
    """The whole file: each row's cells through `csv_cell`, quoted only where needed."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return out.getvalue()
