"""Dates as the finance systems write them, read one way by every reader.

SIPD-RI writes long Indonesian dates ("2 Januari 2026"); re-saved exports carry
dd/mm/yyyy text or date cells, and a date cell that lost its format holds Excel's
serial number; services write ISO dates, sometimes with a time ("2024-02-07 00:00:00").
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

from pipelines.sources.errors import SourceFileError

MONTH_NAMES = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
               "September", "Oktober", "November", "Desember")
# Upper-case month name -> number; PEBRUARI and NOPEMBER: older official spellings still
# printed by some systems.
MONTHS = {**{name.upper(): number for number, name in enumerate(MONTH_NAMES, 1)},
          "PEBRUARI": 2, "NOPEMBER": 11}
_DATE_TEXT = re.compile(
    r"^(\d{1,2})([/-])(\d{1,2})\2(\d{4})$"  # dd/mm/yyyy, dd-mm-yyyy
    r"|^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$"  # ISO, time
    r"|^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$"  # 2 Januari 2026
)
# A date cell that lost its date format holds Excel's serial number: days since this day
# from serial 61 (1900-03-01) on (Excel counts a 29 February 1900 that never was), up to
# 9999-12-31, the last day Excel shows.
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_SERIALS = (61, 2_958_466)
_FORMS = "bentuk / format: 2 Januari 2026, dd/mm/yyyy, dd-mm-yyyy, yyyy-mm-dd"


def parse_tanggal(path: Path | str, sheet: str | None, row_number: int | None,
                  value: object, title: str = "TANGGAL SP2D") -> date:
    """A date cell, an Excel serial date (a number cell), or text in one of the forms
    above; anything else is a SourceFileError naming the column by its title."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not _EXCEL_SERIALS[0] <= value < _EXCEL_SERIALS[1]:
            raise SourceFileError(
                path, f"{title} bukan tanggal / not a date: {value!r} (nomor seri "
                "tanggal Excel di luar jangkauan / Excel serial date out of range)",
                sheet=sheet, row=row_number)
        return _EXCEL_EPOCH + timedelta(days=int(value))
    text = str(value or "").strip()
    found = _DATE_TEXT.match(text)
    try:
        if found is None:
            raise ValueError(_FORMS)
        day, _, month, year, iso_year, iso_month, iso_day, long_day, name, long_year = \
            found.groups()
        if day:
            return date(int(year), int(month), int(day))
        if iso_year:
            return date(int(iso_year), int(iso_month), int(iso_day))
        if name.upper() not in MONTHS:
            raise ValueError(f"nama bulan tidak dikenal / unknown month name {name!r}")
        return date(int(long_year), MONTHS[name.upper()], int(long_day))
    except ValueError as exc:
        raise SourceFileError(
            path, f"{title} bukan tanggal / not a date: {text!r} ({exc})",
            sheet=sheet, row=row_number,
        ) from None
