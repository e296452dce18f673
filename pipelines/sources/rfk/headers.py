"""Headers of one to four rows under merged titles, read as paths of titles.

The field's forms put a title over its children: KEUANGAN over RENCANA over Rp, % KUM,
% TTB. Each column is known by the path of titles above it, 'KEUANGAN > RENCANA > RP',
with a merged title spread over every column it spans. Where one parent has several
children of the same title (the pemda recap writes '%' twice under REALISASI, KUM then
TTB), the second is 'KEUANGAN > REALISASI > % #2': the one place where order tells two
columns apart, because the form gives them no other title.

Each layout keeps its title variants in one mapping, canonical column -> paths; the
header is the first row that, with the rows under it, carries every required column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product

from pipelines.sources.rfk.read import title_key
from pipelines.sources.spreadsheet import HEADER_SCAN_ROWS

SEPARATOR = " > "
# An amount column in thousands of Rupiah: '(Rp. 000,-)', 'Rp 000', '(000)', 'ribuan
# rupiah'; the unit is taken out of the title, and its amounts multiplied by 1000.
_THOUSANDS = re.compile(r"\bRP\s*\.?\s*000\s*,?\s*-?|\(000\)|\bRIBU(?:AN)?\s+RUPIAH\b")


def paths(*levels: tuple[str, ...]) -> tuple[str, ...]:
    """Every path of one title per level: paths(("FISIK", "FISIK (%)"), ("REAL",)) is
    ('FISIK > REAL', 'FISIK (%) > REAL')."""
    return tuple(SEPARATOR.join(titles) for titles in product(*levels))


@dataclass(frozen=True)
class Column:
    key: str  # the path of titles, unit taken out
    thousands: bool  # the path says the amounts are in thousands of Rupiah


@dataclass(frozen=True)
class FormHeader:
    top: int  # 0-based index of the header's first row
    height: int
    columns: dict[str, int]  # canonical column -> 0-based position
    spans: dict[str, list[int]]  # canonical column -> every position under its title
    thousands: frozenset[str]  # canonical columns in thousands of Rupiah
    titles: dict[str, str]  # canonical column -> its path of titles, for messages

    @property
    def bottom(self) -> int:
        """0-based index of the first row under the header."""
        return self.top + self.height


def column_keys(rows: list[list], top: int, height: int, merges: list) -> list[Column]:
    """Each column's path of titles over the header's rows, merged titles spread."""
    grid = [[title_key(cell) for cell in rows[top + level]] for level in range(height)]
    width = max(len(line) for line in grid)
    for line in grid:
        line.extend([""] * (width - len(line)))
    spread = [[False] * width for _ in grid]  # a title copied from the merge it is under
    for (first_row, left), (_last_row, right) in merges:
        level = first_row - top
        if 0 <= level < height and right > left and left < width:
            for position in range(left + 1, min(right, width - 1) + 1):
                grid[level][position] = grid[level][left]
                spread[level][position] = True
    columns, seen = [], {}
    for position in range(width):
        titles, deepest = [], None
        for level, line in enumerate(grid):  # a title merged down would repeat: once will do
            if line[position]:
                deepest = level
                if not titles or titles[-1] != line[position]:
                    titles.append(line[position])
        key = SEPARATOR.join(titles)
        thousands = bool(_THOUSANDS.search(key))
        if thousands:
            key = " ".join(_THOUSANDS.sub("RP", key).split())
        # A second column of one path is a second title of that name, unless the merged
        # title over the column to its left was spread onto it.
        continues = deepest is not None and spread[deepest][position]
        if key and not continues:
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:
                key = f"{key} #{seen[key]}"
        elif key:
            key = columns[-1].key
        columns.append(Column(key, thousands))
    return columns


def find_form_header(rows: list[list], merges: list, titles: dict[str, tuple[str, ...]],
                     required: tuple[str, ...], max_height: int) -> FormHeader | None:
    """The first row that, with up to max_height - 1 rows under it, carries every
    required column; of the heights that do, the one finding the most columns (the
    lowest of equals: a blank row under the header is not part of it)."""
    variants = {variant: name for name, keys in titles.items() for variant in keys}
    for top in range(min(HEADER_SCAN_ROWS, len(rows))):
        if not any(title_key(cell) for cell in rows[top]):
            continue
        best = None
        for height in range(1, min(max_height, len(rows) - top) + 1):
            header = _matched(rows, merges, top, height, variants)
            if all(name in header.columns for name in required) and (
                    best is None or len(header.columns) > len(best.columns)):
                best = header
        if best is not None:
            return best
    return None


def _matched(rows, merges, top, height, variants) -> FormHeader:
    columns: dict[str, int] = {}
    spans: dict[str, list[int]] = {}
    thousands, titles = set(), {}
    for position, column in enumerate(column_keys(rows, top, height, merges)):
        name = variants.get(column.key)
        if name is None:
            continue
        spans.setdefault(name, []).append(position)
        if name not in columns:
            columns[name] = position
            titles[name] = column.key
            if column.thousands:
                thousands.add(name)
    return FormHeader(top, height, columns, spans, frozenset(thousands), titles)


def missing_columns(rows: list[list], merges: list, titles: dict[str, tuple[str, ...]],
                    required: tuple[str, ...], max_height: int) -> list[str]:
    """The required columns the best candidate header lacks, named by their first title."""
    variants = {variant: name for name, keys in titles.items() for variant in keys}
    best: set[str] = set()
    for top in range(min(HEADER_SCAN_ROWS, len(rows))):
        for height in range(1, min(max_height, len(rows) - top) + 1):
            found = set(_matched(rows, merges, top, height, variants).columns)
            if len(found & set(required)) > len(best & set(required)):
                best = found
    return [titles[name][0] for name in required if name not in best]
