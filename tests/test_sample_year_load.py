"""The whole sample year through the session's nightly run: every file's rows and rupiah
land exactly, a second night loads nothing, a corrected OPD report reloads only its
OPD-month, and the OPDs' own forms, named and not coded, reach the marts by their names.

The tallies here read the files with calamine, apart from serapan's
readers, by each layout's plain rules (a budget or account line has a full code).
"""

import csv
import re
from decimal import ROUND_HALF_UP, Decimal
from itertools import takewhile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from pipelines.inbox import read_meta
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
    if source == "rfk" and is_form(path):  # FORM-RFK: the lines above its Jumlah row
        lines = form_lines(path)
        return len(lines), sum((money(r[FORM_REALISASI]) for r in lines), Decimal(0))
    if source == "rfk":  # serapan's template, the form's shape: lines down to its JUMLAH
        rows = sheet_rows(path)  # row, the first without a code (mistyped codes are lines)
        header = next(i for i, row in enumerate(rows) if row[1] == "KODE SUB KEGIATAN")
        lines = list(takewhile(lambda row: str(row[1]).strip(), rows[header + 3:]))
        return len(lines), sum((money(r[FORM_REALISASI] or 0) for r in lines), Decimal(0))
    raise AssertionError(source)


# FORM-RFK's columns D, I and P, in the field's forms and in serapan's template alike
FORM_PAGU, FORM_REALISASI, FORM_FISIK = 3, 8, 15


def is_form(path: Path) -> bool:
    """Whether the workbook is an OPD's FORM-RFK and FORM-M (not serapan's template)."""
    return CalamineWorkbook.from_path(str(path)).sheet_names == ["RFK", "M"]


def form_lines(path: Path) -> list[list]:
    """FORM-RFK's lines: under its three header rows and its column numbers, above the
    Jumlah row."""
    rows = sheet_rows(path)
    header = next(i for i, row in enumerate(rows) if row[0] == "NO")
    end = next(i for i, row in enumerate(rows) if row[0] == "Jumlah")
    return rows[header + 4:end]


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
    files = sample_year.files[source]
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
                  and not is_form(p))
    [(old_id, old_rows)] = query(warehouse, """
        select file_id, rows_loaded from raw.files where original_name = %s and kode_pemda = %s
        """, (report.name, SAMPLE_PEMDA))
    workbook = openpyxl.load_workbook(report)
    sheet = workbook["M"]  # the template's FORM-M: the first line's problem corrected
    header_row = next(r for r in range(1, 40) if sheet.cell(r, 2).value == "KODE SUB KEGIATAN")
    permasalahan = next(cell.column for cell in sheet[header_row - 1]
                        if cell.value == "PERMASALAHAN")
    sheet.cell(header_row + 2, permasalahan).value = "Koreksi: lampiran kontrak menyusul"
    workbook.save(report)

    plan = plan_inbox(warehouse, settings().inbox)
    assert plan.months == ["2025-03"] and plan.files_for("rfk", "2025-03") == [report]
    [outcome] = ingest_inbox(warehouse, plan.files_for("rfk", "2025-03"))
    assert outcome.status == "loaded" and outcome.superseded == [old_id]
    assert outcome.rows == old_rows
    assert plan_inbox(warehouse, settings().inbox).months == []


def form_problems(path: Path) -> list[list]:
    """FORM-M's problems: under its header and column numbers, down to the first blank
    row, those that name one ('-' says there is none)."""
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("M").to_python()
    header = next(i for i, row in enumerate(rows) if row[0] == "NO")
    problems = []
    for row in rows[header + 2:]:
        if not any(str(cell).strip() for cell in row):
            break
        if row[3] != "-":
            problems.append(row)
    return problems


def test_the_opd_forms_reach_the_marts_by_their_names(nightly_run, warehouse, sample_year):
    """Each line of the three OPDs' FORM-RFK gets its sub kegiatan's code from its name
    (int_rfk__kode_dari_nama), but for the rows the ground truth lists as named as no sub
    kegiatan (mistyped, or a kegiatan row); in a month with no row of its form listed,
    the OPD's physical % in fct_penyerapan_opd_bulanan is its form's, weighed by budget;
    and each problem of its FORM-M is in fct_permasalahan_bulanan, with a category."""
    with sample_year.ground_truth.open(encoding="utf-8") as handle:
        truth = [row for row in csv.DictReader(handle) if row["file"].startswith("laporan-rfk-")]
    forms = [path for path in sample_year.files["rfk"] if is_form(path)]
    unmatched = {(row["file"], int(row["row_number"])) for row in truth
                 if row["kind"] in ("name_matches_no_sub_kegiatan", "subtotal_row_as_data")}
    matched = query(warehouse, """
        select files.original_name, names.row_number, names.status, names.kode_sub_kegiatan
        from intermediate.int_rfk__kode_dari_nama as names
        join raw.files as files using (file_id)
        where names.kode_pemda = %s and files.original_name like 'laporan-rfk-%%'""",
                    (SAMPLE_PEMDA,))
    assert len(matched) == sum(len(form_lines(path)) for path in forms)
    assert {(name, row) for name, row, status, _ in matched if status != "cocok"} == unmatched
    assert all(SUB_KEGIATAN.match(kode) for _, _, status, kode in matched if status == "cocok")

    listed = {row["file"] for row in truth if row["row_number"]}
    physical = dict(((kode, bulan), persen) for kode, bulan, persen in query(warehouse, """
        select kode_opd, to_char(bulan, 'YYYY-MM'), realisasi_fisik_persen
        from marts.fct_penyerapan_opd_bulanan where kode_pemda = %s""", (SAMPLE_PEMDA,)))
    compared = 0
    for path in forms:
        if path.name in listed:
            continue
        lines = [r for r in form_lines(path) if r[FORM_PAGU] != ""]
        weight = sum(money(r[FORM_PAGU]) for r in lines)
        expected = (sum(money(r[FORM_PAGU]) * money(r[FORM_FISIK]) for r in lines) / weight
                    ).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        meta = read_meta(path)
        assert physical[meta.kode_opd, meta.periode] == expected, path.name
        compared += 1
    assert compared >= 20

    [(problems, categorised)] = query(warehouse, """
        select count(*), count(kategori) from marts.fct_permasalahan_bulanan
        where kode_pemda = %s and asal = 'form_m' and status <> 'selesai'""", (SAMPLE_PEMDA,))
    assert problems == categorised == sum(len(form_problems(path)) for path in forms) > 50

