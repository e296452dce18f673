"""Dates as the finance system's exports write them.

SIPD-RI prints long Indonesian dates ("2 Januari 2026"); tools that re-save an export
leave date cells, Excel serial numbers (a date cell that lost its format) or text as
dd/mm/yyyy; some write ISO dates. Anything else is not a date: nothing is guessed.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

# PEBRUARI and NOPEMBER: older official spellings still printed by some systems.
MONTHS = {
    "JANUARI": 1, "FEBRUARI": 2, "PEBRUARI": 2, "MARET": 3, "APRIL": 4, "MEI": 5,
    "JUNI": 6, "JULI": 7, "AGUSTUS": 8, "SEPTEMBER": 9, "OKTOBER": 10, "NOVEMBER": 11,
    "NOPEMBER": 11, "DESEMBER": 12,
}
_NUMERIC = re.compile(r"^(\d{1,2})([/-])(\d{1,2})\2(\d{4})$|^(\d{4})-(\d{2})-(\d{2})$")
_LONG = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$")
# Excel counts days from 1899-12-30 from serial 61 (1900-03-01) on, after a 29 February
# 1900 that never was, up to 9999-12-31, the last day it shows.
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_SERIALS = (61, 2_958_466)
FORMS = "dd/mm/yyyy, dd-mm-yyyy, yyyy-mm-dd, '2 Januari 2026'"


def parse_tanggal(value: object) -> date | None:
    """The date of a cell; None for an empty one. Raises ValueError saying why not."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not _EXCEL_SERIALS[0] <= value < _EXCEL_SERIALS[1]:
            raise ValueError(f"{value!r}: nomor seri tanggal Excel di luar jangkauan / "
                             "Excel serial date out of range")
        return _EXCEL_EPOCH + timedelta(days=int(value))
    text = " ".join(str(value or "").split())
    if not text:
        return None
    try:
        return _from_text(text)
    except ValueError as exc:
        raise ValueError(f"{text!r} ({exc}; bentuk / forms: {FORMS})") from None


def _from_text(text: str) -> date:
    numeric = _NUMERIC.match(text)
    if numeric is not None:
        if numeric.group(1):
            return date(int(numeric.group(4)), int(numeric.group(3)), int(numeric.group(1)))
        return date(int(numeric.group(5)), int(numeric.group(6)), int(numeric.group(7)))
    long = _LONG.match(text)
    if long is not None:
        month = MONTHS.get(long.group(2).upper())
        if month is None:
            raise ValueError(f"nama bulan tidak dikenal / unknown month name {long.group(2)!r}")
        return date(int(long.group(3)), month, int(long.group(1)))
    raise ValueError("bukan tanggal / not a date")
