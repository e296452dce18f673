"""The error a reader raises for bad input: it names the file, sheet, row and problem."""

from __future__ import annotations

from pathlib import Path


class SourceFileError(Exception):
    def __init__(self, file: Path | str, problem: str, *, sheet: str | None = None,
                 row: int | None = None):
        self.file = Path(file).name
        self.sheet = sheet
        self.row = row
        self.problem = problem
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet is not None:
            where.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            where.append(f"baris/row {self.row}")
        return f"{', '.join(where)}: {self.problem}"
