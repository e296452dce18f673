"""Which attempt at a file is in force, and when a quarantined file is tried again.

raw.files keeps one row in force for each file's bytes (per source): loaded,
superseded or quarantined (a withdrawn file's bytes may land again: pipelines/landing/
manifest.py). A quarantined file is not final: when its sidecar changes
(the data team corrected the pemda or the version), or when `serapan retry` asks, it is
landed again. The new attempt is a row of its own, with a new file_id (so the night's
checks and models see its pemda as changed) and the day the bytes were first received;
the earlier row becomes 'retried', pointing at it, and keeps its error: the history of a
file is every row with its sha256.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pipelines.inbox import sidecar_path
from pipelines.landing.archive import open_regular, sha256_of
from pipelines.warehouse import Warehouse


@dataclass(frozen=True)
class InForce:
    """The row of raw.files in force for a file's bytes."""

    file_id: int
    status: str
    sidecar_sha256: str | None

    def settled(self, sidecar_sha256: str | None, retry: bool = False) -> bool:
        """Whether the bytes are in for good: loaded (or superseded since), or quarantined
        with the sidecar they have now and no retry asked for."""
        if self.status != "quarantined":
            return True
        return not retry and self.sidecar_sha256 == sidecar_sha256


@dataclass(frozen=True)
class Attempt:
    """A file about to be recorded in raw.files."""

    path: Path
    sha256: str
    sidecar_sha256: str | None
    retrying: int | None = None  # the quarantined row this attempt replaces


def sidecar_sha256_of(path: Path) -> str | None:
    """The sha256 of the file's sidecar as it is now; None without one."""
    try:
        with open_regular(sidecar_path(path)) as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except FileNotFoundError:
        return None


_IN_FORCE = """
    select sha256, file_id, status, sidecar_sha256 from raw.files
    where source = %(source)s and status not in ('retried', 'withdrawn')
"""


def in_force(warehouse: Warehouse, source: str) -> dict[str, InForce]:
    """sha256 -> the row in force, for every file of the source in raw.files."""
    return {sha256: InForce(*rest)
            for sha256, *rest in warehouse.query(_IN_FORCE, {"source": source})}


def find(conn, sha256: str, source: str) -> InForce | None:
    with conn, conn.cursor() as cur:
        cur.execute(_IN_FORCE + " and sha256 = %(sha256)s",
                    {"source": source, "sha256": sha256})
        row = cur.fetchone()
    return InForce(*row[1:]) if row else None


def record(cur, attempt: Attempt, values: dict) -> int | None:
    """Insert the attempt's row of raw.files (values: its columns but those the attempt
    gives); its file_id, or None where another run recorded these bytes meanwhile."""
    received_at = None
    if attempt.retrying is not None:
        cur.execute("""
            update raw.files set status = 'retried' where file_id = %s
                and status = 'quarantined'
            returning received_at""", (attempt.retrying,))
        retried = cur.fetchone()
        if retried is None:
            return None
        received_at = retried[0]
    columns = {**values, "sha256": attempt.sha256, "original_name": attempt.path.name,
               "sidecar_sha256": attempt.sidecar_sha256}
    cur.execute(
        f"""
        insert into raw.files ({", ".join(columns)}, received_at)
        values ({", ".join(f"%({name})s" for name in columns)},
                coalesce(%(received_at)s, now()))
        on conflict (sha256, source) where status not in ('retried', 'withdrawn') do nothing
        returning file_id
        """, {**columns, "received_at": received_at})
    row = cur.fetchone()
    if row is not None and attempt.retrying is not None:
        cur.execute("update raw.files set retried_by = %s where file_id = %s",
                    (row[0], attempt.retrying))
    return row[0] if row else None


def quarantined(warehouse: Warehouse, paths: list[Path]) -> list[Path]:
    """Those of the inbox files whose bytes are quarantined now (`serapan retry --all`)."""
    by_source: dict[str, dict[str, InForce]] = {}
    found = []
    for path in paths:
        source = path.parent.name
        if source not in by_source:
            by_source[source] = in_force(warehouse, source)
        row = by_source[source].get(sha256_of(path))
        if row is not None and row.status == "quarantined":
            found.append(path)
    return found
