"""The "Laporan Realisasi Per Dokumen" reader on workbooks written as DOMAIN.md describes
SIPD-RI's export: header found wherever it is, every date form, the month rule, the
file's own total, and what is refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pipelines.inbox import FileMeta
from pipelines.sample.realisasi_dokumen import write_realisasi_dokumen
from pipelines.sources.errors import SourceFileError
from pipelines.sources.realisasi import SOURCE, month_of, pemda_of
from pipelines.sources.realisasi.dokumen import EXPORT_COLUMNS
from tests.workbooks_realisasi_dokumen import SKPD, line

META = FileMeta("realisasi", "99.09")


def rows_of(parsed) -> list[dict]:
    return [dict(zip(("sheet", "row_number", *parsed.columns), row)) for row in parsed.rows]


@pytest.mark.parametrize("date_style", ["panjang", "serial", "dd/mm/yyyy"])
@pytest.mark.parametrize("resaved", [False, True])
def test_every_column_lands_wherever_the_header_is_and_however_dates_are_written(
        tmp_path, date_style, resaved):
    lines = [line(1, 1_500_000, setoran=100_000), line(2, -250_000, tanggal=date(2026, 1, 31)),
             line(3, 7_000_000.5, jenis_dokumen="SPP", jenis_transaksi="LS",
                  tanggal=date(2026, 1, 9), transfer=date(2026, 1, 20),
                  sp2d="SP2D-0007", nilai_sp2d=9_000_000)]
    path = write_realisasi_dokumen(tmp_path / "dokumen.xlsx", lines, resaved=resaved,
                                   date_style=date_style)
    parsed = SOURCE.read(path, META)
    assert parsed.table == "raw.realisasi_dokumen" and len(parsed.columns) == 48
    landed = rows_of(parsed)
    assert [row["row_number"] for row in landed] == ([2, 3, 4] if resaved else [6, 7, 8])
    assert [row["nilai_realisasi"] for row in landed] == \
        [Decimal("1500000"), Decimal("-250000"), Decimal("7000000.50")]  # corrections count
    assert [row["realisasi"] for row in landed] == \
        [Decimal("1400000"), Decimal("-250000"), Decimal("7000000.50")]  # less money paid back
    assert landed[2]["tanggal_dokumen"] == date(2026, 1, 9)
    assert landed[2]["tanggal_transfer"] == date(2026, 1, 20)
    assert landed[0]["kode_rekening"] == "5.1.02.01.001.00024"  # codes as text
    assert landed[0]["nip_pegawai"] == "198001012005011001"
    assert parsed.file_columns["periode"] == date(2026, 1, 1) and parsed.tahun == 2026
    assert month_of(path, META) == "2026-01"
    assert "1 total" in " ".join(parsed.notes)


def test_the_month_of_a_line_is_the_transfer_for_ls_through_an_spp_else_the_document(tmp_path):
    path = write_realisasi_dokumen(tmp_path / "dokumen.xlsx", [
        # LS paid through an SPP: its transfer, in February
        line(1, 100, jenis_dokumen="SPP", jenis_transaksi="LS", tanggal=date(2026, 1, 28),
             transfer=date(2026, 2, 2), sp2d="SP2D-1", nilai_sp2d=300),
        # LS not transferred yet: no day (the checks hold it back)
        line(2, 200, jenis_dokumen="SPP", jenis_transaksi="LS", tanggal=date(2026, 1, 29)),
        # a TBP of GU spending: its document's date, whatever the SP2D's transfer
        line(3, 300, jenis_dokumen="TBP", jenis_transaksi="GU", tanggal=date(2026, 1, 30),
             transfer=date(2026, 2, 5)),
        line(4, 400, jenis_dokumen="TBP-KKPD", jenis_transaksi="GU-KKPD",
             tanggal=date(2026, 2, 3)),
    ])
    with pytest.raises(SourceFileError, match="2026-01, 2026-02.*periode"):
        SOURCE.read(path, META)  # lines in two months, no sidecar: the month is not guessed
    parsed = SOURCE.read(path, FileMeta("realisasi", "99.09", periode="2026-02"))
    assert [row["tanggal_realisasi"] for row in rows_of(parsed)] == \
        [date(2026, 2, 2), None, date(2026, 1, 30), date(2026, 2, 3)]
    assert parsed.file_columns["periode"] == date(2026, 2, 1)


def test_a_total_row_that_is_not_the_sum_of_the_lines_refuses_the_file(tmp_path):
    path = write_realisasi_dokumen(tmp_path / "terpotong.xlsx",
                                   [line(1, 1_000), line(2, 2_000), line(3, 4_000)])
    from openpyxl import load_workbook  # cut a line, as a filter left on would

    workbook = load_workbook(path)
    workbook[workbook.sheetnames[0]].delete_rows(7)
    workbook.save(path)
    with pytest.raises(SourceFileError) as refused:
        SOURCE.read(path, META)
    message = str(refused.value)
    assert "terpotong.xlsx" in message and "Data Realisasi Dokumen" in message
    assert "baris/row 8" in message and "7,000" in message and "5,000" in message


def test_a_date_that_is_no_date_names_its_row_and_column(tmp_path):
    bad = line(2, 2_000)
    bad["tanggal_dokumen"] = None
    path = write_realisasi_dokumen(tmp_path / "tanggal.xlsx", [line(1, 1_000), bad],
                                   date_style="dd/mm/yyyy")
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    column = EXPORT_COLUMNS.index("tanggal_dokumen") + 1
    workbook[workbook.sheetnames[0]].cell(row=7, column=column, value="31 Juni 2026")
    workbook.save(path)
    with pytest.raises(SourceFileError, match=r"baris/row 7: Tanggal Dokumen bukan tanggal / not a date: '31 Juni 2026'"):
        SOURCE.read(path, META)


def test_a_workbook_without_the_header_and_the_pemda_of_the_title_rows(tmp_path):
    path = write_realisasi_dokumen(tmp_path / "dokumen.xlsx", [line(1, 1_000)],
                                   pemda="PEMERINTAH KABUPATEN BURU")
    assert pemda_of(path) == "KABUPATEN BURU"
    other = write_realisasi_dokumen(tmp_path / "lain.xlsx", [line(1, 1_000)],
                                    columns=("kode_skpd", "kode_rekening", "nilai_realisasi"))
    with pytest.raises(SourceFileError, match="bukan Laporan Realisasi Per Dokumen.*Kode Sub Kegiatan"):
        SOURCE.read(other, META)  # refused, naming the columns it lacks


def test_an_export_for_one_skpd_and_one_for_all_replace_only_their_own(tmp_path):
    one = SOURCE.read(write_realisasi_dokumen(tmp_path / "a.xlsx", [line(1, 1)]), META)
    both = SOURCE.read(write_realisasi_dokumen(
        tmp_path / "b.xlsx", [line(1, 1), line(2, 2, skpd="1.02.0.00.0.00.02.0000")]), META)
    meta = FileMeta("realisasi", "99.09")
    assert SOURCE.supersede_key(meta, one) == f"realisasi-dokumen|99.09|2026|01|{SKPD}"
    assert SOURCE.supersede_key(meta, both) == "realisasi-dokumen|99.09|2026|01|semua"
