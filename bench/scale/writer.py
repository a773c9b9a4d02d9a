"""Writing generated rows fast: COPY on PostgreSQL, one executemany per batch on SQLite.

Rows are built as model instances (so the generator reads like the models) but are not saved
through the ORM: each field is prepared as bulk_create would prepare it (`pre_save`, then
`get_db_prep_save`), ids are assigned here in insertion order — the same ids an empty table's
sequence would give — and the values go to the database in bulk. On PostgreSQL the identity
sequences are moved past the new ids afterwards. What this saves is bulk_create's SQL
compilation of thousands of parameters per statement, and on PostgreSQL the parsing of INSERTs.
"""

import itertools
import time
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from django.core.management.color import no_style
from django.db import connection, transaction

BATCH = 5_000


class Progress:
    """A one-line progress bar per table on a terminal; one line per table otherwise."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.tty = out.isatty()
        self.started = time.perf_counter()

    def track(self, label: str, total: int, chunks: Iterable[int]) -> None:
        done = 0
        for n in chunks:
            done += n
            if self.tty:
                filled = int(30 * done / max(total, 1))
                self.out.write(f"\r  {label:<22} [{'#' * filled:<30}] {done:>9,}/{total:,}")
                self.out.flush()
        elapsed = time.perf_counter() - self.started
        end = "\r" if self.tty else ""
        self.out.write(f"{end}  {label:<22} {done:>9,} rows   {elapsed:6.1f} s total\n")
        self.out.flush()


def _batched(rows: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _next_id(table: str) -> int:
    """The id the table's sequence would hand out next (the tables start empty)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        last = cursor.fetchone()[0]
        if connection.vendor == "sqlite":
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            if row := cursor.fetchone():
                last = max(last, row[0])
    return last + 1


def _write(table: str, columns: list[str], rows: list[tuple]) -> None:
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def insert(progress: Progress, label: str, model: Any, rows: Iterable[Any], total: int) -> list:
    """Write `rows` (unsaved instances of `model`) in one transaction; return them with ids."""
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.generated]
    pk, others = meta.pk, [f for f in fields if not f.primary_key]
    columns = [pk.column, *(f.column for f in others)]
    created: list = []

    def chunks() -> Iterator[int]:
        next_id = _next_id(meta.db_table)
        for batch in _batched(rows):
            values = []
            for obj in batch:
                obj.pk = next_id
                next_id += 1
                values.append(
                    (
                        obj.pk,
                        *(f.get_db_prep_save(f.pre_save(obj, True), connection) for f in others),
                    )
                )
                obj._state.adding = False
                obj._state.db = connection.alias
            _write(meta.db_table, columns, values)
            created.extend(batch)
            yield len(batch)

    with transaction.atomic():
        progress.track(label, total, chunks())
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
                    cursor.execute(sql)
    return created


def analyze() -> None:
    """Fresh planner statistics (autovacuum would do it later on PostgreSQL; SQLite never)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO projects_task_fts(projects_task_fts) VALUES ('optimize')")
        cursor.execute("ANALYZE")
