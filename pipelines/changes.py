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

WATERMARKS_DDL = """
create schema if not exists meta;
create table if not exists meta.watermarks (
    consumer      text primary key,
    last_file_id  bigint not null,
    fingerprint   text not null,
    done_at       timestamptz not null default now()
);
"""


@dataclass(frozen=True)
class Pending:
    consumer: str
    fingerprint: str
    through_file_id: int  # the newest raw.files row when the work was planned
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


def ensure_watermarks(warehouse: Warehouse) -> None:
    warehouse.execute(WATERMARKS_DDL)


def pending(warehouse: Warehouse, consumer: str, fingerprint: str) -> Pending:
    """What `consumer` must redo now to be up to date with raw.files."""
    ensure_watermarks(warehouse)
    [(newest,)] = warehouse.query("select coalesce(max(file_id), 0) from raw.files")
    mark = warehouse.query(
        "select last_file_id, fingerprint from meta.watermarks where consumer = %(consumer)s",
        {"consumer": consumer},
    )
    if not mark or mark[0][1] != fingerprint:
        return Pending(consumer, fingerprint, newest, None)
    rows = warehouse.query(
        "select distinct kode_pemda from raw.files where file_id > %(since)s "
        "and file_id <= %(newest)s order by kode_pemda",
        {"since": mark[0][0], "newest": newest},
    )
    return Pending(consumer, fingerprint, newest, [row[0] for row in rows])


def mark_done(warehouse: Warehouse, done: Pending) -> None:
    """`done` was carried out: the next night starts after it."""
    warehouse.execute(
        "insert into meta.watermarks (consumer, last_file_id, fingerprint) "
        "values (%(consumer)s, %(through)s, %(fingerprint)s) "
        "on conflict (consumer) do update set last_file_id = excluded.last_file_id, "
        "fingerprint = excluded.fingerprint, done_at = now()",
        {"consumer": done.consumer, "through": done.through_file_id,
         "fingerprint": done.fingerprint},
    )


def forget(warehouse: Warehouse) -> None:
    """The next run redoes every check and rebuilds every model (`serapan run --full-refresh`)."""
    ensure_watermarks(warehouse)
    warehouse.execute("delete from meta.watermarks")
