"""Numbers and dates as an Indonesian reader writes them: 12,5%, Rp 1.234.567, 10 April 2025.

A missing figure is written as TIDAK_ADA_DATA, never as 0: a month whose export or
report has not arrived has unknown absorption, not zero absorption.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

TIDAK_ADA_DATA = "tidak ada data"
NAMA_BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
              "September", "Oktober", "November", "Desember")
BULAN_SINGKAT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov",
                 "Des")


def angka(value: float | Decimal, digits: int = 0) -> str:
    """1234567.5 -> '1.234.567,5': dots group thousands, a comma before decimals."""
    text = f"{value:,.{digits}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def persen(value: float | Decimal | None, digits: int = 1) -> str:
    return TIDAK_ADA_DATA if value is None else f"{angka(value, digits)}%"


def poin(value: float | Decimal | None) -> str:
    return TIDAK_ADA_DATA if value is None else f"{angka(value, 1)} poin"


def rupiah(value: float | Decimal | None, signed: bool = False) -> str:
    """'Rp 1.234.567'; signed (for a change): '+Rp 1.234.567', '-Rp 1.234.567'."""
    if value is None:
        return TIDAK_ADA_DATA
    return f"{_sign(value, signed)}Rp {angka(abs(value))}"


def rupiah_singkat(value: float | Decimal | None, signed: bool = False) -> str:
    """Rp in the units leadership speaks: 'Rp 1,08 T', 'Rp 72,5 M', 'Rp 450,0 jt'."""
    if value is None:
        return TIDAK_ADA_DATA
    size = abs(Decimal(value))
    for unit, name, digits in ((10**12, "T", 2), (10**9, "M", 2), (10**6, "jt", 1)):
        if size >= unit:
            return f"{_sign(value, signed)}Rp {angka(size / unit, digits)} {name}"
    return f"{_sign(value, signed)}Rp {angka(size)}"


def _sign(value: float | Decimal, signed: bool) -> str:
    if value < 0:
        return "-"
    return "+" if signed and value > 0 else ""


def tanggal(day: date | None) -> str:
    return TIDAK_ADA_DATA if day is None else f"{day.day} {NAMA_BULAN[day.month - 1]} {day.year}"


def waktu(moment: datetime) -> str:
    """'5 Desember 2026 pukul 13.15'."""
    return f"{tanggal(moment.date())} pukul {moment:%H.%M}"


def bulan_tahun(day: date) -> str:
    return f"{NAMA_BULAN[day.month - 1]} {day.year}"
