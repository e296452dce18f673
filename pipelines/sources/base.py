"""What every source module provides, so the loader treats them alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from pipelines.inbox import FileMeta


@dataclass
class TableRows:
    """Rows of a file for another raw table of its source (a form's problems beside its
    figures), landed in the same transaction as the file's main rows."""

    table: str  # schema-qualified
    columns: tuple[str, ...]
    rows: list[tuple]  # (sheet, row_number, *values)
    file_columns: dict[str, object]
    counted: bool = True  # whether they are data rows (raw.files.rows_loaded counts them)


@dataclass
class ParsedFile:
    """A file's rows as read, ready to land in its raw table.

    A streamed file's rows are an iterator, read as they land, so a large workbook is
    never held whole: reading them may raise SourceFileError naming the row, and
    rows_skipped, notes, tahun and facts are final once they are all read (whole()
    reads them into a list)."""

    columns: tuple[str, ...]  # data columns, in the order of each row's values
    rows: Iterable[tuple]  # (sheet, row_number, *values)
    file_columns: dict[str, object]  # values common to every row, from the metadata
    tahun: int | None = None
    rows_skipped: int = 0  # empty, title and subtotal rows, counted but not landed
    notes: list[str] = field(default_factory=list)
    more: list[TableRows] = field(default_factory=list)  # rows for the source's other tables
    # A source whose files come in several layouts lands each in its own raw table: the
    # table and money column of this file's layout, when not the source's own.
    table: str | None = None
    amount_column: str | None = None
    # What the reader learned of the file as a whole for its supersede key, such as the
    # SKPD whose lines it holds.
    facts: dict[str, object] = field(default_factory=dict)

    @property
    def rows_loaded(self) -> int:
        return len(self.rows) + sum(len(more.rows) for more in self.more if more.counted)

    def whole(self) -> ParsedFile:
        """This file with its rows read into a list: every figure final."""
        if not isinstance(self.rows, list):
            self.rows = list(self.rows)
        return self


@dataclass(frozen=True)
class Source:
    name: str
    raw_table: str  # schema-qualified (its table: migrations/NNNN_raw_<name>.sql)
    read: Callable[[Path, FileMeta], ParsedFile]  # the rows a list
    # The key under which a later file replaces an earlier one (a corrected upload).
    supersede_key: Callable[[FileMeta, ParsedFile], str]
    amount_column: str | None = None  # the money column whose total is reported
    # Monthly sources land per month partition. This tells the month ("YYYY-MM") a file
    # reports, or raises SourceFileError; None for sources that are not monthly.
    month_of: Callable[[Path, FileMeta], str] | None = None
    # The government a file names itself ("KABUPATEN BURU" from a realization export's
    # title row "PEMERINTAH KABUPATEN BURU"), or None; for sources whose files can say
    # (pipelines/pemda.py maps it to a code).
    pemda_of: Callable[[Path], str | None] | None = None
    # The file with its rows an iterator (ParsedFile), for the loader to land as they
    # are read; for sources whose workbooks may be too large to hold (read otherwise).
    stream: Callable[[Path, FileMeta], ParsedFile] | None = None
    # The raw tables of the source's other layouts (ParsedFile.table), each with its
    # money column.
    layout_tables: tuple[tuple[str, str], ...] = ()

    @property
    def money_tables(self) -> list[tuple[str, str]]:
        """Every raw table the source's files land in, with the money column totalled."""
        own = [(self.raw_table, self.amount_column)] if self.amount_column else []
        return own + list(self.layout_tables)

    @property
    def monthly(self) -> bool:
        return self.month_of is not None
