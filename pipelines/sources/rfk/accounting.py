"""Where every row of a form workbook went: landed, skipped and why, or rejected and why.

The rows not landed go to raw.rfk_baris_lain, one row each, so that the landed rows and
these add up to every row of every sheet; a sheet not read at all is one entry with its
number of rows. A rejected row does not stop the file: the other rows land, and the
quality step tells the OPD which row was refused and why.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from pipelines.sources.base import TableRows

SKIPPED, REJECTED, NOT_READ = "dilewati", "ditolak", "sheet_tidak_dibaca"

# Why a row was skipped (Indonesian / English).
TITLE = "judul / title"
HEADER = "judul kolom / column headers"
EMPTY = "kosong / empty"
NUMBERING = "penomoran kolom / column numbers"
SUBTOTAL = "subtotal (JUMLAH/TOTAL)"
PARENT_ACCOUNT = "rekening induk / parent account (subtotal)"
DETAIL = "rincian di bawah rekening / detail line under an account"
UNFILLED = "baris formulir belum diisi / unfilled form row"
HEADING = "judul kelompok tanpa angka / heading without figures"
BELOW = "di bawah tabel (tanda tangan, ringkasan) / below the table"
SIGNATURE = "tanda tangan / signature block"
LEGEND = "keterangan kode permasalahan / problem-code legend"
NO_PROBLEM = "tidak ada permasalahan ('-') / no problem reported"
NO_PROBLEM_TEXT = "uraian tanpa permasalahan / uraian without a problem"

COLUMNS = ("periode", "jumlah_baris", "status", "alasan")


@dataclass
class Accounting:
    """The rows of a workbook that were not landed, and how many of each sheet were."""

    entries: list[tuple] = field(default_factory=list)  # (sheet, row, *COLUMNS)
    landed: Counter = field(default_factory=Counter)  # sheet -> rows landed

    def skip(self, sheet: str, row_number: int, reason: str, periode: date | None) -> None:
        self.entries.append((sheet, row_number, periode, 1, SKIPPED, reason))

    def reject(self, sheet: str, row_number: int, reason: str, periode: date | None) -> None:
        self.entries.append((sheet, row_number, periode, 1, REJECTED, reason))

    def sheet_not_read(self, sheet: str, rows: int, reason: str) -> None:
        self.entries.append((sheet, None, None, rows, NOT_READ, reason))

    def land(self, sheet: str) -> None:
        self.landed[sheet] += 1

    @property
    def rows_skipped(self) -> int:
        """Rows of the sheets read that were not landed: skipped or rejected."""
        return sum(entry[3] for entry in self.entries if entry[4] != NOT_READ)

    def table(self, file_columns: dict) -> TableRows:
        return TableRows("raw.rfk_baris_lain", COLUMNS, list(self.entries), file_columns,
                         counted=False)

    def notes(self) -> list[str]:
        """Per sheet, what was landed, skipped and rejected, and why."""
        notes = []
        sheets = dict.fromkeys([*self.landed, *(entry[0] for entry in self.entries)])
        for sheet in sheets:
            mine = [entry for entry in self.entries if entry[0] == sheet]
            unread = [entry for entry in mine if entry[4] == NOT_READ]
            if unread:
                notes.append(f"sheet '{sheet}' tidak dimuat / not landed: {unread[0][5]}")
                continue
            skipped = Counter(entry[5] for entry in mine if entry[4] == SKIPPED)
            parts = ", ".join(f"{count} {reason}" for reason, count in skipped.most_common())
            notes.append(f"sheet '{sheet}': {self.landed[sheet]} baris dimuat / rows landed, "
                         f"{sum(skipped.values())} dilewati / skipped ({parts})")
            notes.extend(f"sheet '{sheet}' baris/row {entry[1]} ditolak / rejected: "
                         f"{entry[5]}" for entry in mine if entry[4] == REJECTED)
        return notes
