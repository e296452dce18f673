"""Reader for the monthly "Laporan Realisasi" export (all SKPD, one period).

A few title rows carry the period ("PERIODE 1 JANUARI 2025 S.D. 31 MARET 2025"), then
one header row, then account lines with subtotal rows (per sub kegiatan, per SKPD, a
grand total) interleaved. Only account lines are landed: a line is a row whose
KODE REKENING is a full account code (six levels, e.g. 5.1.02.01.01.0024); subtotals
carry a higher-level code or none.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import Path

from pipelines.inbox import FileMeta
from pipelines.pemda import government_named_in_rows
from pipelines.sources.base import ParsedFile
from pipelines.sources.dates import MONTHS
from pipelines.sources.errors import SourceFileError
from pipelines.sources.spreadsheet import (
    cell_text,
    cells_at,
    first_sheet_with_header,
    fold_title,
    parse_rupiah,
)

# Canonical column -> title variants seen in exports (folded when compared).
# Only cumulative realization is accepted: "REALISASI BULAN INI" (the month alone) is not
# a variant on purpose, so a report carrying both columns lands the cumulative one.
TITLES: dict[str, tuple[str, ...]] = {
    "kode_skpd": ("KODE SKPD", "KODE OPD"),
    "nama_skpd": ("NAMA SKPD", "NAMA OPD"),
    "kode_sub_unit": ("KODE SUB UNIT", "KODE SUB SKPD", "KODE UNIT"),
    "nama_sub_unit": ("NAMA SUB UNIT", "NAMA SUB SKPD", "NAMA UNIT"),
    "kode_sub_kegiatan": ("KODE SUB KEGIATAN", "KODE SUBKEGIATAN"),
    "nama_sub_kegiatan": ("NAMA SUB KEGIATAN", "NAMA SUBKEGIATAN"),
    "kode_rekening": ("KODE REKENING", "KODE AKUN"),
    "nama_rekening": ("NAMA REKENING", "NAMA AKUN", "URAIAN REKENING"),
    "anggaran": ("ANGGARAN", "PAGU", "ANGGARAN SETELAH PERUBAHAN", "PAGU ANGGARAN",
                 "ANGGARAN (RP)"),
    "realisasi": ("REALISASI", "REALISASI S.D. BULAN INI", "REALISASI S/D BULAN INI",
                  "REALISASI SD BULAN INI", "REALISASI SAMPAI DENGAN BULAN INI",
                  "REALISASI (RP)"),
    "sisa": ("SISA", "SISA ANGGARAN", "SISA ANGGARAN (RP)"),
    # Derived (realisasi / anggaran) and recomputed downstream: kept as shown, as text,
    # so a "#DIV/0!" or "45,6 %" in it never rejects a file.
    "persentase": ("PERSENTASE", "PERSENTASE (%)", "%", "CAPAIAN (%)"),
}
REQUIRED = ("kode_skpd", "kode_sub_kegiatan", "kode_rekening", "anggaran", "realisasi")
MONEY_COLUMNS = ("anggaran", "realisasi", "sisa")
TEXT_COLUMNS = tuple(name for name in TITLES if name not in (*MONEY_COLUMNS, "persentase"))
COLUMNS = (*TEXT_COLUMNS, *MONEY_COLUMNS, "persentase")
# Codes an account line needs to be attributed; empty ones usually mean merged cells.
LINE_CODES = ("kode_skpd", "kode_sub_kegiatan")
ACCOUNT_LEVELS = 6  # akun.kelompok.jenis.objek.rincian_objek.sub_rincian_objek
_REKENING = TEXT_COLUMNS.index("kode_rekening")

_PERIODE = re.compile(r"\bPERIODE\b\s*:?\s*(.*)")
_UNTIL = re.compile(r"\bS\s*\.?\s*/?\s*D\b\s*\.?|\bSAMPAI DENGAN\b|\bHINGGA\b")
_DAY_MONTH_YEAR = re.compile(
    r"(?P<day>\d{1,2})\s*(?:[/-]\s*(?P<month>\d{1,2})\s*[/-]|\s(?P<name>[A-Z]+))"
    r"\s*(?P<year>\d{4})?"
)
_META_PERIODE = re.compile(r"^(\d{4})-(\d{2})$")


def read_realisasi(path: Path, meta: FileMeta) -> ParsedFile:
    sheet, rows, header = first_sheet_with_header(
        path, TITLES, REQUIRED, "bukan Laporan Realisasi / not a realization report"
    )
    period_end = _resolve_period_end(path, sheet, rows[:header.row_index], meta)
    return _parse_sheet(path, sheet, rows, header, meta, period_end)


def pemda_of(path: Path) -> str | None:
    """The government the title rows name ("PEMERINTAH KABUPATEN BURU"), if they do."""
    sheet, rows, header = first_sheet_with_header(
        path, TITLES, REQUIRED, "bukan Laporan Realisasi / not a realization report"
    )
    return government_named_in_rows(rows[:header.row_index])


def supersede_key(meta: FileMeta, parsed: ParsedFile) -> str:
    """A re-export of the same month replaces the earlier one."""
    period_end: date = parsed.file_columns["periode_akhir"]
    return f"realisasi|{meta.kode_pemda}|{period_end.year}|{period_end.month:02d}"


def _resolve_period_end(path: Path, sheet: str, title_rows: list[list],
                       meta: FileMeta) -> date:
    """The period's end: from the PERIODE title row, else from the metadata; both must agree."""
    in_file = _period_end_in_titles(path, sheet, title_rows)
    in_meta = _period_end_in_meta(path, meta)
    if in_file is None and in_meta is None:
        raise SourceFileError(
            path, "PERIODE tidak ditemukan di judul maupun metadata / period found neither "
            "in the title rows nor in the metadata (isi 'periode': 'YYYY-MM')", sheet=sheet,
        )
    if in_file is not None and in_meta is not None and \
            (in_file.year, in_file.month) != (in_meta.year, in_meta.month):
        raise SourceFileError(
            path, f"PERIODE di file s.d. {in_file.isoformat()} tidak sama dengan metadata "
            f"{meta.periode} / period in file differs from metadata", sheet=sheet,
        )
    period_end = in_file or in_meta
    if meta.tahun is not None and meta.tahun != period_end.year:
        raise SourceFileError(
            path, f"tahun PERIODE {period_end.year} tidak sama dengan metadata {meta.tahun} / "
            "year of the period differs from metadata", sheet=sheet,
        )
    return period_end


def _period_end_in_titles(path: Path, sheet: str, title_rows: list[list]) -> date | None:
    """The end date of 'PERIODE <start> S.D. <end>'; the start must be 1 January.

    Realisasi is cumulative from 1 January: a report for one month alone ("PERIODE
    1 MARET 2025 S.D. 31 MARET 2025") would be landed as if cumulative, so it is refused.
    """
    for index, row in enumerate(title_rows):
        text = fold_title(" ".join(str(cell) for cell in row if cell not in (None, "")))
        found = _PERIODE.search(text)
        if found is None:
            continue
        row_number = index + 1
        parts = _UNTIL.split(found.group(1))
        dates = [_parse_title_date(part) for part in parts] if len(parts) == 2 else []
        if len(dates) != 2 or None in dates:
            raise SourceFileError(
                path, f"PERIODE tidak terbaca / unreadable period: {text!r} (contoh / e.g. "
                "'PERIODE 1 JANUARI 2025 S.D. 31 MARET 2025')", sheet=sheet, row=row_number,
            )
        (start_day, start_month, start_year), (end_day, end_month, end_year) = dates
        if end_year is None:
            raise SourceFileError(path, f"PERIODE tanpa tahun / period without a year: {text!r}",
                                  sheet=sheet, row=row_number)
        try:
            start = date(start_year or end_year, start_month, start_day)
            end = date(end_year, end_month, end_day)
        except ValueError as exc:
            raise SourceFileError(path, f"PERIODE: tanggal tidak sah / invalid date ({exc}): "
                                  f"{text!r}", sheet=sheet, row=row_number) from None
        if start != date(end.year, 1, 1) or end < start:
            raise SourceFileError(
                path, f"PERIODE harus mulai 1 Januari tahun yang sama (realisasi kumulatif) / "
                f"period must start on 1 January of its year (cumulative realization): "
                f"{text!r}", sheet=sheet, row=row_number,
            )
        return end
    return None


def _parse_title_date(text: str) -> tuple[int, int, int | None] | None:
    """(day, month, year or None) from '31 MARET 2025', '31/03/2025' or '1 JANUARI'."""
    found = _DAY_MONTH_YEAR.match(text.strip(" :,"))  # text after the date is let be
    if found is None:
        return None
    if found["name"] is not None:
        month = MONTHS.get(found["name"])
        if month is None:
            return None
    else:
        month = int(found["month"])
    year = int(found["year"]) if found["year"] else None
    return int(found["day"]), month, year


def _period_end_in_meta(path: Path, meta: FileMeta) -> date | None:
    """The last day of the metadata's 'periode' (YYYY-MM), if given."""
    periode = meta.periode
    if periode is None:
        return None
    found = _META_PERIODE.match(str(periode))
    if found is None or not 1 <= int(found.group(2)) <= 12:
        raise SourceFileError(
            path, f"metadata periode {periode!r} harus YYYY-MM / must be YYYY-MM"
        )
    year, month = int(found.group(1)), int(found.group(2))
    return date(year, month, calendar.monthrange(year, month)[1])


def _parse_sheet(path, sheet, rows, header, meta: FileMeta, period_end: date) -> ParsedFile:
    parsed_rows = []
    skipped = {"subtotal": 0, "kosong / empty": 0, "judul / title": 0}
    text_positions = [header.columns.get(name) for name in TEXT_COLUMNS]
    money_positions = [header.columns.get(name) for name in (*MONEY_COLUMNS, "persentase")]
    for index in range(header.row_index + 1, len(rows)):
        row = rows[index]
        row_number = index + 1  # as the spreadsheet shows it
        texts = [cell_text(value) for value in cells_at(row, text_positions)]
        *amounts, persentase = cells_at(row, money_positions)
        kode_rekening = texts[_REKENING]
        if kode_rekening is None or kode_rekening.count(".") + 1 < ACCOUNT_LEVELS:
            skipped[_skipped_kind(row, amounts)] += 1
            continue
        for name in LINE_CODES:
            if texts[TEXT_COLUMNS.index(name)] is None:
                raise SourceFileError(
                    path, f"{TITLES[name][0]} kosong pada baris rekening (sel gabungan?) / "
                    "empty on an account line (merged cells?)", sheet=sheet, row=row_number,
                )
        money = []
        for name, value in zip(MONEY_COLUMNS, amounts):
            try:
                money.append(parse_rupiah(value))
            except ValueError as exc:
                raise SourceFileError(path, f"{TITLES[name][0]}: {exc}", sheet=sheet,
                                      row=row_number) from None
        parsed_rows.append((sheet, row_number, *texts, *money, cell_text(persentase)))
    if not parsed_rows:
        raise SourceFileError(
            path, "tidak ada baris rekening di bawah header / no account lines under the "
            "header", sheet=sheet,
        )
    notes = ["baris dilewati / rows skipped: "
             + ", ".join(f"{count} {kind}" for kind, count in skipped.items())]
    if period_end.day != calendar.monthrange(period_end.year, period_end.month)[1]:
        notes.append(f"PERIODE berakhir {period_end.isoformat()}, bukan akhir bulan / "
                     "the period does not end on the last day of its month")
    return ParsedFile(
        columns=COLUMNS,
        rows=parsed_rows,
        file_columns={
            "kode_pemda": meta.kode_pemda,
            "tahun": period_end.year,
            "periode_akhir": period_end,
        },
        tahun=period_end.year,
        rows_skipped=sum(skipped.values()),
        notes=notes,
    )


def _skipped_kind(row: list, money_cells: list) -> str:
    """Why a row that is not an account line is skipped: its amounts make it a subtotal."""
    if any(value not in (None, "") for value in money_cells):
        return "subtotal"
    if any(value not in (None, "") for value in row):
        return "judul / title"
    return "kosong / empty"
