"""Which pemda a night's work must redo: those with files landed since that work last
finished, or every pemda when what decides its result has changed.

The quality step and the dbt build each keep a watermark in `meta.watermarks`: the
newest `raw.files` row they had seen when they last finished, and a fingerprint of what
decides their result (the suites and their tolerances; the dbt project). Every rule
compares rows within one pemda and every model keeps pemda apart, so one new SP2D day
for one pemda asks for that pemda's checks and models alone, whatever the province or
country holds. A watermark moves only when its work succeeds: a failed night is redone
in full the next night.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.warehouse import Warehouse

@dataclass(frozen=True)
class Pending:
    consumer: str
    fingerprint: str
    through_file_id: int  # the newest raw.files row when the work was planned
    through_redo_id: int  # the newest meta.pemda_to_redo row then
    pemda: list[str] | None  # None: every pemda (first run, or the rules/models changed)

    @property
    def everything(self) -> bool:
        return self.pemda is None

    def describe(self) -> str:
        if self.pemda is None:
            return "semua pemda / every pemda"
        if not self.pemda:
            return "tidak ada yang berubah / nothing changed"
        return ", ".join(self.pemda)


def pending(warehouse: Warehouse, consumer: str, fingerprint: str) -> Pending:
    """What `consumer` must redo now to be up to date with raw.files."""
    [(newest, newest_redo)] = warehouse.query(
        "select (select coalesce(max(file_id), 0) from raw.files), "
        "(select coalesce(max(redo_id), 0) from meta.pemda_to_redo)")
    mark = warehouse.query(
        "select last_file_id, fingerprint, last_redo_id from meta.watermarks "
        "where consumer = %(consumer)s",
        {"consumer": consumer},
    )
    if not mark or mark[0][1] != fingerprint:
        return Pending(consumer, fingerprint, newest, newest_redo, None)
    rows = warehouse.query(
        "select kode_pemda from raw.files where file_id > %(since)s "
        "and file_id <= %(newest)s and kode_pemda is not null "
        "union select kode_pemda from meta.pemda_to_redo where redo_id > %(since_redo)s "
        "and redo_id <= %(newest_redo)s order by kode_pemda",
        {"since": mark[0][0], "newest": newest, "since_redo": mark[0][2],
         "newest_redo": newest_redo},
    )
    return Pending(consumer, fingerprint, newest, newest_redo, [row[0] for row in rows])


def redo_pemda(cursor, kode_pemda: str, reason: str) -> None:
    """Every consumer redoes `kode_pemda` on its next run (in the caller's transaction)."""
    cursor.execute("insert into meta.pemda_to_redo (kode_pemda, reason) values (%s, %s)",
                   (kode_pemda, reason))


def mark_done(warehouse: Warehouse, done: Pending) -> None:
    """`done` was carried out: the next night starts after it."""
    warehouse.execute(
        "insert into meta.watermarks (consumer, last_file_id, fingerprint, last_redo_id) "
        "values (%(consumer)s, %(through)s, %(fingerprint)s, %(through_redo)s) "
        "on conflict (consumer) do update set last_file_id = excluded.last_file_id, "
        "fingerprint = excluded.fingerprint, last_redo_id = excluded.last_redo_id, "
        "done_at = now()",
        {"consumer": done.consumer, "through": done.through_file_id,
         "fingerprint": done.fingerprint, "through_redo": done.through_redo_id},
    )


def forget(warehouse: Warehouse) -> None:
    """The next run redoes every check and rebuilds every model (`serapan run --full-refresh`)."""
    warehouse.execute("delete from meta.watermarks")
