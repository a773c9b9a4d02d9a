"""The careers CSV files (summary, students, first-destination, disclosure log) written one
way: quoted only where a cell needs it (csv.QUOTE_MINIMAL: a comma, a quote or a line break), and
safe to open in
a spreadsheet, which runs a cell starting with = + - @ (or a tab or a carriage return) as a
formula. Such a text cell (a name someone typed) gets a leading apostrophe, so it stays text.
The protection is the apostrophe, not the quotes: a spreadsheet drops the quotes before it reads
the cell. Numbers are written as numbers (a count is never negative)."""

import csv
import io
from collections.abc import Iterable, Iterator
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


_STREAM_CHUNK = 64 * 1024


def csv_lines(rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The same file in pieces of about 64 KB, for a streamed download: memory stays bounded
    however many rows, without a write to the client per row."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
        if out.tell() >= _STREAM_CHUNK:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    if out.tell():
        yield out.getvalue()
