"""FORM-RFK as the real forms write it, with what the real files in tests/data/rfk do not
show: amounts in thousands, percentages in cells formatted as percent, and rows that
cannot be read, which are rejected one by one while the rest of the file lands."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import openpyxl

from pipelines.inbox import FileMeta
from pipelines.sample.rfk_forms import SIGNATURE_COLUMN, write_rfk_sheet
from pipelines.sources.errors import SourceFileError
from pipelines.sources.rfk import SOURCE, accounting
from tests.test_rfk_forms import DATA

DISDIK = "1.01.0.00.0.00.01.0000"
META = FileMeta("rfk", "63.71", 2023, kode_opd=DISDIK)
# Kota Banjarmasin's form for one sub kegiatan: its lines are the sub kegiatan's accounts.
LABELS = [
    ["LAPORAN REALISASI FISIK DAN KEUANGAN"],
    [None] * 17 + ["FORM-RFK"],
    ["NAMA KEGIATAN", None, ": Pengelolaan Pendidikan Sekolah Dasar"],
    ["SUB KEGIATAN", None, ": Pembangunan Sarana, Prasarana dan Utilitas Sekolah"],
    ["SKPD", None, ": Dinas Pendidikan Kota Banjarmasin"],
    ["KONDISI S/D TGL.", None, ": 31 Maret 2023"],
    [],
]
FIRST_LINE = 12  # the row of the first line


def line(no, uraian, pagu, rencana, realisasi, fisik, *, ttb="0,5") -> list:
    """A line: figures as the cells hold them (numbers, text, '#REF!')."""
    return [no, uraian, None, pagu, None, rencana, None, ttb, realisasi, None, ttb, None,
            None, 100, ttb, fisik, ttb, None]


def write_form_rfk(path, lines: list[list], *, unit: str = "Rp",
                   percent_format: bool = False, below: list[list] = ()):
    """The form with what the real files do not show: amounts in thousands, percentages
    in cells formatted as percent, rows that cannot be read."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "RFK"
    signature = [None] * SIGNATURE_COLUMN + ["Banjarmasin, 31 Maret 2023"]
    assert write_rfk_sheet(sheet, LABELS, lines, unit=unit, percent_format=percent_format,
                           below=[[], signature, *below]) == FIRST_LINE
    workbook.save(path)
    return path


def lines_of(parsed) -> list[dict]:
    return [dict(zip(("sheet", "row_number", *parsed.columns), row)) for row in parsed.rows]


def rejected(parsed) -> dict[int, str]:
    other = next(more for more in parsed.more if more.table == "raw.rfk_baris_lain")
    return {row[1]: row[5] for row in other.rows if row[4] == accounting.REJECTED}


def test_amounts_in_thousands_are_landed_in_rupiah_exactly(tmp_path):
    path = write_form_rfk(tmp_path / "rfk.xlsx", [
        line(1, "Belanja Alat Tulis Kantor", "1.234,567", 300.5, 250.25, 40),
    ], unit="Rp. 000,-")
    [found] = lines_of(SOURCE.read(path, META))
    assert (found["pagu"], found["rak"], found["realisasi_keuangan"], found["satuan_uang"]) \
        == (Decimal("1234567.00"), Decimal("300500.00"), Decimal("250250.00"), "ribu rupiah")
    assert found["periode"] == date(2023, 3, 1) and found["tingkat"] == "rekening"
    assert found["nama_sub_kegiatan"] == "Pembangunan Sarana, Prasarana dan Utilitas Sekolah"


def test_percentages_in_cells_formatted_as_percent_are_read_as_shown(tmp_path):
    path = write_form_rfk(tmp_path / "rfk.xlsx", [
        line(1, "Belanja Alat Tulis Kantor", 1_000_000, 300_000, 250_000, 0.455,
             ttb=0.00125),
    ], percent_format=True)
    [found] = lines_of(SOURCE.read(path, META))
    assert found["realisasi_fisik"] == Decimal("45.50")
    assert found["realisasi_fisik_ttb"] == Decimal("0.125000")
    assert found["satuan_uang"] == "rupiah"


def test_a_row_that_cannot_be_read_is_rejected_and_the_others_land(tmp_path):
    path = write_form_rfk(tmp_path / "rfk.xlsx", [
        line(1, "Belanja Alat Tulis Kantor", 1_000_000, 300_000, 250_000, 40),
        line(2, "Belanja Cetak", 2_000_000, 500_000, "dua juta", 10),
        line(3, None, 3_000_000, 0, 0, 0),
        line(4, "Belanja Makan Minum", 4_000_000, 0, 0, 0),
    ], below=[[5, "Belanja Jasa Kebersihan", None, 5_000_000, None, 0, None, None, 100]])
    parsed = SOURCE.read(path, META)
    assert [found["row_number"] for found in lines_of(parsed)] == [FIRST_LINE, FIRST_LINE + 3]
    assert rejected(parsed) == {
        FIRST_LINE + 1: "kolom I (KEUANGAN > REALISASI > RP): bukan angka / not a number: "
                        "'dua juta'",
        FIRST_LINE + 2: "angka tanpa uraian / figures without a name",
        # numbered, named, with figures, under the Jumlah row and the signature
        FIRST_LINE + 7: "baris data di bawah baris total / a data line below the total row",
    }
    assert any("ditolak / rejected: angka tanpa uraian" in note for note in parsed.notes)


def test_an_opd_form_without_the_opd_code_is_refused_naming_the_metadata(tmp_path):
    path = write_form_rfk(tmp_path / "rfk.xlsx", [
        line(1, "Belanja Alat Tulis Kantor", 1_000_000, 300_000, 250_000, 40)])
    with pytest.raises(SourceFileError, match="isi kode_opd di metadata"):
        SOURCE.read(path, FileMeta("rfk", "63.71", 2023))


def test_the_recap_is_refused_with_the_code_of_one_opd():
    with pytest.raises(SourceFileError, match="rekap pemda"):
        SOURCE.read(DATA / "banjarmasin-laporan_rfk.xlsx",
                    FileMeta("rfk", "63.71", 2023, periode="2023-12", kode_opd=DISDIK))
