"""What the error flags hold back from the leadership marts, file by file.

A row with an error flag counts in no leadership mart (the dbt macro
`without_error_flags`) until a corrected upload clears it. The run summary says how many
rows and rupiah that keeps out, per pemda and source, and names the files mostly held
back: a night that keeps most of a file from leadership must not read like success.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from psycopg2 import sql

from pipelines.sources import SOURCES
from pipelines.warehouse import Warehouse

MOSTLY = Decimal("0.5")  # a file more than half held back, by rows or by rupiah


@dataclass(frozen=True)
class HeldBack:
    """One file in force with rows held back, or the sum of several (file_id None)."""

    kode_pemda: str
    source: str
    file_id: int | None
    original_name: str | None
    rows: int
    rows_held: int
    rupiah: Decimal
    rupiah_held: Decimal

    @property
    def share(self) -> Decimal:
        """The larger of the shares held back, of rows and of rupiah."""
        by_rows = Decimal(self.rows_held) / self.rows if self.rows else Decimal(0)
        by_rupiah = self.rupiah_held / self.rupiah if self.rupiah else Decimal(0)
        return max(by_rows, by_rupiah)

    @property
    def mostly_held(self) -> bool:
        return self.share > MOSTLY


def held_back_files(warehouse: Warehouse) -> list[HeldBack]:
    """Every file in force that has rows held back, with its totals and theirs."""
    parts = [_file_totals(source.name, raw_table, amount_column)
             for source in SOURCES.values()
             for raw_table, amount_column in source.money_tables]
    query = sql.SQL(" union all ").join(parts) + sql.SQL(" order by 1, 2, 3")
    return [HeldBack(*row) for row in warehouse.query(query)]


def by_pemda_and_source(files: list[HeldBack]) -> list[tuple[HeldBack, list[HeldBack]]]:
    """The files' sums per pemda and source, each with its files."""
    groups: dict[tuple[str, str], list[HeldBack]] = defaultdict(list)
    for held in files:
        groups[(held.kode_pemda, held.source)].append(held)
    return [(HeldBack(pemda, source, None, None, sum(f.rows for f in group),
                      sum(f.rows_held for f in group), sum(f.rupiah for f in group),
                      sum(f.rupiah_held for f in group)), group)
            for (pemda, source), group in sorted(groups.items())]


def _file_totals(source: str, raw_table: str, amount: str) -> sql.Composed:
    # Only files with an error flag are read: their rows through the raw table's index
    # on file_id, not every row of every pemda.
    return sql.SQL("""
        (select files.kode_pemda, {source}, files.file_id, files.original_name,
            count(*)::integer,
            count(*) filter (where held.file_id is not null)::integer,
            coalesce(sum(landed.{amount}), 0)::numeric(20, 2),
            coalesce(sum(landed.{amount}) filter (where held.file_id is not null), 0)
                ::numeric(20, 2)
        from {raw_table} as landed
        join raw.files as files on files.file_id = landed.file_id
        left join (
            select distinct file_id, sheet, row_number from quality.flags
            where severity = 'error'
        ) as held on held.file_id = landed.file_id and held.sheet = landed.sheet
            and held.row_number = landed.row_number
        where files.status = 'loaded' and files.source = {source}
            and files.file_id in (select file_id from quality.flags where severity = 'error')
        group by files.kode_pemda, files.file_id, files.original_name
        having count(held.file_id) > 0)
    """).format(source=sql.Literal(source), amount=sql.Identifier(amount),
                raw_table=sql.Identifier(*raw_table.split(".")))
