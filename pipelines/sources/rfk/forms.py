"""Workbooks in the field's own forms: which sheet is which form, which month each
reports, and where their rows land.

A sheet's layout is told by its header's titles (FORM-RFK, FORM-M, the Bali monthly
sheet); a workbook with none of them is serapan's template or a hand-made report
(read.py). What a FORM-RFK sheet is for is told by its title rows: labels (SKPD, SUB
KEGIATAN) make it an OPD's own form, landed in raw.rfk_laporan under the upload's OPD;
a title naming an OPD or Camat makes it a sheet of the pemda's recap, landed in
raw.rfk_rekap under that name; a title naming the pemda makes it a summary of OPDs,
not read. FORM-M rows land in raw.rfk_permasalahan; every other row, and every sheet
not read, in raw.rfk_baris_lain with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pipelines.inbox import FileMeta
from pipelines.sources.base import ParsedFile, TableRows
from pipelines.sources.errors import SourceFileError
from pipelines.sources.percent_cells import percent_formatted_cells
from pipelines.sources.rfk import bali, form_m, form_rfk
from pipelines.sources.rfk.accounting import Accounting
from pipelines.sources.rfk.headers import FormHeader, find_form_header
from pipelines.sources.rfk.labels import (
    code_and_name,
    is_pemda,
    labels_of,
    unit_title,
    year_in_titles,
)
from pipelines.sources.rfk.read import (
    MONTH_NAMES,
    Month,
    Sheet,
    _requested_periode,
    month_in_titles,
    month_of_sheet,
)
from pipelines.sources.spreadsheet import HEADER_SCAN_ROWS

LAYOUTS = {
    "form_rfk": (form_rfk.TITLES, form_rfk.REQUIRED, form_rfk.MAX_HEIGHT),
    "form_m": (form_m.TITLES, form_m.REQUIRED, form_m.MAX_HEIGHT),
    "bali": (bali.TITLES, bali.REQUIRED, bali.MAX_HEIGHT),
}

LAPORAN_COLUMNS = (
    "periode", "layout", "tingkat", "lingkup", "nama_opd", "kode_kegiatan", "nama_kegiatan",
    "nama_sub_kegiatan", "kode_rekening", "nama_rekening", "pagu", "rak", "rak_satuan",
    "rencana_keuangan_ttb", "realisasi_keuangan", "realisasi_keuangan_ttb", "sisa_anggaran",
    "nilai_kontrak", "rencana_fisik", "rencana_fisik_ttb", "realisasi_fisik",
    "realisasi_fisik_ttb", "deviasi_fisik", "satuan_uang",
)
REKAP_COLUMNS = (
    "periode", "nama_opd", "nomor", "nama_sub_kegiatan", "pagu", "rak",
    "rencana_keuangan_ttb", "realisasi_keuangan", "realisasi_keuangan_ttb", "sisa_anggaran",
    "rencana_fisik", "rencana_fisik_ttb", "realisasi_fisik", "realisasi_fisik_ttb",
    "satuan_uang",
)
PERMASALAHAN_COLUMNS = ("periode", *form_m.COLUMNS)

NOT_A_FORM = ("judul kolom FORM-RFK, FORM-M atau laporan bulanan tidak ditemukan / no "
              "report form's column headers")
LABELS_ONLY = ("dibaca label ORGANISASI dan Kegiatan saja / only its ORGANISASI and "
               "Kegiatan labels read")
PEMDA_SUMMARY = "ringkasan tingkat pemda, baris per OPD / pemda-level summary, a row per OPD"
NO_MONTH = ("bulan laporan tidak diketahui / the report's month is unknown: isi periode "
            "(YYYY-MM) di metadata atau baris 'KONDISI S/D TGL.'")


@dataclass
class FormSheet:
    """A sheet in one of the forms' layouts, and what its title rows say."""

    sheet: Sheet
    layout: str
    header: FormHeader
    labels: dict[str, str]
    unit: str | None  # the OPD or Camat a recap sheet is for
    month: Month | None  # from the sheet's name (Bali) or its title rows (the others)
    title_year: int | None  # 'TAHUN ANGGARAN 2023'

    @property
    def name(self) -> str:
        return self.sheet.name

    @property
    def summary(self) -> bool:
        """Whether the sheet is the pemda's summary of its OPDs (its title names the
        pemda, its lines are OPDs), not a form."""
        return (self.layout == "form_rfk" and not self.labels.get("skpd")
                and self.unit is not None and is_pemda(self.unit))

    @property
    def recap(self) -> bool:
        """Whether the sheet belongs to the pemda's recap of many OPDs."""
        if self.layout == "form_m":
            return "unit_kerja" in self.header.columns
        return (self.layout == "form_rfk" and not self.labels.get("skpd")
                and self.unit is not None and not self.summary)


@dataclass
class FormsParsedFile(ParsedFile):
    key: str = ""  # the supersede key (see supersede_key)
    months: list[str] = field(default_factory=list)  # YYYY-MM of the sheets landed


def form_sheets(sheets: list[Sheet]) -> list[FormSheet | Sheet]:
    """Each sheet as a FormSheet when its header is one of the forms', else as it is."""
    found = []
    for sheet in sheets:
        found.append(_form_sheet(sheet) or sheet)
    return found


def _form_sheet(sheet: Sheet) -> FormSheet | None:
    if sheet.empty:
        return None
    for layout, (titles, required, height) in LAYOUTS.items():
        header = find_form_header(sheet.rows, sheet.merges, titles, required, height)
        if header is not None:
            title_rows = sheet.rows[:header.top]
            # A Bali monthly sheet is chosen by its name: its title rows are often a
            # stale copy ('STATUS : JANUARI 2017'), as in read.py's month sheets.
            month = (month_of_sheet(sheet.name) if layout == "bali"
                     else month_in_titles(title_rows))
            return FormSheet(sheet, layout, header, labels_of(title_rows),
                             unit_title(title_rows), month, year_in_titles(title_rows))
    return None


@dataclass
class _Read:
    """What the sheets landed, table by table."""

    laporan: list[tuple] = field(default_factory=list)
    rekap: list[tuple] = field(default_factory=list)
    permasalahan: list[tuple] = field(default_factory=list)
    periodes: set[date] = field(default_factory=set)
    lingkup: set[str] = field(default_factory=set)
    opd_sheets: bool = False  # whether a sheet read is the upload's OPD's own
    recap: bool = False  # whether a sheet read is of a pemda's recap of many OPDs


def read_forms(path, meta: FileMeta, sheets: list[FormSheet | Sheet]) -> FormsParsedFile:
    requested = _requested_periode(path, meta)
    percent = percent_formatted_cells(path) or {}
    accounting = Accounting()
    chosen = _choose(path, meta, requested, sheets, accounting, percent)
    read = _Read()
    dpa_sheet, dpa = _dpa_labels(sheets, chosen)
    for form, periode in chosen:
        cells = percent.get(form.name, set())
        if form.layout == "form_m":
            _read_problems(form, periode, accounting, read)
        elif form.layout == "bali":
            _read_bali(form, periode, cells, accounting, read, dpa)
        elif form.recap:
            _read_recap(form, periode, cells, accounting, read)
        else:
            _read_opd_form(form, periode, cells, accounting, read)
    tahun = _one_year(path, meta, chosen)
    kode_opd = _kode_opd(path, meta, read, dpa)
    file_columns = {"kode_pemda": meta.kode_pemda, "kode_opd": kode_opd, "tahun": tahun}
    read_names = {form.name for form, _ in chosen}
    for sheet in sheets:
        if sheet.name not in read_names and not any(e[0] == sheet.name
                                                    for e in accounting.entries):
            accounting.sheet_not_read(sheet.name, len(_rows(sheet)),
                                      LABELS_ONLY if sheet.name == dpa_sheet else NOT_A_FORM)
    months = sorted(f"{periode:%Y-%m}" for periode in read.periodes)
    return FormsParsedFile(
        columns=LAPORAN_COLUMNS,
        rows=read.laporan,
        file_columns=file_columns,
        tahun=tahun,
        rows_skipped=accounting.rows_skipped,
        notes=accounting.notes(),
        more=[
            TableRows("raw.rfk_rekap", REKAP_COLUMNS, read.rekap,
                      {"kode_pemda": meta.kode_pemda, "tahun": tahun}),
            TableRows("raw.rfk_permasalahan", PERMASALAHAN_COLUMNS, read.permasalahan,
                      file_columns),
            accounting.table(file_columns),
        ],
        key=_supersede_key(meta, kode_opd, read, months[0] if len(months) == 1 else str(tahun)),
        months=months,
    )


def _one_year(path, meta: FileMeta, chosen: list[tuple[FormSheet, date]]) -> int | None:
    """The year of the sheets landed: one, and the metadata's where it names one."""
    by_year: dict[int, list[str]] = {}
    for form, periode in chosen:
        by_year.setdefault(periode.year, []).append(f"'{form.name}'")
    if len(by_year) > 1:
        years = "; ".join(f"{year}: {', '.join(names)}" for year, names in sorted(by_year.items()))
        raise SourceFileError(path, f"lebih dari satu tahun / several years ({years}): isi "
                              "periode (YYYY-MM) di metadata untuk memuat sheet bulan itu saja")
    tahun = next(iter(by_year), meta.tahun)
    if meta.tahun is not None and tahun != meta.tahun:
        raise SourceFileError(path, f"tahun di file {tahun} tidak sama dengan metadata "
                              f"{meta.tahun} / year in file differs from metadata")
    return tahun


def _supersede_key(meta: FileMeta, kode_opd: str | None, read: _Read, period: str) -> str:
    """rfk|pemda|opd|period, and the (sub) kegiatan an OPD's form is for: an OPD sends one
    per sub kegiatan, and a corrected upload replaces its own only; a pemda's recap is
    rfk|pemda|rekap|period."""
    if read.opd_sheets or not read.recap:
        return "|".join(["rfk", meta.kode_pemda, str(kode_opd), period, *sorted(read.lingkup)])
    return f"rfk|{meta.kode_pemda}|rekap|{period}"


def _rows(sheet: FormSheet | Sheet) -> list[list]:
    return sheet.sheet.rows if isinstance(sheet, FormSheet) else sheet.rows


def _choose(path, meta: FileMeta, requested: date | None, sheets, accounting: Accounting,
            percent: dict) -> list[tuple[FormSheet, date]]:
    """The form sheets to land, each with the month it reports.

    With a month in the metadata, the sheets of that month (a sheet that names none
    reports it); without, each sheet its own month, and of the Bali monthly sheets
    those with a realization written (they are made for the whole year in advance).
    """
    chosen, unknown = [], []
    year = requested.year if requested else meta.tahun
    for form in sheets:
        if not isinstance(form, FormSheet):
            continue
        if form.summary:
            accounting.sheet_not_read(form.name, len(form.sheet.rows), PEMDA_SUMMARY)
            continue
        month = form.month
        if month is None and requested is None:
            unknown.append(form.name)
            accounting.sheet_not_read(form.name, len(form.sheet.rows), NO_MONTH)
            continue
        if month is None:
            chosen.append((form, requested))
            continue
        month_year = (month.year or year or form.title_year if form.layout == "bali"
                      else month.year or form.title_year or year)
        if month_year is None:
            raise SourceFileError(path, "tahun laporan tidak diketahui / the report's year is "
                                  "unknown: isi tahun atau periode di metadata", sheet=form.name)
        periode = date(month_year, month.month, 1)
        if requested is not None and periode != requested:
            accounting.sheet_not_read(form.name, len(form.sheet.rows),
                                      f"sheet bulan lain / another month's sheet "
                                      f"({MONTH_NAMES[month.month - 1]} {month_year})")
        elif requested is None and form.layout == "bali" and not _filled(form, percent):
            accounting.sheet_not_read(form.name, len(form.sheet.rows), "belum diisi "
                                      "realisasinya / no realization filled in")
        else:
            chosen.append((form, periode))
    if not chosen:
        if requested is not None:
            raise SourceFileError(path, "tidak ada sheet untuk bulan "
                                  f"{MONTH_NAMES[requested.month - 1]} {requested.year} / no "
                                  "sheet for the month in metadata")
        if unknown:
            raise SourceFileError(path, NO_MONTH)
        if any(isinstance(form, FormSheet) and form.layout == "bali" for form in sheets):
            raise SourceFileError(path, "tidak ada sheet bulan yang sudah diisi realisasinya / "
                                  "no month sheet has any realization filled in")
    return chosen


def _filled(form: FormSheet, percent: dict) -> bool:
    scratch = Accounting()
    return bali.read_sheet(form.name, form.sheet.rows, form.header,
                           percent.get(form.name, set()), date.min, scratch).is_filled()


def _dpa_labels(sheets, chosen) -> tuple[str | None, dict[str, str]]:
    """The sheet (not a form) whose labels carry codes, and its labels: the Bali DPA
    sheet's ORGANISASI and Kegiatan, for the monthly sheets, whose own labels are left
    empty or stale ('STATUS : JANUARI 2017' in a 2026 workbook)."""
    if not any(form.layout == "bali" for form, _ in chosen):
        return None, {}
    for sheet in sheets:
        if isinstance(sheet, FormSheet):
            continue
        labels = labels_of(sheet.rows[:HEADER_SCAN_ROWS])
        if code_and_name(labels.get("skpd"))[0] or code_and_name(labels.get("kegiatan"))[0]:
            return sheet.name, labels
    return None, {}


def _money_unit(header: FormHeader) -> str:
    return "ribu rupiah" if header.thousands else "rupiah"


def _read_opd_form(form: FormSheet, periode: date, cells, accounting: Accounting,
                   read: _Read) -> None:
    """An OPD's own FORM-RFK: for one sub kegiatan (its label), its lines are accounts;
    without such a label (the OPD's recap of its sub kegiatan), sub kegiatan."""
    sheet = form_rfk.read_sheet(form.name, form.sheet.rows, form.header, cells, periode,
                                accounting)
    labels = form.labels
    scope = labels.get("sub_kegiatan") or labels.get("kegiatan")
    per_account = scope is not None
    if scope:
        read.lingkup.add(" ".join(scope.split()))
    read.periodes.add(periode)
    read.opd_sheets = True
    for line in sheet.lines:
        f = line.figures
        read.laporan.append((
            form.name, line.row_number, periode, "form_rfk",
            "rekening" if per_account else "sub_kegiatan", scope, labels.get("skpd"), None,
            labels.get("kegiatan"),
            labels.get("sub_kegiatan") if per_account else line.uraian, None,
            line.uraian if per_account else None, f.get("pagu"), f.get("rak"),
            "rupiah" if "rak" in form.header.columns else None,
            f.get("rencana_keuangan_ttb"), f.get("realisasi_keuangan"),
            f.get("realisasi_keuangan_ttb"), f.get("sisa_anggaran"), None,
            f.get("rencana_fisik"), f.get("rencana_fisik_ttb"), f.get("realisasi_fisik"),
            f.get("realisasi_fisik_ttb"), None, _money_unit(form.header)))


def _read_recap(form: FormSheet, periode: date, cells, accounting: Accounting,
                read: _Read) -> None:
    sheet = form_rfk.read_sheet(form.name, form.sheet.rows, form.header, cells, periode,
                                accounting)
    read.periodes.add(periode)
    read.recap = True
    for line in sheet.lines:
        f = line.figures
        read.rekap.append((
            form.name, line.row_number, periode, form.unit, line.nomor, line.uraian,
            *(f.get(name) for name in REKAP_COLUMNS[4:-1]), _money_unit(form.header)))


def _read_problems(form: FormSheet, periode: date, accounting: Accounting,
                   read: _Read) -> None:
    sheet = form_m.read_sheet(form.name, form.sheet.rows, form.header, periode, accounting)
    read.periodes.add(periode)
    read.opd_sheets = read.opd_sheets or not form.recap
    read.recap = read.recap or form.recap
    for problem in sheet.problems:
        read.permasalahan.append((form.name, problem.row_number, periode,
                                  *(problem.values[name] for name in form_m.COLUMNS)))


def _read_bali(form: FormSheet, periode: date, cells, accounting: Accounting, read: _Read,
               dpa: dict[str, str]) -> None:
    sheet = bali.read_sheet(form.name, form.sheet.rows, form.header, cells, periode,
                            accounting)
    kode_kegiatan, nama_kegiatan = code_and_name(dpa.get("kegiatan"))
    scope = " ".join(dpa["kegiatan"].split()) if dpa.get("kegiatan") else None
    if scope:
        read.lingkup.add(scope)
    read.periodes.add(periode)
    read.opd_sheets = True
    for account in sheet.accounts:
        f = account.figures
        read.laporan.append((
            form.name, account.row_number, periode, "bali", "rekening", scope,
            form.labels.get("skpd"), kode_kegiatan, nama_kegiatan, None,
            account.kode_rekening, account.uraian, f.get("pagu"), None, None, None,
            f.get("realisasi_keuangan"), None, f.get("sisa_anggaran"), f.get("nilai_kontrak"),
            f.get("rencana_fisik"), None, f.get("realisasi_fisik"), None,
            f.get("deviasi_fisik"), _money_unit(form.header)))


def _kode_opd(path, meta: FileMeta, read: _Read, dpa: dict[str, str]) -> str | None:
    """The upload's OPD (metadata kode_opd, or the code of the DPA's ORGANISASI label;
    both must agree), required for an OPD's own forms; a pemda's recap has none."""
    from_meta = str(meta.kode_opd or "").strip() or None
    from_label = code_and_name(dpa.get("skpd"))[0]
    if from_meta and from_label and from_meta != from_label:
        raise SourceFileError(path, f"SKPD di label ORGANISASI {from_label} tidak sama dengan "
                              f"kode_opd metadata {from_meta} / the OPD in the labels differs "
                              "from metadata")
    kode_opd = from_meta or from_label
    if read.opd_sheets and not kode_opd:
        raise SourceFileError(path, "kode OPD tidak diketahui / OPD code unknown: isi kode_opd "
                              "di metadata unggahan (formulir hanya menulis nama SKPD)")
    if not read.opd_sheets and from_meta and read.rekap:
        raise SourceFileError(path, "file ini rekap pemda (satu sheet per OPD), bukan laporan "
                              f"satu OPD / a pemda's recap of many OPDs: hapus kode_opd "
                              f"{from_meta} dari metadata")
    return kode_opd
