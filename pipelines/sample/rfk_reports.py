"""The OPD monthly reports (RFK): per OPD and month, each sub kegiatan's budget in force,
cumulative cash plan, financial and physical realization, problems and follow-up.

Financial realization is the finance system's (that month's Laporan Realisasi, summed
over the OPD's sub units); physical progress is estimated from it the way work runs:
a little ahead of payment (work is paid after it is done), by a lead of its own per sub
kegiatan that narrows as the work nears completion, and a few percent of preparation
before the first payment. The physical plan (the S-curve) is the same curve over the
cash plan: the work the schedule expects by the payments it plans. The template carries
it, and FORM-RFK as FISIK RENCANA. OPDs whose absorption is below three quarters of their
plan (deviation over 25 %) explain their lagging rows.

Most OPDs return serapan's template, the same two forms with each line's code
(pipelines/rfk_template.py), their problems and who should help on its FORM-M. Three
(one of them a Camat's office) send the field's own forms instead, as Kota Banjarmasin's
OPDs do: FORM-RFK, their sub kegiatan by name with no code, and FORM-M, the problems
behind the lagging rows (rfk_forms.py).

Deadline rule: the report for a month is due by the 10th of the next month (DEADLINE_DAY);
the sidecar records when it arrived (extra "diterima"), later than that is late.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from python_calamine import CalamineWorkbook

from pipelines.rfk_template import TemplateLine, write_rfk_template
from pipelines.rfk_template_sheets import FIRST_LINE_ROW, KODE
from pipelines.sample import names
from pipelines.sample.spending import (
    MONTHS,
    Account,
    Spending,
    version_in_force,
)
from pipelines.sample.universe import Skpd, SubKegiatan, stream

TEMPLATE, FORM = "template", "form_rfk"
KECAMATAN = "7.01."  # the code of a Camat's office starts with its urusan and bidang
DEADLINE_DAY = 10
LAGGING_DEVIATION = 25  # % below plan from which an OPD explains its lagging rows
_CENT = Decimal("0.01")


@dataclass(eq=False)  # told apart by identity: a copied line is another row
class ReportLine:
    """One sub kegiatan row as the OPD reports it (pagu may be None or '-' in the field's
    forms: an OPD that left it empty)."""

    kode_sub_kegiatan: str
    nama_sub_kegiatan: str
    pagu: Decimal | str | None
    rak: Decimal
    realisasi_keuangan: Decimal
    realisasi_fisik: Decimal
    permasalahan: str | None = None
    tindak_lanjut: str | None = None
    pihak: str | None = None  # who should help solve the problem (FORM-M has a column)
    rencana_fisik: Decimal | None = None  # the physical plan (S-curve), cumulative %

    def copy(self, **changes) -> ReportLine:
        fields = {**self.__dict__, **changes}
        return ReportLine(**fields)

    def template_line(self) -> TemplateLine:
        return TemplateLine(self.kode_sub_kegiatan, self.nama_sub_kegiatan, self.pagu, self.rak,
                            self.realisasi_keuangan, self.realisasi_fisik, self.permasalahan,
                            self.tindak_lanjut, self.rencana_fisik, self.pihak)


@dataclass(eq=False)
class SubtotalRow:
    """A kegiatan row an OPD's form carries above its sub kegiatan, named as the kegiatan
    and carrying their sums: a form's rows have no codes, so it lands as if it were a
    line. `before` is the index of the first line it sums."""

    before: int
    nama: str
    summed: list[ReportLine]


@dataclass
class OpdMonth:
    skpd: Skpd
    month: int
    tahun: int
    lines: list[ReportLine]
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


def rfk_file_name(report: OpdMonth) -> str:
    stem = "rfk" if report.layout == TEMPLATE else "laporan-rfk"
    return f"{stem}-{report.skpd.kode}-{report.periode}.xlsx"


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
        pagu, rak = _budget_by_sub_kegiatan(version, plan[version.versi], month)
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
                skpd, month, universe.tahun, lines, {code: by_code[code] for code in codes},
                handmade.get(skpd.kode, TEMPLATE), diterima)
    return reports


def _handmade_layouts(rng, spending: Spending) -> dict[str, str]:
    """The OPDs that send the field's forms: two mid-sized dinas or badan, and a Camat."""
    rows = defaultdict(set)
    for spent in spending.accounts.values():
        rows[spent.skpd.kode].add(spent.sub_kegiatan.kode)
    skpd = spending.budget.universe.skpd
    kecamatan = [s.kode for s in skpd if s.kode.startswith(KECAMATAN)]
    others = [s.kode for s in skpd
              if 15 <= len(rows[s.kode]) <= 45 and not s.kode.startswith(KECAMATAN)]
    return dict.fromkeys(rng.sample(others, 2) + rng.sample(kecamatan, 1), FORM)


def _budget_by_sub_kegiatan(version, plan, month):
    """Per (SKPD, sub kegiatan): pagu in force and cash plan to the month's end."""
    pagu: dict[tuple[str, str], int] = defaultdict(int)
    rak: dict[tuple[str, str], int] = defaultdict(int)
    for line in version.lines:
        pagu[line.sub_unit.skpd.kode, line.sub_kegiatan.kode] += line.pagu
    for account, months in plan.items():
        key = (_skpd_of_unit(account[0]), account[1])
        rak[key] += sum(months[:month])
    return pagu, rak


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

    def problem(self, skpd: Skpd, sub: SubKegiatan) -> tuple[str, str, str]:
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
            problem, follow_up, pihak = progress.problem(skpd, sub)
            lines[index] = line.copy(permasalahan=problem, tindak_lanjut=follow_up, pihak=pihak)


_PROBLEMS = {  # sub kegiatan kind -> (permasalahan, tindak lanjut, pihak yang diharapkan)
    names.FISIK: (
        ("Tender pertama gagal, proses tender ulang",
         "Percepatan tender ulang bersama Bagian Pengadaan Barang dan Jasa",
         "Bagian Pengadaan Barang dan Jasa Setda"),
        ("Penyedia terlambat memulai pekerjaan, progres di bawah jadwal",
         "Teguran tertulis kepada penyedia dan rapat pembuktian (show cause meeting)",
         "Penyedia jasa konstruksi"),
        ("Cuaca buruk dan akses ke lokasi sulit, material terlambat tiba",
         "Penambahan tenaga kerja dan jam kerja oleh penyedia", "Penyedia jasa konstruksi"),
        ("Pembayaran termin menunggu kelengkapan dokumen berita acara",
         "Melengkapi dokumen pembayaran lalu mengajukan SPM", "PPTK dan Bendahara Pengeluaran"),
    ),
    names.PENGADAAN: (
        ("Barang belum tersedia di katalog elektronik",
         "Beralih ke metode pengadaan lain sesuai ketentuan", "Pejabat Pengadaan"),
        ("Menunggu pengiriman barang dari penyedia",
         "Koordinasi dengan penyedia untuk percepatan pengiriman", "Penyedia barang"),
    ),
    names.HIBAH: (
        ("Naskah perjanjian hibah (NPHD) belum ditandatangani",
         "Pendampingan penerima hibah melengkapi persyaratan", "Penerima hibah"),
    ),
    names.BANSOS: (
        ("Verifikasi data penerima bantuan belum selesai",
         "Pemadanan data penerima dengan DTKS bersama dinas terkait", "Dinas Sosial"),
    ),
    names.TRANSFER: (
        ("Persyaratan penyaluran dari desa belum lengkap",
         "Pendampingan desa menyusun laporan realisasi tahap sebelumnya", "Pemerintah Desa"),
    ),
    names.KEGIATAN: (
        ("SPJ kegiatan belum lengkap", "Percepatan penyelesaian SPJ dan pengajuan GU",
         "Bendahara Pengeluaran"),
        ("Menunggu petunjuk teknis dari kementerian", "Konsultasi ke kementerian dan provinsi",
         "Kementerian teknis"),
        ("Kegiatan dijadwalkan pada triwulan IV", "Menyusun jadwal pelaksanaan yang lebih awal",
         "PPTK"),
        ("Pergeseran anggaran belum ditetapkan", "Koordinasi dengan BPKAD dan TAPD",
         "Badan Pengelolaan Keuangan dan Aset Daerah"),
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
    """Where the template put each line: read back, its FORM-RFK lines from the first on
    (the template's layout: pipelines/rfk_template_sheets.py)."""
    workbook = CalamineWorkbook.from_path(str(path))
    sheet = workbook.sheet_names[0]
    rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    placements = []
    for offset, line in enumerate(report.lines):
        index = FIRST_LINE_ROW + offset
        if rows[index][KODE] != line.kode_sub_kegiatan:
            raise RuntimeError(f"{path.name}: baris {index + 1} bukan {line.kode_sub_kegiatan}")
        placements.append((sheet, index + 1, line))
    return placements
