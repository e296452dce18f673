"""What every source module provides, so the loader treats them alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from pipelines.inbox import FileMeta


@dataclass
class ParsedFile:
    """A file's rows as read, ready to land in its raw table."""

    columns: tuple[str, ...]  # data columns, in the order of each row's values
    rows: list[tuple]  # (sheet, row_number, *values)
    file_columns: dict[str, object]  # values common to every row, from the metadata
    tahun: int | None = None
    rows_skipped: int = 0  # empty, title and subtotal rows, counted but not landed
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    name: str
    raw_table: str  # schema-qualified
    ddl: Path
    read: Callable[[Path, FileMeta], ParsedFile]
    # The key under which a later file replaces an earlier one (a corrected upload).
    supersede_key: Callable[[FileMeta, ParsedFile], str]
    amount_column: str | None = None  # the money column whose total is reported
    # Monthly sources land per month partition. This tells the month ("YYYY-MM") a file
    # reports, or raises SourceFileError; None for sources that are not monthly.
    month_of: Callable[[Path, FileMeta], str] | None = None

    @property
    def monthly(self) -> bool:
        return self.month_of is not None
