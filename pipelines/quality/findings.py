"""Reading the flags back: for the command line, the OPD feedback and the score."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date

from pipelines.reports.safe_cells import csv_row
from pipelines.warehouse import Warehouse

# named as quality.flags names them, so a csv read back joins the table by name
CSV_COLUMNS = ("source_file", "sheet", "row_number", "rule_id", "severity", "kode_opd",
               "periode", "pesan", "kode_pemda", "source", "nilai")


@dataclass(frozen=True)
class Finding:
    source_file: str | None
    sheet: str | None
    row_number: int | None
    rule_id: str
    severity: str
    opd: str | None
    period: date | None
    message: str
    kode_pemda: str | None
    source: str
    values: dict

    def as_csv_row(self) -> tuple:
        return (self.source_file or "", self.sheet or "", self.row_number or "", self.rule_id,
                self.severity, self.opd or "", self.period.strftime("%Y-%m") if self.period
                else "", self.message, self.kode_pemda or "", self.source,
                json.dumps(self.values, ensure_ascii=False, default=str))


def write_csv(found: list[Finding], stream) -> None:
    """The findings as csv, a header and a line each (`serapan flags --format csv`), every
    field quoted: a carriage return in a text stays inside its field."""
    writer = csv.writer(stream, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(finding.as_csv_row()) for finding in found)


# What `serapan flags` and the feedback read (bench/cli_latency.py gives psql the same).
FINDINGS_SQL = """
select source_file, sheet, row_number, rule_id, severity, kode_opd, periode,
       pesan, kode_pemda, source, nilai
from quality.flags
where (%(opd)s::text is null or kode_opd = %(opd)s)
  and (%(periode)s::text is null or periode = to_date(%(periode)s, 'YYYY-MM'))
  and (%(pemda)s::text is null or kode_pemda = %(pemda)s)
  and (%(rule)s::text is null or rule_id = upper(%(rule)s))
order by severity, source_file nulls first, sheet, row_number, rule_id
"""


def findings(warehouse: Warehouse, *, kode_opd: str | None = None, periode: str | None = None,
             kode_pemda: str | None = None, rule_id: str | None = None) -> list[Finding]:
    """Flags, errors first, in file and row order."""
    conn = warehouse.connect()
    try:
        with conn.cursor() as cur:
            cur.execute(
                FINDINGS_SQL,
                {"opd": kode_opd, "periode": periode, "pemda": kode_pemda, "rule": rule_id},
            )
            return [Finding(*row) for row in cur.fetchall()]
    finally:
        conn.close()


def opd_name(warehouse: Warehouse, kode_opd: str, kode_pemda: str | None = None) -> str:
    """The OPD's name as its latest budget version writes it ('' when unknown)."""
    conn = warehouse.connect()
    try:
        with conn.cursor() as cur:
            cur.execute(
                """
                select nama_skpd from staging.stg_anggaran__rekap5
                where kode_skpd = %(opd)s and (%(pemda)s::text is null or kode_pemda = %(pemda)s)
                order by tanggal_versi desc limit 1
                """,
                {"opd": kode_opd, "pemda": kode_pemda},
            )
            row = cur.fetchone()
    finally:
        conn.close()
    return row[0] if row and row[0] else ""
