"""Reader for the OPD monthly report, RFK (laporan realisasi fisik dan keuangan).

One row per sub kegiatan, known by its code. Two kinds of workbook arrive: serapan's
own template (in the FORM-RFK shape, its header found by template_form.py, its FORM-M
problems put on their lines; an older template: a few title rows, one header row) and
hand-made workbooks that keep the column titles but add title rows, a header of two rows
under merged cells, subtotal rows, funding-source blocks and one sheet per month. Both
are read here.

Rows land as written: codes as text, money exact, percentages as the person wrote them.
Nothing is clamped to 0..100 and nothing is guessed into range: judging values is the
quality checks' job. Only what cannot be landed at all (text where a number belongs) is
rejected, naming the file, sheet and row.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Iterator

from pipelines.codes import code_pattern
from pipelines.inbox import FileMeta
from pipelines.sources.base import ParsedFile
from pipelines.sources.dates import MONTH_NAMES
from pipelines.sources.errors import SourceFileError
from pipelines.sources.percent_cells import percent_formatted_cells
from pipelines.sources.spreadsheet import (
    HEADER_SCAN_ROWS,
    cell_text,
    find_header,
    fold_title,
    missing_titles,
    open_workbook,
    parse_rupiah,
)

# --- Columns ---------------------------------------------------------------------------

# Canonical column -> title variants (the first is the one named in messages). Variants
# are written the way `title_key` normalises a header cell: folded, one space before
# "(", spaces around "/", "Rp" without a dot. In a two-row header a child title is read
# with its parent's in front ("REALISASI" over "FISIK (%)" is "REALISASI FISIK (%)").
TITLES: dict[str, tuple[str, ...]] = {
    "kode_skpd": ("KODE SKPD", "KODE OPD"),
    "kode_sub_unit": ("KODE SUB UNIT", "KODE SUB SKPD", "KODE UNIT"),
    "kode_sub_kegiatan": ("KODE SUB KEGIATAN", "KODE SUBKEGIATAN"),
    "nama_sub_kegiatan": ("NAMA SUB KEGIATAN", "NAMA SUBKEGIATAN", "SUB KEGIATAN",
                          "URAIAN SUB KEGIATAN"),
    "sumber_dana": ("SUMBER DANA", "NAMA SUMBER DANA"),
    "pagu": ("PAGU", "PAGU DPA", "ANGGARAN", "DPA (Rp)", "PAGU (Rp)", "PAGU DPA (Rp)",
             "PAGU ANGGARAN", "ANGGARAN (Rp)"),
    "rak_persen": ("RAK (%)", "TARGET KEUANGAN (%)", "RENCANA KAS (%)", "ANGGARAN KAS (%)"),
    "rak_rupiah": ("RENCANA KAS (Rp)", "RAK (Rp)", "TARGET KEUANGAN (Rp)",
                   "ANGGARAN KAS (Rp)"),
    "realisasi_keuangan": ("REALISASI KEUANGAN (Rp)", "REALISASI (Rp)", "KEUANGAN (Rp)",
                           "REALISASI KEUANGAN"),
    # the physical plan (the S-curve) cumulative to the month; "TARGET" over "FISIK (%)"
    # in a two-row header reads "TARGET FISIK (%)"
    "rencana_fisik": ("RENCANA FISIK (%)", "TARGET FISIK (%)", "RENCANA FISIK",
                      "TARGET FISIK"),
    "realisasi_fisik": ("REALISASI FISIK (%)", "FISIK (%)", "CAPAIAN FISIK",
                        "CAPAIAN FISIK (%)", "REALISASI FISIK"),
    "permasalahan": ("PERMASALAHAN", "KENDALA", "PERMASALAHAN / KENDALA",
                     "KENDALA / PERMASALAHAN"),
    "tindak_lanjut": ("TINDAK LANJUT", "SOLUSI / TINDAK LANJUT", "UPAYA TINDAK LANJUT"),
    "catatan_verifikator": ("CATATAN VERIFIKATOR", "CATATAN VERIFIKASI"),
}
REQUIRED = ("kode_sub_kegiatan", "nama_sub_kegiatan", "pagu", "realisasi_keuangan",
            "realisasi_fisik")
MONEY_COLUMNS = ("pagu", "rak_rupiah", "realisasi_keuangan")
PERCENT_COLUMNS = ("rak_persen", "rencana_fisik", "realisasi_fisik")
# pihak_diharapkan: who should help solve the problem, from the template's FORM-M sheet
# (template_form.py), which has the column; no sheet read here has it.
FREE_TEXT_COLUMNS = ("permasalahan", "tindak_lanjut", "catatan_verifikator",
                     "pihak_diharapkan")
TEXT_COLUMNS = ("kode_skpd", "kode_sub_unit", "kode_sub_kegiatan", "nama_sub_kegiatan",
                "sumber_dana")
# What a sheet's row gives, and the landed columns: those with the row's month in front,
# in the order of each row's values after (sheet, row_number).
SHEET_COLUMNS = (*TEXT_COLUMNS, "pagu", "rak", "rak_satuan", "realisasi_keuangan",
                 "rencana_fisik", "realisasi_fisik", *FREE_TEXT_COLUMNS)
COLUMNS = ("periode", *SHEET_COLUMNS)

# The raw table's numeric(20,2) and numeric(9,2): a larger value cannot land, so it is
# rejected here with its row rather than failing the whole load in the database.
MONEY_LIMIT = Decimal(10) ** 18
PERCENT_LIMIT = Decimal(10) ** 7
# Accounting formats show zero as a dash; a dash typed by hand means zero too.
_NIL = {"-", "\u2013", "\u2014"}


_OPENING = re.compile(r"\s*\(\s*")
_CLOSING = re.compile(r"\s*\)")
_SLASH = re.compile(r"\s*/\s*")
_RP_DOT = re.compile(r"\bRP\.")


def title_key(cell: object) -> str:
    """A header cell as compared with TITLES: 'Realisasi Keuangan(Rp.)' -> '... (RP)'."""
    text = fold_title(cell)
    text = _OPENING.sub(" (", text)
    text = _CLOSING.sub(")", text)
    text = _SLASH.sub(" / ", text)
    return _RP_DOT.sub("RP", text).strip()


# --- Months ----------------------------------------------------------------------------

_MONTH_WORDS = {
    **{name.upper(): number for number, name in enumerate(MONTH_NAMES, 1)},
    "JAN": 1, "JANUARY": 1, "FEB": 2, "PEB": 2, "PEBRUARI": 2, "FEBRUARY": 2, "MAR": 3,
    "MARCH": 3, "APR": 4, "MAY": 5, "JUN": 6, "JUNE": 6, "JUL": 7, "JULY": 7, "AGU": 8,
    "AGT": 8, "AGS": 8, "AUG": 8, "AUGUST": 8, "SEP": 9, "SEPT": 9, "OKT": 10, "OCT": 10,
    "OCTOBER": 10, "NOV": 11, "NOP": 11, "NOPEMBER": 11, "DES": 12, "DEC": 12,
    "DECEMBER": 12,
}
_TOKENS = re.compile(r"[A-Z]+|\d+")


@dataclass(frozen=True)
class Month:
    month: int
    year: int | None  # None when the text names no year

    def label(self) -> str:
        return f"{MONTH_NAMES[self.month - 1]} {self.year or ''}".strip()


def month_of_sheet(name: str) -> Month | None:
    """The month a sheet is named for: 'JANUARI', 'Feb 2025', '03', '2025-03', 'Maret'.

    A bare number counts only when the name is nothing but numbers, so 'Sheet 1' is not
    January; a name with two months ('Jan-Mar') is a summary, not a month.
    """
    tokens = _TOKENS.findall(fold_title(name))
    words = [t for t in tokens if t.isalpha()]
    years = [int(t) for t in tokens if t.isdigit() and len(t) == 4]
    small = [int(t) for t in tokens if t.isdigit() and len(t) <= 2]
    months = {_MONTH_WORDS[w] for w in words if w in _MONTH_WORDS}
    if len(months) == 1:
        month = months.pop()
    elif not words and len(small) == 1 and 1 <= small[0] <= 12:
        month = small[0]
    else:
        return None
    if len(years) > 1:
        return None
    return Month(month, years[0] if years else None)


# --- Title rows: what the sheet says about itself --------------------------------------

_OPD_IN_TITLE = re.compile(r"\b(?:SKPD|OPD|PERANGKAT DAERAH)\b\W*?(\d+(?:\.\d+){3,})")
_PERIOD_IN_TITLE = re.compile(r"\b(?:BULAN|PERIODE|KONDISI)\b(.*)")
# Month and year written in digits: 31/03/2025, 2025-03, 03/2025 (year, month groups).
_NUMERIC_MONTHS = (
    (re.compile(r"\b\d{1,2}[/-](\d{1,2})[/-](\d{4})\b"), 2, 1),
    (re.compile(r"\b(\d{4})-(\d{1,2})\b"), 1, 2),
    (re.compile(r"\b(\d{1,2})[/-](\d{4})\b"), 2, 1),
)


def _row_text(row: list) -> str:
    return " ".join(text for text in map(cell_text, row) if text)


def opd_in_titles(title_rows: list[list]) -> str | None:
    """The OPD code of a title row such as 'SKPD: 1.02.0.00.0.00.01.0000 Dinas Kesehatan'."""
    for row in title_rows:
        found = _OPD_IN_TITLE.search(fold_title(_row_text(row)))
        if found:
            return found.group(1)
    return None


def month_in_titles(title_rows: list[list]) -> Month | None:
    """The month of a title row such as 'BULAN: MARET 2025' or 'PERIODE: 2025-03'.

    For a span ('1 JANUARI S.D. 31 MARET 2025') the last month counts: the report is
    cumulative to the end of the span.
    """
    for row in title_rows:
        found = _PERIOD_IN_TITLE.search(fold_title(_row_text(row)))
        if found:
            month = _last_month_in(found.group(1))
            if month is not None:
                return month
    return None


def _last_month_in(text: str) -> Month | None:
    for pattern, year_group, month_group in _NUMERIC_MONTHS:
        written = [(int(m.group(year_group)), int(m.group(month_group)))
                   for m in pattern.finditer(text)]
        if written and 1 <= written[-1][1] <= 12:
            return Month(written[-1][1], written[-1][0])
    tokens = _TOKENS.findall(text)
    months = [_MONTH_WORDS[t] for t in tokens if t in _MONTH_WORDS]
    years = [int(t) for t in tokens if t.isdigit() and len(t) == 4]
    return Month(months[-1], years[-1] if years else None) if months else None


# --- Header ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportHeader:
    row_index: int  # 0-based index of the header's first row
    height: int  # 1, or 2 for a parent row over a child row
    columns: dict[str, int]  # canonical column -> 0-based position


def _spread_over_merges(row: list, index: int, merges: list) -> list:
    """A header row with each horizontally merged title copied into every cell it spans.

    Only the top-left cell of a merge holds the value; without the copy, 'FISIK (%)'
    under a merged 'TARGET' would read as the realisation column.
    """
    spread = list(row)
    for (top, left), (_bottom, right) in merges:
        if top == index and right > left and left < len(row):
            spread.extend([""] * (right + 1 - len(spread)))
            for position in range(left + 1, right + 1):
                spread[position] = row[left]
    return spread


def _two_row_titles(parents: list[str], children: list[str], index: int,
                    merges: list) -> list[str]:
    parents = _spread_over_merges(parents, index, merges)
    children = list(children)
    width = max(len(parents), len(children))
    parents += [""] * (width - len(parents))
    children += [""] * (width - len(children))
    # A cell merged down over both rows has no child: its own title stands alone.
    return [f"{p} {c}" if p and c else p or c for p, c in zip(parents, children)]


def _header_candidates(rows: list[list], merges: list) -> Iterator[tuple[int, list[str], list[str] | None]]:
    """Per row where a header may start: its titles alone, and read over the row below
    (None on the sheet's last row). Each row's cells go through title_key once."""
    below = [title_key(c) for c in rows[0]] if rows else []
    for index in range(min(HEADER_SCAN_ROWS, len(rows))):
        titles, below = below, None
        if index + 1 < len(rows):
            below = [title_key(c) for c in rows[index + 1]]
        double = None if below is None else _two_row_titles(titles, below, index, merges)
        yield index, titles, double


def find_report_header(rows: list[list], merges: list) -> ReportHeader | None:
    """The template's FORM-RFK header (template_form.py); else the first row that, alone
    or over the row below it, carries every required title.

    Where both readings match, the two-row one wins only if it finds more columns: under
    a one-row header the next row is data, whose cells make no titles.
    """
    # imported here: template_form reads paths of titles (headers.py), which need
    # this module's title_key
    from pipelines.sources.rfk.template_form import find_template_header

    template = find_template_header(rows, merges)
    if template is not None:
        return template
    for index, titles, two_rows in _header_candidates(rows, merges):
        single = find_header([titles], TITLES, REQUIRED)
        double = None if two_rows is None else find_header([two_rows], TITLES, REQUIRED)
        if double and (single is None or len(double.columns) > len(single.columns)):
            return ReportHeader(index, 2, double.columns)
        if single:
            return ReportHeader(index, 1, single.columns)
    return None


def missing_report_titles(rows: list[list], merges: list) -> list[str]:
    """The required titles absent from the best candidate header, one- or two-row."""
    candidates = []
    for _index, titles, two_rows in _header_candidates(rows, merges):
        candidates.append(titles)
        if two_rows is not None:
            candidates.append(two_rows)
    return min((missing_titles([c], TITLES, REQUIRED) for c in candidates), key=len,
               default=[TITLES[name][0] for name in REQUIRED])


# --- Values ----------------------------------------------------------------------------


def _bounded(number: Decimal | None, limit: Decimal) -> Decimal | None:
    if number is not None and abs(number) >= limit:
        raise ValueError(f"terlalu besar / too large: {number}")
    return number


def parse_money(value: object, scale: int = 1) -> Decimal | None:
    """Money as parse_rupiah reads it (times `scale`); a dash is 0, a value too large
    for the raw table is refused."""
    if isinstance(value, str) and value.strip() in _NIL:
        return Decimal("0.00")
    return _bounded(parse_rupiah(value, scale), MONEY_LIMIT)


def parse_percent(value: object, percent_format: bool = False,
                  places: int = 2) -> Decimal | None:
    """A percentage as written: 45, '45,5', '45%', or 0.455 in a cell formatted '0.0%',
    to `places` decimals.

    Excel stores 45,5% as 0.455 and shows it times 100, so a %-formatted number is
    multiplied back; any other number is taken as the percentage itself. A '.' is a
    decimal point here (no percentage needs thousands), a ',' too.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"bukan angka / not a number: {value!r}")
    if isinstance(value, (int, float)):
        number = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
        if percent_format:
            number *= 100
    else:
        text = str(value).strip().replace(" ", "").replace("\u00a0", "")
        if text in _NIL:
            return Decimal("0.00")
        text = text.removesuffix("%")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"bukan angka / not a number: {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"bukan angka / not a number: {value!r}")
    return _bounded(number.quantize(Decimal(10) ** -places, rounding=ROUND_HALF_UP),
                    PERCENT_LIMIT)


# --- Rows ------------------------------------------------------------------------------

# Why a row under the header was not landed (Indonesian / English, for the notes).
SKIP_EMPTY = "kosong / empty"
SKIP_NUMBERING = "penomoran kolom / column numbers"
SKIP_SUBTOTAL = "subtotal (TOTAL/JUMLAH)"
SKIP_BLOCK = "blok sumber dana / funding-source block"
SKIP_HEADING = "judul atau kelompok / heading"
SKIP_PARENT = "program/kegiatan (tingkat induk / parent level)"

# A sub kegiatan code or a malformed one: starts with a digit, has dotted parts.
_CODE = re.compile(r"^\d+(\.[0-9A-Za-z]+)+$")
# Bidang urusan, program and kegiatan: parents whose figures sum their sub kegiatan.
_PARENT_CODE = re.compile("|".join(code_pattern(level) for level in
                                   ("bidang_urusan", "program", "kegiatan")))
_SUBTOTAL = re.compile(r"\b(SUB\s*TOTAL|TOTAL|JUMLAH)\b")
_FUNDING_BLOCK = re.compile(r"^SUMBER\s+DANA\b\s*[:\-]?\s*(.*)$", re.IGNORECASE)
_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2})\)?(\s*=.*)?$")  # 1, (2), '6=5/4'


def _is_column_numbering(row: list) -> bool:
    """The row of column numbers many forms put under the header: 1 2 3 ... '6=5/4'."""
    numbers = []
    for text in filter(None, map(cell_text, row)):
        found = _COLUMN_NUMBER.match(text)
        if not found:
            return False
        numbers.append(int(found.group(1)))
    return len(numbers) >= 3 and numbers == sorted(set(numbers))


@dataclass
class SheetReport:
    """One sheet's data rows as read, before the month is attached."""

    sheet: str
    named_month: Month | None  # from the sheet's name
    title_month: Month | None  # from a title row
    title_opd: str | None  # from a title row
    rows: list[tuple] = field(default_factory=list)  # (sheet, row_number, *SHEET_COLUMNS)
    skipped: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def is_filled(self) -> bool:
        """Whether the OPD has entered any realisation (month sheets are made in advance)."""
        positions = [2 + SHEET_COLUMNS.index(n) for n in ("realisasi_keuangan", "realisasi_fisik")]
        return any(row[p] is not None for row in self.rows for p in positions)


class _RowReader:
    """Reads the rows under one sheet's header, telling data from everything else."""

    def __init__(self, path: Path, sheet: str, header: ReportHeader,
                 percent_cells: set[tuple[int, int]]):
        self.path, self.sheet, self.header = path, sheet, header
        self.percent_cells = percent_cells
        columns = header.columns
        self.figures = [n for n in (*MONEY_COLUMNS, *PERCENT_COLUMNS) if n in columns]
        # A row's label (where TOTAL/JUMLAH or a block name is written) is any text
        # outside figures and remarks; remarks may well say "jumlah".
        self.not_label = {columns[n] for n in (*self.figures, *FREE_TEXT_COLUMNS)
                          if n in columns}
        self.rak_column, self.rak_satuan = _rak_column(columns)
        self.funding_block: str | None = None

    def cell(self, row: list, name: str):
        position = self.header.columns.get(name)
        return row[position] if position is not None and position < len(row) else None

    def skip_reason(self, row: list, index: int, first: bool) -> str | None:
        """Why this row is not data, or None for a data row.

        A row with a sub kegiatan code is data. Without one: a funding-source block or
        heading when it has no figures, a subtotal when its text says TOTAL/JUMLAH, and
        otherwise data with a missing code (landed for the quality checks to flag).
        """
        if not any(cell_text(c) for c in row):
            return SKIP_EMPTY
        if first and _is_column_numbering(row):
            return SKIP_NUMBERING
        kode = cell_text(self.cell(row, "kode_sub_kegiatan"))
        if kode and _PARENT_CODE.match(kode):
            return SKIP_PARENT
        if kode and _CODE.match(kode):
            return None
        label = " ".join(filter(None, (cell_text(c) for position, c in enumerate(row)
                                       if position not in self.not_label)))
        block = _FUNDING_BLOCK.match(label)
        if block:
            self.funding_block = block.group(1).strip() or None
            return SKIP_BLOCK
        if not self.has_figures(row, index):
            return SKIP_HEADING
        if _SUBTOTAL.search(fold_title(label)):
            return SKIP_SUBTOTAL
        return None

    def has_figures(self, row: list, index: int) -> bool:
        """Whether any figure cell holds a number (a dash or a signature does not count)."""
        for name in self.figures:
            value = self.cell(row, name)
            if isinstance(value, str) and value.strip() in _NIL:
                continue
            try:
                if self.parse(value, index, name) is not None:
                    return True
            except ValueError:
                continue
        return False

    def values(self, row: list, index: int) -> tuple:
        """The row's SHEET_COLUMNS; text in a figure cell rejects the file, naming the row."""
        texts = {name: cell_text(self.cell(row, name))
                 for name in (*TEXT_COLUMNS, *FREE_TEXT_COLUMNS)}
        texts["sumber_dana"] = texts["sumber_dana"] or self.funding_block
        return (
            *(texts[name] for name in TEXT_COLUMNS),
            self.figure(row, index, "pagu"),
            self.figure(row, index, self.rak_column) if self.rak_column else None,
            self.rak_satuan,
            self.figure(row, index, "realisasi_keuangan"),
            self.figure(row, index, "rencana_fisik"),
            self.figure(row, index, "realisasi_fisik"),
            *(texts[name] for name in FREE_TEXT_COLUMNS),
        )

    def figure(self, row: list, index: int, name: str) -> Decimal | None:
        """The figure of a column, None where the sheet has no such column (a plan)."""
        if name not in self.header.columns:
            return None
        try:
            return self.parse(self.cell(row, name), index, name)
        except ValueError as exc:
            raise SourceFileError(self.path, f"{TITLES[name][0]}: {exc}", sheet=self.sheet,
                                  row=index + 1) from None

    def parse(self, value: object, index: int, name: str) -> Decimal | None:
        if name in PERCENT_COLUMNS:
            shown_times_100 = (index, self.header.columns[name]) in self.percent_cells
            return parse_percent(value, shown_times_100)
        return parse_money(value)


def _rak_column(columns: dict[str, int]) -> tuple[str | None, str | None]:
    """The cash-plan column landed and its unit; Rupiah, the exact one, if both are there."""
    if "rak_rupiah" in columns:
        return "rak_rupiah", "rupiah"
    if "rak_persen" in columns:
        return "rak_persen", "persen"
    return None, None


def read_sheet(path: Path, sheet: str, rows: list[list], header: ReportHeader,
               percent_cells: set[tuple[int, int]]) -> SheetReport:
    title_rows = rows[:header.row_index]
    report = SheetReport(sheet, month_of_sheet(sheet), month_in_titles(title_rows),
                         opd_in_titles(title_rows))
    reader = _RowReader(path, sheet, header, percent_cells)
    if {"rak_rupiah", "rak_persen"} <= header.columns.keys():
        # One RAK per row, in one unit (see _rak_column); say what was left out.
        report.notes.append(f"sheet '{sheet}': RAK (Rp) dimuat, RAK (%) tidak / RAK (Rp) "
                            "landed, RAK (%) not")
    first = True
    for index in range(header.row_index + header.height, len(rows)):
        row = rows[index]
        reason = reader.skip_reason(row, index, first)
        first = first and reason == SKIP_EMPTY
        if reason is not None:
            report.skipped[reason] += 1
            continue
        report.rows.append((sheet, index + 1, *reader.values(row, index)))
    return report


# --- The workbook ----------------------------------------------------------------------


@dataclass
class Sheet:
    name: str
    rows: list[list]
    merges: list

    @property
    def empty(self) -> bool:
        return not any(cell_text(c) for row in self.rows for c in row)


def sheets_of(path: Path) -> list[Sheet]:
    workbook = open_workbook(path)
    sheets = []
    for name in workbook.sheet_names:
        try:
            data = workbook.get_sheet_by_name(name)
            rows = data.to_python(skip_empty_area=False)  # row 0 is the sheet's row 1
        except Exception as exc:
            raise SourceFileError(path, f"sheet tidak terbaca / unreadable sheet ({exc})",
                                  sheet=name) from exc
        sheets.append(Sheet(name, rows, data.merged_cell_ranges or []))
    return sheets


def _requested_periode(path: Path, meta: FileMeta) -> date | None:
    """The month the upload is for, from metadata `periode` ('YYYY-MM'), if given."""
    periode = meta.periode
    if periode in (None, ""):
        return None
    found = re.fullmatch(r"(\d{4})-(\d{2})", str(periode).strip())
    if not found or not 1 <= int(found.group(2)) <= 12:
        raise SourceFileError(path, f"periode di metadata {periode!r} harus YYYY-MM / "
                              "periode in metadata must be YYYY-MM")
    requested = date(int(found.group(1)), int(found.group(2)), 1)
    if meta.tahun is not None and meta.tahun != requested.year:
        raise SourceFileError(path, f"periode {periode} tidak sesuai tahun {meta.tahun} di "
                              "metadata / periode and tahun in metadata disagree")
    return requested


def _header_or_reject(path: Path, sheet: Sheet) -> ReportHeader:
    header = find_report_header(sheet.rows, sheet.merges)
    if header is None:
        missing = ", ".join(missing_report_titles(sheet.rows, sheet.merges))
        raise SourceFileError(path, "bukan laporan RFK / not an RFK report: kolom tidak "
                              f"ditemukan / columns not found: {missing}", sheet=sheet.name)
    return header


def _read_month_sheets(path: Path, month_sheets: list[tuple[Sheet, Month]],
                       requested: date | None, tahun: int | None, percent: dict,
                       not_read: dict[str, str]) -> list[SheetReport]:
    """The sheet for the requested month; without one, every month sheet filled in.

    A sheet named for another year ('Des 2024' in a 2025 workbook) is kept for
    reference by OPDs, not reported: it is never read.
    """
    present = ", ".join(f"'{sheet.name}'" for sheet, _ in month_sheets)
    year = requested.year if requested else tahun
    month_sheets = [(sheet, month) for sheet, month in month_sheets
                    if year is None or month.year in (None, year)]
    if requested is not None:
        matches = [sheet for sheet, month in month_sheets if month.month == requested.month]
        wanted = Month(requested.month, requested.year).label()
        if not matches:
            raise SourceFileError(path, f"tidak ada sheet untuk bulan {wanted} / no sheet for "
                                  f"the month in metadata (sheet bulan yang ada / month "
                                  f"sheets present: {present})")
        if len(matches) > 1:
            names = ", ".join(f"'{sheet.name}'" for sheet in matches)
            raise SourceFileError(path, f"lebih dari satu sheet untuk bulan {wanted} / "
                                  f"several sheets for one month: {names}")
        return [_read_required(path, matches[0], percent, "bulan " + wanted)]
    by_month = Counter(month.month for _, month in month_sheets)
    doubled = [MONTH_NAMES[m - 1] for m, count in sorted(by_month.items()) if count > 1]
    if doubled:
        raise SourceFileError(path, "lebih dari satu sheet untuk bulan yang sama / several "
                              f"sheets for one month: {', '.join(doubled)} ({present})")
    reports = []
    for sheet, _ in sorted(month_sheets, key=lambda pair: pair[1].month):
        if sheet.empty:
            continue
        report = read_sheet(path, sheet.name, sheet.rows, _header_or_reject(path, sheet),
                            percent.get(sheet.name, set()))
        if not report.is_filled():
            not_read[sheet.name] = "belum diisi realisasinya / no realisation filled in"
            continue
        reports.append(report)
    if not reports:
        raise SourceFileError(path, "tidak ada sheet bulan yang sudah diisi realisasinya / "
                              f"no month sheet has any realisation filled in ({present})")
    return reports


def _read_required(path: Path, sheet: Sheet, percent: dict, what: str) -> SheetReport:
    if sheet.empty:
        raise SourceFileError(path, f"sheet {what} kosong / the sheet is empty",
                              sheet=sheet.name)
    return _read_under_header(path, sheet, _header_or_reject(path, sheet), percent)


def _read_under_header(path: Path, sheet: Sheet, header: ReportHeader,
                       percent: dict) -> SheetReport:
    """The sheet's data rows under its header; a header with nothing under it is refused."""
    report = read_sheet(path, sheet.name, sheet.rows, header, percent.get(sheet.name, set()))
    if not report.rows:
        raise SourceFileError(path, "tidak ada baris data / no data rows under the header",
                              sheet=sheet.name)
    return report


def _read_report_sheet(path: Path, sheets: list[Sheet], percent: dict) -> SheetReport:
    """Without month sheets: the first sheet whose header carries the RFK titles."""
    problems = []
    for sheet in sheets:
        if sheet.empty:
            continue
        header = find_report_header(sheet.rows, sheet.merges)
        if header is None:
            missing = ", ".join(missing_report_titles(sheet.rows, sheet.merges))
            problems.append(f"sheet '{sheet.name}': kolom tidak ditemukan / columns not "
                            f"found: {missing}")
            continue
        return _read_under_header(path, sheet, header, percent)
    raise SourceFileError(path, "bukan laporan RFK / not an RFK report: " + "; ".join(problems))


def _periode_of(path: Path, report: SheetReport, requested: date | None,
                tahun: int | None) -> date:
    """The month a sheet's rows are for: metadata, else the sheet's name, else its title.

    A month sheet is chosen by its name, so only a single report sheet is checked
    against its title row (copied month sheets often keep a stale title).
    """
    if report.named_month is not None:
        month = report.named_month
        year = (requested.year if requested else None) or tahun or month.year or (
            report.title_month.year if report.title_month else None)
    else:
        title = report.title_month
        if requested is not None:
            if title and (title.month != requested.month
                          or title.year not in (None, requested.year)):
                raise SourceFileError(
                    path, f"bulan di judul ({title.label()}) tidak sama dengan periode "
                    f"metadata {requested:%Y-%m} / the title's month differs from metadata",
                    sheet=report.sheet)
            return requested
        if title is None:
            raise SourceFileError(
                path, "bulan laporan tidak diketahui / the report's month is unknown: isi "
                "periode (YYYY-MM) di metadata, beri nama sheet per bulan, atau tulis baris "
                "judul 'BULAN: Maret 2025'", sheet=report.sheet)
        month, year = title, title.year or tahun
    if year is None:
        raise SourceFileError(path, "tahun laporan tidak diketahui / the report's year is "
                              "unknown: isi tahun atau periode di metadata", sheet=report.sheet)
    return date(year, month.month, 1)


def _kode_opd(path: Path, meta: FileMeta, reports: list[SheetReport]) -> str:
    """The OPD from metadata `kode_opd` or a title row 'SKPD: ...'; both must agree."""
    from_meta = str(meta.kode_opd or "").strip() or None
    in_titles = sorted({report.title_opd for report in reports if report.title_opd})
    if len(in_titles) > 1:
        raise SourceFileError(path, "sheet menyebut SKPD yang berbeda / sheets name different "
                              f"OPDs: {', '.join(in_titles)}")
    from_title = in_titles[0] if in_titles else None
    if from_meta and from_title and from_meta != from_title:
        raise SourceFileError(path, f"SKPD di judul {from_title} tidak sama dengan kode_opd "
                              f"metadata {from_meta} / the OPD in the title differs from "
                              "metadata")
    kode_opd = from_meta or from_title
    if not kode_opd:
        raise SourceFileError(path, "kode OPD tidak diketahui / OPD code unknown: isi kode_opd "
                              "di metadata atau baris judul 'SKPD: <kode> <nama>'")
    return kode_opd


def _skip_note(report: SheetReport) -> str:
    parts = ", ".join(f"{count} {reason}" for reason, count in report.skipped.most_common())
    return (f"sheet '{report.sheet}': {sum(report.skipped.values())} baris dilewati / rows "
            f"skipped ({parts})")


def _read_reports(path: Path, sheets: list[Sheet], requested: date | None,
                  tahun: int | None, notes: list[str],
                  problems: set[str] = frozenset()) -> list[SheetReport]:
    """The sheets that hold the report, read; what was passed over goes to the notes
    (but the template's FORM-M sheets, `problems`, which are read with the lines)."""
    month_sheets = [(sheet, month) for sheet in sheets
                    if (month := month_of_sheet(sheet.name)) is not None]
    percent = percent_formatted_cells(path)
    if percent is None:
        notes.append("format persen sel tidak terbaca (bukan xlsx): pecahan dimuat apa adanya "
                     "/ cell percent formats unreadable (not xlsx): fractions landed as is")
    not_read: dict[str, str] = {}  # sheet -> why, where more than "not read" can be said
    if any(not sheet.empty for sheet, _ in month_sheets):
        reports = _read_month_sheets(path, month_sheets, requested, tahun, percent or {},
                                     not_read)
    else:
        reports = [_read_report_sheet(path, sheets, percent or {})]
    read_names = {report.sheet for report in reports}
    for sheet in sheets:
        if not sheet.empty and sheet.name not in read_names | problems:
            reason = not_read.get(sheet.name, "tidak dibaca / not read")
            notes.append(f"sheet '{sheet.name}' tidak dimuat / not landed: {reason}")
    return reports


def read_rfk(path: Path, meta: FileMeta, sheets: list[Sheet] | None = None) -> ParsedFile:
    """An RFK workbook's rows, each with the month it reports (`periode`, first day).

    The month is a row column, not a file column: a workbook with one sheet per month
    and no month in its metadata lands every filled month sheet, each with its month.
    """
    # imported here, as in find_report_header
    from pipelines.sources.rfk.template_form import attach_problems, problem_sheets

    requested = _requested_periode(path, meta)
    sheets = sheets_of(path) if sheets is None else sheets
    if all(sheet.empty for sheet in sheets):
        raise SourceFileError(path, "workbook kosong / empty workbook: tidak ada sheet berisi "
                              "/ no sheet has any content")
    notes: list[str] = []
    problems = problem_sheets(sheets)
    reports = _read_reports(path, sheets, requested, meta.tahun, notes,
                            {sheet.name for sheet in problems})
    periodes = {report.sheet: _periode_of(path, report, requested, meta.tahun)
                for report in reports}
    years = sorted({periode.year for periode in periodes.values()})
    if len(years) > 1:
        raise SourceFileError(path, f"lebih dari satu tahun / several years: {years}")
    if meta.tahun is not None and years[0] != meta.tahun:
        raise SourceFileError(path, f"tahun di file {years[0]} tidak sama dengan metadata "
                              f"{meta.tahun} / year in file differs from metadata")
    kode_opd = _kode_opd(path, meta, reports)
    sheet_rows = [row for report in reports for row in report.rows]
    if problems:  # the template's FORM-M: its problems go on their lines
        sheet_rows = attach_problems(path, sheets, sheet_rows)
    rows = [(sheet, row_number, periodes[sheet], *values)
            for (sheet, row_number, *values) in sheet_rows]
    for report in reports:
        notes.extend(report.notes)
        if report.skipped:
            notes.append(_skip_note(report))
    return ParsedFile(
        columns=COLUMNS,
        rows=rows,
        file_columns={"kode_pemda": meta.kode_pemda, "kode_opd": kode_opd, "tahun": years[0]},
        tahun=years[0],
        rows_skipped=sum(sum(report.skipped.values()) for report in reports),
        notes=notes,
    )


def supersede_key(meta: FileMeta, parsed: ParsedFile) -> str:
    """rfk|pemda|opd|YYYY-MM: a corrected upload of the same OPD-month replaces the earlier.

    A workbook landing several months (one sheet per month, no month in metadata) is the
    OPD's whole-year workbook: its next upload replaces it, so the key is the year.
    """
    position = 2 + parsed.columns.index("periode")
    months = {row[position] for row in parsed.rows}
    period = f"{next(iter(months)):%Y-%m}" if len(months) == 1 else str(parsed.tahun)
    return f"rfk|{parsed.file_columns['kode_pemda']}|{parsed.file_columns['kode_opd']}|{period}"
