"""The Rekap 5 reader on workbooks written by hand: layout variants and broken files."""

from datetime import date
from decimal import Decimal

import pytest

from pipelines.inbox import FileMeta
from pipelines.sources.anggaran.read import read_rekap5
from pipelines.sources.errors import SourceFileError
from tests.workbooks import (
    REKAP5_TITLES,
    budget_row,
    encrypt_with_password,
    write_empty_workbook,
    write_rekap5,
)

META = FileMeta("anggaran", "99.09", 2025, "murni", date(2025, 1, 2))


def test_reads_codes_as_text_money_exact_and_keeps_rows_without_account(tmp_path):
    path = write_rekap5(tmp_path / "a.xlsx", [
        budget_row(1, pagu=1_500_000),
        budget_row(2, rekening=None),  # a sub kegiatan with no lines yet
        budget_row(3, pagu="2.500.000,50"),
    ])
    parsed = read_rekap5(path, META)
    assert len(parsed.rows) == 3
    assert parsed.tahun == 2025
    pagu = [row[-1] for row in parsed.rows]
    assert pagu == [Decimal("1500000.00"), None, Decimal("2500000.50")]
    first = dict(zip(("sheet", "row_number", *parsed.columns), parsed.rows[0]))
    assert first["sheet"] == "Sheet 1" and first["row_number"] == 2
    assert first["kode_bidang_urusan"] == "1.02" and first["tahun"] == "2025"


def test_header_found_by_titles_below_title_rows_in_any_column_order(tmp_path):
    order = list(reversed(range(len(REKAP5_TITLES))))
    titles = [t.lower().replace(" ", "\n", 1) for t in REKAP5_TITLES]
    titles[REKAP5_TITLES.index("KODE SKPD")] = "Kode OPD"  # a title variant
    path = write_rekap5(
        tmp_path / "b.xlsx", [budget_row(1, pagu=10), budget_row(2, pagu=20)],
        titles=titles, column_order=order,
        title_rows=[["REKAPITULASI BELANJA"], ["KABUPATEN CONTOH"], []],
    )
    parsed = read_rekap5(path, META)
    assert [row[1] for row in parsed.rows] == [5, 6]  # row numbers as the sheet shows them
    assert sum(row[-1] for row in parsed.rows) == Decimal("30.00")
    columns = parsed.columns
    assert parsed.rows[0][2 + columns.index("kode_skpd")] == "1.02.0.00.0.00.01.0000"


def test_text_in_pagu_names_file_sheet_and_row(tmp_path):
    path = write_rekap5(tmp_path / "c.xlsx", [budget_row(1), budget_row(2, pagu="satu juta")])
    with pytest.raises(SourceFileError) as error:
        read_rekap5(path, META)
    message = str(error.value)
    assert "c.xlsx" in message and "Sheet 1" in message and "row 3" in message
    assert "PAGU" in message and "satu juta" in message


def test_wrong_columns_are_named(tmp_path):
    titles = [t if t != "PAGU" else "JUMLAH" for t in REKAP5_TITLES]
    path = write_rekap5(tmp_path / "d.xlsx", [budget_row(1)], titles=titles)
    with pytest.raises(SourceFileError, match="PAGU"):
        read_rekap5(path, META)


def test_empty_sheet_and_non_spreadsheet_are_rejected(tmp_path):
    empty = write_empty_workbook(tmp_path / "e.xlsx")
    with pytest.raises(SourceFileError, match="kosong / empty"):
        read_rekap5(empty, META)
    not_xlsx = tmp_path / "f.xlsx"
    not_xlsx.write_text("NO;TAHUN;PAGU\n1;2025;100\n")
    with pytest.raises(SourceFileError, match="bukan file spreadsheet"):
        read_rekap5(not_xlsx, META)


def test_header_without_rows_is_rejected(tmp_path):
    path = write_rekap5(tmp_path / "g.xlsx", [])
    with pytest.raises(SourceFileError, match="tidak ada baris data"):
        read_rekap5(path, META)


def test_year_in_file_must_match_metadata(tmp_path):
    path = write_rekap5(tmp_path / "h.xlsx", [budget_row(1, tahun=2024)])
    with pytest.raises(SourceFileError, match="TAHUN"):
        read_rekap5(path, META)


def test_hostile_or_broken_containers_are_rejected_with_the_reason(tmp_path):
    import zipfile

    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    with pytest.raises(SourceFileError, match="zip bomb"):
        read_rekap5(bomb, META)

    protected = tmp_path / "sandi.xlsx"
    encrypt_with_password(write_rekap5(tmp_path / "polos.xlsx", [budget_row(1)]), protected)
    with pytest.raises(SourceFileError, match="kata sandi / password-protected"):
        read_rekap5(protected, META)

    empty = tmp_path / "nol.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(SourceFileError, match="empty file"):
        read_rekap5(empty, META)

    truncated = tmp_path / "potong.xlsx"
    good = write_rekap5(tmp_path / "utuh.xlsx", [budget_row(1)])
    truncated.write_bytes(good.read_bytes()[:-200])
    with pytest.raises(SourceFileError, match=r"potong\.xlsx"):
        read_rekap5(truncated, META)


def test_a_planning_stage_rekap_is_refused_saying_what_it_is():
    """Kab. Buru's component-level rekap of 2025 (KODE / NAMA STANDAR HARGA instead of
    the package, 14,812 rows) is the KUA-PPAS plan, not a DPA: even with a sidecar calling
    it the murni, it never becomes a budget version."""
    from tests.conftest import REAL_EXPORTS

    path = REAL_EXPORTS / "buru-2025-rekap-kua-ppas-standar-harga.xlsx"
    murni = FileMeta("anggaran", "81.04", 2025, "murni", date(2025, 1, 2))
    with pytest.raises(SourceFileError) as error:
        read_rekap5(path, murni)
    assert str(error.value).startswith(
        "buru-2025-rekap-kua-ppas-standar-harga.xlsx, sheet 'Sheet 1', baris/row 1: rekap "
        "tingkat komponen (KODE STANDAR HARGA) adalah rekap tahap perencanaan (KUA-PPAS), "
        "bukan DPA: tidak dimuat sebagai versi anggaran")
    assert "planning-stage (KUA-PPAS) rekap, not a DPA budget version" in str(error.value)
