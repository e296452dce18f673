"""The cash plan (RAK) reader on workbooks written by hand in the shapes SIPD-RI's tools
export: layouts, shape, rejections."""

from decimal import Decimal

import pytest

from pipelines.inbox import FileMeta
from pipelines.sources.errors import SourceFileError
from pipelines.sources.rak import SOURCE
from pipelines.sources.rak.read import TITLES
from tests.workbooks_rak import (
    FIRST_MONTH_COLUMN,
    MONTH_NAMES,
    MONTH_TITLES,
    QUARTER_TITLES,
    RAK_TITLE_ROWS,
    RAK_TITLES,
    REKENING,
    SKPD,
    SUB_KEGIATAN,
    SUB_UNIT,
    quarter_sums,
    rak_line,
    rak_subtotal,
    with_quarters,
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
        rak_line(MONTHS_A, pagu="12.000.000,50", total_rak="12.000.000,50", selisih="-"),
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
    assert {(r["pagu"], r["total_rak"], r["selisih"]) for r in first} == {
        (PAGU_A, PAGU_A, Decimal("0.00"))}
    assert [r["nilai"] for r in first] == NILAI_A
    assert sum(r["nilai"] for r in first) == PAGU_A
    assert {r["pagu"] for r in second} == {Decimal("12000003.00")}
    # No Nilai Realisasi nor TRIWULAN columns in this export
    assert {(r["nilai_realisasi"], r["triwulan"]) for r in first + second} == {(None, None)}
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


def test_months_that_do_not_sum_to_nilai_rincian_land_as_read_with_a_note(tmp_path):
    path = write_rak(tmp_path / "rak.xlsx", [
        rak_line(pagu=1_300_000),  # months make 1,200,000
        rak_line((None,) * 11 + ("-",), pagu=0),  # empty months land empty; a dash is zero
    ])
    parsed = SOURCE.read(path, META)
    lines = by_line(parsed)
    assert {r["pagu"] for r in lines[6]} == {Decimal("1300000.00")}
    assert sum(r["nilai"] for r in lines[6]) == Decimal("1200000.00")
    assert [r["nilai"] for r in lines[7]] == [None] * 11 + [Decimal("0.00")]
    assert parsed.notes == ["sheet 'Sheet 1': 1 baris rekening dengan jumlah Bulan 1-12 tidak "
                            "sama dengan Nilai Rincian, dimuat apa adanya / lines whose months "
                            "do not sum to Nilai Rincian, landed as read"]


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
        ["TOTAL", *[None] * (FIRST_MONTH_COLUMN - 2), 2_400_000, *doubled],
        [None, "JUMLAH", *[None] * 12, "JUMLAH", None, 2_400_000],
        [],
        [None, "Kepala BPKAD"],  # the signature block under the report
    ])
    parsed = SOURCE.read(path, META)
    assert list(by_line(parsed)) == [6, 7]
    assert sum(r["nilai"] for r in records(parsed)) == Decimal("2400000.00")
    assert parsed.rows_skipped == 7
    assert parsed.notes == ["sheet 'Sheet 1': baris dilewati / rows skipped: 4 subtotal, "
                            "2 kosong / empty, 1 judul / title"]


# --- The real shapes --------------------------------------------------------------------

MONTHS_C = (0, 0, 1_500_000, 2_000_000, 2_000_000, 2_000_000, 1_000_000, 1_000_000,
            500_000, 500_000, 250_000, 1_250_000.5)
LINES = [rak_line(MONTHS_A[:11] + (1_250_000.5,)),
         rak_line(MONTHS_B, pagu=12_500_003, rekening="5.1.02.01.01.0026"),  # Selisih 500,000
         rak_line(MONTHS_C, rekening="5.2.02.05.01.0001", sub_kegiatan="1.10.02.2.01.0001")]
REALISASI = (3_500_000, 0, "1.234.567,89")


def _with_realisasi(titles, lines):
    return [*titles, "Nilai Realisasi"], [[*line, done] for line, done in zip(lines, REALISASI)]


def _with_quarters(titles, lines):
    return (with_quarters(titles, QUARTER_TITLES),
            [with_quarters(line, quarter_sums(line)) for line in lines])


def _named_months(titles, lines):
    return [*titles[:FIRST_MONTH_COLUMN], *MONTH_NAMES, *titles[FIRST_MONTH_COLUMN + 12:]], lines


def _all_of_them(titles, lines):
    return _with_realisasi(*_with_quarters(*_named_months(titles, lines)))


SHAPES = {"bulan 1..12": lambda titles, lines: (titles, lines),
          "month names": _named_months, "TRIWULAN I..IV": _with_quarters,
          "Nilai Realisasi": _with_realisasi, "all of them": _all_of_them}


def file_total(titles, lines, title) -> Decimal:
    """A column's total as the file holds it, summed apart from the reader."""
    column = titles.index(title)
    return sum((Decimal(line[column].replace(".", "").replace(",", "."))
                if isinstance(line[column], str) else Decimal(str(line[column]))
                for line in lines), Decimal(0))


@pytest.mark.parametrize("shape", SHAPES)
def test_each_real_shape_lands_with_the_totals_of_the_file(tmp_path, shape):
    titles, lines = SHAPES[shape](RAK_TITLES, LINES)
    parsed = SOURCE.read(write_rak(tmp_path / "rak.xlsx", lines, titles=titles), META)
    rows = records(parsed)
    january = [r for r in rows if r["bulan"] == 1]
    assert len(rows) == 36 and len(january) == 3
    assert sum(r["nilai"] for r in rows) == file_total(titles, lines, "Total RAK") \
        == Decimal("36000004.00")
    assert sum(r["pagu"] for r in january) == file_total(titles, lines, "Nilai Rincian")
    assert sum(r["total_rak"] for r in january) == file_total(titles, lines, "Total RAK")
    assert sum(r["selisih"] for r in january) == file_total(titles, lines, "Selisih") \
        == Decimal("500000.00")
    for month in range(1, 13):  # each month to the rupiah, whatever its title
        title = titles[[i for i, t in enumerate(titles) if t in (
            MONTH_TITLES[month - 1], MONTH_NAMES[month - 1])][0]]
        assert sum(r["nilai"] for r in rows if r["bulan"] == month) == \
            file_total(titles, lines, title)
    quarters = [r["triwulan"] for r in rows if r["triwulan"] is not None]
    if "TRIWULAN I" in titles:  # on the quarter's last month, never a month of its own
        assert {r["bulan"] for r in rows if r["triwulan"] is not None} == {3, 6, 9, 12}
        assert sum(quarters) == sum(file_total(titles, lines, t) for t in QUARTER_TITLES) \
            == Decimal("36000004.00")
    else:
        assert quarters == []
    realisasi = [r["nilai_realisasi"] for r in january]
    if "Nilai Realisasi" in titles:
        assert realisasi == [Decimal("3500000.00"), Decimal("0.00"), Decimal("1234567.89")]
        assert {r["nilai_realisasi"] for r in rows if r["row_number"] == 6} == {
            Decimal("3500000.00")}
    else:
        assert realisasi == [None] * 3
    assert parsed.rows_skipped == 0
    assert parsed.notes == ["sheet 'Sheet 1': 1 baris rekening dengan jumlah Bulan 1-12 tidak "
                            "sama dengan Nilai Rincian, dimuat apa adanya / lines whose months "
                            "do not sum to Nilai Rincian, landed as read"]


@pytest.mark.parametrize("shape", SHAPES)
def test_each_real_shape_lands_in_the_warehouse_with_the_totals_of_the_file(
        warehouse, tmp_path, shape):
    from pipelines.inbox import write_meta
    from pipelines.landing.load import ingest_file
    from tests.db import query

    titles, lines = SHAPES[shape](RAK_TITLES, LINES)
    path = write_rak(tmp_path / "rak" / f"rak-{shape}.xlsx", lines, titles=titles)
    write_meta(path, FileMeta("rak", "99.63", 2025, versi="murni"))
    outcome = ingest_file(warehouse, path)
    assert outcome.status == "loaded", outcome.error
    [landed] = query(warehouse, """
        select sum(nilai), sum(pagu) filter (where bulan = 1),
            sum(total_rak) filter (where bulan = 1), sum(selisih) filter (where bulan = 1),
            sum(nilai_realisasi) filter (where bulan = 1), sum(triwulan)
        from raw.rak_anggaran_kas where file_id = %s""", (outcome.file_id,))
    in_file = [file_total(titles, lines, title) if title in titles else None for title in (
        "Total RAK", "Nilai Rincian", "Total RAK", "Selisih", "Nilai Realisasi")]
    quarters = (sum(file_total(titles, lines, title) for title in QUARTER_TITLES)
                if "TRIWULAN I" in titles else None)
    assert landed == (*in_file, quarters)
    assert outcome.total == in_file[0] == Decimal("36000004.00")


def test_totals_the_months_contradict_land_as_written(tmp_path):
    """Total RAK, Selisih and TRIWULAN land as the file wrote them, for RAK-007..009 to
    judge; the months are the plan."""
    line = with_quarters(rak_line(total_rak=1_300_000, selisih=50_000),
                         [300_000, 300_000, 300_000, 400_000])
    titles = with_quarters(RAK_TITLES, QUARTER_TITLES)
    rows = records(SOURCE.read(write_rak(tmp_path / "rak.xlsx", [line], titles=titles), META))
    assert sum(r["nilai"] for r in rows) == Decimal("1200000.00")
    assert {(r["total_rak"], r["selisih"]) for r in rows} == {
        (Decimal("1300000.00"), Decimal("50000.00"))}
    assert [r["triwulan"] for r in rows if r["bulan"] % 3 == 0] == [
        Decimal("300000.00")] * 3 + [Decimal("400000.00")]


@pytest.mark.parametrize("month_titles", [
    [f"BULAN {month}" for month in range(1, 13)],
    [name.upper() for name in MONTH_NAMES],
    ["Januari", "Pebruari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
     "Oktober", "Nopember", "Desember"],
])
def test_month_title_variants(tmp_path, month_titles):
    titles = [*RAK_TITLES[:FIRST_MONTH_COLUMN], *month_titles,
              *RAK_TITLES[FIRST_MONTH_COLUMN + 12:]]
    path = write_rak(tmp_path / "rak.xlsx", [rak_line(MONTHS_A, pagu=PAGU_A)], titles=titles)
    rows = records(SOURCE.read(path, META))
    assert [r["nilai"] for r in rows] == NILAI_A


def test_the_sub_kegiatan_code_alone_is_enough_in_any_order_with_titles_folded(tmp_path):
    """Without the columns of the higher levels (urusan .. kegiatan: the sub kegiatan's
    code carries theirs) nor Total RAK and Selisih, columns reversed, titles folded."""
    kept = [i for i, t in enumerate(RAK_TITLES) if not any(
        level in t for level in ("Urusan", "Program", " Kegiatan", "Total", "Selisih"))
        or "Sub Kegiatan" in t]
    titles = [RAK_TITLES[i].upper().replace(" ", "\n", 1) for i in kept]
    titles[0] = "Kode  SKPD"
    line = rak_line(MONTHS_B)
    path = write_rak(tmp_path / "rak.xlsx", [[line[i] for i in kept]], titles=titles,
                     title_rows=[], column_order=list(reversed(range(len(titles)))))
    parsed = SOURCE.read(path, META)
    rows = records(parsed)
    assert len(titles) == 9 + 12
    assert [r["row_number"] for r in rows] == [2] * 12
    assert [r["bulan"] for r in rows] == list(range(1, 13))
    assert {r["nilai"] for r in rows} == {Decimal("1000000.25")}
    assert {(r["total_rak"], r["selisih"]) for r in rows} == {(None, None)}
    assert (rows[0]["kode_skpd"], rows[0]["kode_sub_unit"], rows[0]["kode_sub_kegiatan"],
            rows[0]["kode_rekening"]) == (SKPD, SUB_UNIT, SUB_KEGIATAN, REKENING)
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


# --- Rejections ------------------------------------------------------------------------


def reject(path, meta=META) -> str:
    with pytest.raises(SourceFileError) as caught:
        SOURCE.read(path, meta)
    return str(caught.value)


@pytest.mark.parametrize(("line", "column"), [
    (rak_line(pagu="dua belas juta"), "'Nilai Rincian' (Q)"),
    (rak_line((100_000,) * 2 + ("seratus ribu",) + (100_000,) * 9), "'Bulan 3' (T)"),
    (rak_line((100_000,) * 11 + (True,)), "'Bulan 12' (AC)"),
    (rak_line(total_rak="lunas"), "'Total RAK' (AD)"),
])
def test_text_in_a_money_cell_names_file_sheet_row_and_column(tmp_path, line, column):
    message = reject(write_rak(tmp_path / "rak-teks.xlsx", [rak_line(), line]))
    assert message.startswith("rak-teks.xlsx, sheet 'Sheet 1', baris/row 7: ")
    assert f"kolom/column {column}: bukan angka / not a number" in message


def test_an_amount_too_large_for_the_raw_table_is_rejected_with_its_row(tmp_path):
    message = reject(write_rak(tmp_path / "rak.xlsx", [rak_line(pagu="1e19")]))
    assert "baris/row 6" in message and "terlalu besar / too large" in message


def test_quarters_without_their_months_are_not_months(tmp_path):
    quarterly = [*RAK_TITLES[:FIRST_MONTH_COLUMN], *QUARTER_TITLES]
    message = reject(write_rak(tmp_path / "rak.xlsx", [rak_line()], titles=quarterly))
    assert "bukan ekspor Anggaran Kas SIPD-RI / not a SIPD-RI Anggaran Kas export" in message
    assert "columns not found: " + ", ".join(
        TITLES[f"bulan_{month:02d}"][0] for month in range(1, 13)) in message
    assert "Bulan 1, Bulan 2," in message


def test_the_layout_serapan_once_inferred_is_not_read(tmp_path):
    """KODE REKENING, PAGU and JANUARI..DESEMBER were serapan's guess, no export's."""
    inferred = ["KODE SKPD", "NAMA SKPD", "KODE SUB UNIT", "KODE SUB KEGIATAN",
                "NAMA SUB KEGIATAN", "KODE REKENING", "NAMA REKENING", "PAGU",
                *(name.upper() for name in MONTH_NAMES)]
    line = [SKPD, "Dinas Kesehatan", SUB_UNIT, SUB_KEGIATAN, "Pengadaan Alat Kesehatan",
            REKENING, "Belanja Alat Tulis Kantor", 1_200_000, *(100_000,) * 12]
    message = reject(write_rak(tmp_path / "rak.xlsx", [line], titles=inferred))
    assert "columns not found: Kode Akun, Nilai Rincian" in message


def test_a_header_without_account_lines_is_rejected(tmp_path):
    message = reject(write_rak(tmp_path / "rak.xlsx", [
        rak_subtotal("TOTAL", 1_200_000, (100_000,) * 12)]))
    assert "sheet 'Sheet 1'" in message and "no account lines under the header" in message


def test_an_account_line_without_its_sub_kegiatan_is_rejected(tmp_path):
    message = reject(write_rak(tmp_path / "rak.xlsx", [rak_line(), rak_line(sub_kegiatan=None)]))
    assert "baris/row 7" in message
    assert "Kode Sub Kegiatan kosong pada baris rekening (sel gabungan?)" in message


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
