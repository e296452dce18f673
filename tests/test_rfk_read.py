"""The RFK reader on workbooks written by hand: the template, hand-made layouts, rejections."""

from datetime import date
from decimal import Decimal

import pytest

from pipelines.inbox import FileMeta
from pipelines.sources.errors import SourceFileError
from pipelines.sources.rfk import SOURCE
from pipelines.sources.rfk.read import (
    TITLES,
    month_in_titles,
    month_of_sheet,
    parse_percent,
    title_key,
)
from pipelines.sources.spreadsheet import fold_title
from tests.workbooks import budget_row, write_rekap5
from tests.workbooks_rfk import (
    SKPD,
    SUB_KEGIATAN,
    TEMPLATE_TITLE_ROWS,
    TEMPLATE_TITLES,
    Label,
    item,
    template_row,
    write_handmade,
    write_template,
)

PEMDA = "81.04"
MARCH = FileMeta("rfk", PEMDA, 2025, periode="2025-03", kode_opd=SKPD)
NO_MONTH = FileMeta("rfk", PEMDA, 2025, kode_opd=SKPD)


def records(parsed):
    return [dict(zip(("sheet", "row_number", *parsed.columns), row)) for row in parsed.rows]


def hand_made_body(keuangan=20_000_000):
    """Two funding-source blocks with subtotals, a kegiatan row, a row without a code."""
    return [
        Label("SUMBER DANA: DAU"),
        item(SUB_KEGIATAN, keuangan=keuangan, fisik=25, no=1),
        item("1.02.02.2.01.0002", pagu=50_000_000, keuangan="12.500.000,50", fisik="45,5",
             target_fisik="50,5", masalah="Lelang ulang", tindak="Jadwal ulang tender", no=2),
        Label("JUMLAH DAU", 150_000_000, keuangan + Decimal("12500000.50")),
        Label("SUMBER DANA: DAK FISIK"),
        item("1.02.02.2.01", nama="Penyediaan Fasilitas Kesehatan", keuangan=5_000_000),
        item(None, pagu=10_000_000, keuangan=5_000_000, fisik=120,
             nama="Belanja tanpa kode"),
        Label("SUB TOTAL DAK FISIK", 10_000_000, 5_000_000),
        Label("TOTAL", 160_000_000, keuangan + Decimal("17500000.50")),
        [],
        [None, None, None, None, None, None, None, "Ambon, 5 April 2025", None, None],
    ]


def test_template_lands_codes_as_text_money_exact_and_percent_as_written(tmp_path):
    path = write_template(tmp_path / "rfk.xlsx", [
        template_row(pagu=100_000_000, keuangan=20_000_000, fisik=30, rak=25),
        template_row("1.02.02.2.01.0002", pagu="2.500.000,50", keuangan=1_000_000.25,
                     fisik="45,5", rak="40%", masalah="Cuaca", tindak="Tambah pekerja",
                     catatan="Lengkapi foto"),
        template_row("1.10.02.2.01.0001", keuangan="-", fisik=120),  # over 100 stays 120
    ])
    parsed = SOURCE.read(path, MARCH)
    rows = records(parsed)
    assert len(rows) == 3 and parsed.rows_skipped == 0
    assert [r["row_number"] for r in rows] == [6, 7, 8]  # 4 title rows, header on row 5
    assert [r["kode_sub_kegiatan"] for r in rows] == [
        SUB_KEGIATAN, "1.02.02.2.01.0002", "1.10.02.2.01.0001"]
    assert [r["realisasi_fisik"] for r in rows] == [Decimal("30.00"), Decimal("45.50"),
                                                    Decimal("120.00")]
    assert {r["rencana_fisik"] for r in rows} == {None}  # no plan column: no plan
    assert [r["rak"] for r in rows] == [Decimal("25.00"), Decimal("40.00"), Decimal("25.00")]
    assert {r["rak_satuan"] for r in rows} == {"persen"}
    assert rows[1]["pagu"] == Decimal("2500000.50")
    assert sum(r["realisasi_keuangan"] for r in rows) == Decimal("21000000.25")
    assert (rows[1]["permasalahan"], rows[1]["tindak_lanjut"],
            rows[1]["catatan_verifikator"]) == ("Cuaca", "Tambah pekerja", "Lengkapi foto")
    assert {r["periode"] for r in rows} == {date(2025, 3, 1)}
    assert parsed.file_columns == {"kode_pemda": PEMDA, "kode_opd": SKPD, "tahun": 2025}
    assert SOURCE.supersede_key(MARCH, parsed) == f"rfk|{PEMDA}|{SKPD}|2025-03"


def test_template_month_and_opd_come_from_title_rows_when_metadata_is_silent(tmp_path):
    path = write_template(tmp_path / "rfk.xlsx", [template_row()])
    parsed = SOURCE.read(path, FileMeta("rfk", PEMDA))
    assert parsed.file_columns["kode_opd"] == SKPD
    assert parsed.tahun == 2025 and records(parsed)[0]["periode"] == date(2025, 3, 1)


def test_hand_made_two_row_header_blocks_and_subtotals(tmp_path):
    path = write_handmade(tmp_path / "rfk.xlsx", {"Maret": hand_made_body()})
    parsed = SOURCE.read(path, MARCH)
    rows = records(parsed)
    # Header on rows 5-6, column numbers on 7, the first block on 8.
    assert [r["row_number"] for r in rows] == [9, 10, 14]
    assert [r["sumber_dana"] for r in rows] == ["DAU", "DAU", "DAK FISIK"]
    # "TARGET" over "KEUANGAN (Rp)" is the cash plan; "REALISASI" over them is the report.
    assert {(r["rak"], r["rak_satuan"]) for r in rows} == {(Decimal("30000000.00"), "rupiah")}
    assert [r["realisasi_fisik"] for r in rows] == [Decimal("25.00"), Decimal("45.50"),
                                                    Decimal("120.00")]
    # "TARGET" over "FISIK (%)" is the physical plan
    assert [r["rencana_fisik"] for r in rows] == [Decimal("30.00"), Decimal("50.50"),
                                                  Decimal("30.00")]
    assert sum(r["realisasi_keuangan"] for r in rows) == Decimal("37500000.50")
    assert sum(r["pagu"] for r in rows) == Decimal("160000000.00")
    # A row with figures and no code is data, landed for the checks to flag.
    assert (rows[2]["kode_sub_kegiatan"], rows[2]["nama_sub_kegiatan"]) == (
        None, "Belanja tanpa kode")
    assert rows[1]["permasalahan"] == "Lelang ulang"
    # column numbers, 2 blocks, JUMLAH, SUB TOTAL, TOTAL, kegiatan, empty, signature
    assert parsed.rows_skipped == 9
    note = next(n for n in parsed.notes if "dilewati" in n)
    for part in ("3 subtotal", "2 blok sumber dana", "1 penomoran kolom",
                 "1 program/kegiatan", "1 kosong", "1 judul"):
        assert part in note
    assert parsed.file_columns["kode_opd"] == SKPD  # "SKPD" | ": 1.02... - Dinas" title


def test_month_sheet_chosen_by_metadata_month(tmp_path):
    path = write_handmade(tmp_path / "rfk.xlsx", {
        "Petunjuk": None,
        "JANUARI": hand_made_body(keuangan=1_000_000),
        "Feb 2025": hand_made_body(keuangan=2_000_000),
        "03": hand_made_body(keuangan=3_000_000),
        "April": [],
    })
    for periode, sheet, first in (("2025-02", "Feb 2025", 2_000_000), ("2025-03", "03", 3_000_000)):
        meta = FileMeta("rfk", PEMDA, 2025, periode=periode, kode_opd=SKPD)
        rows = records(SOURCE.read(path, meta))
        assert {r["sheet"] for r in rows} == {sheet}
        assert rows[0]["realisasi_keuangan"] == Decimal(first)
        assert {r["periode"] for r in rows} == {date(2025, int(periode[-2:]), 1)}


def test_without_metadata_month_every_filled_month_sheet_lands_with_its_month(tmp_path):
    path = write_handmade(tmp_path / "rfk.xlsx", {
        "JANUARI": hand_made_body(keuangan=1_000_000),
        "Feb 2025": hand_made_body(keuangan=2_000_000),
        "Maret": hand_made_body(keuangan=3_000_000),
        "April": [item(SUB_KEGIATAN, keuangan=None, fisik=None)],  # made ahead, not filled
        "Mei": [],
    })
    parsed = SOURCE.read(path, NO_MONTH)
    rows = records(parsed)
    by_sheet = {r["sheet"]: r["periode"] for r in rows}
    assert by_sheet == {"JANUARI": date(2025, 1, 1), "Feb 2025": date(2025, 2, 1),
                        "Maret": date(2025, 3, 1)}
    assert len(rows) == 9 and parsed.rows_skipped == 27
    assert any("'April'" in n and "belum diisi" in n for n in parsed.notes)
    # The whole-year workbook: its next upload replaces it.
    assert SOURCE.supersede_key(NO_MONTH, parsed) == f"rfk|{PEMDA}|{SKPD}|2025"


def test_percent_formatted_fraction_is_the_percentage_shown(tmp_path):
    body = [item(SUB_KEGIATAN, target_fisik=0.3, fisik=0.455),
            item("1.02.02.2.01.0002", target_fisik=0.3, fisik=1.2)]
    path = write_handmade(tmp_path / "a.xlsx", {"Maret": body}, percent_format="0.0%")
    rows = records(SOURCE.read(path, MARCH))
    assert [r["realisasi_fisik"] for r in rows] == [Decimal("45.50"), Decimal("120.00")]
    assert [r["rencana_fisik"] for r in rows] == [Decimal("30.00"), Decimal("30.00")]
    # A quoted % in the format is a literal sign: the number is the percentage itself.
    body = [item(SUB_KEGIATAN, fisik=45.5)]
    path = write_handmade(tmp_path / "b.xlsx", {"Maret": body}, percent_format='0.00"%"')
    assert records(SOURCE.read(path, MARCH))[0]["realisasi_fisik"] == Decimal("45.50")


@pytest.mark.parametrize("value, expected", [
    (45, "45.00"), ("45,5", "45.50"), ("45%", "45.00"), ("45,5 %", "45.50"), ("45.5", "45.50"),
    (0.455, "0.46"), (-3, "-3.00"), ("-", "0.00"), (None, None), ("", None),
])
def test_percent_as_written(value, expected):
    assert parse_percent(value) == (Decimal(expected) if expected else None)


@pytest.mark.parametrize("name, month", [
    ("JANUARI", (1, None)), ("Feb 2025", (2, 2025)), ("03", (3, None)), ("Maret", (3, None)),
    ("2025-04", (4, 2025)), ("AGT", (8, None)), ("Sheet 1", None), ("Jan-Mar", None),
    ("REKAP", None), ("13", None),
])
def test_month_sheet_names(name, month):
    found = month_of_sheet(name)
    assert (None if found is None else (found.month, found.year)) == month


@pytest.mark.parametrize("title, month", [
    ("BULAN: Maret 2025", (3, 2025)),
    ("PERIODE 1 JANUARI 2025 S.D. 31 MARET 2025", (3, 2025)),  # cumulative: the end counts
    ("Periode 01-01-2025 s.d. 31-03-2025", (3, 2025)),
    ("PERIODE: 2025-04", (4, 2025)),
    ("LAPORAN BULAN JUNI", (6, None)),
    ("isi realisasi sampai akhir bulan", None),
])
def test_month_in_title_rows(title, month):
    found = month_in_titles([["LAPORAN REALISASI"], [title]])
    assert (None if found is None else (found.month, found.year)) == month


def test_title_variants_are_written_in_normal_form():
    # The header's cells are normalised by title_key; a variant not in that form never matches.
    for variants in TITLES.values():
        for variant in variants:
            assert title_key(variant) == fold_title(variant), variant


# --- Rejections ------------------------------------------------------------------------


def test_missing_columns_are_named(tmp_path):
    titles = [t if t != "REALISASI FISIK (%)" else "PROGRES" for t in TEMPLATE_TITLES]
    path = write_template(tmp_path / "x.xlsx", [template_row()], titles=titles)
    with pytest.raises(SourceFileError) as error:
        SOURCE.read(path, MARCH)
    message = str(error.value)
    assert "bukan laporan RFK" in message and "REALISASI FISIK (%)" in message
    assert "REALISASI KEUANGAN" not in message


@pytest.mark.parametrize("column, value, title", [
    ("keuangan", "dua juta", "REALISASI KEUANGAN (Rp)"),
    ("pagu", "belum ada", "PAGU"),
    ("fisik", "selesai", "REALISASI FISIK (%)"),
])
def test_text_in_a_figure_names_file_sheet_and_row(tmp_path, column, value, title):
    path = write_template(tmp_path / "t.xlsx",
                          [template_row(), template_row("1.02.02.2.01.0002", **{column: value})])
    with pytest.raises(SourceFileError) as error:
        SOURCE.read(path, MARCH)
    message = str(error.value)
    assert "t.xlsx" in message and "sheet 'RFK'" in message and "row 7" in message
    assert title in message and value in message


def test_text_in_percent_cell_of_hand_made_sheet_names_row(tmp_path):
    body = [Label("SUMBER DANA: DAU"), item(SUB_KEGIATAN), item(SUB_KEGIATAN, fisik="50 persen")]
    path = write_handmade(tmp_path / "h.xlsx", {"Maret": body})
    with pytest.raises(SourceFileError, match=r"h.xlsx, sheet 'Maret', baris/row 10: "
                                              r"REALISASI FISIK \(%\)"):
        SOURCE.read(path, MARCH)


def test_missing_month_sheet_says_which_month_and_what_is_there(tmp_path):
    path = write_handmade(tmp_path / "m.xlsx", {"JANUARI": hand_made_body(),
                                                "Feb 2025": hand_made_body()})
    with pytest.raises(SourceFileError) as error:
        SOURCE.read(path, MARCH)
    message = str(error.value)
    assert "tidak ada sheet untuk bulan Maret 2025" in message
    assert "'JANUARI', 'Feb 2025'" in message


def test_two_sheets_for_one_month_are_rejected(tmp_path):
    path = write_handmade(tmp_path / "d.xlsx", {"Maret": hand_made_body(), "03": hand_made_body()})
    with pytest.raises(SourceFileError, match="lebih dari satu sheet untuk bulan Maret"):
        SOURCE.read(path, MARCH)


def test_empty_workbook_is_rejected(tmp_path):
    path = write_handmade(tmp_path / "e.xlsx", {"Sheet1": None, "Maret": None})
    with pytest.raises(SourceFileError, match="workbook kosong / empty workbook"):
        SOURCE.read(path, MARCH)


def test_header_without_data_is_rejected(tmp_path):
    path = write_template(tmp_path / "h.xlsx", [])
    with pytest.raises(SourceFileError, match="tidak ada baris data"):
        SOURCE.read(path, MARCH)


def test_budget_rekap5_is_not_an_rfk_report(tmp_path):
    path = write_rekap5(tmp_path / "rekap5.xlsx", [budget_row(1), budget_row(2)])
    with pytest.raises(SourceFileError) as error:
        SOURCE.read(path, MARCH)
    message = str(error.value)
    assert "bukan laporan RFK" in message
    assert "REALISASI KEUANGAN (Rp)" in message and "REALISASI FISIK (%)" in message


def test_opd_in_title_must_agree_with_metadata(tmp_path):
    path = write_template(tmp_path / "o.xlsx", [template_row()])
    other = FileMeta("rfk", PEMDA, 2025,
                     periode="2025-03", kode_opd="1.03.0.00.0.00.01.0000")
    with pytest.raises(SourceFileError, match="SKPD di judul .* tidak sama"):
        SOURCE.read(path, other)


def test_unknown_opd_or_month_is_rejected(tmp_path):
    untitled = write_template(tmp_path / "u.xlsx", [template_row()], title_rows=[])
    with pytest.raises(SourceFileError, match="kode OPD tidak diketahui"):
        SOURCE.read(untitled, FileMeta("rfk", PEMDA, 2025, periode="2025-03"))
    with pytest.raises(SourceFileError, match="bulan laporan tidak diketahui"):
        SOURCE.read(untitled, NO_MONTH)


def test_title_month_must_agree_with_metadata(tmp_path):
    path = write_template(tmp_path / "b.xlsx", [template_row()])  # title says Maret 2025
    april = FileMeta("rfk", PEMDA, 2025, periode="2025-04", kode_opd=SKPD)
    with pytest.raises(SourceFileError, match="bulan di judul"):
        SOURCE.read(path, april)


def test_bad_periode_in_metadata_is_rejected(tmp_path):
    path = write_template(tmp_path / "p.xlsx", [template_row()],
                          title_rows=TEMPLATE_TITLE_ROWS[:2])
    with pytest.raises(SourceFileError, match="harus YYYY-MM"):
        SOURCE.read(path, FileMeta("rfk", PEMDA, 2025, periode="Maret 2025"))
