"""The LRA reader on small workbooks: levels from the codes' parts in both formats, rows
without a code counted with their kind, the title's period held against the sidecar,
and a value it cannot place refused naming its row. (The real Toba files: test_lra.py.)"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from pipelines.inbox import FileMeta
from pipelines.sources.errors import SourceFileError
from pipelines.sources.lra.read import read_lra

SKPD = "1.02.0.00.0.00.01.0000"
HEADER = ["KODE REKENING", "URAIAN", "ANGGARAN", "REALISASI"]


def write_lra(path: Path, rows: list[list], title_rows: list[list] = (),
              merges: list[str] = ()) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in [*title_rows, HEADER, *rows]:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    workbook.save(path)
    return path


def meta(periode: str | None = "2025-03", tahun: int | None = None) -> FileMeta:
    return FileMeta("lra", "99.05", tahun, periode=periode, kode_opd=SKPD)


def test_every_coded_row_lands_with_its_level_in_both_formats(tmp_path):
    path = write_lra(tmp_path / "lra.xlsx", [
        ["5", "BELANJA DAERAH", 300, 120],
        ["5.1", "BELANJA OPERASI", 300, 120],
        ["5.1.02", "Belanja Barang dan Jasa", 300, 120],
        ["5.1.02.01", "Belanja Barang", 300, 120],
        ["5.1.02.01.001", "Belanja Barang Pakai Habis", 300, 120],
        ["5.1.02.01.001.00024", "Belanja Alat Tulis Kantor", "300,00", "120,00"],
        ["5.1.2a", "kode rusak", 0, 0],
        [None, "JUMLAH BELANJA", 300, 120],
        [],
        ["6.1.02.01.01.0001.7", "terlalu dalam", 0, 0],
    ])
    parsed = read_lra(path, meta())
    assert [(kode, tingkat) for _, _, kode, tingkat, *_ in parsed.rows] == [
        ("5", 1), ("5.1", 2), ("5.1.02", 3), ("5.1.02.01", 4), ("5.1.02.01.001", 5),
        ("5.1.02.01.001.00024", 6), ("5.1.2a", None), ("6.1.02.01.01.0001.7", None)]
    assert parsed.rows[5][5:] == (Decimal("300.00"), Decimal("120.00"))
    assert parsed.rows[0][:2] == ("Sheet", 2)  # lineage: the sheet's own row number
    assert parsed.rows_skipped == 2
    assert parsed.notes == ["baris dilewati / rows skipped: 1 kosong / empty, 1 tanpa kode "
                            "rekening / without account code"]
    assert parsed.file_columns == {"kode_pemda": "99.05", "tahun": 2025,
                                   "periode_akhir": date(2025, 3, 31),
                                   "kode_skpd": SKPD}


TITLE = [["PEMERINTAH KABUPATEN CONTOH"], ["LAPORAN REALISASI ANGGARAN"]]


def test_a_period_the_title_states_must_be_the_sidecars(tmp_path):
    rows = [["5", "BELANJA DAERAH", 300, 120]]
    stated = write_lra(tmp_path / "a.xlsx", rows,
                       [*TITLE, ["Periode 1 Januari 2025 s.d 31 Maret 2025"]])
    assert read_lra(stated, meta("2025-03")).rows
    with pytest.raises(SourceFileError, match=r"baris/row 3: periode di judul .* tidak sama "
                                              r"dengan sidecar 2025-02"):
        read_lra(stated, meta("2025-02"))
    numeric = write_lra(tmp_path / "b.xlsx", rows, [*TITLE, ["PERIODE 01/01/2025 S.D 28/02/2025"]])
    with pytest.raises(SourceFileError, match="tidak sama dengan sidecar 2025-03"):
        read_lra(numeric, meta("2025-03"))
    # The template left unfilled states its year alone: that must agree too.
    template = write_lra(tmp_path / "c.xlsx", rows,
                         [*TITLE, ["periode …………. s.d ………….. 2022"]])
    assert read_lra(template, meta("2022-11")).rows
    with pytest.raises(SourceFileError, match="tahun di judul"):
        read_lra(template, meta("2023-01"))
    with pytest.raises(SourceFileError, match="tahun sidecar 2024"):
        read_lra(template, meta("2022-11", tahun=2024))


def test_a_month_never_guessed(tmp_path):
    path = write_lra(tmp_path / "lra.xlsx", [["5", "BELANJA DAERAH", 300, 120]])
    with pytest.raises(SourceFileError, match="'periode': 'YYYY-MM'"):
        read_lra(path, FileMeta("lra", "99.05", periode=None, kode_opd=SKPD))


def test_a_value_it_cannot_place_is_refused_naming_its_row(tmp_path):
    # A merged cell over ANGGARAN and REALISASI where the row has no other amount.
    merged = write_lra(tmp_path / "a.xlsx", [["5", "BELANJA DAERAH", 300, None]],
                       merges=["C2:D2"])
    with pytest.raises(SourceFileError, match="baris/row 2: nilai '300' di bawah judul ANGGARAN "
                                              "dan REALISASI"):
        read_lra(merged, meta())
    text = write_lra(tmp_path / "b.xlsx", [["5", "BELANJA DAERAH", "tiga ratus", 120]])
    with pytest.raises(SourceFileError, match="baris/row 2: ANGGARAN: bukan angka"):
        read_lra(text, meta())
    other = tmp_path / "c.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["KODE", "NAMA", "PAGU"])
    workbook.save(other)
    with pytest.raises(SourceFileError, match="bukan Laporan Realisasi Anggaran .* KODE "
                                              "REKENING, URAIAN, ANGGARAN, REALISASI"):
        read_lra(other, meta())
