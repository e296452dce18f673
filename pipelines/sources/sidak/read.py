"""Reader for the filled visit workbook of a sidak (pipelines/sidak/workbook.py writes it).

The title rows say the pemda, the OPD and the month whose report the team verified, the
team and the day of the visit; the sidecar, where it says them too, must agree. One row
per sub kegiatan: a row the team wrote nothing in (verified %, finding, evidence,
coordinates) was not inspected and is skipped. A verified % that is no number or lies
outside 0..100, coordinates that are not 'latitude, longitude', a missing team or day,
or a workbook with no row inspected are refused, naming the file, sheet and row.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from pipelines.inbox import FileMeta
from pipelines.sources.base import ParsedFile
from pipelines.sources.dates import MONTHS, parse_tanggal
from pipelines.sources.errors import SourceFileError
from pipelines.sources.sidak.layout import (
    DATE_LABEL,
    MONTH_LABEL,
    OPD_LABEL,
    PEMDA_LABEL,
    REQUIRED,
    TEAM_LABEL,
    TITLES,
    VERIFIED,
)
from pipelines.sources.spreadsheet import (
    cell_text,
    cells_at,
    decimal_text,
    first_sheet_with_layout,
    fold_title,
    parse_rupiah,
)

COLUMNS = ("kode_sub_kegiatan", "nama_sub_kegiatan", "pagu", "realisasi_keuangan",
           "fisik_dilaporkan", "permasalahan", "fisik_terverifikasi", "temuan", "bukti",
           "koordinat", "lintang", "bujur")
NOT_SIDAK = "bukan lembar sidak serapan / not a serapan sidak visit workbook"
_MONTH = re.compile(r"^([A-Z]+)\s+(\d{4})$")
_COORDINATES = re.compile(r"^\s*(-?\d{1,2}(?:[.,]\d+)?)\s*[,;]\s*(-?\d{1,3}(?:[.,]\d+)?)\s*$")
_CODE = re.compile(r"^\S+")


def read_sidak(path: Path, meta: FileMeta) -> ParsedFile:
    _, sheet, header = first_sheet_with_layout(path, {"": (TITLES, REQUIRED)}, NOT_SIDAK)
    labels = _labels(sheet.head[:header.row_index])
    kode_pemda = _agree(path, sheet.name, labels, PEMDA_LABEL, meta.kode_pemda, _first_word)
    kode_opd = _agree(path, sheet.name, labels, OPD_LABEL, meta.kode_opd, _first_word)
    periode = _agree(path, sheet.name, labels, MONTH_LABEL, meta.periode, _month_of_title)
    for label, value in ((PEMDA_LABEL, kode_pemda), (OPD_LABEL, kode_opd),
                         (MONTH_LABEL, periode)):
        if value is None:
            raise SourceFileError(path, f"{label} tidak diketahui: isi baris judulnya atau "
                                  f"sidecar / {label} is unknown: fill in its title row or the "
                                  "sidecar", sheet=sheet.name)
    bulan = date(int(periode[:4]), int(periode[5:7]), 1)
    tim = _label_value(labels, TEAM_LABEL)
    if not tim:
        raise SourceFileError(path, f"{TEAM_LABEL} kosong: tulis nama anggota tim / the team "
                              "is empty", sheet=sheet.name, row=_label_row(labels, TEAM_LABEL))
    tanggal = _visit_day(path, sheet.name, labels, bulan)
    positions = [header.columns.get(name) for name in TITLES]
    rows, skipped = [], 0
    for row_number, row in sheet.rows_after(header.row_index):
        values = dict(zip(TITLES, cells_at(row, positions)))
        if not any(cell_text(values[name]) for name in VERIFIED):
            skipped += 1
            continue
        rows.append((sheet.name, row_number,
                     *_line(path, sheet.name, row_number, values)))
    if not rows:
        raise SourceFileError(path, "belum ada sub kegiatan yang diisi hasil sidaknya (FISIK "
                              "TERVERIFIKASI, TEMUAN, BUKTI atau KOORDINAT) / no sub kegiatan "
                              "filled in", sheet=sheet.name)
    return ParsedFile(
        columns=COLUMNS, rows=rows,
        file_columns={"kode_pemda": kode_pemda, "tahun": bulan.year, "periode": bulan,
                      "kode_opd": kode_opd, "tim": tim, "tanggal_sidak": tanggal},
        tahun=bulan.year, rows_skipped=skipped,
        notes=[f"baris dilewati / rows skipped: {skipped} tidak diperiksa / not inspected"],
        facts={"kode_opd": kode_opd, "periode": periode})


def month_of(path: Path, meta: FileMeta) -> str:
    """The month of the report verified: the sidecar's, else the title's."""
    return meta.periode or read_sidak(path, meta).facts["periode"]


def supersede_key(meta: FileMeta, parsed: ParsedFile) -> str:
    """A later workbook of the same OPD and month replaces the earlier one."""
    return f"sidak|{parsed.file_columns['kode_pemda']}|{parsed.facts['kode_opd']}|" \
           f"{parsed.facts['periode']}"


def _line(path: Path, sheet: str, row_number: int, values: dict) -> tuple:
    kode = cell_text(values["kode_sub_kegiatan"])
    if kode is None:
        raise SourceFileError(path, "hasil sidak tanpa KODE SUB KEGIATAN / a result without "
                              "its sub kegiatan code", sheet=sheet, row=row_number)
    money = [_number(path, sheet, row_number, values, name, parse_rupiah)
             for name in ("pagu", "realisasi_keuangan")]
    dilaporkan = _number(path, sheet, row_number, values, "fisik_dilaporkan", _percent)
    verified = _number(path, sheet, row_number, values, "fisik_terverifikasi", _percent)
    if verified is not None and not Decimal(0) <= verified <= Decimal(100):
        raise SourceFileError(path, f"FISIK TERVERIFIKASI (%) {verified} di luar 0..100 / "
                              "outside 0..100", sheet=sheet, row=row_number)
    koordinat = cell_text(values["koordinat"])
    lintang = bujur = None
    if koordinat is not None:
        found = _COORDINATES.match(koordinat)
        if found is None:
            raise SourceFileError(path, f"KOORDINAT {koordinat!r} harus 'lintang, bujur' (mis. "
                                  "-3.2345, 126.5678) / must be 'latitude, longitude'",
                                  sheet=sheet, row=row_number)
        lintang, bujur = (Decimal(part.replace(",", ".")) for part in found.groups())
        if abs(lintang) > 90 or abs(bujur) > 180:
            raise SourceFileError(path, f"KOORDINAT {koordinat!r} di luar bumi / off the "
                                  "globe", sheet=sheet, row=row_number)
    return (kode, cell_text(values["nama_sub_kegiatan"]), *money, dilaporkan,
            cell_text(values["permasalahan"]), verified, cell_text(values["temuan"]),
            cell_text(values["bukti"]), koordinat, lintang, bujur)


def _number(path: Path, sheet: str, row_number: int, values: dict, name: str, parse):
    try:
        return parse(values[name])
    except ValueError as exc:
        raise SourceFileError(path, f"{TITLES[name][0]}: {exc}", sheet=sheet,
                              row=row_number) from None


def _percent(value: object) -> Decimal | None:
    """A percentage as written (45,5 or 45.5; a '%' sign allowed), two decimals."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"bukan angka / not a number: {value!r}")
    if isinstance(value, (int, float)):
        return Decimal(repr(value)).quantize(Decimal("0.01"))
    text = decimal_text(str(value).replace("%", ""))
    try:
        return Decimal(text).quantize(Decimal("0.01")) if text else None
    except ArithmeticError:
        raise ValueError(f"bukan angka / not a number: {value!r}") from None


# --- title rows --------------------------------------------------------------------------

def _labels(title_rows: list[list]) -> dict[str, tuple[int, object]]:
    """Label -> (row number, its value): a row whose first cell starts with a label; the
    value after its ':' or in the next filled cell of the row."""
    found = {}
    for index, row in enumerate(title_rows):
        filled = [cell for cell in row if cell_text(cell) is not None]
        if not filled:
            continue
        first = cell_text(filled[0])
        label, _, rest = first.partition(":")
        name = fold_title(label)
        if name in (PEMDA_LABEL, OPD_LABEL, MONTH_LABEL, TEAM_LABEL, DATE_LABEL):
            value = rest.strip() or (filled[1] if len(filled) > 1 else None)
            found[name] = (index + 1, value)
    return found


def _label_value(labels: dict, label: str):
    return cell_text(labels[label][1]) if label in labels else None


def _label_row(labels: dict, label: str) -> int | None:
    return labels[label][0] if label in labels else None


def _first_word(text: str) -> str | None:
    found = _CODE.match(text)
    return found.group(0) if found else None


def _month_of_title(text: str) -> str | None:
    found = _MONTH.match(fold_title(text))
    if found is None or found.group(1) not in MONTHS:
        return None
    return f"{found.group(2)}-{MONTHS[found.group(1)]:02d}"


def _agree(path: Path, sheet: str, labels: dict, label: str, sidecar: str | None,
           parse) -> str | None:
    """The sidecar's value, else the title's; when both say, they must agree."""
    text = _label_value(labels, label)
    titled = parse(text) if text else None
    if text and titled is None:
        raise SourceFileError(path, f"{label} {text!r} tidak terbaca / unreadable", sheet=sheet,
                              row=_label_row(labels, label))
    if sidecar is not None and titled is not None and sidecar != titled:
        raise SourceFileError(path, f"{label} di judul ({titled}) tidak sama dengan sidecar "
                              f"({sidecar}) / the title differs from the sidecar", sheet=sheet,
                              row=_label_row(labels, label))
    return sidecar or titled


def _visit_day(path: Path, sheet: str, labels: dict, bulan: date) -> date:
    row = _label_row(labels, DATE_LABEL)
    value = labels[DATE_LABEL][1] if DATE_LABEL in labels else None
    if value is None or cell_text(value) is None:
        raise SourceFileError(path, f"{DATE_LABEL} kosong: tulis tanggal kunjungan / the day "
                              "of the visit is empty", sheet=sheet, row=row)
    day = parse_tanggal(path, sheet, row, value, title=DATE_LABEL)
    if day < bulan:
        raise SourceFileError(path, f"{DATE_LABEL} {day:%d/%m/%Y} sebelum bulan laporan yang "
                              f"diverifikasi ({bulan:%m/%Y}) / before the month verified",
                              sheet=sheet, row=row)
    return day
