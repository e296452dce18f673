"""The RFK template: read back by the rfk reader, protected and validated, deterministic."""

import zipfile
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from pipelines.inbox import FileMeta
from pipelines.rfk_template import TemplateLine, write_rfk_template
from pipelines.sources.errors import SourceFileError
from pipelines.sources.rfk import SOURCE
from pipelines.sources.rfk.read import TITLES, title_key

PEMDA = "99.01"
KODE_OPD = "1.02.0.00.0.00.01.0000"
LINES = (
    TemplateLine("1.02.02.2.01.0001", "Pengadaan Alat Kesehatan", Decimal("1078983576660.50"),
                 Decimal("250000000.25")),
    TemplateLine("1.10.02.2.01.0002", "Penyediaan Layanan Kesehatan", Decimal("2500000.50"),
                 Decimal("0"), realisasi_keuangan=Decimal("1250000.75"),
                 realisasi_fisik=Decimal("45.5"), permasalahan="Lelang ulang",
                 tindak_lanjut="Jadwal ulang tender", rencana_fisik=Decimal("60.25")),
)
HEADER_ROW = 14  # as the spreadsheet shows it
FIRST_DATA_ROW = HEADER_ROW + 1


def write(path, periode="2025-03", lines=LINES):
    return write_rfk_template(path, nama_pemda="PEMERINTAH KABUPATEN CONTOH",
                              kode_opd=KODE_OPD, nama_opd="Dinas Kesehatan", periode=periode,
                              lines=lines)


def records(parsed):
    return [dict(zip(("sheet", "row_number", *parsed.columns), row)) for row in parsed.rows]


def test_the_rfk_reader_reads_the_template_back_exactly(tmp_path):
    path = write(tmp_path / "rfk.xlsx")
    parsed = SOURCE.read(path, FileMeta("rfk", PEMDA, 2025, periode="2025-03"))
    rows = records(parsed)
    assert [r["row_number"] for r in rows] == [FIRST_DATA_ROW, FIRST_DATA_ROW + 1]
    assert [r["kode_sub_kegiatan"] for r in rows] == ["1.02.02.2.01.0001", "1.10.02.2.01.0002"]
    assert [r["nama_sub_kegiatan"] for r in rows] == ["Pengadaan Alat Kesehatan",
                                                      "Penyediaan Layanan Kesehatan"]
    assert [r["pagu"] for r in rows] == [Decimal("1078983576660.50"), Decimal("2500000.50")]
    assert [(r["rak"], r["rak_satuan"]) for r in rows] == [
        (Decimal("250000000.25"), "rupiah"), (Decimal("0.00"), "rupiah")]
    assert [r["realisasi_keuangan"] for r in rows] == [None, Decimal("1250000.75")]
    assert [r["realisasi_fisik"] for r in rows] == [None, Decimal("45.50")]
    # the physical plan where the OPD wrote one, none where it left the cell empty
    assert [r["rencana_fisik"] for r in rows] == [None, Decimal("60.25")]
    assert (rows[1]["permasalahan"], rows[1]["tindak_lanjut"]) == (
        "Lelang ulang", "Jadwal ulang tender")
    assert {r["catatan_verifikator"] for r in rows} == {None}
    assert {r["periode"] for r in rows} == {date(2025, 3, 1)}
    # The OPD comes from the title row: the metadata does not name it.
    assert parsed.file_columns == {"kode_pemda": PEMDA, "kode_opd": KODE_OPD, "tahun": 2025}
    # The blank row and the TOTAL row under the data are skipped, not landed.
    assert parsed.rows_skipped == 2
    assert any("1 subtotal (TOTAL/JUMLAH)" in note for note in parsed.notes)


def test_the_month_comes_from_the_title_row_when_metadata_is_silent(tmp_path):
    parsed = SOURCE.read(write(tmp_path / "rfk.xlsx", periode="2025-11"),
                         FileMeta("rfk", PEMDA))
    assert {r["periode"] for r in records(parsed)} == {date(2025, 11, 1)}
    assert parsed.file_columns["kode_opd"] == KODE_OPD


def test_a_template_uploaded_for_another_month_is_rejected(tmp_path):
    path = write(tmp_path / "rfk.xlsx", periode="2025-03")
    with pytest.raises(SourceFileError, match="bulan di judul \\(Maret 2025\\) tidak sama"):
        SOURCE.read(path, FileMeta("rfk", PEMDA, 2025, periode="2025-04"))


def test_title_rows_and_header_titles(tmp_path):
    sheet = openpyxl.load_workbook(write(tmp_path / "rfk.xlsx")).active
    assert sheet.title == "RFK"
    assert [sheet.cell(row, 1).value for row in range(1, 5)] == [
        "PEMERINTAH KABUPATEN CONTOH", "LAPORAN REALISASI FISIK DAN KEUANGAN",
        f"SKPD: {KODE_OPD} Dinas Kesehatan", "BULAN: Maret 2025"]
    assert sheet.cell(6, 1).value == "PETUNJUK PENGISIAN / HOW TO FILL IN"
    header = [cell.value for cell in sheet[HEADER_ROW]]
    assert header == ["KODE SUB KEGIATAN", "NAMA SUB KEGIATAN", "PAGU DPA (Rp)", "RAK (Rp)",
                      "REALISASI KEUANGAN (Rp)", "RENCANA FISIK (%)", "REALISASI FISIK (%)",
                      "PERMASALAHAN", "TINDAK LANJUT", "CATATAN VERIFIKATOR"]
    known = {title_key(variant): name for name, variants in TITLES.items() for variant in variants}
    assert [known.get(title_key(title)) for title in header] == [
        "kode_sub_kegiatan", "nama_sub_kegiatan", "pagu", "rak_rupiah", "realisasi_keuangan",
        "rencana_fisik", "realisasi_fisik", "permasalahan", "tindak_lanjut",
        "catatan_verifikator"]
    total = FIRST_DATA_ROW + len(LINES) + 1  # a blank row between
    assert sheet.cell(total - 1, 2).value is None
    assert (sheet.cell(total, 2).value, sheet.cell(total, 3).value) == (
        "TOTAL", f"=SUM(C{FIRST_DATA_ROW}:C{FIRST_DATA_ROW + len(LINES) - 1})")


def test_inputs_are_validated_with_indonesian_messages(tmp_path):
    sheet = openpyxl.load_workbook(write(tmp_path / "rfk.xlsx")).active
    last = FIRST_DATA_ROW + len(LINES) - 1
    validations = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert set(validations) == {f"{column}{FIRST_DATA_ROW}:{column}{last}" for column in "EFG"}
    keuangan = validations[f"E{FIRST_DATA_ROW}:E{last}"]
    rencana = validations[f"F{FIRST_DATA_ROW}:F{last}"]
    fisik = validations[f"G{FIRST_DATA_ROW}:G{last}"]
    assert (keuangan.type, keuangan.operator, keuangan.formula1) == (
        "decimal", "greaterThanOrEqual", "0")
    # "between" is the OOXML default, so the file may leave the operator out.
    for percent in (rencana, fisik):
        assert (percent.type, percent.operator or "between", percent.formula1,
                percent.formula2) == ("decimal", "between", "0", "100")
    for validation in (keuangan, rencana, fisik):
        assert validation.showErrorMessage and validation.showInputMessage
        assert validation.errorStyle in (None, "stop")  # stop: the value is refused
        assert validation.promptTitle and validation.errorTitle
    assert "Rupiah 0 atau lebih" in keuangan.error and "kumulatif" in keuangan.prompt.lower()
    assert "antara 0 dan 100" in fisik.error and "0 sampai 100" in fisik.prompt
    assert "antara 0 dan 100" in rencana.error and "kurva S" in rencana.prompt


def test_prefilled_cells_locked_inputs_unlocked_formats_and_frozen_header(tmp_path):
    sheet = openpyxl.load_workbook(write(tmp_path / "rfk.xlsx")).active
    row = FIRST_DATA_ROW
    assert sheet.protection.sheet
    for column in "ABCD":
        assert sheet[f"{column}{row}"].protection.locked, column
    for column in "EFGHIJ":
        assert not sheet[f"{column}{row}"].protection.locked, column
    assert sheet[f"A{HEADER_ROW}"].protection.locked
    assert {sheet[f"{c}{row}"].number_format for c in "CDE"} == {"#,##0"}
    assert {sheet[f"{c}{row}"].number_format for c in "FG"} == {"0.00"}
    assert sheet[f"A{row}"].value == "1.02.02.2.01.0001"  # a text cell, not a number
    assert sheet.freeze_panes == f"A{FIRST_DATA_ROW}"
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width > 15


def test_same_inputs_give_the_same_bytes(tmp_path):
    first = write(tmp_path / "a.xlsx").read_bytes()
    assert write(tmp_path / "b.xlsx").read_bytes() == first
    assert write(tmp_path / "c.xlsx", periode="2025-04").read_bytes() != first
    with zipfile.ZipFile(tmp_path / "a.xlsx") as archive:
        assert {member.date_time for member in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    properties = openpyxl.load_workbook(tmp_path / "a.xlsx").properties
    assert properties.created == datetime(2025, 3, 1)


@pytest.mark.parametrize("periode", ["2025-13", "2025-3", "Maret 2025", ""])
def test_a_malformed_periode_is_refused(tmp_path, periode):
    with pytest.raises(ValueError, match="harus YYYY-MM"):
        write(tmp_path / "rfk.xlsx", periode=periode)


def test_an_opd_without_sub_kegiatan_gets_no_template(tmp_path):
    with pytest.raises(ValueError, match="tidak ada sub kegiatan"):
        write(tmp_path / "rfk.xlsx", lines=[])
