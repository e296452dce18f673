"""What the rows of the field's forms are, apart from data: the row of column numbers,
the total, the signature block; and their figures, read exactly."""

from __future__ import annotations

import re
from decimal import Decimal

from pipelines.sources.rfk import accounting as why
from pipelines.sources.rfk.headers import FormHeader
from pipelines.sources.rfk.read import _MONTH_WORDS, _NIL, parse_money, parse_percent
from pipelines.sources.spreadsheet import cell_text, column_letter, fold_title

# A column number: 1, (2), 6a, '6 = ( 3 x 5 )'; or a column letter: a, (b).
_NUMBER_CELL = re.compile(r"^\(?(\d{1,2})[a-z]?\)?(\s*=.*)?$", re.IGNORECASE)
_LETTER_CELL = re.compile(r"^\(?([a-z])\)?$", re.IGNORECASE)
TOTAL = re.compile(r"^(SUB\s*TOTAL|TOTAL|JUMLAH)\b")
_MONTHS = "|".join(sorted(_MONTH_WORDS, key=len, reverse=True))
# Where the signature block starts: 'Banjarmasin, 28 Februari 2023', 'Denpasar, ',
# 'Banjarmasin, 31-01-2023', 'Disetujui :', 'Mengetahui / Menyetujui'.
_PLACE_AND_DATE = re.compile(
    rf"^[A-Z][A-Z .'-]{{2,}},\s*((\d{{1,2}}\s+)?({_MONTHS})(\s+\d{{4}})?"
    rf"|\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{4}})?\s*$")
_SIGNING = re.compile(r"^(DISETUJUI|MENGETAHUI|MENYETUJUI|DIBUAT OLEH)\b")
THOUSAND = 1000


def texts(row: list) -> list[str]:
    return [text for text in map(cell_text, row) if text]


def is_blank(row: list) -> bool:
    return not texts(row)


def is_numbering(row: list) -> bool:
    """The row of column numbers under a header: 1 2 3 4 5 6a 6b 7, (1) (2), a b c."""
    cells = texts(row)
    if len(cells) < 3:
        return False
    numbers = [_NUMBER_CELL.match(text) for text in cells]
    if all(numbers):
        values = [int(found.group(1)) for found in numbers]
        return values == sorted(values) and values[-1] > values[0]
    letters = [_LETTER_CELL.match(text) for text in cells]
    if all(letters):
        values = [found.group(1).lower() for found in letters]
        return values == sorted(set(values))
    return False


def framing(row: list, index: int, header: FormHeader, started: bool) -> str | None:
    """Why a row is no line by where it stands: blank, above the header or in it, or the
    column numbers right under it (before any line has `started`); None otherwise."""
    if is_blank(row):
        return why.EMPTY
    if index < header.top:
        return why.TITLE
    if index < header.bottom:
        return why.HEADER
    if not started and is_numbering(row):
        return why.NUMBERING
    return None


def is_signature(row: list) -> bool:
    """Whether the row starts the signature block (place and date, who approves)."""
    for text in texts(row):
        folded = fold_title(text)
        if _SIGNING.match(folded) or _PLACE_AND_DATE.match(folded):
            return True
    return False


def is_nil(value: object) -> bool:
    return isinstance(value, str) and value.strip() in _NIL


def cell(row: list, position: int | None):
    return row[position] if position is not None and position < len(row) else None


class Figures:
    """The figure cells of a form's rows, read as the header says: money exact (times
    1000 where the header says thousands), percentages as written or from a cell
    formatted as percent, TTB with six decimals (a line's share is often below 0.01)."""

    def __init__(self, header: FormHeader, money: tuple[str, ...], percent: tuple[str, ...],
                 weighted: tuple[str, ...], percent_cells: set[tuple[int, int]]):
        columns = header.columns
        self.header = header
        self.money = [name for name in money if name in columns]
        self.percent = [name for name in (*percent, *weighted) if name in columns]
        self.weighted = set(weighted)
        self.percent_cells = percent_cells

    @property
    def names(self) -> list[str]:
        return [*self.money, *self.percent]

    def written(self, row: list) -> dict[str, object]:
        """The figure cells that hold anything."""
        found = {}
        for name in self.names:
            value = cell(row, self.header.columns[name])
            if value not in (None, "") and not (isinstance(value, str) and not value.strip()):
                found[name] = value
        return found

    def read(self, row: list, index: int) -> tuple[dict[str, Decimal | None], str | None]:
        """The row's figures, or the reason one cannot be read ('REALISASI: bukan angka')."""
        values: dict[str, Decimal | None] = {}
        for name in self.names:
            position = self.header.columns[name]
            value = cell(row, position)
            try:
                if name in self.money:
                    scale = THOUSAND if name in self.header.thousands else 1
                    values[name] = parse_money(value, scale)
                else:
                    values[name] = parse_percent(
                        value, (index, position) in self.percent_cells,
                        places=6 if name in self.weighted else 2)
            except ValueError as exc:
                return {}, (f"kolom {column_letter(position + 1)} "
                            f"({self.header.titles[name]}): {exc}")
        return values, None
