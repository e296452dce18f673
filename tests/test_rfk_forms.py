"""The field's own forms, read from real workbooks (tests/data/rfk): Kota Banjarmasin's
FORM-RFK / FORM-M bundle and the pemda's recap, and Provinsi Bali's monthly sheet.

Every row of every sheet is accounted for (landed, skipped with its reason, rejected
with its reason, or in a sheet not read), and what is read adds up to the workbook's
own totals."""

from __future__ import annotations

import functools
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.inbox import FileMeta
from pipelines.sources.errors import SourceFileError
from pipelines.sources.rfk import SOURCE, accounting, bali, form_rfk
from pipelines.sources.rfk.forms import FormSheet, form_sheets
from pipelines.sources.rfk.read import sheets_of

DATA = Path(__file__).resolve().parent / "data" / "rfk"
BANJARMASIN, BALI = "63.71", "51"
# Not the real code of Banjarmasin's Dinas Pendidikan: the forms name it, the upload's
# metadata gives its code.
DISDIK = "1.01.0.00.0.00.01.0000"
FILES = {
    "banjarmasin-januari.xlsx": FileMeta("rfk", BANJARMASIN, kode_opd=DISDIK),
    "banjarmasin-februari.xlsx": FileMeta("rfk", BANJARMASIN, 2022, kode_opd=DISDIK),
    "banjarmasin-rfk_skpd.xlsx": FileMeta("rfk", BANJARMASIN, 2023, kode_opd=DISDIK),
    "banjarmasin-laporan_rfk.xlsx": FileMeta("rfk", BANJARMASIN, 2023, periode="2023-12"),
    "bali-realisasi-operasionalisasi.xlsx": FileMeta("rfk", BALI, 2026, periode="2026-01"),
}


@functools.cache
def read(name: str):
    """A workbook as read (once: the recap alone is 70 sheets)."""
    return SOURCE.read(DATA / name, FILES[name])


def table(parsed, name: str):
    return next(more for more in parsed.more if more.table == name)


def records(rows, columns) -> list[dict]:
    return [dict(zip(("sheet", "row_number", *columns), row)) for row in rows]


def rows_landed(parsed) -> Counter:
    landed = Counter(row[0] for row in parsed.rows)
    for more in parsed.more:
        if more.counted:
            landed.update(row[0] for row in more.rows)
    return landed


def entries(parsed) -> list[dict]:
    other = table(parsed, "raw.rfk_baris_lain")
    return records(other.rows, other.columns)


@pytest.mark.parametrize("name", FILES)
def test_every_row_of_every_sheet_is_accounted_for(name):
    assert_every_row_accounted_for(DATA / name, read(name))


def assert_every_row_accounted_for(path: Path, parsed) -> list[dict]:
    """Each row of each sheet of the workbook landed, or skipped or rejected with its
    reason, once; or its sheet is one entry, not read. Returns the entries not landed."""
    landed, others = rows_landed(parsed), entries(parsed)
    for sheet in sheets_of(path):
        mine = [entry for entry in others if entry["sheet"] == sheet.name]
        assert landed[sheet.name] + sum(e["jumlah_baris"] for e in mine) == len(sheet.rows), \
            sheet.name
        # a sheet is read row by row, or not at all
        unread = [e for e in mine if e["status"] == accounting.NOT_READ]
        assert not unread or (len(mine) == 1 and not landed[sheet.name]), sheet.name
        # each row once
        numbers = [e["row_number"] for e in mine if e["row_number"] is not None]
        assert len(numbers) == len(set(numbers)), sheet.name
    assert parsed.rows_loaded == sum(landed.values())
    assert parsed.rows_skipped == sum(e["jumlah_baris"] for e in others
                                      if e["status"] != accounting.NOT_READ)
    return others


@functools.cache
def recap_sheets() -> list[FormSheet]:
    found = form_sheets(sheets_of(DATA / "banjarmasin-laporan_rfk.xlsx"))
    return [sheet for sheet in found if isinstance(sheet, FormSheet)
            and sheet.layout == "form_rfk" and sheet.recap and sheet.month.month == 12]


def test_the_recap_lands_a_sheet_per_opd_and_camat_under_its_title():
    parsed = read("banjarmasin-laporan_rfk.xlsx")
    rekap = table(parsed, "raw.rfk_rekap")
    lines = records(rekap.rows, rekap.columns)
    assert parsed.rows == [] and parsed.file_columns["kode_opd"] is None
    assert SOURCE.supersede_key(FILES["banjarmasin-laporan_rfk.xlsx"], parsed) == \
        "rfk|63.71|rekap|2023-12"
    assert len(lines) == 2312
    by_sheet = Counter(line["sheet"] for line in lines)
    assert len(by_sheet) == 41  # 40 OPD and Camat sheets with lines, and 'pagu'
    assert by_sheet["2 Dinkes"] == 80 and by_sheet["39 Kec Bjm Selatan"] == 230
    # The sheet '1 Disdik' has its 93 rows numbered but no name or figure in any.
    assert "1 Disdik" not in by_sheet
    assert Counter(e["alasan"] for e in entries(parsed) if e["sheet"] == "1 Disdik")[
        accounting.UNFILLED] == 92
    # 'pagu' is titled as the RSUD's sheet and has one line, named PAGU: it lands as
    # written, and matches no sub kegiatan.
    assert [(line["nama_opd"], line["nama_sub_kegiatan"]) for line in lines
            if line["sheet"] == "pagu"] == [
        ("RUMAH SAKIT UMUM DAERAH SULTAN SURIANSYAH", "PAGU")]
    [first] = [line for line in lines if (line["sheet"], line["row_number"]) == ("2 Dinkes", 12)]
    assert first == {
        "sheet": "2 Dinkes", "row_number": 12, "periode": date(2023, 12, 1),
        "nama_opd": "DINAS KESEHATAN", "nomor": "1",
        "nama_sub_kegiatan": "Penyusunan Dokumen Perencanaan Perangkat Daerah",
        "pagu": Decimal("9999800.00"), "rak": Decimal("9999800.00"),
        "rencana_keuangan_ttb": Decimal("0.006748"), "realisasi_keuangan": Decimal("5805750.00"),
        "realisasi_keuangan_ttb": Decimal("0.003918"), "sisa_anggaran": Decimal("4194050.00"),
        "rencana_fisik": Decimal("100.00"), "rencana_fisik_ttb": Decimal("0.006748"),
        "realisasi_fisik": Decimal("58.06"), "realisasi_fisik_ttb": Decimal("0.003918"),
        "satuan_uang": "rupiah"}
    # Other months' sheets and the pemda's summaries are not landed, and say so.
    unread = {e["sheet"]: e["alasan"] for e in entries(parsed)
              if e["status"] == accounting.NOT_READ}
    assert unread["Permasalahan September"].startswith("sheet bulan lain")
    assert unread["Cetak (1)"].startswith("ringkasan tingkat pemda")
    assert unread["TPP Ass 1"].startswith("judul kolom FORM-RFK")


MONEY_AND_WEIGHTED = (*form_rfk.MONEY, *form_rfk.WEIGHTED)


def test_each_recap_sheet_adds_up_to_its_total_row():
    """Money to the Rupiah, TTB within its rounding to six decimals; the one exception is
    the workbook's own: the TOTAL of BPBD's KEUANGAN RENCANA leaves out its last line."""
    sheets = recap_sheets()
    assert len(sheets) == 42  # 41 OPD and Camat sheets, and 'pagu'
    for sheet in sheets:
        read_ = form_rfk.read_sheet(sheet.name, sheet.sheet.rows, sheet.header, set(),
                                    date(2023, 12, 1), accounting.Accounting())
        for name in MONEY_AND_WEIGHTED:
            # '1 Disdik' has no line, and its TOTAL no TTB
            total = read_.totals[name] or Decimal(0)
            summed = sum((line.figures[name] or 0 for line in read_.lines), Decimal(0))
            if name in form_rfk.MONEY:
                if (sheet.name, name) == ("33 BPBD", "rak"):
                    [last] = [line for line in read_.lines if line.row_number == 44]
                    assert summed - total == last.figures["rak"] == Decimal("22000000")
                    continue
                assert summed == total, (sheet.name, name)
            else:
                assert abs(summed - total) <= Decimal("0.000001") * len(read_.lines), \
                    (sheet.name, name)


def test_the_permasalahan_sheet_lands_every_problem_under_its_unit():
    """The Permasalahan sheet's 221 rows: 172 problems, the OPDs that wrote '-', the
    kegiatan written as headings, the legend of codes, titles and blanks."""
    parsed = read("banjarmasin-laporan_rfk.xlsx")
    problems = table(parsed, "raw.rfk_permasalahan")
    rows = [row for row in records(problems.rows, problems.columns)
            if row["sheet"] == "Permasalahan"]
    mine = [e for e in entries(parsed) if e["sheet"] == "Permasalahan"]
    assert len(rows) + len(mine) == 221
    assert len(rows) == 172
    assert Counter(e["alasan"] for e in mine) == {
        accounting.NO_PROBLEM: 23, accounting.LEGEND: 13, accounting.TITLE: 4,
        accounting.NO_PROBLEM_TEXT: 4, accounting.EMPTY: 3, accounting.HEADER: 1,
        accounting.NUMBERING: 1}
    assert all(row["unit_kerja"] and row["periode"] == date(2023, 12, 1) for row in rows)
    by_row = {row["row_number"]: row for row in rows}
    assert by_row[9]["unit_kerja"] == "Dinas Pendidikan"  # carried down its block
    assert by_row[9]["uraian_kegiatan"] == "Fasilitasi Kunjungan Tamu"
    # Row 74 continues row 73: no uraian of its own.
    assert by_row[74]["lanjutan"] and not by_row[73]["lanjutan"]
    assert by_row[74]["uraian_kegiatan"] == by_row[73]["uraian_kegiatan"]
    assert by_row[74]["unit_kerja"] == "Dinas Perumahan Rakyat dan Kawasan Permukiman"
    # A remedy without a problem of its own (Dishub's list of accounts) is landed too.
    assert by_row[106]["permasalahan"] is None and by_row[106]["pihak_diharapkan"] == "BPKPAD"
    # 18 of the 41 OPDs and Camat name problems; the other 23 wrote '-'
    assert len({row["unit_kerja"] for row in rows}) == 18


def test_an_opd_form_for_one_sub_kegiatan_lands_its_accounts():
    """februari.xlsx: Dinas Pendidikan's FORM-RFK of August 2022 (its KONDISI label),
    lines named but not coded, for the kegiatan its label names, and its FORM-M."""
    parsed = read("banjarmasin-februari.xlsx")
    lines = records(parsed.rows, parsed.columns)
    scope = ("PENYEDIA JASA PENUNJANG URUSAN PEMERINTAH DAERAH ( PENYEDIA JASA PELAYANAN "
             "UMUM KANTOR )")
    assert SOURCE.supersede_key(FILES["banjarmasin-februari.xlsx"], parsed) == \
        f"rfk|63.71|{DISDIK}|2022-08|{scope}"
    assert [line["row_number"] for line in lines] == list(range(13, 21))
    assert {(line["layout"], line["tingkat"], line["lingkup"], line["nama_kegiatan"],
             line["nama_opd"], line["nama_sub_kegiatan"], line["periode"]) for line in lines} \
        == {("form_rfk", "rekening", scope, scope, "DINAS PENDIDIKAN KOTA BANJARMASIN", None,
             date(2022, 8, 1))}
    assert lines[1]["nama_rekening"] == "Belanja Jasa Tenaga Pelayanan Umum"
    # as the Jumlah row of the sheet says
    assert sum(line["pagu"] for line in lines) == Decimal("1031705160")
    assert sum(line["rak"] for line in lines) == Decimal("79200000")
    assert sum(line["realisasi_keuangan"] for line in lines) == Decimal("79200000")
    assert sum(line["sisa_anggaran"] for line in lines) == Decimal("952505160")
    assert lines[1]["realisasi_fisik"] == Decimal("8.33")
    assert lines[1]["realisasi_fisik_ttb"] == Decimal("3.140432")
    problems = table(parsed, "raw.rfk_permasalahan")
    assert [(row["row_number"], row["nomor"], row["uraian_kegiatan"], row["pihak_diharapkan"])
            for row in records(problems.rows, problems.columns)] == [
        (11, "1", "Belanja Alat Tulis Kantor (ATK)", "Rekanan / Pihak ke-3"),
        (13, "2.", "Belanja Makan dan Minuman Harian Pegawai", "Rekanan / Pihak ke-3")]
    assert problems.file_columns["kode_opd"] == DISDIK


def test_a_form_with_no_figures_lands_no_row_and_says_why():
    """januari.xlsx is the form before it is filled: its 72 numbered lines have a name
    and figures of 0 from formulas over an empty INPUT sheet."""
    parsed = read("banjarmasin-januari.xlsx")
    assert parsed.rows == [] and parsed.rows_loaded == 0
    assert parsed.months == ["2023-02"]  # KONDISI S/D TGL. : 28 Februari 2023
    rfk = Counter(e["alasan"] for e in entries(parsed) if e["sheet"] == "RFK")
    assert rfk[accounting.UNFILLED] == 72 and rfk[accounting.SUBTOTAL] == 1


def test_the_bali_monthly_sheet_lands_its_accounts_as_typed():
    parsed = read("bali-realisasi-operasionalisasi.xlsx")
    lines = records(parsed.rows, parsed.columns)
    # the OPD and kegiatan from the DPA sheet's labels
    assert parsed.file_columns["kode_opd"] == "2.16.2.20.2.21.02.0000"
    assert {(line["sheet"], line["layout"], line["tingkat"], line["kode_kegiatan"])
            for line in lines} == {("Jan", "bali", "rekening", "2.21.02.1.02")}
    assert [line["kode_rekening"] for line in lines] == [
        "5.1.02.01.01.0024", "5.1.02.01.01.0025", "5.1.02.01.01.0026", "5.1.02.01.01.0027",
        "5.1.02.04.01.0001", "5.2.02.05.001.00005", "5.2.02.05.002.000\n06"]
    assert all(line["realisasi_keuangan"] is None and line["realisasi_fisik"] is None
               for line in lines)  # the month sheets are made in advance, not filled in
    jan = next(s for s in form_sheets(sheets_of(DATA / "bali-realisasi-operasionalisasi.xlsx"))
               if isinstance(s, FormSheet) and s.name == "Jan")
    sheet = bali.read_sheet("Jan", jan.sheet.rows, jan.header, set(), date(2026, 1, 1),
                            accounting.Accounting())
    assert sum(line["pagu"] for line in lines) == sheet.parents["5"]["pagu"] == \
        Decimal("94371800")
    reasons = Counter(e["alasan"] for e in entries(parsed) if e["sheet"] == "Jan")
    assert reasons[accounting.DETAIL] == 13 and reasons[accounting.PARENT_ACCOUNT] == 11
    # Under account 5.2.02.05.001.00005 a detail line with its figures but no text: it
    # cannot be told what it is, and is refused, naming why.
    assert [(e["row_number"], e["alasan"]) for e in entries(parsed)
            if e["status"] == accounting.REJECTED] == [
        (50, "angka tanpa uraian / figures without a name")]
    unread = {e["sheet"]: e["alasan"] for e in entries(parsed)
              if e["status"] == accounting.NOT_READ}
    assert unread["DPA"].startswith("dibaca label ORGANISASI")
    # 'Agustus' says TAHUN 2017 in its stale title: its name and the metadata tell.
    assert unread["Agustus"].endswith("(Agustus 2026)")


def test_a_bali_workbook_without_a_month_needs_a_filled_month_sheet():
    with pytest.raises(SourceFileError, match="no month sheet has any realization"):
        SOURCE.read(DATA / "bali-realisasi-operasionalisasi.xlsx", FileMeta("rfk", BALI, 2026))


def test_the_recap_without_a_month_names_its_sheets_of_other_years():
    with pytest.raises(SourceFileError, match="several years"):
        SOURCE.read(DATA / "banjarmasin-laporan_rfk.xlsx", FileMeta("rfk", BANJARMASIN))
