"""The Laporan Realisasi reader on workbooks written by hand: layouts, periods, rejections."""

from datetime import date
from decimal import Decimal

import pytest

from pipelines.inbox import FileMeta
from pipelines.sources.errors import SourceFileError
from pipelines.sources.realisasi import SOURCE
from pipelines.sources.realisasi.read import read_realisasi
from tests.workbooks import budget_row, write_rekap5
from tests.workbooks_realisasi_sp2d import (
    REALISASI_TITLES,
    SKPD,
    SUB_KEGIATAN,
    realisasi_line,
    realisasi_subtotal,
    write_realisasi,
)

META = FileMeta("realisasi", "99.09", 2025)


def as_dicts(parsed):
    return [dict(zip(("sheet", "row_number", *parsed.columns), row)) for row in parsed.rows]


def test_lands_account_lines_and_skips_subtotals_title_and_empty_rows(tmp_path):
    path = write_realisasi(tmp_path / "lra-maret.xlsx", [
        realisasi_line("5.1.02.01.01.0024", 1_000_000, 250_000),
        realisasi_line("5.1.02.01.01.0026", 2_000_000, 0),
        realisasi_subtotal("Belanja Barang dan Jasa", 3_000_000, 250_000,
                           skpd=SKPD, sub_kegiatan=SUB_KEGIATAN, rekening="5.1.02"),
        realisasi_subtotal("Jumlah Sub Kegiatan", 3_000_000, 250_000, skpd=SKPD,
                           sub_kegiatan=SUB_KEGIATAN),
        realisasi_line("5.2.02.05.01.0001", 500_000_000, 123_456_789,
                       sub_kegiatan="1.02.02.2.02.0003"),
        realisasi_subtotal("Jumlah SKPD", 503_000_000, 123_706_789, skpd=SKPD),
        [],
        ["JUMLAH", None, None, None, None, None, None, None, 503_000_000, 123_706_789],
        [],
        [None, "Kepala BPKAD"],  # the signature block under the report
    ])
    parsed = read_realisasi(path, META)

    lines = as_dicts(parsed)
    assert [line["row_number"] for line in lines] == [6, 7, 10]
    assert sum(line["realisasi"] for line in lines) == Decimal("123706789.00")
    assert sum(line["anggaran"] for line in lines) == Decimal("503000000.00")
    assert lines[0]["kode_skpd"] == "1.02.0.00.0.00.01.0000"
    assert lines[0]["kode_rekening"] == "5.1.02.01.01.0024"
    assert lines[2]["kode_sub_kegiatan"] == "1.02.02.2.02.0003"
    assert lines[0]["sisa"] == Decimal("750000.00") and lines[0]["persentase"] == "25,00"
    assert parsed.rows_skipped == 7
    assert parsed.notes[0] == ("baris dilewati / rows skipped: 4 subtotal, 2 kosong / empty, "
                               "1 judul / title")
    assert parsed.tahun == 2025
    assert parsed.file_columns == {"kode_pemda": "99.09", "tahun": 2025,
                                   "periode_akhir": date(2025, 3, 31)}
    assert SOURCE.supersede_key(META, parsed) == "realisasi|99.09|2025|03"


def test_title_variants_any_column_order_and_field_number_formats(tmp_path):
    titles = list(REALISASI_TITLES)
    titles[REALISASI_TITLES.index("ANGGARAN")] = "Anggaran Setelah\nPerubahan"
    titles[REALISASI_TITLES.index("REALISASI")] = "realisasi  s.d.\nbulan ini"
    titles[REALISASI_TITLES.index("KODE REKENING")] = "Kode\nAkun"
    titles[REALISASI_TITLES.index("KODE SKPD")] = "kode opd"
    order = list(reversed(range(len(titles))))
    path = write_realisasi(tmp_path / "lra.xlsx", [
        realisasi_line(anggaran="1,5E+7", realisasi="2.500.000,50"),
        realisasi_line(anggaran=15_000_000.0, realisasi=1234.56),
        realisasi_line(anggaran="15000000", realisasi=None),
    ], titles=titles, column_order=order)
    lines = as_dicts(read_realisasi(path, META))
    assert [line["anggaran"] for line in lines] == [Decimal("15000000.00")] * 3
    assert [line["realisasi"] for line in lines] == [Decimal("2500000.50"),
                                                     Decimal("1234.56"), None]
    assert lines[0]["kode_skpd"] == SKPD and lines[0]["nama_rekening"] == \
        "Belanja Alat Tulis Kantor"


@pytest.mark.parametrize("title_rows, end", [
    ([["Periode : 1 Januari 2025 s/d 30 April 2025"]], date(2025, 4, 30)),
    ([["PERIODE 01/01/2025 SAMPAI DENGAN 31/05/2025"]], date(2025, 5, 31)),
    ([["PERIODE 1 JANUARI S.D 28 PEBRUARI 2025"]], date(2025, 2, 28)),
    ([["PERIODE", ":", "1 JANUARI 2025 S.D. 30 NOPEMBER 2025"]], date(2025, 11, 30)),
    ([["LAPORAN"], ["Periode 1 Januari 2025 sd 15 Juni 2025 (dicetak 16/06/2025)"]],
     date(2025, 6, 15)),
])
def test_period_variants(tmp_path, title_rows, end):
    path = write_realisasi(tmp_path / "p.xlsx", [realisasi_line()], title_rows=title_rows)
    parsed = read_realisasi(path, META)
    assert parsed.file_columns["periode_akhir"] == end
    assert all("bukan akhir bulan" not in note for note in parsed.notes) == (end.day != 15)


def test_period_from_metadata_when_the_file_has_none(tmp_path):
    path = write_realisasi(tmp_path / "q.xlsx", [realisasi_line()], title_rows=[["LRA"]])
    meta = FileMeta("realisasi", "99.09", 2025, periode="2025-02")
    parsed = read_realisasi(path, meta)
    assert parsed.file_columns["periode_akhir"] == date(2025, 2, 28)
    assert SOURCE.supersede_key(meta, parsed) == "realisasi|99.09|2025|02"


def test_period_in_file_and_metadata_must_agree(tmp_path):
    path = write_realisasi(tmp_path / "r.xlsx", [realisasi_line()])
    meta = FileMeta("realisasi", "99.09", 2025, periode="2025-04")
    with pytest.raises(SourceFileError, match="tidak sama dengan metadata 2025-04"):
        read_realisasi(path, meta)
    assert read_realisasi(path, FileMeta("realisasi", "99.09", 2025,
                                         periode="2025-03")).rows


@pytest.mark.parametrize("title_rows, meta, problem", [
    ([["LRA"]], META, "PERIODE tidak ditemukan"),
    ([["PERIODE 1 MARET 2025 S.D. 31 MARET 2025"]], META, "harus mulai 1 Januari"),
    ([["PERIODE TRIWULAN I 2025"]], META, "PERIODE tidak terbaca"),
    ([["PERIODE 1 JANUARI 2025 S.D. 31 FEBRUARI 2025"]], META, "tanggal tidak sah"),
    ([["PERIODE 1 JANUARI 2025 S.D. 31 MARET 2025"]], FileMeta("realisasi", "99.09", 2024),
     "tidak sama dengan metadata 2024"),
    ([["LRA"]], FileMeta("realisasi", "99.09", periode="Maret 2025"),
     "harus YYYY-MM"),
])
def test_period_problems_are_named(tmp_path, title_rows, meta, problem):
    path = write_realisasi(tmp_path / "s.xlsx", [realisasi_line()], title_rows=title_rows)
    with pytest.raises(SourceFileError, match=problem) as error:
        read_realisasi(path, meta)
    assert "s.xlsx" in str(error.value)


def test_text_in_money_names_file_sheet_row_column_and_value(tmp_path):
    path = write_realisasi(tmp_path / "t.xlsx", [
        realisasi_line(), realisasi_line(realisasi="dua ratus ribu"),
    ], sheet="LRA")
    with pytest.raises(SourceFileError) as error:
        read_realisasi(path, META)
    assert str(error.value) == ("t.xlsx, sheet 'LRA', baris/row 7: REALISASI: bukan angka / "
                                "not a number: 'dua ratus ribu'")


def test_account_line_without_its_codes_is_rejected_not_skipped(tmp_path):
    path = write_realisasi(tmp_path / "u.xlsx", [realisasi_line(), realisasi_line(skpd=None)])
    with pytest.raises(SourceFileError, match="baris/row 7: KODE SKPD kosong"):
        read_realisasi(path, META)


def test_wrong_columns_are_named(tmp_path):
    titles = ["URAIAN" if t == "REALISASI" else t for t in REALISASI_TITLES]
    path = write_realisasi(tmp_path / "v.xlsx", [realisasi_line()], titles=titles)
    with pytest.raises(SourceFileError) as error:
        read_realisasi(path, META)
    assert "kolom tidak ditemukan / columns not found: REALISASI" in str(error.value)
    assert "sheet 'Sheet 1'" in str(error.value)


def test_a_budget_export_is_not_a_realization_report(tmp_path):
    path = write_rekap5(tmp_path / "rekap5.xlsx", [budget_row(1), budget_row(2)])
    with pytest.raises(SourceFileError, match="bukan Laporan Realisasi.*REALISASI"):
        read_realisasi(path, META)


def test_empty_sheet_non_spreadsheet_and_subtotals_only_are_rejected(tmp_path):
    empty = write_realisasi(tmp_path / "w.xlsx", [], titles=[""], title_rows=[])
    with pytest.raises(SourceFileError, match="kosong / empty"):
        read_realisasi(empty, META)
    not_xlsx = tmp_path / "x.xlsx"
    not_xlsx.write_text("KODE SKPD;REALISASI\n1.02;100\n")
    with pytest.raises(SourceFileError, match="bukan file spreadsheet"):
        read_realisasi(not_xlsx, META)
    totals_only = write_realisasi(tmp_path / "y.xlsx", [
        realisasi_subtotal("Jumlah SKPD", 100, 50, skpd=SKPD),
    ])
    with pytest.raises(SourceFileError, match="tidak ada baris rekening"):
        read_realisasi(totals_only, META)
