"""What SIPD-RI and the BUD export of the year's payment orders (../shared/DOMAIN.md, "Real
layouts (seen)" 2 and 3): the "Laporan Realisasi Per Dokumen" lines of each month and the
BUD's register of SP2D, one row per SP2D.

From the orders of orders.build_sp2d:
- an LS order is an SPP/LS document: one line per account it pays, dated by the SPP (a few
  working days before the SP2D), carrying the SPP, SPM and SP2D numbers and dates, the day
  the money was transferred (the register's Tanggal Pencairan) and Nilai SP2D, the whole
  SP2D's amount repeated on every line;
- a GU order replenishes what the treasurer spent out of the advance: that spending is on
  TBP/GU documents, one per sub kegiatan of the order, dated on a working day of the month
  up to the GU, without an SP2D (DOMAIN.md gives the TBP no SP2D of its own);
- UP and TU advances carry no account: they are in the register only.
Every order is a row of the register. A line's month is its transfer date for LS, its
document date for TBP: the month the spending model paid it.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from pipelines.sample.orders import GU, LS, Sp2dLine, working_days
from pipelines.sample.spending import MONTHS, Account
from pipelines.sample.universe import Universe, stream
from pipelines.sources.dates import MONTH_NAMES

SPP, TBP = "SPP", "TBP"


@dataclass(eq=False)  # told apart by identity: a copied line is another line
class DocumentLine:
    """One line of the per-document export: its cells by column name (dokumen.TITLES) and
    the spending account it pays (the ledger's, whatever code the export shows)."""

    cells: dict
    account: Account

    @property
    def realisasi(self) -> int:
        return self.cells["nilai_realisasi"]

    @property
    def month(self) -> int:
        day = self.cells.get("tanggal_transfer") or self.cells["tanggal_dokumen"]
        return day.month

    def copy(self, **cells) -> DocumentLine:
        return DocumentLine({**self.cells, **cells}, self.account)


@dataclass(eq=False)
class RegisterRow:
    """One SP2D of the BUD's register."""

    nomor_sp2d: str
    tanggal_pembuatan: date
    tanggal_pencairan: date
    nama_skpd: str
    nama_penerima: str
    keterangan: str
    jenis_sp2d: str
    bruto: int
    potongan: int
    kode_skpd: str  # not in the register: which SKPD wrote it, for the ground truth

    @property
    def neto(self) -> int:
        return self.bruto - self.potongan


@dataclass
class FinanceExports:
    """The year's document lines and register rows, by month."""

    lines: dict[int, list[DocumentLine]] = field(default_factory=dict)
    register: dict[int, list[RegisterRow]] = field(default_factory=dict)


def build_exports(sp2d: dict[int, list[Sp2dLine]], universe: Universe,
                  seed: int) -> FinanceExports:
    rng = stream(seed, "documents")
    writer = _Documents(rng, universe)
    exports = FinanceExports({m: [] for m in MONTHS}, {m: [] for m in MONTHS})
    for month in MONTHS:
        for order in _orders(sp2d[month]):
            row = writer.register_row(order)
            exports.register[month].append(row)
            if order[0].jenis == LS:
                exports.lines[month] += writer.spp_lines(order, row.tanggal_pencairan)
            elif order[0].jenis == GU:
                exports.lines[month] += writer.tbp_lines(order)
    return exports


def number_lines(exports: FinanceExports) -> None:
    """Each month's lines in the export's order (SKPD, sub unit, day, document; a line
    copied stays under its original) and numbered."""
    for lines in exports.lines.values():
        lines.sort(key=lambda line: (line.cells["kode_skpd"], line.cells["kode_sub_skpd"],
                                     _day_of(line), line.cells["nomor_dokumen"]))
        for number, line in enumerate(lines, 1):
            line.cells["nomor"] = str(number)


def ledger(exports: FinanceExports, counted) -> dict[Account, tuple[int, ...]]:
    """Each spending account's realization from January to each month's end, as the
    per-document lines that count (counted(line)) add up."""
    monthly: dict[Account, list[int]] = defaultdict(lambda: [0] * 12)
    for lines in exports.lines.values():
        for line in lines:
            if counted(line):
                monthly[line.account][line.month - 1] += line.realisasi
    return defaultdict(lambda: (0,) * 12, {
        account: tuple(sum(months[:m]) for m in MONTHS) for account, months in monthly.items()})


def long_date(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _orders(lines: list[Sp2dLine]) -> list[list[Sp2dLine]]:
    """The month's lines grouped by SP2D, in number order of the month."""
    by_nomor: dict[str, list[Sp2dLine]] = {}
    for line in lines:
        by_nomor.setdefault(line.nomor, []).append(line)
    return list(by_nomor.values())


def _day_of(line: DocumentLine) -> date:
    return line.cells.get("tanggal_transfer") or line.cells["tanggal_dokumen"]


class _Documents:
    def __init__(self, rng: random.Random, universe: Universe):
        self.rng, self.universe = rng, universe
        self.tahun = universe.tahun
        self.tbp_count: dict[str, int] = defaultdict(int)
        self.sub_kegiatan = {where.sub_kegiatan.kode: where.sub_kegiatan
                             for where in universe.sub_kegiatan}

    def register_row(self, order: list[Sp2dLine]) -> RegisterRow:
        first = order[0]
        days = [d for d in working_days(self.tahun, first.tanggal.month) if d >= first.tanggal]
        cashed = days[min(len(days) - 1, self.rng.choice((0, 0, 1)))]
        return RegisterRow(first.nomor, first.tanggal, cashed, first.sub_unit.skpd.nama,
                           first.payee.nama, first.uraian, first.jenis,
                           sum(line.nilai for line in order),
                           sum(line.potongan for line in order), first.sub_unit.skpd.kode)

    def spp_lines(self, order: list[Sp2dLine], transfer: date) -> list[DocumentLine]:
        first = order[0]
        earlier = [d for d in working_days(self.tahun, first.tanggal.month)
                   + (working_days(self.tahun, first.tanggal.month - 1)
                      if first.tanggal.month > 1 else [])
                   if d < first.tanggal]
        earlier.sort()
        spp_day = earlier[-self.rng.randint(2, 4)] if len(earlier) >= 4 else first.tanggal
        spm_day = earlier[-1] if earlier else first.tanggal
        nomor_spp = first.nomor_spm.replace("/SPM/", "/SPP/")
        bruto = sum(line.nilai for line in order)
        documents = []
        for line in order:
            documents.append(self._line(line, {
                "nomor_dokumen": nomor_spp, "jenis_dokumen": SPP, "jenis_transaksi": LS,
                "tanggal_dokumen": spp_day, "nomor_spp": nomor_spp,
                "tanggal_spp": long_date(spp_day), "nomor_spm": first.nomor_spm,
                "tanggal_spm": long_date(spm_day), "nomor_sp2d": first.nomor,
                "tanggal_sp2d": first.tanggal, "tanggal_transfer": transfer,
                "nilai_sp2d": bruto}))
        return documents

    def tbp_lines(self, order: list[Sp2dLine]) -> list[DocumentLine]:
        """A TBP per sub kegiatan of the GU, each dated up to the GU's day."""
        first = order[0]
        unit = first.sub_unit.kode
        days = [d for d in working_days(self.tahun, first.tanggal.month) if d <= first.tanggal]
        documents = []
        by_sub: dict[str, list[Sp2dLine]] = {}
        for line in order:
            by_sub.setdefault(line.kode_sub_kegiatan, []).append(line)
        for lines in by_sub.values():
            self.tbp_count[unit] += 1
            nomor = f"{self.tbp_count[unit]:04d}/TBP/{unit}/{self.tahun}"
            day = self.rng.choice(days)
            for line in lines:
                documents.append(self._line(line, {
                    "nomor_dokumen": nomor, "jenis_dokumen": TBP, "jenis_transaksi": GU,
                    "tanggal_dokumen": day}))
        return documents

    def _line(self, line: Sp2dLine, document: dict) -> DocumentLine:
        unit, sub = line.sub_unit, self.sub_kegiatan[line.kode_sub_kegiatan]
        kegiatan, program = sub.kegiatan, sub.kegiatan.program
        cells = {
            "kode_skpd": unit.skpd.kode, "nama_skpd": unit.skpd.nama,
            "kode_sub_skpd": unit.kode, "nama_sub_skpd": unit.nama,
            "kode_urusan": program.bidang.kode_urusan,
            "nama_urusan": program.bidang.nama_urusan,
            "kode_bidang_urusan": program.bidang.kode, "nama_bidang_urusan": program.bidang.nama,
            "kode_program": program.kode, "nama_program": program.nama,
            "kode_kegiatan": kegiatan.kode, "nama_kegiatan": kegiatan.nama,
            "kode_sub_kegiatan": sub.kode, "nama_sub_kegiatan": sub.nama,
            "kode_rekening": line.kode_rekening,
            "nama_rekening": self.universe.rekening[line.kode_rekening].nama,
            "keterangan_dokumen": line.uraian, "nilai_realisasi": line.nilai,
            **document,
        }
        return DocumentLine(cells, line.account)
