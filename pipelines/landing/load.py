"""Landing files in the raw layer: exactly once, transactionally, nothing lost.

Each file is hashed, kept unchanged in a content-addressed archive, recorded in
`raw.files`, and its rows copied into its source's raw table in one transaction. The
same bytes twice land once. A file that cannot be read is recorded as quarantined with
the reason, and the other files go on; it is tried again when its sidecar changes or on
request (attempts.py). A failure of the warehouse itself (a dropped connection, a
statement timeout) is no verdict on the file: nothing is recorded, and the next run
tries it again. A later file with the same key (a corrected upload, a re-export of the
same budget version) supersedes the earlier one; both stay.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable

import psycopg2

from pipelines.config import Settings, settings
from pipelines.inbox import FileMeta, MetadataError, read_meta
from pipelines.inbox_entries import Refused, refusal
from pipelines.landing.archive import archive, sha256_of
from pipelines.landing.attempts import Attempt, find, record, sidecar_sha256_of
from pipelines.pemda import with_pemda
from pipelines.sources import SOURCES
from pipelines.sources.base import ParsedFile, Source
from pipelines.sources.errors import SourceFileError
from pipelines.warehouse import Warehouse

# What landing did with a file: loaded it; found its bytes in already; quarantined it
# (recorded, unreadable: see error); failed (the warehouse failed, nothing recorded: the
# next run tries again); refused it (not a regular file: never read, see inbox.py).
OUTCOMES = ("loaded", "duplicate", "quarantined", "failed", "refused")


@dataclass
class IngestOutcome:
    path: Path
    source: str
    status: str  # one of OUTCOMES
    file_id: int | None = None
    rows: int = 0
    rows_skipped: int = 0
    total: Decimal | None = None
    error: str | None = None
    superseded: list[int] = field(default_factory=list)


def ingest_file(warehouse: Warehouse, path: Path) -> IngestOutcome:
    return ingest_inbox(warehouse, [path])[0]


def ingest_inbox(warehouse: Warehouse, paths: Iterable[Path],
                 on_file: Callable[[IngestOutcome], None] | None = None,
                 retry: bool = False, s: Settings | None = None) -> list[IngestOutcome]:
    """Each file in a transaction of its own, all over one connection (opening one
    costs more than landing a small file). With retry, quarantined files land again
    whether or not their sidecar changed (`serapan retry`). The archive, and the pemda
    of files that name none, as `s` (a Dagster resource's settings) or the environment
    says.

    The files' commits do not wait for the disk; one wait at the end makes them all
    durable before this returns. A commit that waits costs an fsync, more than landing
    a small OPD report (docs/performance.md); and a file whose commit a crash loses
    before that wait is not in raw.files, so the next run lands it again.
    """
    outcomes = []
    s = s or settings()
    conn = _landing_connection(warehouse)
    try:
        for path in paths:
            try:
                outcome = _ingest(conn, path, s, retry)
            except _WAREHOUSE_FAILURES as exc:
                if not _transient(exc, conn):
                    raise
                outcome = _failed(path, exc)
                if conn.closed:  # the files after it get a connection of their own
                    conn = _landing_connection(warehouse)
            outcomes.append(outcome)
            if on_file is not None:
                on_file(outcome)
        _wait_for_commits(conn)
    finally:
        conn.close()
    return outcomes


def _landing_connection(warehouse: Warehouse):
    conn = warehouse.connect()
    _commit_without_waiting(conn)
    return conn


def _transient(exc: Exception, conn) -> bool:
    """A failure of the warehouse, not of the file: an operational error (a statement
    timeout, a lock not granted, a dropped connection, a full disk) or a connection
    that is gone."""
    return isinstance(exc, psycopg2.OperationalError) or bool(conn.closed)


def _failed(path: Path, exc: Exception) -> IngestOutcome:
    # A dropped connection shows as 'connection already closed' when the transaction's
    # rollback meets it; what the server said is the error before.
    while isinstance(exc, psycopg2.InterfaceError) and exc.__context__ is not None:
        exc = exc.__context__
    reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return IngestOutcome(
        path, path.parent.name, "failed",
        error=f"{path.name}: gudang data gagal sementara, file tetap di inbox dan dicoba lagi "
        f"pada run berikutnya / the warehouse failed for now, the file stays in the inbox "
        f"and is tried again next run ({reason})")


def _commit_without_waiting(conn) -> None:
    with conn, conn.cursor() as cur:
        cur.execute("set synchronous_commit = off")  # for the session: it outlives this


def _wait_for_commits(conn) -> None:
    """Until every commit of the connection so far is on disk. A synchronous commit waits
    until the log up to it, every earlier commit too, is flushed; but only a transaction
    that wrote to the log waits, so this one writes a message there (ignored by all but
    logical decoding), and nothing else."""
    with conn, conn.cursor() as cur:
        cur.execute("set local synchronous_commit = on")
        cur.execute("select pg_logical_emit_message(true, 'serapan', 'landed')")


class _RecordedMeanwhile(Exception):
    """Another run recorded these bytes while this one read them: roll back."""


# What a load may raise that says nothing about the file: never a quarantine.
_WAREHOUSE_FAILURES = (psycopg2.OperationalError, psycopg2.InterfaceError)
_NOT_THE_FILES_FAULT = (_RecordedMeanwhile, *_WAREHOUSE_FAILURES)


def _ingest(conn, path: Path, s: Settings, retry: bool = False) -> IngestOutcome:
    problem = refusal(path)
    if problem is not None:
        return IngestOutcome(path, path.parent.name, "refused",
                             error=str(Refused(path, problem)))
    attempt = Attempt(path, sha256_of(path), sidecar_sha256_of(path))
    try:
        return _try_landing(conn, attempt, s, retry)
    except _RecordedMeanwhile:
        return _duplicate(conn, attempt, path.parent.name)


def _try_landing(conn, attempt: Attempt, s: Settings, retry: bool) -> IngestOutcome:
    path = attempt.path
    try:
        meta, problem = read_meta(path), None
    except MetadataError as exc:
        meta, problem = FileMeta(source=path.parent.name), str(exc)
    seen = find(conn, attempt.sha256, meta.source)
    if seen is not None and seen.settled(attempt.sidecar_sha256, retry):
        return IngestOutcome(path, meta.source, "duplicate", file_id=seen.file_id)
    if seen is not None:
        attempt = replace(attempt, retrying=seen.file_id)
    if problem is not None:
        return _quarantine(conn, attempt, meta,
                           archive(path, attempt.sha256, s.archive_dir), problem)
    return _land(conn, SOURCES[meta.source], attempt, meta, s)


def _duplicate(conn, attempt: Attempt, source: str) -> IngestOutcome:
    seen = find(conn, attempt.sha256, source)
    return IngestOutcome(attempt.path, source, "duplicate",
                         file_id=seen.file_id if seen else None)


def _land(conn, source: Source, attempt: Attempt, meta: FileMeta,
          s: Settings) -> IngestOutcome:
    path = attempt.path
    archived = archive(path, attempt.sha256, s.archive_dir)
    try:
        meta = with_pemda(meta, path, source.pemda_of, s)
    except (MetadataError, SourceFileError) as exc:
        return _quarantine(conn, attempt, meta, archived, str(exc))
    try:  # a streamed file's header; its rows are read as they land
        parsed = (source.stream or source.read)(path, meta)
    except SourceFileError as exc:
        return _quarantine(conn, attempt, meta, archived, str(exc))
    return _load(conn, source, attempt, meta, archived, parsed)


def _load(conn, source: Source, attempt: Attempt, meta, archived,
          parsed: ParsedFile) -> IngestOutcome:
    """The file's manifest row and its rows in one transaction;
    the manifest row gets its figures and key once the rows are in. A file whose rows
    fail (a bad cell late in a streamed sheet) rolls back whole and is quarantined."""
    path = attempt.path
    try:
        with conn, conn.cursor() as cur:
            file_id = _record_file(cur, source, attempt, meta, archived, meta.tahun,
                                   None, 0, 0)
            loaded = _land_rows(cur, source, meta, file_id, parsed)
            # Serialise loads of the same key so two uploads cannot both stay 'loaded'.
            cur.execute("select pg_advisory_xact_lock(hashtext(%s))", (loaded.supersede_key,))
            cur.execute(
                """
                update raw.files set tahun = %s, supersedes_key = %s, rows_loaded = %s,
                    rows_skipped = %s
                where file_id = %s
                """,
                (loaded.tahun, loaded.supersede_key, loaded.rows, loaded.rows_skipped,
                 file_id),
            )
            superseded = _supersede(cur, file_id, loaded.supersede_key)
    except SourceFileError as exc:  # rolled back: as a file the reader refused
        return _quarantine(conn, attempt, meta, archived, str(exc))
    except _NOT_THE_FILES_FAULT:
        raise
    except Exception as exc:  # rolled back; keep the reason with the file
        return _quarantine(conn, attempt, meta, archived,
                           f"{path.name}: gagal dimuat / load failed: {exc}")
    return IngestOutcome(
        path, source.name, "loaded", file_id=file_id, rows=loaded.rows,
        rows_skipped=loaded.rows_skipped, total=loaded.total, superseded=superseded,
    )


@dataclass(frozen=True)
class LoadedFile:
    """What a file's rows came to once landed: the figures its manifest row keeps."""

    tahun: int
    rows: int
    rows_skipped: int
    total: Decimal | None
    notes: list[str]
    supersede_key: str


def _land_rows(cur, source: Source, meta: FileMeta, file_id: int,
               parsed: ParsedFile) -> LoadedFile:
    """A read file's rows into its raw tables, as they are read (see _copy_rows)."""
    amount_column = parsed.amount_column or source.amount_column
    amount = None if amount_column is None else 2 + parsed.columns.index(amount_column)
    rows, total = _copy_rows(cur, parsed.table or source.raw_table, file_id,
                             parsed.file_columns, parsed.columns, parsed.rows, amount)
    for more in parsed.more:
        more_rows, _ = _copy_rows(cur, more.table, file_id, more.file_columns, more.columns,
                                  more.rows)
        rows += more_rows if more.counted else 0
    # After the rows: a streamed file's figures are final once they are all read.
    return LoadedFile(tahun=parsed.tahun, rows=rows, rows_skipped=parsed.rows_skipped,
                      total=total, notes=parsed.notes,
                      supersede_key=source.supersede_key(meta, parsed))


def _record_file(cur, source: Source, attempt: Attempt, meta, archived, tahun, key, rows,
                 rows_skipped) -> int:
    file_id = record(cur, attempt, {
        "source": source.name, "kode_pemda": meta.kode_pemda, "tahun": tahun,
        "archive_path": str(archived), "meta": meta.to_json(), "status": "loaded",
        "supersedes_key": key, "rows_loaded": rows, "rows_skipped": rows_skipped,
    })
    if file_id is None:
        raise _RecordedMeanwhile
    return file_id


def _supersede(cur, file_id: int, key: str) -> list[int]:
    cur.execute(
        """
        update raw.files set status = 'superseded', superseded_by = %s
        where supersedes_key = %s and status = 'loaded' and file_id <> %s
        returning file_id
        """,
        (file_id, key, file_id),
    )
    return [row[0] for row in cur.fetchall()]


# Rows sent in one COPY: a block's text (a few MB) is what landing holds of a file.
COPY_BLOCK_ROWS = 5000


def _copy_rows(cur, table: str, file_id: int, file_columns: dict, data_columns: tuple,
               rows: Iterable[tuple], amount: int | None = None
               ) -> tuple[int, Decimal | None]:
    """COPY the rows into the table a block at a time as they are read: how many there
    were, and the sum of the values at position `amount` (None without one)."""
    columns = ("file_id", *file_columns, "sheet", "row_number", *data_columns)
    statement = f"copy {table} ({', '.join(columns)}) from stdin with (format csv)"
    lineage = (file_id, *file_columns.values())
    rows = iter(rows)
    count, total = 0, Decimal(0)
    while block := list(islice(rows, COPY_BLOCK_ROWS)):
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows((*lineage, *row) for row in block)
        buffer.seek(0)
        cur.copy_expert(statement, buffer)
        count += len(block)
        if amount is not None:
            total += sum((row[amount] for row in block if row[amount] is not None), Decimal(0))
    return count, None if amount is None else total


def _quarantine(conn, attempt: Attempt, meta: FileMeta, archived, error) -> IngestOutcome:
    with conn, conn.cursor() as cur:
        file_id = record(cur, attempt, {
            "source": meta.source, "kode_pemda": meta.kode_pemda, "tahun": meta.tahun,
            "archive_path": str(archived), "meta": meta.to_json(), "status": "quarantined",
            "error": error,
        })
        if file_id is None:
            raise _RecordedMeanwhile
    return IngestOutcome(attempt.path, meta.source, "quarantined", file_id=file_id,
                         error=error)
