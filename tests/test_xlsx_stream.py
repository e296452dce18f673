"""Large workbooks are read row by row (spreadsheet.STREAM_ABOVE_BYTES) and landed as they
are read: the same rows, lineage, figures and errors as a workbook read whole by
calamine, and a bad row late in the sheet still names its row and lands nothing.

`streamed` lowers the threshold to 0, so small workbooks take the large ones' path."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from pipelines.inbox import FileMeta, write_meta
from pipelines.sample.realisasi_dokumen import write_realisasi_dokumen
from pipelines.sources import spreadsheet
from pipelines.sources.errors import SourceFileError
from pipelines.sources.realisasi import SOURCE as REALISASI, month_of
from pipelines.sources.realisasi.dokumen import EXPORT_COLUMNS
from pipelines.sources.spreadsheet import merged_ranges, workbook_sheets
from tests.db import query
from tests.workbooks_realisasi_dokumen import line

pytestmark = pytest.mark.long  # handed out first (tests/conftest.py)

DATA = Path(__file__).parent / "data"
REAL_WORKBOOKS = sorted(DATA.rglob("*.xlsx"))
META = FileMeta("realisasi", "99.09")


@pytest.fixture
def streamed(monkeypatch):
    monkeypatch.setattr(spreadsheet, "STREAM_ABOVE_BYTES", 0)


def _read_both(monkeypatch, read):
    """read() on the workbook held whole, then streamed: each its result or its error."""
    results = []
    for threshold in (spreadsheet.STREAM_ABOVE_BYTES, 0):
        monkeypatch.setattr(spreadsheet, "STREAM_ABOVE_BYTES", threshold)
        try:
            parsed = read().whole()
            results.append((parsed.rows, parsed.file_columns, parsed.tahun,
                             parsed.rows_skipped, parsed.notes, parsed.facts))
        except SourceFileError as exc:
            results.append(str(exc))
    return results


def _cells(rows: list[list]) -> list[list]:
    """Rows without their trailing empty cells and the sheet's trailing empty rows:
    calamine pads a row to the sheet's width, a streamed row ends at its last cell."""
    trimmed = [row[:max((i + 1 for i, cell in enumerate(row) if cell != ""), default=0)]
               for row in rows]
    while trimmed and not trimmed[-1]:
        trimmed.pop()
    return trimmed


@pytest.mark.parametrize("path", REAL_WORKBOOKS, ids=lambda path: path.name)
def test_a_streamed_real_workbook_reads_cell_for_cell_as_calamine_reads_it(path, monkeypatch):
    held = [(sheet.name, _cells(sheet.whole())) for sheet in workbook_sheets(path)]
    monkeypatch.setattr(spreadsheet, "STREAM_ABOVE_BYTES", 0)
    sheets = list(workbook_sheets(path))
    assert all(sheet.streamed for sheet in sheets)
    assert [(sheet.name, _cells(sheet.whole())) for sheet in sheets] == held


@pytest.mark.parametrize("path", REAL_WORKBOOKS, ids=lambda path: path.name)
def test_a_streamed_real_workbook_has_the_merged_cells_calamine_finds(path, monkeypatch):
    held = {sheet.name: sorted(merged_ranges(path, sheet)) for sheet in workbook_sheets(path)}
    monkeypatch.setattr(spreadsheet, "STREAM_ABOVE_BYTES", 0)
    assert {sheet.name: sorted(merged_ranges(path, sheet))
            for sheet in workbook_sheets(path)} == held


def _lines(count: int) -> list[dict]:
    return [line(n, 1_000 + n, skpd=f"1.02.0.00.0.00.0{n % 3 + 1}.0000",
                 tanggal=date(2026, 1, n % 28 + 1), setoran=n if n % 7 == 0 else None)
            for n in range(1, count + 1)]


def _export(path: Path, count: int, bad_at: int | None = None, **layout) -> Path:
    """An export of `count` lines; with bad_at, that line's Nilai Realisasi the text
    '12,500' (a comma that groups thousands or marks decimals: refused, naming the row)."""
    write_realisasi_dokumen(path, _lines(count), **layout)
    if bad_at is not None:
        workbook = openpyxl.load_workbook(path)
        column = EXPORT_COLUMNS.index("nilai_realisasi") + 1
        workbook.active.cell(5 + bad_at, column).value = "12,500"
        workbook.save(path)
    return path


@pytest.mark.parametrize("periode", [None, "2026-01"])  # the month from the lines: read twice
@pytest.mark.parametrize("date_style", ["panjang", "serial"])
def test_a_streamed_export_gives_the_rows_and_figures_of_one_read_whole(
        tmp_path, monkeypatch, periode, date_style):
    path = write_realisasi_dokumen(tmp_path / "dokumen.xlsx", _lines(120),
                                   date_style=date_style)
    meta = FileMeta("realisasi", "99.09", periode=periode)
    held, streamed = _read_both(monkeypatch, lambda: REALISASI.stream(path, meta))
    assert streamed == held
    rows, file_columns, *_ = held
    assert len(rows) == 120 and rows[-1][:2] == ("Data Realisasi Dokumen", 125)
    assert file_columns["periode"] == date(2026, 1, 1)


@pytest.mark.parametrize("problem, lines, total", [
    ("tidak ada baris dokumen", [], True),  # known once all are read
    ("tidak sama dengan jumlah 40 baris", _lines(40), False),  # total row of other lines
])
def test_a_streamed_export_is_refused_as_one_read_whole(tmp_path, monkeypatch, problem, lines,
                                                        total):
    path = write_realisasi_dokumen(tmp_path / "dokumen.xlsx", lines, total=total)
    if not total:  # a total row that is not the sum of the lines
        path = write_realisasi_dokumen(tmp_path / "dokumen.xlsx", [*lines, {
            "nomor": "Total", "nilai_realisasi": 1}], total=False)
    _refused_alike(monkeypatch, path, problem)


def test_a_bad_row_late_in_a_streamed_export_is_named_as_read_whole(tmp_path, monkeypatch):
    path = _export(tmp_path / "dokumen.xlsx", 300, bad_at=289)
    _refused_alike(monkeypatch, path, "baris/row 294: Nilai Realisasi: angka ambigu")


def _refused_alike(monkeypatch, path: Path, problem: str) -> None:
    held, streamed = _read_both(monkeypatch, lambda: REALISASI.stream(path, META))
    assert streamed == held
    assert isinstance(held, str) and "sheet 'Data Realisasi Dokumen'" in held
    assert problem in held


def test_month_of_a_large_export_reads_its_lines_without_holding_them(tmp_path, streamed):
    path = write_realisasi_dokumen(tmp_path / "dokumen.xlsx", _lines(50))
    assert month_of(path, META) == "2026-01"


def _land(warehouse, path: Path, pemda: str):
    from pipelines.landing.load import ingest_file

    write_meta(path, FileMeta("realisasi", pemda, 2026, periode="2026-01"))
    return ingest_file(warehouse, path)


def _landed(warehouse, file_id: int) -> list[tuple]:
    return query(warehouse, """
        select sheet, row_number, kode_skpd, kode_rekening, nomor_dokumen, tanggal_dokumen,
               nilai_realisasi, nilai_setoran, tanggal_realisasi, realisasi, periode
        from raw.realisasi_dokumen where file_id = %s order by row_number""", (file_id,))


def test_a_streamed_export_lands_as_one_read_whole_and_a_late_bad_row_lands_nothing(
        warehouse, tmp_path, monkeypatch):
    lines = _lines(260)
    held = _land(warehouse, write_realisasi_dokumen(
        tmp_path / "a" / "realisasi" / "held.xlsx", lines, pemda="a"), "99.65")
    monkeypatch.setattr(spreadsheet, "STREAM_ABOVE_BYTES", 0)
    monkeypatch.setattr("pipelines.landing.load.COPY_BLOCK_ROWS", 100)  # several blocks
    streamed = _land(warehouse, write_realisasi_dokumen(
        tmp_path / "b" / "realisasi" / "streamed.xlsx", lines, pemda="b"), "99.64")
    assert (held.status, streamed.status) == ("loaded", "loaded")
    assert (streamed.rows, streamed.rows_skipped, streamed.total) == \
        (held.rows, held.rows_skipped, held.total) == (260, 1, sum(
            1_000 + n for n in range(1, 261)))
    assert _landed(warehouse, streamed.file_id) == _landed(warehouse, held.file_id)
    assert query(warehouse, """
        select file_id, rows_loaded, rows_skipped, supersedes_key from raw.files
        where file_id in (%s, %s) order by kode_pemda desc""",
        (held.file_id, streamed.file_id)) == [
        (held.file_id, 260, 1, "realisasi-dokumen|99.65|2026|01|semua"),
        (streamed.file_id, 260, 1, "realisasi-dokumen|99.64|2026|01|semua")]

    bad = _land(warehouse, _export(tmp_path / "c" / "realisasi" / "late.xlsx", 260, bad_at=251),
                "99.66")
    assert bad.status == "quarantined"
    assert "late.xlsx, sheet 'Data Realisasi Dokumen', baris/row 256: Nilai Realisasi" \
        in bad.error
    # two blocks of 100 lines were sent before the bad one: rolled back with the file
    assert query(warehouse, "select count(*) from raw.realisasi_dokumen "
                 "where kode_pemda = '99.66'") == [(0,)]


# --- the other workbooks that may be large ----------------------------------------------


@pytest.mark.parametrize("path", sorted((DATA / "sipd-ri").glob("*.xlsx")),
                         ids=lambda path: path.name)
def test_a_streamed_real_rekap5_reads_as_one_read_whole(path, monkeypatch):
    from pipelines.sources.anggaran import SOURCE as ANGGARAN

    meta = FileMeta("anggaran", "81.04", versi="murni")
    held, streamed = _read_both(monkeypatch, lambda: ANGGARAN.stream(path, meta))
    assert streamed == held


def test_a_streamed_rekap5_names_a_bad_row_late_in_it(tmp_path, monkeypatch):
    from pipelines.sources.anggaran import SOURCE as ANGGARAN
    from tests.workbooks import budget_row, write_rekap5

    rows = [budget_row(n, pagu=1_000 * n) for n in range(1, 201)]
    rows[190][-1] = "-5"  # a negative pagu on row 192 (the header is row 1)
    path = write_rekap5(tmp_path / "rekap5.xlsx", rows)
    held, streamed = _read_both(monkeypatch, lambda: ANGGARAN.stream(
        path, FileMeta("anggaran", "99.09", versi="murni")))
    assert streamed == held == "rekap5.xlsx, sheet 'Sheet 1', baris/row 192: PAGU negatif / " \
        "negative: -5.00"


@pytest.mark.parametrize("months", [(100_000,) * 12, ("100.000",) * 11 + ("x",)])
def test_a_streamed_cash_plan_reads_as_one_read_whole(tmp_path, monkeypatch, months):
    from pipelines.sources.rak import SOURCE as RAK
    from tests.workbooks_rak import rak_line, write_rak

    lines = [rak_line(rekening=f"5.1.02.01.01.{n:04d}") for n in range(1, 150)]
    lines.append(rak_line(months=months, rekening="5.1.02.01.01.9999"))
    path = write_rak(tmp_path / "rak.xlsx", lines)
    held, streamed = _read_both(monkeypatch, lambda: RAK.stream(
        path, FileMeta("rak", "99.09", 2025)))
    assert streamed == held
    assert isinstance(held, str) == ("x" in months)


@pytest.mark.parametrize("periode", [None, "2026-01"])
@pytest.mark.parametrize("late", [None, "repeated", "no date"])
def test_a_streamed_sp2d_register_reads_as_one_read_whole(tmp_path, monkeypatch, periode,
                                                          late):
    from pipelines.sources.sp2d import SOURCE as SP2D
    from tests.workbooks_sp2d_register import bud_row, write_register

    rows = [bud_row(n, f"{n:04d}/SP2D/LS/2026", skpd=f"Dinas {n % 4}") for n in range(1, 241)]
    if late == "repeated":
        rows[230][3] = rows[3][3]
    elif late == "no date":
        rows[230][1] = None
    path = write_register(tmp_path / "register.xlsx", rows)
    held, streamed = _read_both(monkeypatch, lambda: SP2D.stream(
        path, FileMeta("sp2d", "99.09", periode=periode)))
    assert streamed == held
    if late is None:
        assert held[1]["periode"] == "2026-01" and len(held[0]) == 240
    else:
        assert "baris/row 232" in held


@pytest.mark.parametrize("path", sorted((DATA / "lra").glob("*.xlsx")), ids=lambda path: path.name)
def test_a_streamed_real_lra_reads_as_one_read_whole(path, monkeypatch):
    from pipelines.sources.lra import SOURCE as LRA

    meta = FileMeta("lra", "99.05", 2022, periode="2022-11", kode_opd="1.02.0.00.0.00.01.0000")
    held, streamed = _read_both(monkeypatch, lambda: LRA.stream(path, meta))
    assert streamed == held and len(held[0]) > 5


def _cut_short(path: Path, keep_rows: int) -> Path:
    """The workbook with its sheet's XML cut after row `keep_rows` (and a piece of the
    next): a part that ends mid-row, as a transfer cut short leaves it."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    end = sheet.index(f'<row r="{keep_rows + 1}"'.encode())
    parts["xl/worksheets/sheet1.xml"] = sheet[:end + 40]
    cut = path.with_name("cut-" + path.name)
    with zipfile.ZipFile(cut, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return cut


def test_a_streamed_export_gives_its_first_lines_before_the_end_of_its_sheet_is_read(
        tmp_path, streamed):
    """What streaming is: the lines come as the sheet is read, so a sheet cut short
    after row 105 has given its first 100 lines when the cut is met, and the error names
    the row where it is."""
    path = _cut_short(write_realisasi_dokumen(tmp_path / "dokumen.xlsx", _lines(300)), 105)
    meta = FileMeta("realisasi", "99.09", periode="2026-01")
    rows = REALISASI.stream(path, meta).rows
    first = [next(rows) for _ in range(100)]
    assert [row[1] for row in first] == list(range(6, 106))
    with pytest.raises(SourceFileError, match=r"cut-dokumen.xlsx, sheet 'Data Realisasi "
                                              r"Dokumen', baris/row 106: sheet tidak terbaca"):
        list(rows)
