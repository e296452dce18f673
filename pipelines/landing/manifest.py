"""What has landed, and taking a file back: `serapan files` and `serapan withdraw`.

A withdrawn file keeps its row in raw.files (status `withdrawn`, when and why), its rows
in raw and its bytes in the archive: history loses nothing. Its rows leave staging, the
checks and every mart on the next run, which redoes its pemda (meta.pemda_to_redo). If
it was a correction in force, the file it had replaced is in force again. Its copy in
the inbox goes, so the next night does not land it again; the same bytes may then land
anew, with the right sidecar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pipelines.redo import redo_pemda
from pipelines.config import settings
from pipelines.inbox import pending_files, sidecar_path
from pipelines.warehouse import Warehouse

class WithdrawError(ValueError):
    pass


@dataclass(frozen=True)
class LandedFile:
    file_id: int
    source: str
    kode_pemda: str | None
    tahun: int | None
    label: str  # what the file is for: its version, month or batch, from its sidecar
    original_name: str
    status: str
    rows_loaded: int
    received_at: datetime
    note: str | None  # why it was quarantined or withdrawn


# The files raw.files knows (also what bench/cli_latency.py gives psql).
LANDED_FILES_SQL = """
select file_id, source, kode_pemda, tahun,
    coalesce(meta ->> 'versi', meta ->> 'periode', meta ->> 'batch', ''),
    original_name, status, rows_loaded, received_at,
    coalesce(withdrawn_reason, error)
from raw.files
where (%(pemda)s::text is null or kode_pemda = %(pemda)s)
    and (%(source)s::text is null or source = %(source)s)
    and (%(status)s::text is null or status = %(status)s)
order by file_id
"""


def landed_files(warehouse: Warehouse, kode_pemda: str | None = None,
                 source: str | None = None, status: str | None = None) -> list[LandedFile]:
    rows = warehouse.query(
        LANDED_FILES_SQL,
        {"pemda": kode_pemda, "source": source, "status": status},
    )
    return [LandedFile(*row) for row in rows]


@dataclass(frozen=True)
class Withdrawal:
    file_id: int
    original_name: str
    kode_pemda: str | None
    back_in_force: int | None  # the file it had replaced, in force again
    removed_from_inbox: list[Path]


def withdraw(warehouse: Warehouse, file_id: int, reason: str) -> Withdrawal:
    conn = warehouse.connect()
    try:
        with conn, conn.cursor() as cur:
            cur.execute("select status, kode_pemda, original_name, sha256, source "
                        "from raw.files where file_id = %s for update", (file_id,))
            found = cur.fetchone()
            if found is None:
                raise WithdrawError(f"tidak ada file {file_id} / no file {file_id} in "
                                    "raw.files (lihat / see `serapan files`)")
            status, kode_pemda, name, sha256, source = found
            if status == "withdrawn":
                raise WithdrawError(f"file {file_id} ({name}) sudah ditarik / already withdrawn")
            cur.execute("update raw.files set status = 'withdrawn', withdrawn_at = now(), "
                        "withdrawn_reason = %s where file_id = %s", (reason, file_id))
            back_in_force = _restore_replaced(cur, file_id) if status == "loaded" else None
            if kode_pemda is not None:
                redo_pemda(cur, kode_pemda, f"file {file_id} ditarik / withdrawn: {reason}")
    finally:
        conn.close()
    return Withdrawal(file_id, name, kode_pemda, back_in_force,
                      _remove_from_inbox(source, sha256))


def _restore_replaced(cur, file_id: int) -> int | None:
    """The file this one superseded is in force again, if there is one."""
    cur.execute(
        """
        update raw.files set status = 'loaded', superseded_by = null
        where file_id = (select max(file_id) from raw.files
                         where superseded_by = %s and status = 'superseded')
        returning file_id
        """,
        (file_id,),
    )
    row = cur.fetchone()
    return row[0] if row else None


def _remove_from_inbox(source: str, sha256: str) -> list[Path]:
    from pipelines.landing.load import sha256_of

    removed = []
    for path in pending_files(settings().inbox, source):
        if sha256_of(path) == sha256:
            sidecar_path(path).unlink(missing_ok=True)
            path.unlink()
            removed.append(path)
    return removed
