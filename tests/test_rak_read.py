"""The Anggaran Kas (RAK) reader on workbooks written by hand: layouts, shape, rejections."""

from decimal import Decimal

import pytest

from pipelines.inbox import FileMeta
from pipelines.sources.errors import SourceFileError
from pipelines.sources.rak import SOURCE
from pipelines.sources.rak.read import TITLES
from pipelines.sources.spreadsheet import fold_title
from tests.workbooks_rak import (
    FIRST_MONTH_COLUMN,
    MONTH_TITLES,
    RAK_TITLE_ROWS,
    RAK_TITLES,
    REKENING,
    SKPD,
    SUB_KEGIATAN,
    SUB_UNIT,
    rak_line,
    rak_subtotal,
    write_rak,
)

PEMDA = "99.01"
META = FileMeta("rak", PEMDA, 2025)
MONTHS_A = (0, 0, 1_500_000, 2_000_000, 2_000_000, 2_000_000, 1_000_000, 1_000_000,
            500_000, 500_000, 250_000, "1.250.000,50")  # Rp 12,000,000.50 in all
NILAI_A = [Decimal(m) for m in MONTHS_A[:11]] + [Decimal("1250000.50")]
PAGU_A = Decimal("12000000.50")
MONTHS_B = (1_000_000.25,) * 12  # Rp 12,000,003.00


def records(parsed):
    return [dict(zip(("sheet", "row_number", *parsed.columns), row)) for row in parsed.rows]


def by_line(parsed):
    lines: dict[int, list[dict]] = {}
    for record in records(parsed):
        lines.setdefault(record["row_number"], []).append(record)
    return lines


def test_lands_each_line_as_twelve_monthly_rows_with_exact_money_and_text_codes(tmp_path):
    path = write_rak(tmp_path / "rak-2025.xlsx", [
        rak_line(MONTHS_A, pagu="12.000.000,50"),
        rak_line(MONTHS_B, rekening="5.1.02.01.01.0026", sub_kegiatan="1.10.02.2.01.0001"),
    ])
    parsed = SOURCE.read(path, META)

    lines = by_line(parsed)
    assert list(lines) == [6, 7]  # 4 title rows, the header on row 5
    assert len(parsed.rows) == 24
    for rows in lines.values():
        assert [r["bulan"] for r in rows] == list(range(1, 13))
        assert {r["sheet"] for r in rows} == {"Sheet 1"}
    first, second = lines[6], lines[7]
    assert {r["pagu"] for r in first} == {PAGU_A}
    assert [r["nilai"] for r in first] == NILAI_A
    assert sum(r["nilai"] for r in first) == PAGU_A
    assert {r["pagu"] for r in second} == {Decimal("12000003.00")}
    assert {r["nilai"] for r in second} == {Decimal("1000000.25")}
    # Codes as text, exactly: "1.10" would read back as 1.1 through a float.
    assert (first[0]["kode_skpd"], first[0]["kode_sub_unit"], first[0]["kode_sub_kegiatan"],
            first[0]["kode_rekening"]) == (SKPD, SUB_UNIT, SUB_KEGIATAN, REKENING)
    assert second[0]["kode_sub_kegiatan"] == "1.10.02.2.01.0001"
    assert (first[0]["nama_skpd"], first[0]["nama_rekening"]) == (
        "Dinas Kesehatan", "Belanja Alat Tulis Kantor")
    assert parsed.tahun == 2025
    assert parsed.file_columns == {"kode_pemda": PEMDA, "tahun": 2025, "versi": None}
    assert parsed.rows_skipped == 0 and parsed.notes == []


def test_the_amount_reported_is_the_plan_total_not_twelve_pagu(tmp_path):
    path = write_rak(tmp_path / "rak.xlsx", [rak_line(MONTHS_A, pagu=PAGU_A),
                                            rak_line(MONTHS_B)])
    parsed = SOURCE.read(path, META)
    position = 2 + parsed.columns.index(SOURCE.amount_column)
    assert sum(row[position] for row in parsed.rows) == PAGU_A + Decimal("12000003.00")
    assert SOURCE.raw_table == "raw.rak_anggaran_kas"


def test_supersede_key_is_the_year_and_the_budget_version_when_named(tmp_path):
    path = write_rak(tmp_path / "rak.xlsx", [rak_line()])
    plain = FileMeta("rak", PEMDA)
    versioned = FileMeta("rak", PEMDA, 2025, versi="pergeseran_1")
    assert SOURCE.supersede_key(plain, SOURCE.read(path, plain)) == f"rak|{PEMDA}|2025|-"
    parsed = SOURCE.read(path, versioned)
    assert parsed.file_columns["versi"] == "pergeseran_1"
    assert SOURCE.supersede_key(versioned, parsed) == f"rak|{PEMDA}|2025|pergeseran_1"


def test_months_that_do_not_sum_to_pagu_land_as_read_with_a_note(tmp_path):
    path = write_rak(tmp_path / "rak.xlsx", [
        rak_line(pagu=1_300_000),  # months make 1,200,000
        rak_line((None,) * 11 + ("-",), pagu=0),  # empty months land empty; a dash is zero
    ])
    parsed = SOURCE.read(path, META)
    lines = by_line(parsed)
    assert {r["pagu"] for r in lines[6]} == {Decimal("1300000.00")}
    assert sum(r["nilai"] for r in lines[6]) == Decimal("1200000.00")
    assert [r["nilai"] for r in lines[7]] == [None] * 11 + [Decimal("0.00")]
    assert parsed.notes == ["sheet 'Sheet 1': 1 baris rekening dengan jumlah Januari-Desember "
                            "tidak sama dengan PAGU, dimuat apa adanya / lines whose months "
                            "do not sum to PAGU, landed as read"]


def test_subtotal_title_and_empty_rows_are_skipped_and_counted(tmp_path):
    months = (100_000,) * 12
    doubled = (200_000,) * 12
    path = write_rak(tmp_path / "rak.xlsx", [
        rak_line(months),
        rak_line(months, rekening="5.1.02.01.01.0026"),
        rak_subtotal("Belanja Barang dan Jasa", 2_400_000, doubled, skpd=SKPD,
                     sub_kegiatan=SUB_KEGIATAN, rekening="5.1.02"),
        rak_subtotal("Jumlah Sub Kegiatan", 2_400_000, doubled, skpd=SKPD,
                     sub_kegiatan=SUB_KEGIATAN),
        [],
        ["TOTAL", None, None, None, None, None, None, 2_400_000, *doubled],
        [None, "JUMLAH", None, None, None, "JUMLAH", None, 2_400_000],
        [],
        [None, "Kepala BPKAD"],  # the signature block under the report
    ])
    parsed = SOURCE.read(path, META)
    assert list(by_line(parsed)) == [6, 7]
    assert sum(r["nilai"] for r in records(parsed)) == Decimal("2400000.00")
    assert parsed.rows_skipped == 7
    assert parsed.notes == ["sheet 'Sheet 1': baris dilewati / rows skipped: 4 subtotal, "
                            "2 kosong / empty, 1 judul / title"]


@pytest.mark.parametrize("month_titles", [
    [f"BULAN {month}" for month in range(1, 13)],
    [f"Bulan {month:02d}" for month in range(1, 13)],
    ["JAN", "FEB", "MAR", "APR", "MEI", "JUN", "JUL", "AGT", "SEP", "OKT", "NOV", "DES"],
    ["Januari", "Pebruari", "Maret", "April", "Mei", "Juni", "Juli", "Ags", "Sept",
     "Oktober", "Nopember", "Desember"],
])
def test_month_title_variants(tmp_path, month_titles):
    titles = [*RAK_TITLES[:FIRST_MONTH_COLUMN], *month_titles]
    path = write_rak(tmp_path / "rak.xlsx", [rak_line(MONTHS_A, pagu=PAGU_A)], titles=titles)
    rows = records(SOURCE.read(path, META))
    assert [r["nilai"] for r in rows] == NILAI_A


def test_titles_folded_columns_in_any_order_and_year_from_metadata_alone(tmp_path):
    titles = ["Kode\nSKPD", "Nama  OPD", "KODE SUB SKPD", "kode sub kegiatan",
              "NAMA SUB KEGIATAN", "Kode Akun", "Uraian Rekening", "Pagu Anggaran",
              *MONTH_TITLES]
    reversed_order = list(reversed(range(len(titles))))
    path = write_rak(tmp_path / "rak.xlsx", [rak_line(MONTHS_B)], titles=titles,
                     title_rows=[], column_order=reversed_order)
    parsed = SOURCE.read(path, META)
    rows = records(parsed)
    assert [r["row_number"] for r in rows] == [2] * 12
    assert [r["bulan"] for r in rows] == list(range(1, 13))
    assert {r["nilai"] for r in rows} == {Decimal("1000000.25")}
    assert (rows[0]["kode_skpd"], rows[0]["kode_sub_unit"], rows[0]["kode_rekening"]) == (
        SKPD, SUB_UNIT, REKENING)
    assert parsed.tahun == 2025


def test_year_from_title_row_when_metadata_is_silent(tmp_path):
    title_rows = [["LAPORAN ANGGARAN KAS"], ["PEMERINTAH KABUPATEN CONTOH"],
                  ["TAHUN ANGGARAN", ": 2026"]]
    path = write_rak(tmp_path / "rak.xlsx", [rak_line()], title_rows=title_rows)
    parsed = SOURCE.read(path, FileMeta("rak", PEMDA))
    assert parsed.tahun == 2026 and parsed.file_columns["tahun"] == 2026


def test_every_sheet_with_the_header_lands_and_other_sheets_are_noted(tmp_path):
    second_sheet = [*RAK_TITLE_ROWS, RAK_TITLES,
                    rak_line(rekening="5.2.02.05.01.0001", sub_kegiatan="1.02.02.2.02.0003")]
    path = write_rak(tmp_path / "rak.xlsx", [rak_line()], more_sheets={
        "Dinas Pendidikan": second_sheet, "Kosong": [], "Catatan": [["dibuat oleh BPKAD"]]})
    parsed = SOURCE.read(path, META)
    assert {(r["sheet"], r["row_number"]) for r in records(parsed)} == {
        ("Sheet 1", 6), ("Dinas Pendidikan", 6)}
    assert len(parsed.rows) == 24
    assert parsed.notes == ["sheet 'Catatan': kolom tidak ditemukan / columns not found: "
                            + ", ".join(TITLES[name][0] for name in (
                                "kode_skpd", "kode_sub_kegiatan", "kode_rekening", "pagu"))
                            + ", " + ", ".join(MONTH_TITLES) + "; tidak dimuat / not landed"]


def test_every_title_in_the_default_layout_is_a_variant():
    known = {fold_title(t) for variants in TITLES.values() for t in variants}
    assert {fold_title(t) for t in RAK_TITLES} <= known


# --- Rejections ------------------------------------------------------------------------


def reject(path, meta=META) -> str:
    with pytest.raises(SourceFileError) as caught:
        SOURCE.read(path, meta)
    return str(caught.value)


@pytest.mark.parametrize(("line", "column"), [
    (rak_line(pagu="dua belas juta"), "'PAGU' (H)"),
    (rak_line((100_000,) * 2 + ("seratus ribu",) + (100_000,) * 9), "'MARET' (K)"),
    (rak_line((100_000,) * 11 + (True,)), "'DESEMBER' (T)"),
])
def test_text_in_a_money_cell_names_file_sheet_row_and_column(tmp_path, line, column):
    message = reject(write_rak(tmp_path / "rak-teks.xlsx", [rak_line(), line]))
    assert message.startswith("rak-teks.xlsx, sheet 'Sheet 1', baris/row 7: ")
    assert f"kolom/column {column}: bukan angka / not a number" in message


def test_an_amount_too_large_for_the_raw_table_is_rejected_with_its_row(tmp_path):
    message = reject(write_rak(tmp_path / "rak.xlsx", [rak_line(pagu="1e19")]))
    assert "baris/row 6" in message and "terlalu besar / too large" in message


def test_missing_month_columns_are_named(tmp_path):
    quarterly = [*RAK_TITLES[:FIRST_MONTH_COLUMN], "TRIWULAN I", "TRIWULAN II",
                 "TRIWULAN III", "TRIWULAN IV"]
    message = reject(write_rak(tmp_path / "rak.xlsx", [rak_line()], titles=quarterly))
    assert "bukan ekspor Anggaran Kas SIPD-RI / not a SIPD-RI Anggaran Kas export" in message
    assert "columns not found: " + ", ".join(MONTH_TITLES) in message


def test_a_header_without_account_lines_is_rejected(tmp_path):
    message = reject(write_rak(tmp_path / "rak.xlsx", [
        rak_subtotal("TOTAL", 1_200_000, (100_000,) * 12)]))
    assert "sheet 'Sheet 1'" in message and "no account lines under the header" in message


def test_an_account_line_without_its_sub_kegiatan_is_rejected(tmp_path):
    message = reject(write_rak(tmp_path / "rak.xlsx", [rak_line(), rak_line(sub_kegiatan=None)]))
    assert "baris/row 7" in message
    assert "KODE SUB KEGIATAN kosong pada baris rekening (sel gabungan?)" in message


def test_year_in_title_must_agree_with_metadata(tmp_path):
    message = reject(write_rak(tmp_path / "rak.xlsx", [rak_line()]),
                     FileMeta("rak", PEMDA, 2024))
    assert "TAHUN ANGGARAN di file 2025 tidak sama dengan metadata 2024" in message


def test_year_unknown_without_title_row_or_metadata(tmp_path):
    message = reject(write_rak(tmp_path / "rak.xlsx", [rak_line()], title_rows=[]),
                     FileMeta("rak", PEMDA))
    assert "tahun tidak diketahui / year unknown" in message


def test_sheets_of_different_years_are_rejected(tmp_path):
    other_year = [["TAHUN ANGGARAN 2024"], RAK_TITLES, rak_line()]
    message = reject(write_rak(tmp_path / "rak.xlsx", [rak_line()],
                               more_sheets={"2024": other_year}), FileMeta("rak", PEMDA))
    assert "lebih dari satu TAHUN ANGGARAN / several years: [2024, 2025]" in message


def test_not_a_spreadsheet_and_empty_files_are_rejected(tmp_path):
    not_xlsx = tmp_path / "rak.xlsx"
    not_xlsx.write_bytes(b"PK\x03\x04 this is not really a zip")
    assert "rak.xlsx: " in reject(not_xlsx)
    empty = tmp_path / "kosong.xlsx"
    empty.write_bytes(b"")
    assert "file kosong (0 byte) / empty file" in reject(empty)
    blank = write_rak(tmp_path / "tanpa-isi.xlsx", [], titles=[], title_rows=[])
    assert "workbook kosong / empty workbook" in reject(blank)
