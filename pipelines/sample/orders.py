"""The year's payment orders (SP2D), each with its detail lines (the account each pays),
from which documents.py makes what the finance system exports: the per-document
realization lines and the BUD's register of SP2D.

Every month's LS and GU lines of an account add up, to the rupiah, to what the spending
model paid that month:
- LS (langsung) pays the payee directly: payroll to the unit's treasurer (gaji induk; THR
  in March and the 13th salary in June as orders of their own), utilities to PLN, the
  water company and Telkom, contracts and purchases to vendors, hibah to the grantees,
  Alokasi Dana Desa and bagi hasil to each village, and routine spending of Rp 50 million
  or more in a month;
- GU (ganti uang) replenishes the treasurer's advance for the rest of routine spending,
  one to three orders per unit and month, each naming the accounts it accounts for.
UP (uang persediaan, the advance itself, in January) and TU (tambahan uang, an extra
advance in a month whose GU spending outruns the UP) carry no account line: they are
cash advances, not realization. Spending out of a TU is accounted in that month's GU.

Numbers run per sub unit in date order: 0012/SP2D/LS/<kode sub unit>/2025, the SPM
numbers likewise (a few SPM numbers are skipped: orders cancelled before an SP2D).
Taxes withheld (POTONGAN): PPN and PPh on vendor payments, IWP and PPh 21 on payroll.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pipelines.sample import names
from pipelines.sample.budget import BudgetLine
from pipelines.sample.spending import (
    ADD,
    BAGI_HASIL,
    BANSOS,
    BTT,
    CONTRACT,
    HIBAH,
    MONTHS,
    OUTSOURCED,
    PAYROLL,
    PURCHASE,
    ROUTINE,
    TPG,
    TPP,
    UTILITY,
    Account,
    AccountSpending,
    Spending,
    account_of,
    split_exact,
    version_in_force,
)
from pipelines.sample.universe import SubUnit, Universe, stream
from pipelines.sources.rfk.read import MONTH_NAMES

UP, GU, TU, LS = "UP", "GU", "TU", "LS"
LS_THRESHOLD = 50_000_000  # routine spending from this much in a month is paid LS
# National holidays on weekdays in 2025 on which no SP2D is issued (Idul Fitri included).
_HOLIDAYS = {date(2025, 1, 1), date(2025, 3, 31), date(2025, 4, 1), date(2025, 5, 1),
             date(2025, 12, 25)}
# Withheld on vendor invoices (prices include 11 % PPN): PPN plus PPh 22 on goods,
# PPh 4(2) on construction, PPh 23 on services.
_PPN = 0.11 / 1.11
_TAX_GOODS, _TAX_CONSTRUCTION, _TAX_SERVICES = _PPN + 0.015 / 1.11, _PPN + 0.0265 / 1.11, 0.02
# Payroll: IWP (10 % of basic salary and family allowance); the PPh allowance and the
# insurance contributions are withheld whole and passed on to the tax office and BPJS.
_PAYROLL_WITHHELD = {"5.1.01.01.01": 0.10, "5.1.01.01.02": 0.10, "5.1.01.01.07": 1.0,
                     "5.1.01.01.09": 1.0, "5.1.01.01.10": 1.0, "5.1.01.01.11": 1.0}


@dataclass(frozen=True)
class Payee:
    nama: str  # the register's Nama Penerima


@dataclass
class Sp2dLine:
    """One detail line of an SP2D: the order's number, date, type, unit and payee, and the
    account the line pays."""

    nomor: str
    tanggal: date
    jenis: str
    nomor_spm: str
    sub_unit: SubUnit
    kode_sub_kegiatan: str | None
    kode_rekening: str | None
    uraian: str
    nilai: int
    potongan: int
    payee: Payee

    @property
    def account(self) -> Account | None:
        if self.kode_rekening is None:
            return None
        return (self.sub_unit.kode, self.kode_sub_kegiatan, self.kode_rekening)


@dataclass
class _Order:
    """An SP2D before it is numbered: lines are (sub kegiatan, rekening, nilai, potongan)."""

    tanggal: date
    sub_unit: SubUnit
    jenis: str
    uraian: str
    payee: Payee
    lines: list[tuple[str | None, str | None, int, int]]


# --- Payees -----------------------------------------------------------------------------

_VENDOR_WORDS = (
    "Karya", "Mandiri", "Jaya", "Abadi", "Sejahtera", "Bangun", "Cipta", "Nusantara", "Utama",
    "Persada", "Mitra", "Sentosa", "Makmur", "Bersama", "Perkasa", "Prima", "Sarana",
    "Lestari", "Berkah", "Anugerah", "Sinar", "Cahaya", "Bahari", "Putra", "Pratama",
    "Gemilang", "Sukses", "Harapan", "Mulia", "Teknik",
)
_COMPANY_SUFFIXES = ("Konstruksi", "Nusantara", "Abadi")


class Payees:
    """Who gets paid: the units' treasurers, a pool of vendors, utilities, villages."""

    def __init__(self, rng: random.Random, universe: Universe):
        self.rng = rng
        kabupaten = universe.nama_pemda.removeprefix("Kabupaten ")
        self.bendahara = {unit.kode: Payee(f"Bendahara Pengeluaran {unit.nama}")
                          for unit in universe.sub_units}
        self.vendors = self._vendors(260, universe)
        self.builders = [v for v in self.vendors if v.nama.startswith("PT")]
        self.utility = {
            "5.1.02.02.01.0061": Payee(f"PT PLN (Persero) UP3 {kabupaten}"),
            "5.1.02.02.01.0062": Payee(f"Perumda Air Minum Tirta {kabupaten}"),
            "5.1.02.02.01.0063": Payee("PT Telkom Indonesia (Persero) Tbk"),
        }
        self.desa = [Payee(f"Pemerintah Desa {desa}") for desa in names.DESA]
        self.desa_weights = [rng.uniform(0.7, 1.4) for _ in names.DESA]
        self.bansos = Payee("Penerima Bantuan Sosial (kolektif, daftar terlampir)")
        self.grantee: dict[str, Payee] = {}
        self.of_account: dict[Account, Payee] = {}

    def vendor_of(self, account: Account, builder: bool = False) -> Payee:
        """The account's contractor: the same one for every payment of the year."""
        if account not in self.of_account:
            self.of_account[account] = self.rng.choice(self.builders if builder else self.vendors)
        return self.of_account[account]

    def any_vendor(self) -> Payee:
        return self.rng.choice(self.vendors)

    def grantee_of(self, nama_paket: str) -> Payee:
        nama = nama_paket.removeprefix("Hibah kepada ")
        if nama not in self.grantee:
            self.grantee[nama] = Payee(nama)
        return self.grantee[nama]

    def _vendors(self, count: int, universe: Universe) -> list[Payee]:
        places = list(universe.kecamatan) + list(names.DESA)
        seen, vendors = set(), []
        while len(vendors) < count:
            first, second = self.rng.sample(_VENDOR_WORDS, 2)
            form = self.rng.random()
            if form < 0.3:
                nama = f"PT {first} {second} {self.rng.choice(_COMPANY_SUFFIXES)}"
            elif form < 0.85:
                nama = f"CV {first} {self.rng.choice((second, self.rng.choice(places)))}"
            else:
                nama = f"Toko {first} {second}"
            if nama not in seen:
                seen.add(nama)
                vendors.append(Payee(nama))
        return vendors


# --- Dates ------------------------------------------------------------------------------


def working_days(tahun: int, month: int) -> list[date]:
    day, days = date(tahun, month, 1), []
    while day.month == month:
        if day.weekday() < 5 and day not in _HOLIDAYS:
            days.append(day)
        day += timedelta(days=1)
    return days


def _day(rng: random.Random, days: Sequence[date], start: float, end: float) -> date:
    """A working day between fractions start and end of the month's working days."""
    low = min(int(start * len(days)), len(days) - 1)
    high = max(low, min(math.ceil(end * len(days)) - 1, len(days) - 1))
    return days[rng.randint(low, high)]


# --- Orders -----------------------------------------------------------------------------


def build_sp2d(spending: Spending, seed: int) -> dict[int, list[Sp2dLine]]:
    """The year's SP2D lines by month, in date and number order."""
    universe = spending.budget.universe
    rng = stream(seed, "sp2d")
    book = _OrderBook(rng, spending, Payees(stream(seed, "sp2d:payees"), universe))
    by_unit: dict[str, list[AccountSpending]] = defaultdict(list)
    for spent in spending.accounts.values():
        by_unit[spent.sub_unit.kode].append(spent)
    for unit in universe.sub_units:
        book.add_unit(unit, by_unit.get(unit.kode, []))
    return _numbered(rng, book.orders, universe.tahun)


class _OrderBook:
    """Turns each unit's monthly payments into orders."""

    def __init__(self, rng: random.Random, spending: Spending, payees: Payees):
        self.rng, self.spending, self.payees = rng, spending, payees
        self.tahun = spending.budget.universe.tahun
        self.orders: list[_Order] = []
        self._lines: dict[tuple[str, Account], list[BudgetLine]] = defaultdict(list)
        for version in spending.budget.versions.values():
            for line in version.lines:
                self._lines[version.versi, account_of(line)].append(line)

    def add_unit(self, unit: SubUnit, accounts: list[AccountSpending]) -> None:
        gu_paid = {month: [(a, a.paid[month - 1]) for a in accounts if _paid_by_gu(a, month)]
                   for month in MONTHS}
        uang_persediaan = _uang_persediaan(gu_paid)
        if uang_persediaan:
            days = working_days(self.tahun, 1)
            self._add(_day(self.rng, days, 0.15, 0.4), unit, UP,
                      f"Uang Persediaan (UP) Tahun Anggaran {self.tahun} {unit.nama}",
                      self.payees.bendahara[unit.kode], [(None, None, uang_persediaan, 0)])
        for month in MONTHS:
            days = working_days(self.tahun, month)
            paid = [(a, a.paid[month - 1]) for a in accounts if a.paid[month - 1] > 0]
            self._payroll(unit, paid, month, days)
            for spent, amount in paid:
                self._ls(spent, amount, month, days)
            self._gu(unit, gu_paid[month], uang_persediaan, days)

    def _add(self, tanggal: date, unit: SubUnit, jenis: str, uraian: str, payee: Payee,
             lines: list) -> None:
        self.orders.append(_Order(tanggal, unit, jenis, uraian, payee, lines))

    def _payroll(self, unit, paid, month, days) -> None:
        """Gaji induk early in the month (THR and the 13th salary on orders of their own),
        TPP mid-month, the teachers' allowance once a quarter."""
        bulan = f"{MONTH_NAMES[month - 1]} {self.tahun}"
        bendahara = self.payees.bendahara[unit.kode]
        payroll = [(a, amount) for a, amount in paid if a.pattern == PAYROLL]
        if payroll:
            extra = {3: "Tunjangan Hari Raya (THR)", 6: "Gaji Ketiga Belas"}.get(month)
            regular = [(a, amount // 2 if extra else amount) for a, amount in payroll]
            self._add(_day(self.rng, days, 0, 0.12), unit, LS,
                      f"Pembayaran Gaji Induk Bulan {bulan} {unit.nama}", bendahara,
                      [_line(a, amount, _payroll_withheld(a)) for a, amount in regular])
            if extra:
                self._add(_day(self.rng, days, 0.3, 0.6), unit, LS,
                          f"Pembayaran {extra} Tahun {self.tahun} {unit.nama}", bendahara,
                          [_line(a, amount - amount // 2, _payroll_withheld(a))
                           for a, amount in payroll])
        for pattern, uraian, start, end in (
                (TPP, f"Pembayaran Tambahan Penghasilan Pegawai (TPP) Bulan {bulan}", 0.3, 0.55),
                (TPG, f"Pembayaran Tunjangan Profesi Guru Triwulan {_triwulan(month)}", 0.4,
                 0.8)):
            group = [_line(a, amount, 0.05) for a, amount in paid if a.pattern == pattern]
            if group:
                self._add(_day(self.rng, days, start, end), unit, LS, f"{uraian} {unit.nama}",
                          bendahara, group)

    def _ls(self, spent: AccountSpending, amount: int, month: int, days: list[date]) -> None:
        """The LS orders paying one account's month (none where it is paid by GU)."""
        rng, payees, unit = self.rng, self.payees, spent.sub_unit
        label, pattern = spent.rekening.label, spent.pattern
        bulan = f"{MONTH_NAMES[month - 1]} {self.tahun}"
        if pattern == UTILITY:
            self._add(_day(rng, days, 0.4, 0.8), unit, LS,
                      f"Pembayaran {label} Bulan {bulan} {unit.nama}",
                      payees.utility[spent.rekening.kode], [_line(spent, amount, 0.0)])
        elif pattern == OUTSOURCED:
            self._add(_day(rng, days, 0.1, 0.5), unit, LS, f"Pembayaran {label} Bulan {bulan}",
                      payees.vendor_of(spent.account), [_line(spent, amount, _TAX_SERVICES)])
        elif pattern == CONTRACT:
            builder = spent.rekening.kode.startswith(("5.2.03", "5.2.04"))
            self._add(_day(rng, days, 0.3, 1.0), unit, LS,
                      f"Pembayaran {_contract_stage(spent, month)} "
                      f"{self._package_name(spent, month)}",
                      payees.vendor_of(spent.account, builder),
                      [_line(spent, amount, _TAX_CONSTRUCTION if builder else _TAX_SERVICES)])
        elif pattern == PURCHASE or (pattern == ROUTINE and amount >= LS_THRESHOLD):
            vendor = (payees.vendor_of(spent.account) if pattern == PURCHASE
                      else payees.any_vendor())
            self._add(_day(rng, days, 0.2, 1.0), unit, LS,
                      f"Pembayaran {self._package_name(spent, month)} "
                      f"({spent.sub_kegiatan.nama})", vendor, [_line(spent, amount, _TAX_GOODS)])
        elif pattern == HIBAH:
            self._hibah(spent, amount, month, days)
        elif pattern == BANSOS:
            self._add(_day(rng, days, 0.3, 0.9), unit, LS, f"Penyaluran {label} Bulan {bulan}",
                      payees.bansos, [_line(spent, amount, 0.0)])
        elif pattern == BTT:
            self._add(_day(rng, days, 0.0, 1.0), unit, LS,
                      f"Belanja Tidak Terduga Penanganan Darurat Bencana {bulan}",
                      payees.bendahara[unit.kode], [_line(spent, amount, 0.0)])
        elif pattern in (ADD, BAGI_HASIL):
            self._villages(spent, amount, month, days)

    def _lines_of(self, spent: AccountSpending, month: int) -> list[BudgetLine]:
        versi = version_in_force(self.spending.budget, month).versi
        return self._lines[versi, spent.account]

    def _package_name(self, spent: AccountSpending, month: int) -> str:
        """The name of the account's biggest budget line: a contract's package name."""
        lines = self._lines_of(spent, month)
        return max(lines, key=lambda l: l.pagu).nama_paket if lines else spent.rekening.label

    def _hibah(self, spent, amount, month, days) -> None:
        """One order per grantee, the month's amount shared by their budgeted grants."""
        lines = sorted(self._lines_of(spent, month), key=lambda line: line.nama_paket)
        tahap = "I" if spent.cumulative(month - 1) == 0 else "II"
        for line, share in zip(lines, split_exact(amount, [line.pagu for line in lines])):
            if share:
                self._add(_day(self.rng, days, 0.2, 0.9), spent.sub_unit, LS,
                          f"Penyaluran {line.nama_paket} Tahap {tahap}",
                          self.payees.grantee_of(line.nama_paket), [_line(spent, share, 0.0)])

    def _villages(self, spent, amount, month, days) -> None:
        """Alokasi Dana Desa and bagi hasil: one order per village, on one day."""
        tanggal = _day(self.rng, days, 0.2, 0.7)
        stage = sum(1 for m in range(month) if spent.paid[m])
        shares = split_exact(amount, self.payees.desa_weights)
        for desa, share in zip(self.payees.desa, shares):
            if share:
                self._add(tanggal, spent.sub_unit, LS,
                          f"Penyaluran {spent.rekening.label} Tahap {stage} {desa.nama}", desa,
                          [_line(spent, share, 0.0)])

    def _gu(self, unit: SubUnit, paid: list[tuple[AccountSpending, int]], uang_persediaan: int,
            days: list[date]) -> None:
        """The month's GU orders: more of them the more the unit spends against its UP; an
        account's month may be accounted in more than one. A month that outruns the UP by
        half again may first get a TU advance for its biggest sub kegiatan."""
        rng = self.rng
        total = sum(amount for _, amount in paid)
        if not total:
            return
        bendahara = self.payees.bendahara[unit.kode]
        if total > 1.5 * uang_persediaan and rng.random() < 0.5:
            per_sub: dict[str, int] = defaultdict(int)
            for spent, amount in paid:
                per_sub[spent.sub_kegiatan.kode] += amount
            kode = max(sorted(per_sub), key=lambda k: per_sub[k])
            nama = next(a.sub_kegiatan.nama for a, _ in paid if a.sub_kegiatan.kode == kode)
            advance = math.ceil((total - uang_persediaan) / 1e6) * 1_000_000
            self._add(_day(rng, days, 0.0, 0.25), unit, TU,
                      f"Tambahan Uang Persediaan (TU) {nama}", bendahara,
                      [(kode, None, advance, 0)])
        count = 1 if total < uang_persediaan else 2 if total < 2.5 * uang_persediaan else 3
        gu_days = sorted({_day(rng, days, (i + 0.5) / (count + 0.5), (i + 1) / (count + 0.5))
                          for i in range(count)})
        lines: list[list] = [[] for _ in gu_days]
        for spent, amount in paid:
            chosen = sorted(rng.sample(range(len(gu_days)), rng.randint(1, len(gu_days))))
            parts = split_exact(amount, [rng.uniform(0.5, 1.5) for _ in chosen])
            for index, part in zip(chosen, parts):
                if part:
                    lines[index].append(_line(spent, part, 0.0))
        for tanggal, order_lines in zip(gu_days, lines):
            if order_lines:
                self._add(tanggal, unit, GU, f"Ganti Uang Persediaan (GU) {unit.nama}",
                          bendahara, order_lines)


def _paid_by_gu(spent: AccountSpending, month: int) -> bool:
    amount = spent.paid[month - 1]
    return spent.pattern == ROUTINE and 0 < amount < LS_THRESHOLD


def _uang_persediaan(gu_paid: dict[int, list]) -> int:
    """The unit's advance: a twelfth of its year's GU spending and a fifth more, in
    millions (at least Rp 10 million for a unit that spends through GU at all)."""
    year = sum(amount for paid in gu_paid.values() for _, amount in paid)
    if not year:
        return 0
    return max(10, math.ceil(year * 1.2 / 12 / 1e6)) * 1_000_000


def _triwulan(month: int) -> str:
    return {4: "I", 7: "II", 10: "III", 12: "IV"}.get(month, "")


def _payroll_withheld(spent: AccountSpending) -> float:
    return next((rate for prefix, rate in _PAYROLL_WITHHELD.items()
                 if spent.rekening.kode.startswith(prefix)), 0.0)


def _line(spent: AccountSpending, nilai: int, withheld: float):
    return (spent.sub_kegiatan.kode, spent.rekening.kode, nilai, round(nilai * withheld))


def _contract_stage(spent: AccountSpending, month: int) -> str:
    """Uang muka, termin N or pelunasan, from where the payment falls in the year's."""
    earlier = sum(1 for m in range(month - 1) if spent.paid[m])
    later = any(spent.paid[month:])
    share = spent.paid[month - 1] / max(spent.anggaran[-1], 1)
    if not later:
        return "Pelunasan (Termin Akhir)"
    if earlier == 0 and share <= 0.31:
        return "Uang Muka Pekerjaan"
    return f"Termin {earlier + 1}"


def _numbered(rng, orders: list[_Order], tahun: int) -> dict[int, list[Sp2dLine]]:
    """Orders numbered per sub unit in date order, flattened to lines, by month."""
    orders = sorted(enumerate(orders), key=lambda pair: (pair[1].tanggal, pair[1].sub_unit.kode,
                                                         pair[0]))
    sp2d_count: dict[str, int] = defaultdict(int)
    spm_count: dict[str, int] = defaultdict(int)
    gu_count: dict[str, int] = defaultdict(int)
    by_month: dict[int, list[Sp2dLine]] = {month: [] for month in MONTHS}
    for _, order in orders:
        unit = order.sub_unit.kode
        sp2d_count[unit] += 1
        spm_count[unit] += 2 if rng.random() < 0.03 else 1
        uraian = order.uraian
        if order.jenis == GU:
            gu_count[unit] += 1
            uraian = uraian.replace("(GU)", f"(GU) ke-{gu_count[unit]}")
        nomor = f"{sp2d_count[unit]:04d}/SP2D/{order.jenis}/{unit}/{tahun}"
        nomor_spm = f"{spm_count[unit]:04d}/SPM/{order.jenis}/{unit}/{tahun}"
        for kode_sub_kegiatan, kode_rekening, nilai, potongan in order.lines:
            by_month[order.tanggal.month].append(Sp2dLine(
                nomor, order.tanggal, order.jenis, nomor_spm, order.sub_unit, kode_sub_kegiatan,
                kode_rekening, uraian, nilai, potongan, order.payee))
    return by_month
