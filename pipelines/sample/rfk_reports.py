"""The OPD monthly reports (RFK): per OPD and month, each sub kegiatan's budget in force,
cumulative cash plan, financial and physical realization, problems and follow-up.

Financial realization is the finance system's (that month's Laporan Realisasi, summed
over the OPD's sub units); physical progress is estimated from it the way work runs:
a little ahead of payment (work is paid after it is done), by a lead of its own per sub
kegiatan that narrows as the work nears completion, and a few percent of preparation
before the first payment. The physical plan (the S-curve) is the same curve over the
cash plan: the work the schedule expects by the payments it plans. The template and the
"bulanan" workbooks carry it; the "tunggal" workbook has no plan column. OPDs whose absorption is below three quarters of their plan
(deviation over 25 %) explain their lagging rows.

Most OPDs return serapan's template. Three send hand-made workbooks instead:
- "bulanan": a workbook with one sheet per month so far (title rows, a two-row header
  under merged cells, column numbers, blocks per funding source with JUMLAH rows, a
  TOTAL row, a signature, long names broken over two lines); uploaded each month for
  that month, and in December as the whole year's workbook (no periode in the sidecar:
  every month sheet lands);
- "tunggal": one sheet with program and kegiatan rows summing their sub kegiatan,
  column numbers, percentages as Excel percent cells, a JUMLAH TOTAL row.

Deadline rule: the report for a month is due by the 10th of the next month (DEADLINE_DAY);
the sidecar records when it arrived (extra "diterima"), later than that is late.
"""

from __future__ import annotations

import math
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.writer.excel import ExcelWriter
from python_calamine import CalamineWorkbook

from pipelines.rfk_template import TemplateLine, write_rfk_template
from pipelines.sample import names
from pipelines.sample.spending import (
    MONTHS,
    Account,
    Spending,
    version_in_force,
)
from pipelines.sample.universe import Skpd, SubKegiatan, stream
from pipelines.sources.rfk.read import MONTH_NAMES
from pipelines.sources.spreadsheet import fold_title

TEMPLATE, BULANAN, TUNGGAL = "template", "bulanan", "tunggal"
DEADLINE_DAY = 10
LAGGING_DEVIATION = 25  # % below plan from which an OPD explains its lagging rows
_CENT = Decimal("0.01")


@dataclass(eq=False)  # told apart by identity: a copied line is another row
class ReportLine:
    """One sub kegiatan row as the OPD reports it (pagu may be None or '-' in a hand-made
    workbook: an OPD that left it empty)."""

    kode_sub_kegiatan: str
    nama_sub_kegiatan: str
    pagu: Decimal | str | None
    rak: Decimal
    realisasi_keuangan: Decimal
    realisasi_fisik: Decimal
    permasalahan: str | None = None
    tindak_lanjut: str | None = None
    rencana_fisik: Decimal | None = None

    def copy(self, **changes) -> ReportLine:
        fields = {**self.__dict__, **changes}
        return ReportLine(**fields)

    def template_line(self) -> TemplateLine:
        return TemplateLine(self.kode_sub_kegiatan, self.nama_sub_kegiatan, self.pagu, self.rak,
                            self.realisasi_keuangan, self.realisasi_fisik, self.permasalahan,
                            self.tindak_lanjut, self.rencana_fisik)


@dataclass(eq=False)
class SubtotalRow:
    """A JUMLAH/TOTAL row a hand-made sheet carries after the line at `after` (an index
    into the lines), written with a code in its code cell: landed as if it were data."""

    after: int
    kode: str
    label: str
    summed: list[ReportLine]


@dataclass
class OpdMonth:
    skpd: Skpd
    month: int
    tahun: int
    lines: list[ReportLine]
    sumber_dana: dict[str, str]  # kode sub kegiatan -> the name of its main funding source
    kegiatan: dict[str, SubKegiatan]  # kode sub kegiatan -> its place in the nomenclature
    layout: str = TEMPLATE
    diterima: date | None = None  # None: never sent
    subtotals: list[SubtotalRow] = field(default_factory=list)

    @property
    def periode(self) -> str:
        return f"{self.tahun}-{self.month:02d}"

    @property
    def deadline(self) -> date:
        return _next_month(self.tahun, self.month).replace(day=DEADLINE_DAY)


def _next_month(tahun: int, month: int) -> date:
    return date(tahun + month // 12, month % 12 + 1, 1)


def rfk_file_name(report: OpdMonth, whole_year: bool = False) -> str:
    stem = "rfk" if report.layout == TEMPLATE else "laporan-rfk"
    return f"{stem}-{report.skpd.kode}-{report.tahun if whole_year else report.periode}.xlsx"


# --- What each OPD reports ----------------------------------------------------------------


def build_reports(spending: Spending, realisasi: dict[Account, tuple[int, ...]],
                  plan: dict[str, dict[Account, tuple[int, ...]]], seed: int,
                  ) -> dict[tuple[str, int], OpdMonth]:
    """Every OPD's report for every month, as it would be sent on time and correct."""
    universe = spending.budget.universe
    rng = stream(seed, "rfk")
    by_code = {where.sub_kegiatan.kode: where.sub_kegiatan for where in universe.sub_kegiatan}
    handmade = _handmade_layouts(rng, spending)
    progress = _Progress(seed)
    reports = {}
    for month in MONTHS:
        version = version_in_force(spending.budget, month)
        pagu, rak, sumber = _budget_by_sub_kegiatan(version, plan[version.versi], month)
        keuangan: dict[tuple[str, str], int] = defaultdict(int)
        for account, spent in spending.accounts.items():
            keuangan[spent.skpd.kode, account[1]] += realisasi[account][month - 1]
        for skpd in universe.skpd:
            codes = sorted(code for (kode, code), amount in pagu.items()
                           if kode == skpd.kode and amount > 0)
            lines = [progress.line(skpd, by_code[code], month, pagu[skpd.kode, code],
                                   rak[skpd.kode, code], keuangan[skpd.kode, code])
                     for code in codes]
            _explain_lagging(lines, by_code, progress, skpd)
            diterima = _next_month(universe.tahun, month) + timedelta(days=rng.randint(0, 9))
            reports[skpd.kode, month] = OpdMonth(
                skpd, month, universe.tahun, lines,
                {code: sumber[skpd.kode, code] for code in codes},
                {code: by_code[code] for code in codes},
                handmade.get(skpd.kode, TEMPLATE), diterima)
    return reports


def _handmade_layouts(rng, spending: Spending) -> dict[str, str]:
    """Three mid-sized OPDs (not a kecamatan) that send their own workbooks."""
    rows = defaultdict(set)
    for spent in spending.accounts.values():
        rows[spent.skpd.kode].add(spent.sub_kegiatan.kode)
    candidates = [skpd.kode for skpd in spending.budget.universe.skpd
                  if 15 <= len(rows[skpd.kode]) <= 45 and not skpd.kode.startswith("7.")]
    chosen = rng.sample(candidates, 3)
    return {chosen[0]: BULANAN, chosen[1]: BULANAN, chosen[2]: TUNGGAL}


def _budget_by_sub_kegiatan(version, plan, month):
    """Per (SKPD, sub kegiatan): pagu in force, cash plan to the month's end, and the
    funding source of its biggest line."""
    pagu: dict[tuple[str, str], int] = defaultdict(int)
    rak: dict[tuple[str, str], int] = defaultdict(int)
    biggest: dict[tuple[str, str], tuple[int, str]] = {}
    for line in version.lines:
        key = (line.sub_unit.skpd.kode, line.sub_kegiatan.kode)
        pagu[key] += line.pagu
        if key not in biggest or line.pagu > biggest[key][0]:
            biggest[key] = (line.pagu, line.sumber_dana.nama)
    for account, months in plan.items():
        key = (_skpd_of_unit(account[0]), account[1])
        rak[key] += sum(months[:month])
    return pagu, rak, {key: nama for key, (_, nama) in biggest.items()}


def _skpd_of_unit(kode_sub_unit: str) -> str:
    """A sub unit's SKPD: its code with the unit number zeroed (X.XX...NN.0000)."""
    return kode_sub_unit[:-4] + "0000"


class _Progress:
    """Physical progress and problem texts, drawn once per OPD and sub kegiatan."""

    def __init__(self, seed: int):
        self.seed = seed
        self._drawn: dict[tuple[str, str], tuple[float, float, int]] = {}

    def _draw(self, skpd: Skpd, sub: SubKegiatan) -> tuple[float, float, int]:
        key = (skpd.kode, sub.kode)
        if key not in self._drawn:
            rng = stream(self.seed, f"rfk:progress:{skpd.kode}:{sub.kode}")
            self._drawn[key] = (rng.uniform(3, 15), rng.uniform(0, 1.2), rng.randrange(1000))
        return self._drawn[key]

    def line(self, skpd: Skpd, sub: SubKegiatan, month: int, pagu: int, rak: int,
             keuangan: int) -> ReportLine:
        lead, preparation, _ = self._draw(skpd, sub)

        def physical(paid: int) -> Decimal:
            """The work done (or, over the cash plan, scheduled) when `paid` is paid."""
            financial = paid / pagu * 100
            if paid == 0:
                return percent(min(10.0, preparation * (month - 1)))
            if financial >= 100:
                return percent(100.0)
            done = financial + 1 + lead * math.sqrt(1 - financial / 100)
            return percent(min(100.0, max(0.0, done)))

        return ReportLine(sub.kode, sub.nama, Decimal(pagu), Decimal(rak), Decimal(keuangan),
                          physical(keuangan), rencana_fisik=physical(rak))

    def problem(self, skpd: Skpd, sub: SubKegiatan) -> tuple[str, str]:
        _, _, pick = self._draw(skpd, sub)
        problems = _PROBLEMS.get(sub.kind, _PROBLEMS[names.KEGIATAN])
        return problems[pick % len(problems)]


def percent(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(_CENT, rounding=ROUND_HALF_UP)


def _explain_lagging(lines: list[ReportLine], subs: dict[str, SubKegiatan],
                     progress: _Progress, skpd: Skpd) -> None:
    """Problems and follow-up on the rows 10 points or more behind plan, in an OPD that
    is behind its plan by more than LAGGING_DEVIATION % (payroll and the emergency
    reserve are never explained: they are paid as due, not planned work)."""
    rak = sum(line.rak for line in lines)
    spent = sum(line.realisasi_keuangan for line in lines)
    if not rak or (rak - spent) / rak * 100 <= LAGGING_DEVIATION:
        return
    for index, line in enumerate(lines):
        sub = subs[line.kode_sub_kegiatan]
        if sub.kind in (names.GAJI, names.BTT):
            continue
        if (line.rak - line.realisasi_keuangan) / line.pagu * 100 >= 10:
            problem, follow_up = progress.problem(skpd, sub)
            lines[index] = line.copy(permasalahan=problem, tindak_lanjut=follow_up)


_PROBLEMS = {  # sub kegiatan kind -> (permasalahan, tindak lanjut) pairs
    names.FISIK: (
        ("Tender pertama gagal, proses tender ulang",
         "Percepatan tender ulang bersama Bagian Pengadaan Barang dan Jasa"),
        ("Penyedia terlambat memulai pekerjaan, progres di bawah jadwal",
         "Teguran tertulis kepada penyedia dan rapat pembuktian (show cause meeting)"),
        ("Cuaca buruk dan akses ke lokasi sulit, material terlambat tiba",
         "Penambahan tenaga kerja dan jam kerja oleh penyedia"),
        ("Pembayaran termin menunggu kelengkapan dokumen berita acara",
         "Melengkapi dokumen pembayaran lalu mengajukan SPM"),
    ),
    names.PENGADAAN: (
        ("Barang belum tersedia di katalog elektronik",
         "Beralih ke metode pengadaan lain sesuai ketentuan"),
        ("Menunggu pengiriman barang dari penyedia",
         "Koordinasi dengan penyedia untuk percepatan pengiriman"),
    ),
    names.HIBAH: (
        ("Naskah perjanjian hibah (NPHD) belum ditandatangani",
         "Pendampingan penerima hibah melengkapi persyaratan"),
    ),
    names.BANSOS: (
        ("Verifikasi data penerima bantuan belum selesai",
         "Pemadanan data penerima dengan DTKS bersama dinas terkait"),
    ),
    names.TRANSFER: (
        ("Persyaratan penyaluran dari desa belum lengkap",
         "Pendampingan desa menyusun laporan realisasi tahap sebelumnya"),
    ),
    names.KEGIATAN: (
        ("SPJ kegiatan belum lengkap", "Percepatan penyelesaian SPJ dan pengajuan GU"),
        ("Menunggu petunjuk teknis dari kementerian", "Konsultasi ke kementerian dan provinsi"),
        ("Kegiatan dijadwalkan pada triwulan IV", "Menyusun jadwal pelaksanaan yang lebih awal"),
        ("Pergeseran anggaran belum ditetapkan", "Koordinasi dengan BPKAD dan TAPD"),
    ),
}


# --- Files ----------------------------------------------------------------------------------

# Where a row landed: (sheet, row number as the spreadsheet shows it, the row's object).
Placement = tuple[str, int, object]


def write_template_report(path: Path, report: OpdMonth, nama_pemda: str) -> Path:
    return write_rfk_template(path, nama_pemda=nama_pemda, kode_opd=report.skpd.kode,
                              nama_opd=report.skpd.nama, periode=report.periode,
                              lines=[line.template_line() for line in report.lines])


def template_placements(path: Path, report: OpdMonth) -> list[Placement]:
    """Where the template put each line: read back, the rows under its header row."""
    workbook = CalamineWorkbook.from_path(str(path))
    sheet = workbook.sheet_names[0]
    rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    header = next(index for index, row in enumerate(rows)
                  if row and fold_title(row[0]) == "KODE SUB KEGIATAN")
    placements = []
    for offset, line in enumerate(report.lines):
        index = header + 1 + offset
        if rows[index][0] != line.kode_sub_kegiatan:
            raise RuntimeError(f"{path.name}: baris {index + 1} bukan {line.kode_sub_kegiatan}")
        placements.append((sheet, index + 1, line))
    return placements


_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def write_bulanan(path: Path, reports: list[OpdMonth], nama_pemda: str,
                  landed: set[int]) -> list[Placement]:
    """A hand-made workbook with one sheet per month of reports; placements of the rows
    on the sheets of the landed months."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    placements = []
    for report in reports:
        sheet = workbook.create_sheet(MONTH_NAMES[report.month - 1].upper())
        placed = _bulanan_sheet(sheet, report, nama_pemda)
        if report.month in landed:
            placements += [(sheet.title, row, obj) for row, obj in placed]
    _save(workbook, path, reports[-1])
    return placements


_BULANAN_PARENTS = ("NO", "KODE SUB KEGIATAN", "NAMA SUB KEGIATAN", "PAGU DPA (Rp)", "TARGET",
                    None, "REALISASI", None, "PERMASALAHAN", "TINDAK LANJUT")
_BULANAN_CHILDREN = (None, None, None, None, "KEUANGAN (Rp)", "FISIK (%)", "KEUANGAN (Rp)",
                     "FISIK (%)", None, None)


def _bulanan_sheet(sheet, report: OpdMonth, nama_pemda: str) -> list[tuple[int, object]]:
    sheet["A1"] = "LAPORAN REALISASI FISIK DAN KEUANGAN"
    sheet["A2"] = f"PEMERINTAH {nama_pemda.upper()}"
    sheet["A3"], sheet["C3"] = "SKPD", f": {report.skpd.kode} - {report.skpd.nama}"
    sheet["A4"], sheet["C4"] = "BULAN", f": {MONTH_NAMES[report.month - 1]} {report.tahun}"
    for cell in ("A1", "A2"):
        sheet.merge_cells(f"{cell}:{cell[0].replace('A', 'J')}{cell[1]}")
        sheet[cell].font = _BOLD
    top = 6
    for column, (parent, child) in enumerate(zip(_BULANAN_PARENTS, _BULANAN_CHILDREN), 1):
        if parent is not None:
            sheet.cell(top, column, parent).font = _BOLD
        if child is not None:
            sheet.cell(top + 1, column, child).font = _BOLD
        elif parent is not None:
            sheet.merge_cells(start_row=top, start_column=column, end_row=top + 1,
                              end_column=column)
    sheet.merge_cells("E6:F6")
    sheet.merge_cells("G6:H6")
    for column in range(1, 11):
        sheet.cell(top + 2, column, column)
    row = top + 3
    placed: list[tuple[int, object]] = []
    blocks: dict[str, list[ReportLine]] = {}
    for line in report.lines:
        blocks.setdefault(report.sumber_dana.get(line.kode_sub_kegiatan, "-"), []).append(line)
    after = _subtotals_after(report)
    coded_labels = {subtotal.label for subtotal in report.subtotals}
    for sumber, lines in blocks.items():
        sheet.cell(row, 1, f"SUMBER DANA : {sumber}").font = _BOLD
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=10)
        row += 1
        for number, line in enumerate(lines, 1):
            _write_row(sheet, row, [number, line.kode_sub_kegiatan,
                                    _typed_by_hand(line.nama_sub_kegiatan),
                                    *_bulanan_figures(line), line.permasalahan,
                                    line.tindak_lanjut])
            placed.append((row, line))
            row += 1
            for subtotal in after.get(id(line), []):
                _write_row(sheet, row, [None, subtotal.kode, subtotal.label,
                                        *_summed_figures(subtotal.summed), None, None])
                placed.append((row, subtotal))
                row += 1
        if f"JUMLAH {sumber}" not in coded_labels:  # else a coded JUMLAH row stands for it
            _label_row(sheet, row, f"JUMLAH {sumber}", lines)
            row += 1
    _label_row(sheet, row, "TOTAL", report.lines)
    _signature(sheet, row + 2, report)
    _widths(sheet, (5, 22, 48, 18, 18, 10, 18, 10, 34, 34))
    return placed


def _typed_by_hand(nama: str) -> str:
    """A long name broken over two lines in its cell (Alt+Enter), as OPDs type them:
    drift the reader's name checks must tolerate, not a name of another code."""
    if len(nama) <= 60:
        return nama
    middle = len(nama) // 2
    space = min((i for i, c in enumerate(nama) if c == " "), key=lambda i: abs(i - middle))
    return nama[:space] + "\n" + nama[space + 1:]


def _subtotals_after(report: OpdMonth) -> dict[int, list[SubtotalRow]]:
    after: dict[int, list[SubtotalRow]] = defaultdict(list)
    for subtotal in report.subtotals:
        after[id(report.lines[subtotal.after])].append(subtotal)
    return after


def _money(value) -> object:
    """Money as a sheet shows it: a whole number, or the text/blank the OPD typed."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _bulanan_figures(line: ReportLine) -> list:
    """PAGU, TARGET (Rp, FISIK %: the physical plan), REALISASI (Rp, FISIK %)."""
    return [_money(line.pagu), _money(line.rak), float(line.rencana_fisik),
            _money(line.realisasi_keuangan), float(line.realisasi_fisik)]


def _summed_figures(lines: list[ReportLine]) -> list:
    return [_money(_numeric(lines, "pagu")), _money(_numeric(lines, "rak")),
            float(_weighted_fisik(lines, "rencana_fisik")),
            _money(_numeric(lines, "realisasi_keuangan")), float(_weighted_fisik(lines))]


def _share(part: Decimal, whole) -> float | None:
    """part as a percentage of whole, two decimals; None where whole is no amount."""
    if not isinstance(whole, Decimal) or not whole:
        return None
    return float(percent(float(part / whole * 100)))


def _weighted_fisik(lines: list[ReportLine], name: str = "realisasi_fisik") -> Decimal:
    weighted = [(getattr(line, name), line.pagu) for line in lines
                if isinstance(line.pagu, Decimal)]
    total = sum(pagu for _, pagu in weighted)
    if not total:
        return Decimal(0)
    return percent(float(sum(fisik * pagu for fisik, pagu in weighted) / total))


def _numeric(lines: list[ReportLine], name: str) -> Decimal:
    return sum((getattr(line, name) for line in lines
                if isinstance(getattr(line, name), Decimal)), Decimal(0))


def _label_row(sheet, row: int, label: str, lines: list[ReportLine]) -> None:
    sheet.cell(row, 1, label).font = _BOLD
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    for column, name in ((4, "pagu"), (5, "rak"), (7, "realisasi_keuangan")):
        cell = sheet.cell(row, column, _money(_numeric(lines, name)))
        cell.font, cell.border = _BOLD, _BOX


def _write_row(sheet, row: int, values: list) -> None:
    for column, value in enumerate(values, 1):
        sheet.cell(row, column, value)


def _signature(sheet, row: int, report: OpdMonth) -> None:
    signed = report.diterima or report.deadline
    sheet.cell(row, 9, f"Dibuat tanggal {signed.day} {MONTH_NAMES[signed.month - 1]} "
                       f"{signed.year}")
    sheet.cell(row + 1, 9, f"Kepala {report.skpd.nama}")
    sheet.cell(row + 4, 9, "( ................................ )")
    sheet.cell(row + 5, 9, "NIP. ..............................")


def _widths(sheet, widths) -> None:
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(column)].width = width


_TUNGGAL_TITLES = ("No", "Kode Sub Kegiatan", "Uraian Sub Kegiatan", "Pagu Anggaran", "RAK (%)",
                   "Realisasi Keuangan (Rp.)", "Capaian Fisik (%)", "Kendala / Permasalahan",
                   "Upaya Tindak Lanjut", "Keterangan")
_PERCENT = "0.00%"


def write_tunggal(path: Path, report: OpdMonth, nama_pemda: str) -> list[Placement]:
    """A hand-made single-sheet report: program and kegiatan rows above their sub kegiatan,
    percentages as Excel percent cells, a JUMLAH TOTAL row."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Rekap RFK"
    end = _next_month(report.tahun, report.month) - timedelta(days=1)
    sheet["A1"] = "REKAPITULASI LAPORAN REALISASI FISIK DAN KEUANGAN"
    sheet["A2"] = f"PEMERINTAH {nama_pemda.upper()}"
    sheet["A3"] = f"PERANGKAT DAERAH : {report.skpd.kode} - {report.skpd.nama}"
    sheet["A4"] = (f"PERIODE : 1 Januari s.d. {end.day} {MONTH_NAMES[report.month - 1]} "
                   f"{report.tahun}")
    for row in (1, 2):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=10)
        sheet.cell(row, 1).font = _BOLD
    for column, title in enumerate(_TUNGGAL_TITLES, 1):
        cell = sheet.cell(6, column, title)
        cell.font, cell.border, cell.alignment = _BOLD, _BOX, _WRAP
        sheet.cell(7, column, f"({column})").border = _BOX
    row, placed = 8, []
    after = _subtotals_after(report)
    parents_done: set[str] = set()
    for number, line in enumerate(report.lines, 1):
        sub = report.kegiatan.get(line.kode_sub_kegiatan)
        if sub is not None:
            for kode, nama in ((sub.program.kode, sub.program.nama),
                               (sub.kegiatan.kode, sub.kegiatan.nama)):
                if kode not in parents_done:
                    parents_done.add(kode)
                    members = [other for other in report.lines
                               if other.kode_sub_kegiatan.startswith(kode + ".")]
                    _tunggal_row(sheet, row, [None, kode, nama], members, bold=True)
                    row += 1
        _tunggal_row(sheet, row, [number, line.kode_sub_kegiatan, line.nama_sub_kegiatan], [line],
                     notes=(line.permasalahan, line.tindak_lanjut))
        placed.append((sheet.title, row, line))
        row += 1
        for subtotal in after.get(id(line), []):
            _tunggal_row(sheet, row, [None, subtotal.kode, subtotal.label], subtotal.summed)
            placed.append((sheet.title, row, subtotal))
            row += 1
    _tunggal_row(sheet, row, [None, None, "JUMLAH TOTAL"], report.lines, bold=True)
    _signature(sheet, row + 2, report)
    _widths(sheet, (5, 22, 48, 18, 10, 18, 10, 34, 34, 14))
    _save(workbook, path, report)
    return placed


def _tunggal_row(sheet, row: int, label: list, lines: list[ReportLine], bold: bool = False,
                 notes: tuple = (None, None)) -> None:
    """A row with its percentages as fractions in percent cells (0.455 shown as 45.50%)."""
    single = lines[0] if len(lines) == 1 else None
    pagu = single.pagu if single else _numeric(lines, "pagu")
    rak = _share(_numeric(lines, "rak"), pagu)
    fisik = single.realisasi_fisik if single else _weighted_fisik(lines)
    values = [*label, _money(pagu), None if rak is None else round(rak / 100, 6),
              _money(_numeric(lines, "realisasi_keuangan")), round(float(fisik) / 100, 6),
              *notes]
    _write_row(sheet, row, values)
    sheet.cell(row, 5).number_format = _PERCENT
    sheet.cell(row, 7).number_format = _PERCENT
    if bold:
        for column in range(1, 8):
            sheet.cell(row, column).font = _BOLD


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose entries all carry 1980-01-01, so the same workbook gives the same bytes
    (openpyxl otherwise stamps each entry with the time of saving)."""

    def writestr(self, name, data, compress_type=None, compresslevel=None):
        if isinstance(name, str):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            name = info
        super().writestr(name, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        # openpyxl writes each worksheet from a temporary file, dated when it was written
        with open(filename, "rb") as handle:
            self.writestr(str(arcname or filename), handle.read())


def _save(workbook, path: Path, report: OpdMonth) -> None:
    """Saved with the document dated the day the OPD made it (not the time of saving)."""
    made = datetime.combine(report.diterima or report.deadline, datetime.min.time())
    workbook.properties.creator = f"Operator {report.skpd.nama}"
    workbook.properties.created = workbook.properties.modified = made
    ExcelWriter(workbook, _FixedTimeZip(path, "w", zipfile.ZIP_DEFLATED)).save()
