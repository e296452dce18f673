"""Landing a batch of files waits for the disk once, at the end, not once per file."""

from __future__ import annotations

import time
from datetime import date

from tests.db import query

FILES = 6
_CLIENT_WAL_FSYNCS = """
    select coalesce(sum(fsyncs), 0) from pg_stat_io
    where backend_type = 'client backend' and object = 'wal'"""


def _wal_fsyncs(warehouse, changed_from: int | None = None) -> int:
    """Client backends' WAL fsyncs once the count has settled (a backend reports its
    counts when it goes idle or exits, a moment after its connection closes); with
    changed_from, first waiting for the count to leave that value."""
    deadline = time.monotonic() + 20
    last = None
    while time.monotonic() < deadline:
        [(count,)] = query(warehouse, _CLIENT_WAL_FSYNCS)
        moved = changed_from is None or count != changed_from
        if moved and count == last:
            return int(count)
        last = count if moved else None
        time.sleep(0.5)
    return int(last if last is not None else count)


def test_a_batch_of_files_waits_for_the_disk_once(warehouse, tmp_path):
    from pipelines.inbox import FileMeta, write_meta
    from pipelines.landing.load import ingest_inbox
    from tests.workbooks import budget_row, write_rekap5

    paths = []
    for number in range(1, FILES + 1):
        path = write_rekap5(tmp_path / "anggaran" / f"99.31-v{number}.xlsx",
                            [budget_row(1, pagu=number * 1_000_000)])
        write_meta(path, FileMeta("anggaran", "99.31", 2025, f"pergeseran_{number}",
                                  date(2025, 2, number)))
        paths.append(path)
    before = _wal_fsyncs(warehouse)
    outcomes = ingest_inbox(warehouse, paths)
    assert [outcome.status for outcome in outcomes] == ["loaded"] * FILES
    # Exactly one: the wait at the end. A commit per file waiting for its own fsync
    # would count FILES; none would mean nothing made the batch durable.
    assert _wal_fsyncs(warehouse, changed_from=before) - before == 1
    assert query(warehouse, """
        select count(*) from raw.files where kode_pemda = '99.31' and status = 'loaded'
        """) == [(FILES,)]
