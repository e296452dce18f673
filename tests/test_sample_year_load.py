"""The whole sample year through the session's nightly run: every file's rows and rupiah
land exactly, a second night loads nothing, and a corrected OPD report reloads only its
OPD-month.

The tallies here read the files with calamine, apart from serapan's
readers, by each layout's plain rules (a budget or account line has a full code).
"""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from tests.conftest import SAMPLE_PEMDA
from tests.db import query

ACCOUNT = re.compile(r"^\d\.\d\.\d{2}\.\d{2}\.\d{2}\.\d{4}$")
SUB_KEGIATAN = re.compile(r"^\d\.\d{2}\.\d{2}\.\d\.\d{2}\.\d{4}$")
MONTHS = tuple(f"BULAN {month}" for month in range(1, 13))  # the cash plan's


def money(value) -> Decimal:
    if isinstance(value, (int, float)):
        return Decimal(repr(value)).quantize(Decimal("0.01"))
    return Decimal(str(value).replace(".", "").replace(",", ".")).quantize(Decimal("0.01"))


def sheet_rows(path: Path) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def under_header(rows: list[list], first_title: str) -> tuple[dict[str, int], list[list]]:
    index = next(i for i, row in enumerate(rows)
                 if first_title in [str(c).strip().upper() for c in row])
    header = {str(c).strip().upper(): i for i, c in enumerate(rows[index])}
    return header, rows[index + 1:]


def tally(source: str, path: Path) -> tuple[int, Decimal]:
    """(rows the raw table should hold, their total) by the layout's plain rules."""
    if source == "anggaran":  # raw keeps the sub kegiatan rows without account lines too
        header, rows = under_header(sheet_rows(path), "KODE REKENING")
        lines = [r for r in rows if r[header["KODE REKENING"]]]
        return len(rows), sum((money(r[header["PAGU"]]) for r in lines), Decimal(0))
    if source == "realisasi":  # per document: the lines above the total row
        header, rows = under_header(sheet_rows(path), "NOMOR DOKUMEN")
        lines = [r for r in rows if str(r[header["NOMOR DOKUMEN"]]).strip()]
        return len(lines), sum((money(r[header["NILAI REALISASI"]])
                                - money(r[header["NILAI SETORAN"]] or 0) for r in lines),
                               Decimal(0))
    if source == "rak":
        header, rows = under_header(sheet_rows(path), "KODE AKUN")
        lines = [r for r in rows if ACCOUNT.match(str(r[header["KODE AKUN"]]).strip())]
        total = sum((money(r[header[m]]) for r in lines for m in MONTHS), Decimal(0))
        assert total == sum((money(r[header["TOTAL RAK"]]) for r in lines), Decimal(0))
        return len(lines) * 12, total
    if source == "sp2d":  # the BUD's register: one row per SP2D
        header, rows = under_header(sheet_rows(path), "NOMOR SP2D")
        lines = [r for r in rows if str(r[header["NOMOR SP2D"]]).strip()]
        return len(lines), sum((money(r[header["BRUTO"]]) for r in lines), Decimal(0))
    if source == "rfk":  # serapan's template: the lines run until the first empty code
        header, rows = under_header(sheet_rows(path), "KODE SUB KEGIATAN")
        lines = []
        for row in rows:
            if not str(row[0]).strip():
                break
            lines.append(row)
        column = next(i for t, i in header.items() if t.startswith("REALISASI KEUANGAN"))
        return len(lines), sum((money(r[column] or 0) for r in lines), Decimal(0))
    raise AssertionError(source)


# Where the sample's layouts land: the per-document realization and the SP2D register
# beside their sources' other layouts.
TABLES = {"realisasi": ("raw.realisasi_dokumen", "realisasi"), "sp2d": ("raw.sp2d_register", "bruto")}


def landed(warehouse, source: str) -> dict[str, tuple[int, Decimal]]:
    from pipelines.sources import SOURCES

    table, amount = TABLES.get(source, (SOURCES[source].raw_table, SOURCES[source].amount_column))
    rows = query(warehouse, f"""
        select files.original_name, count(raw_rows.*), coalesce(sum(raw_rows.{amount}), 0)
        from raw.files as files
        left join {table} as raw_rows using (file_id)
        where files.source = %s and files.kode_pemda = %s
        group by files.original_name""", (source, SAMPLE_PEMDA))
    return {name: (count, total) for name, count, total in rows}


@pytest.mark.parametrize("source", ["anggaran", "rak", "realisasi", "sp2d", "rfk"])
def test_every_file_lands_its_rows_and_rupiah_exactly(nightly_run, warehouse, sample_year,
                                                      source):
    in_raw = landed(warehouse, source)
    files = [p for p in sample_year.files[source]
             if source != "rfk" or CalamineWorkbook.from_path(str(p)).sheet_names == ["RFK"]]
    assert len(files) >= (400 if source == "rfk" else 4)
    for path in files:
        assert in_raw[path.name] == tally(source, path), path.name


def test_a_second_night_finds_nothing_new(nightly_run, warehouse, sample_year):
    from pipelines.config import settings
    from pipelines.landing.plan import plan_inbox

    plan = plan_inbox(warehouse, settings().inbox)
    assert (plan.months, plan.other, plan.undated) == ([], {}, [])


def test_a_corrected_opd_report_reloads_only_that_opd_month(nightly_run, warehouse,
                                                            sample_year, tmp_path):
    import openpyxl

    from pipelines.config import settings
    from pipelines.landing.load import ingest_inbox
    from pipelines.landing.plan import plan_inbox

    report = next(p for p in sample_year.files["rfk"] if p.name.endswith("2025-03.xlsx")
                  and CalamineWorkbook.from_path(str(p)).sheet_names == ["RFK"])
    [(old_id, old_rows)] = query(warehouse, """
        select file_id, rows_loaded from raw.files where original_name = %s and kode_pemda = %s
        """, (report.name, SAMPLE_PEMDA))
    workbook = openpyxl.load_workbook(report)
    sheet = workbook["RFK"]
    header_row = next(r for r in range(1, 40) if sheet.cell(r, 1).value == "KODE SUB KEGIATAN")
    permasalahan = next(cell.column for cell in sheet[header_row]
                        if cell.value == "PERMASALAHAN")
    sheet.cell(header_row + 1, permasalahan).value = "Koreksi: lampiran kontrak menyusul"
    workbook.save(report)

    plan = plan_inbox(warehouse, settings().inbox)
    assert plan.months == ["2025-03"] and plan.files_for("rfk", "2025-03") == [report]
    [outcome] = ingest_inbox(warehouse, plan.files_for("rfk", "2025-03"))
    assert outcome.status == "loaded" and outcome.superseded == [old_id]
    assert outcome.rows == old_rows
    assert plan_inbox(warehouse, settings().inbox).months == []
