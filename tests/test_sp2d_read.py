"""The SP2D list reader on csv and xlsx files written by hand: layouts and rejections."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from pipelines.inbox import FileMeta
from pipelines.sources.errors import SourceFileError
from pipelines.sources.sp2d import SOURCE
from pipelines.sources.sp2d.read import read_sp2d
from tests.workbooks import budget_row, write_rekap5
from tests.workbooks_realisasi_sp2d import (
    NPWP,
    REKENING_BANK,
    SKPD,
    SP2D_TITLES,
    sp2d_line,
    write_sp2d_csv,
    write_sp2d_xlsx,
)

META = FileMeta("sp2d", "99.09", 2025)
CSV_TITLE_ROWS = [["DAFTAR SP2D"], ["PEMERINTAH KABUPATEN CONTOH"], []]


def as_dicts(parsed):
    return [dict(zip(("sheet", "row_number", *parsed.columns), row)) for row in parsed.rows]


def test_csv_lines_land_exactly_with_identifiers_as_text(tmp_path):
    path = write_sp2d_csv(tmp_path / "sp2d-maret.csv", [
        sp2d_line("00001/LS/M/2025", "03/03/2025", nilai="1.234.567,00", potongan="123.456,70"),
        sp2d_line("00001/LS/M/2025", "03/03/2025", nilai="10.000.000,50",
                  uraian='Honor "narasumber"; rapat koordinasi'),
        sp2d_line("00002/UP/M/2025", "10/03/2025", jenis="UP", nilai="50.000.000,00",
                  rekening=None, sub_kegiatan=None),
        [],
        ["JUMLAH", None, None, None, None, None, None, None, None, None, "61.234.567,50"],
        ["Dicetak oleh SIPD"],  # a note in the first column, the NOMOR SP2D one
        ["Mengetahui,", None, None, None, None, None, None, None, None, None, None, None,
         "Kuasa BUD"],
    ], title_rows=CSV_TITLE_ROWS)
    parsed = read_sp2d(path, META)

    lines = as_dicts(parsed)
    assert [(line["sheet"], line["row_number"]) for line in lines] == \
        [("csv", 5), ("csv", 6), ("csv", 7)]
    assert sum(line["nilai"] for line in lines) == Decimal("61234567.50")
    assert lines[0]["potongan"] == Decimal("123456.70")
    assert lines[0]["tanggal_sp2d"] == date(2025, 3, 3)
    assert lines[0]["npwp"] == NPWP and lines[0]["nomor_rekening_bank"] == REKENING_BANK
    assert lines[0]["kode_skpd"] == SKPD and lines[0]["kode_rekening"] == "5.1.02.01.01.0024"
    assert lines[1]["uraian"] == 'Honor "narasumber"; rapat koordinasi'
    assert lines[2]["jenis_sp2d"] == "UP" and lines[2]["kode_rekening"] is None
    assert parsed.rows_skipped == 4
    assert parsed.notes == ["baris dilewati / rows skipped: 1 subtotal, 1 kosong / empty, "
                            "2 judul/catatan / title or note"]
    assert parsed.tahun == 2025 and parsed.file_columns == {"kode_pemda": "99.09"}
    assert SOURCE.supersede_key(META, parsed) == "sp2d|99.09|2025|2025-03-03..2025-03-10"


@pytest.mark.parametrize("text", ["14/03/2025", "14-03-2025", "2025-03-14", "4/3/2025"])
def test_csv_text_dates(tmp_path, text):
    path = write_sp2d_csv(tmp_path / "d.csv", [sp2d_line(tanggal=text)])
    expected = date(2025, 3, 4) if text == "4/3/2025" else date(2025, 3, 14)
    assert as_dicts(read_sp2d(path, META))[0]["tanggal_sp2d"] == expected


def test_csv_without_bom_and_without_year_in_metadata(tmp_path):
    path = write_sp2d_csv(tmp_path / "e.csv", [sp2d_line(tanggal="02/01/2026")],
                          encoding="utf-8")
    parsed = read_sp2d(path, FileMeta("sp2d", "99.09"))
    assert parsed.tahun == 2026 and as_dicts(parsed)[0]["nomor_sp2d"].startswith("00001")


def test_xlsx_with_date_cells_numbers_variant_titles_and_shuffled_columns(tmp_path):
    titles = list(SP2D_TITLES)
    titles[0], titles[1], titles[10] = "No. SP2D", "Tgl\nSP2D", "nilai  sp2d"
    order = [15, 3, 0, 10, 1, 2, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14]
    path = write_sp2d_xlsx(tmp_path / "sp2d.xlsx", [
        sp2d_line("A/1", date(2025, 3, 14), nilai=1_500_000.5, potongan=0),
        sp2d_line("A/2", datetime(2025, 3, 15, 9, 30), nilai="1,5E+7", potongan=None),
        sp2d_line("A/3", "16/03/2025", nilai=2_000_000, npwp=12345678901000.0),
        ["TOTAL", None, None, None, None, None, None, None, None, None, 18_500_000.5],
    ], titles=titles, column_order=order, sheet="SP2D",
       title_rows=[["DAFTAR SP2D"], ["PERIODE MARET 2025"]])
    parsed = read_sp2d(path, META)

    lines = as_dicts(parsed)
    assert [line["tanggal_sp2d"] for line in lines] == \
        [date(2025, 3, 14), date(2025, 3, 15), date(2025, 3, 16)]
    assert [line["nilai"] for line in lines] == \
        [Decimal("1500000.50"), Decimal("15000000.00"), Decimal("2000000.00")]
    assert [line["potongan"] for line in lines] == [Decimal("0.00"), None, Decimal("0.00")]
    assert lines[0]["sheet"] == "SP2D" and lines[0]["row_number"] == 4
    assert lines[0]["npwp"] == NPWP and lines[0]["nomor_rekening_bank"] == REKENING_BANK
    assert lines[2]["npwp"] == "12345678901000"  # a number cell: the leading zero was lost
    assert parsed.rows_skipped == 1
    assert any(note.startswith("1 baris dengan NPWP/NOMOR REKENING BANK tersimpan sebagai "
                               "angka") for note in parsed.notes)


def test_xlsx_with_excel_serial_dates(tmp_path):
    """A workbook whose date cells lost their date format holds Excel's serial numbers
    (days since 1899-12-30): read as the dates they are, as a csv's dd/mm/yyyy is."""
    path = write_sp2d_xlsx(tmp_path / "serial.xlsx", [
        sp2d_line("A/1", 45730), sp2d_line("A/2", 45731.0), sp2d_line("A/3", 45732.75),
    ])
    assert [line["tanggal_sp2d"] for line in as_dicts(read_sp2d(path, META))] == \
        [date(2025, 3, 14), date(2025, 3, 15), date(2025, 3, 16)]


@pytest.mark.parametrize("serial", [0, -5, 59.0, 3_000_000])
def test_a_number_that_is_no_serial_date_is_refused(tmp_path, serial):
    path = write_sp2d_xlsx(tmp_path / "serial.xlsx", [sp2d_line(), sp2d_line(tanggal=serial)])
    with pytest.raises(SourceFileError, match="baris/row 3: TANGGAL SP2D bukan tanggal"):
        read_sp2d(path, META)


def test_metadata_batch_names_the_supersede_key(tmp_path):
    path = write_sp2d_csv(tmp_path / "f.csv", [sp2d_line()])
    meta = FileMeta("sp2d", "99.09", 2025, batch="koreksi-maret")
    assert SOURCE.supersede_key(meta, read_sp2d(path, meta)) == \
        "sp2d|99.09|2025|koreksi-maret"


@pytest.mark.parametrize("tanggal", ["31/02/2025", "14 Maret", "14 Marit 2025", "", "2025/03/14"])
def test_bad_date_names_file_sheet_and_row(tmp_path, tanggal):
    path = write_sp2d_csv(tmp_path / "g.csv", [sp2d_line(), sp2d_line(tanggal=tanggal)],
                          title_rows=CSV_TITLE_ROWS)
    with pytest.raises(SourceFileError) as error:
        read_sp2d(path, META)
    assert str(error.value).startswith(
        f"g.csv, sheet 'csv', baris/row 6: TANGGAL SP2D bukan tanggal / not a date: {tanggal!r}"
    )


def test_date_outside_the_year_is_rejected(tmp_path):
    path = write_sp2d_csv(tmp_path / "h.csv", [sp2d_line(tanggal="31/12/2024")])
    with pytest.raises(SourceFileError, match="baris/row 2: TANGGAL SP2D 2024-12-31 di luar "
                                              "tahun 2025"):
        read_sp2d(path, META)


@pytest.mark.parametrize("nilai, problem", [
    ("satu juta", "NILAI: bukan angka / not a number: 'satu juta'"),
    ("", "NILAI kosong / empty"),
])
def test_bad_or_missing_money_names_the_row(tmp_path, nilai, problem):
    path = write_sp2d_xlsx(tmp_path / "i.xlsx", [sp2d_line(), sp2d_line(nilai=nilai)])
    with pytest.raises(SourceFileError) as error:
        read_sp2d(path, META)
    assert str(error.value) == f"i.xlsx, sheet 'Sheet 1', baris/row 3: {problem}"


def test_text_in_potongan_is_rejected(tmp_path):
    path = write_sp2d_csv(tmp_path / "j.csv", [sp2d_line(potongan="PPh 2%")])
    with pytest.raises(SourceFileError, match="baris/row 2: POTONGAN: bukan angka"):
        read_sp2d(path, META)


@pytest.mark.parametrize("line, lost", [
    (sp2d_line(nomor=""), "NOMOR SP2D"),
    (sp2d_line(tanggal="", nilai=""), "TANGGAL SP2D dan NILAI"),
])
def test_detail_line_that_lost_its_number_or_date_is_rejected_not_skipped(tmp_path, line,
                                                                          lost):
    path = write_sp2d_xlsx(tmp_path / "k.xlsx", [sp2d_line(), line])
    with pytest.raises(SourceFileError, match=f"baris/row 3: {lost} kosong pada baris rincian"):
        read_sp2d(path, META)


def test_windows_1252_csv_is_rejected_naming_line_and_bytes(tmp_path):
    path = write_sp2d_csv(tmp_path / "ansi.csv", [
        sp2d_line(), sp2d_line(uraian="Belanja ATK \u2013 triwulan I"),
    ], encoding="cp1252")
    with pytest.raises(SourceFileError) as error:
        read_sp2d(path, META)
    message = str(error.value)
    assert message.startswith("ansi.csv, sheet 'csv', baris/row 3: bukan UTF-8 / not UTF-8: "
                              "byte 96 pada posisi")
    assert "simpan ulang sebagai 'CSV UTF-8'" in message


def test_utf16_csv_is_named_as_such(tmp_path):
    path = write_sp2d_csv(tmp_path / "unicode.csv", [sp2d_line()], encoding="utf-16")
    with pytest.raises(SourceFileError, match="baris/row 1: file UTF-16"):
        read_sp2d(path, META)


def test_wrong_columns_are_named_and_the_separator_hinted(tmp_path):
    titles = ["TANGGAL" if t == "TANGGAL SP2D" else t for t in SP2D_TITLES]
    path = write_sp2d_csv(tmp_path / "l.csv", [sp2d_line()], titles=titles)
    with pytest.raises(SourceFileError, match="columns not found: TANGGAL SP2D \\(pemisah"):
        read_sp2d(path, META)
    comma = write_sp2d_csv(tmp_path / "m.csv", [sp2d_line(nilai="1000")], separator=",")
    with pytest.raises(SourceFileError, match="NOMOR SP2D, TANGGAL SP2D.*separator must be"):
        read_sp2d(comma, META)


def test_a_budget_export_is_not_an_sp2d_list(tmp_path):
    path = write_rekap5(tmp_path / "rekap5.xlsx", [budget_row(1), budget_row(2)])
    with pytest.raises(SourceFileError) as error:
        read_sp2d(path, META)
    assert str(error.value) == (
        "rekap5.xlsx: bukan daftar SP2D / not an SP2D list: sheet 'Sheet 1': kolom tidak "
        "ditemukan / columns not found: NOMOR SP2D, TANGGAL SP2D, JENIS SP2D, NILAI"
    )


def test_empty_files_and_headers_without_lines_are_rejected(tmp_path):
    empty_csv = tmp_path / "n.csv"
    empty_csv.write_bytes(b"")
    with pytest.raises(SourceFileError, match="n.csv, sheet 'csv': file kosong / empty file"):
        read_sp2d(empty_csv, META)
    blank_lines = tmp_path / "o.csv"
    blank_lines.write_bytes(b"\xef\xbb\xbf\r\n;;;\r\n")
    with pytest.raises(SourceFileError, match="file kosong"):
        read_sp2d(blank_lines, META)
    header_only = write_sp2d_csv(tmp_path / "p.csv", [["JUMLAH"] + [""] * 9 + ["0,00"]])
    with pytest.raises(SourceFileError, match="tidak ada baris SP2D di bawah header"):
        read_sp2d(header_only, META)
    empty_xlsx = write_sp2d_xlsx(tmp_path / "q.xlsx", [], titles=[""])
    with pytest.raises(SourceFileError, match="sheet 'Sheet 1' kosong / empty"):
        read_sp2d(empty_xlsx, META)


def test_unsupported_format_and_unreadable_workbook(tmp_path):
    text = tmp_path / "r.txt"
    text.write_text("NOMOR SP2D;NILAI\n")
    with pytest.raises(SourceFileError, match="format .txt tidak didukung"):
        read_sp2d(text, META)
    not_xlsx = tmp_path / "s.xlsx"
    not_xlsx.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(SourceFileError, match="bukan file spreadsheet"):
        read_sp2d(not_xlsx, META)
