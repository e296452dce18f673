"""Landing files in the raw layer: exactly once, transactionally, nothing lost.

Each file is hashed, kept unchanged in a content-addressed archive, recorded in
`raw.files`, and its rows copied into its source's raw table in one transaction. The
same bytes twice land once. A file that cannot be read is recorded as quarantined with
the reason, and the other files go on. A later file with the same key (a corrected
upload, a re-export of the same budget version) supersedes the earlier one; both stay.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import shutil
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterable

from pipelines.config import settings
from pipelines.inbox import DEFAULT_PEMDA, FileMeta, MetadataError, read_meta
from pipelines.sources import SOURCES
from pipelines.sources.base import ParsedFile, Source
from pipelines.sources.errors import SourceFileError
from pipelines.warehouse import Warehouse

FILES_DDL = Path(__file__).with_name("files.sql")
LINES_WITHOUT_FILE_COLUMNS_DDL = Path(__file__).with_name("lines_without_file_columns.sql")


@dataclass
class IngestOutcome:
    path: Path
    source: str
    status: str  # loaded | duplicate | quarantined
    file_id: int | None = None
    rows: int = 0
    rows_skipped: int = 0
    total: Decimal | None = None
    error: str | None = None
    superseded: list[int] = field(default_factory=list)


def ensure_raw_schema(warehouse: Warehouse) -> None:
    """Create the raw layer's tables where missing (every statement is idempotent)."""
    with warehouse.connect() as conn, conn.cursor() as cur:
        cur.execute(FILES_DDL.read_text())
        for source in SOURCES.values():
            cur.execute(source.ddl.read_text())
        cur.execute(LINES_WITHOUT_FILE_COLUMNS_DDL.read_text())
    conn.close()


def sha256_of(path: Path) -> str:
    """The file's sha256, computed once per process while its size and modification time
    stay the same: a night plans the inbox again for each month with new files."""
    stat = path.stat()
    return _sha256(str(path), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=None)
def _sha256(path: str, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def archive(path: Path, sha256: str) -> Path:
    """Keep the file's bytes under their hash; the inbox copy may go away later."""
    target = settings().archive_dir / sha256[:2] / (sha256 + path.suffix.lower())
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(target.suffix + ".part")
        shutil.copyfile(path, tmp)
        tmp.replace(target)
    return target


def ingest_file(warehouse: Warehouse, path: Path) -> IngestOutcome:
    return ingest_inbox(warehouse, [path])[0]


def ingest_inbox(warehouse: Warehouse, paths: Iterable[Path],
                 on_file: Callable[[IngestOutcome], None] | None = None) -> list[IngestOutcome]:
    """Each file in a transaction of its own, all over one connection (opening one
    costs more than landing a small file).

    The files' commits do not wait for the disk; one wait at the end makes them all
    durable before this returns. A commit that waits costs an fsync (3-6 ms on the
    project's machine), more than landing a small OPD report; and a file whose commit
    a crash loses before that wait is not in raw.files, so the next run lands it again.
    """
    outcomes = []
    conn = warehouse.connect()
    try:
        _commit_without_waiting(conn)
        for path in paths:
            outcome = _ingest(conn, path)
            outcomes.append(outcome)
            if on_file is not None:
                on_file(outcome)
        _wait_for_commits(conn)
    finally:
        conn.close()
    return outcomes


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


def landed_hashes(warehouse: Warehouse, source: str) -> set[str]:
    """The sha256 of every file of the source in raw.files, whatever its status."""
    conn = warehouse.connect()
    try:
        with conn, conn.cursor() as cur:
            cur.execute("select sha256 from raw.files where source = %s", (source,))
            return {row[0] for row in cur.fetchall()}
    finally:
        conn.close()


def _find(conn, sha256: str, source: str) -> int | None:
    with conn, conn.cursor() as cur:
        cur.execute("select file_id from raw.files where sha256 = %s and source = %s",
                    (sha256, source))
        row = cur.fetchone()
    return row[0] if row else None


def _ingest(conn, path: Path) -> IngestOutcome:
    sha256 = sha256_of(path)
    try:
        meta = read_meta(path)
    except MetadataError as exc:
        meta = FileMeta(source=path.parent.name, kode_pemda=DEFAULT_PEMDA)
        return _quarantine_unless_seen(conn, path, sha256, meta, str(exc))
    source = SOURCES[meta.source]

    seen = _find(conn, sha256, source.name)
    if seen is not None:
        return IngestOutcome(path, source.name, "duplicate", file_id=seen)

    archived = archive(path, sha256)
    if source.copies(path):
        return _load_by_copy(conn, source, path, sha256, meta, archived)
    try:
        parsed = source.read(path, meta)
    except SourceFileError as exc:
        return _quarantine(conn, path, sha256, meta, archived, str(exc))
    try:
        return _load(conn, source, path, sha256, meta, archived, parsed)
    except Exception as exc:  # the transaction rolled back; keep the reason with the file
        return _quarantine(conn, path, sha256, meta, archived,
                           f"{path.name}: gagal dimuat / load failed: {exc}")


def _load(conn, source: Source, path, sha256, meta, archived, parsed: ParsedFile):
    key = source.supersede_key(meta, parsed)
    with conn, conn.cursor() as cur:
        # Serialise loads of the same key so two uploads cannot both stay 'loaded'.
        cur.execute("select pg_advisory_xact_lock(hashtext(%s))", (key,))
        file_id = _record_file(cur, source, path, sha256, meta, archived, parsed.tahun,
                               key, parsed.rows_loaded, parsed.rows_skipped)
        _copy_rows(cur, source.raw_table, file_id, parsed.file_columns, parsed.columns,
                   parsed.rows)
        for more in parsed.more:
            _copy_rows(cur, more.table, file_id, more.file_columns, more.columns, more.rows)
        superseded = _supersede(cur, file_id, key)
    return IngestOutcome(
        path, source.name, "loaded", file_id=file_id, rows=parsed.rows_loaded,
        rows_skipped=parsed.rows_skipped, total=_total(source, parsed), superseded=superseded,
    )


def _load_by_copy(conn, source: Source, path, sha256, meta, archived) -> IngestOutcome:
    """The source lands the file itself (streaming it into COPY) in one transaction
    with its manifest row, which gets its figures and key once the rows are in."""
    try:
        with conn, conn.cursor() as cur:
            file_id = _record_file(cur, source, path, sha256, meta, archived, meta.tahun,
                                   None, 0, 0)
            loaded = source.load_copy(cur, path, meta, file_id)
            # As in _load, before anything of the key is superseded.
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
        return _quarantine(conn, path, sha256, meta, archived, str(exc))
    except Exception as exc:  # rolled back; keep the reason with the file
        return _quarantine(conn, path, sha256, meta, archived,
                           f"{path.name}: gagal dimuat / load failed: {exc}")
    return IngestOutcome(
        path, source.name, "loaded", file_id=file_id, rows=loaded.rows,
        rows_skipped=loaded.rows_skipped, total=loaded.total, superseded=superseded,
    )


def _record_file(cur, source: Source, path, sha256, meta, archived, tahun, key, rows,
                 rows_skipped) -> int:
    cur.execute(
        """
        insert into raw.files (sha256, source, kode_pemda, tahun, original_name,
            archive_path, meta, status, supersedes_key, rows_loaded, rows_skipped)
        values (%s, %s, %s, %s, %s, %s, %s, 'loaded', %s, %s, %s)
        returning file_id
        """,
        (sha256, source.name, meta.kode_pemda, tahun, path.name, str(archived),
         meta.to_json(), key, rows, rows_skipped),
    )
    return cur.fetchone()[0]


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


def _copy_rows(cur, table: str, file_id: int, file_columns: dict, data_columns: tuple,
               rows: list[tuple]) -> None:
    if not rows:
        return
    file_values = list(file_columns.values())
    columns = ("file_id", *file_columns, "sheet", "row_number", *data_columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow((file_id, *file_values, *row))
    buffer.seek(0)
    cur.copy_expert(f"copy {table} ({', '.join(columns)}) from stdin with (format csv)", buffer)


def _total(source: Source, parsed: ParsedFile) -> Decimal | None:
    if source.amount_column is None:
        return None
    position = 2 + parsed.columns.index(source.amount_column)
    return sum((row[position] for row in parsed.rows if row[position] is not None), Decimal(0))


def _quarantine_unless_seen(conn, path, sha256, meta, error):
    seen = _find(conn, sha256, meta.source)
    if seen is not None:
        return IngestOutcome(path, meta.source, "duplicate", file_id=seen)
    return _quarantine(conn, path, sha256, meta, archive(path, sha256), error)


def _quarantine(conn, path, sha256, meta: FileMeta, archived, error) -> IngestOutcome:
    with conn, conn.cursor() as cur:
        cur.execute(
            """
            insert into raw.files (sha256, source, kode_pemda, tahun, original_name,
                archive_path, meta, status, error)
            values (%s, %s, %s, %s, %s, %s, %s, 'quarantined', %s)
            on conflict (sha256, source) do nothing
            returning file_id
            """,
            (sha256, meta.source, meta.kode_pemda, meta.tahun, path.name, str(archived),
             meta.to_json(), error),
        )
        row = cur.fetchone()
    return IngestOutcome(path, meta.source, "quarantined", file_id=row[0] if row else None,
                         error=error)
