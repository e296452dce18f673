from decimal import Decimal

import pytest

from openpyxl.utils import get_column_letter

from pipelines.sources.spreadsheet import (
    cell_text,
    cells_at,
    column_letter,
    find_header,
    fold_title,
    parse_rupiah,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1.234.567,00", Decimal("1234567.00")),
        ("1.234.567", Decimal("1234567.00")),
        ("Rp 12.500,50", Decimal("12500.50")),
        ("1234567.89", Decimal("1234567.89")),
        ("1,2E+9", Decimal("1200000000.00")),
        ("1.5e3", Decimal("1500.00")),
        (200000000.0, Decimal("200000000.00")),
        (1234.56, Decimal("1234.56")),
        (1e12, Decimal("1000000000000.00")),
        (7, Decimal("7.00")),
        ("", None),
        (None, None),
    ],
)
def test_parse_rupiah_reads_field_formats_exactly(text, expected):
    assert parse_rupiah(text) == expected


@pytest.mark.parametrize("text", ["abc", "12a", "1.2.3,4,5", True, "nan"])
def test_parse_rupiah_rejects_text(text):
    with pytest.raises(ValueError, match="bukan angka"):
        parse_rupiah(text)


@pytest.mark.parametrize("text", ["12,500", "Rp 12,500", "-1,000", "999,999"])
def test_parse_rupiah_refuses_a_comma_that_may_group_thousands(text):
    """'12,500' is 12.500 (twelve thousand five hundred) where a comma groups thousands,
    12,50 where it is the decimal mark: refused, never guessed."""
    with pytest.raises(ValueError, match="ambigu"):
        parse_rupiah(text)


@pytest.mark.parametrize("text, expected", [
    ("12,50", Decimal("12.50")), ("12,5", Decimal("12.50")), ("0,500", Decimal("0.50")),
    ("1234,500", Decimal("1234.50")), ("12.500", Decimal("12500.00")),
    ("12.500,000", Decimal("12500.00")),
])
def test_parse_rupiah_reads_a_decimal_comma_that_cannot_group_thousands(text, expected):
    assert parse_rupiah(text) == expected


def test_codes_stay_text():
    assert cell_text(1.0) == "1"
    assert cell_text(2025.0) == "2025"
    assert cell_text(" 1.01.02 ") == "1.01.02"
    assert cell_text("") is None
    assert cell_text("   ") is None
    assert cell_text(None) is None
    assert cell_text(True) == "True"


def test_cells_at_positions_absent_or_past_the_row_are_empty():
    assert cells_at(["a", "b", "c"], [2, None, 0, 5]) == ["c", None, "a", None]


def test_column_letters_as_the_spreadsheet_names_them():
    assert [column_letter(n) for n in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]
    assert all(column_letter(n) == get_column_letter(n) for n in range(1, 18_279))


def test_titles_fold_case_spaces_and_line_breaks():
    assert fold_title("Kode\nSub   Unit ") == "KODE SUB UNIT"


def test_header_found_below_title_rows_by_titles_not_position():
    titles = {"kode": ("KODE SKPD", "KODE OPD"), "pagu": ("PAGU",)}
    rows = [["LAPORAN"], ["PEMDA X"], [], ["x", "pagu", "Kode\nOPD"], ["", 1, "1.01"]]
    header = find_header(rows, titles, ("kode", "pagu"))
    assert header.row_index == 3
    assert header.columns == {"pagu": 1, "kode": 2}
    assert find_header(rows, titles, ("kode", "pagu", "missing")) is None
