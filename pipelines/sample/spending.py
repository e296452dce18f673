"""The spending model: what each account pays out month by month, and what it planned to.

An account is what the finance system reports realization on: one sub unit's sub kegiatan
and one rekening (budget lines that differ only in funding source or package share it).
Each account spends by a pattern that follows from its rekening and sub kegiatan kind:
payroll every month (THR in March, the 13th salary in June), utilities and outsourced
staff monthly, contracts in stages (uang muka, termin, pelunasan late in the year),
purchases on delivery, routine goods and activities in a few months weighted towards
December, hibah, bansos and transfers in tranches. A few SKPD are slow: their activities
and contracts start later and spend less.

Payments never exceed the budget in force: what an account has paid by the end of a month
stays within its budget in that month and every later one (a pergeseran does not cut a
line below what was already spent), so every overspend in the sample is an injected one.

The cash plan (RAK, anggaran kas) comes from the same patterns, planned the way OPDs plan:
earlier and more evenly than they end up spending.
"""

from __future__ import annotations

import calendar
import math
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pipelines.sample import names
from pipelines.sample.budget import PAKET, Budget, BudgetLine, BudgetVersion
from pipelines.sample.universe import Rekening, Skpd, SubKegiatan, SubUnit, stream

MONTHS = tuple(range(1, 13))
Account = tuple[str, str, str]  # (kode sub unit, kode sub kegiatan, kode rekening)

# Spending patterns.
PAYROLL, TPP, TPG, UTILITY, OUTSOURCED = "payroll", "tpp", "tpg", "utility", "outsourced"
CONTRACT, PURCHASE, ROUTINE = "contract", "purchase", "routine"
HIBAH, BANSOS, BTT, ADD, BAGI_HASIL = "hibah", "bansos", "btt", "add", "bagi_hasil"

_UTILITIES = ("5.1.02.02.01.0061", "5.1.02.02.01.0062", "5.1.02.02.01.0063")
_OUTSOURCED = ("5.1.02.02.01.0013", "5.1.02.02.01.0014", "5.1.02.02.01.0016",
               "5.1.02.02.01.0017")
_CONSULTANCY = ("5.1.02.02.09", "5.1.02.02.10")
_BIG_PACKAGE = 150_000_000  # a goods package this big is bought under one contract
SLOW_SKPD_SHARE = 0.2

# Month weights. Payroll: THR in March and the 13th salary in June double those months.
_PAYROLL_MONTHS = (1, 1, 2, 1, 1, 2, 1, 1, 1, 1, 1, 1)
_QUARTERS = (0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1)
# The teachers' allowance (TPG) per quarter: Q1 paid in April, ..., Q4 in December.
_TPG_MONTHS = (0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1)
# Routine goods and activities: little before the DPA settles, most in Q4, peak December.
_ROUTINE_SPENT = (0.3, 1.5, 3, 4, 5, 6, 6, 7, 8, 9, 12, 19)
_ROUTINE_PLANNED = (0.5, 2, 4, 5, 6, 7, 7, 8, 9, 10, 12, 17)
_PURCHASE_SPENT = (0, 0, 0.3, 0.6, 1, 1.5, 2, 2, 2.5, 3, 3.5, 5)
_HIBAH_SPENT = (0, 0, 0.5, 1, 1.5, 1, 0.5, 1, 1, 1.5, 1.5, 2)
# Alokasi Dana Desa in three stages (40/40/20), bagi hasil pajak twice a year.
_ADD_STAGES = {4: 0.4, 7: 0.4, 11: 0.2}
_BAGI_HASIL_STAGES = {7: 0.5, 12: 0.5}


@dataclass(frozen=True)
class AccountSpending:
    account: Account
    sub_unit: SubUnit
    sub_kegiatan: SubKegiatan
    rekening: Rekening
    pattern: str
    anggaran: tuple[int, ...]  # budget in force at the end of each month
    paid: tuple[int, ...]  # realization paid in each month (SP2D LS and GU lines)

    @property
    def skpd(self) -> Skpd:
        return self.sub_unit.skpd

    def cumulative(self, month: int) -> int:
        return sum(self.paid[:month])


@dataclass(frozen=True)
class Spending:
    budget: Budget
    accounts: dict[Account, AccountSpending]  # ordered by account


def month_end(tahun: int, month: int) -> date:
    return date(tahun, month, calendar.monthrange(tahun, month)[1])


def version_in_force(budget: Budget, month: int) -> BudgetVersion:
    """The latest version that took effect by the end of the month."""
    end = month_end(budget.universe.tahun, month)
    in_force = [v for v in budget.versions.values() if v.tanggal_versi <= end]
    return in_force[-1]


def account_of(line: BudgetLine) -> Account:
    return (line.sub_unit.kode, line.sub_kegiatan.kode, line.rekening.kode)


def account_pagu(version: BudgetVersion) -> dict[Account, int]:
    pagu: dict[Account, int] = defaultdict(int)
    for line in version.lines:
        pagu[account_of(line)] += line.pagu
    return pagu


def split_exact(total: int, weights: Sequence[float]) -> list[int]:
    """total split in proportion to weights, in whole rupiah that add up to total
    (largest remainders get the leftover rupiah, ties to the earlier part)."""
    weight = sum(weights)
    if total == 0 or weight <= 0:
        return [0] * len(weights)
    raw = [total * w / weight for w in weights]
    parts = [math.floor(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))
    for i in order[:total - sum(parts)]:
        parts[i] += 1
    return parts


def pattern_of(rekening: str, sub_kegiatan: SubKegiatan, biggest: BudgetLine) -> str:
    """How an account spends, from its rekening, its sub kegiatan's kind and its biggest
    budget line (a big goods package is bought under one contract)."""
    if rekening.startswith("5.1.01.03"):
        return TPG
    if rekening.startswith("5.1.01.02"):
        return TPP
    if rekening.startswith("5.1.01"):
        return PAYROLL
    if rekening.startswith("5.1.05"):
        return HIBAH
    if rekening.startswith("5.1.06"):
        return BANSOS
    if rekening.startswith("5.3"):
        return BTT
    if rekening.startswith("5.4.02"):
        return ADD
    if rekening.startswith("5.4"):
        return BAGI_HASIL
    if rekening in _UTILITIES:
        return UTILITY
    if rekening in _OUTSOURCED:
        return OUTSOURCED
    if rekening.startswith(("5.2.03", "5.2.04")) or rekening.startswith(_CONSULTANCY) \
            or sub_kegiatan.kind == names.FISIK:
        return CONTRACT
    if rekening.startswith("5.2") or (biggest.paket == PAKET and biggest.pagu >= _BIG_PACKAGE):
        return PURCHASE
    return ROUTINE


def build_spending(budget: Budget, seed: int) -> Spending:
    rng = stream(seed, "spending")
    skpd_codes = [skpd.kode for skpd in budget.universe.skpd]
    slow = set(rng.sample(skpd_codes, round(len(skpd_codes) * SLOW_SKPD_SHARE)))
    pagu_of_version = {versi: account_pagu(v) for versi, v in budget.versions.items()}
    in_force = [version_in_force(budget, month).versi for month in MONTHS]
    lines_of: dict[Account, list[BudgetLine]] = defaultdict(list)
    for version in budget.versions.values():
        for line in version.lines:
            lines_of[account_of(line)].append(line)
    accounts = {}
    for account in sorted(lines_of):
        lines = lines_of[account]
        first = lines[0]
        anggaran = tuple(pagu_of_version[versi].get(account, 0) for versi in in_force)
        pattern = pattern_of(account[2], first.sub_kegiatan, max(lines, key=lambda l: l.pagu))
        paid = _paid(rng, pattern, anggaran, first.sub_unit.skpd.kode in slow)
        accounts[account] = AccountSpending(account, first.sub_unit, first.sub_kegiatan,
                                            first.rekening, pattern, anggaran, paid)
    return Spending(budget, accounts)


def _paid(rng: random.Random, pattern: str, anggaran: tuple[int, ...],
          slow: bool) -> tuple[int, ...]:
    """Monthly payments: a final amount spread over the pattern's months, scaled down
    where needed to stay under the budget in force (the cap of a month: the smallest
    budget of that month and every later one). Months before an account's budget exists
    get nothing: a line added by a pergeseran spreads over the months left."""
    weights, rate = _SPENDERS[pattern](rng, anggaran[-1], slow)
    caps = [min(anggaran[month:]) for month in range(12)]
    weights = [w if cap > 0 else 0.0 for w, cap in zip(weights, caps)]
    total_weight = sum(weights)
    if total_weight <= 0:
        return (0,) * 12
    final = anggaran[-1] * rate
    running = 0.0
    for weight, cap in zip(weights, caps):
        running += weight
        if running > 0:
            final = min(final, cap * total_weight / running)
    paid, cumulative, running = [], 0, 0.0
    for month in range(12):
        running += weights[month]
        wanted = min(round(final * running / total_weight), caps[month])
        paid.append(max(wanted - cumulative, 0))
        cumulative += paid[-1]
    return tuple(paid)


# --- One function per pattern: (month weights of the payments, share of the budget paid)


def _jitter(rng: random.Random, weights: Sequence[float], sigma: float) -> list[float]:
    return [w * math.exp(rng.gauss(0, sigma)) if w else 0.0 for w in weights]


def _delayed(weights: Sequence[float], months: int) -> list[float]:
    """weights shifted later by months, what falls past December landing in December."""
    shifted = [0.0] * 12
    for month, weight in enumerate(weights):
        shifted[min(month + months, 11)] += weight
    return shifted


def _payroll(rng, pagu, slow):
    return _jitter(rng, _PAYROLL_MONTHS, 0.01), rng.uniform(0.95, 0.995)


def _tpp(rng, pagu, slow):
    return _jitter(rng, [1] * 12, 0.03), rng.uniform(0.90, 0.98)


def _tpg(rng, pagu, slow):
    return _jitter(rng, _TPG_MONTHS, 0.03), rng.uniform(0.95, 1.0)


def _utility(rng, pagu, slow):
    weights = _jitter(rng, [1] * 12, 0.15)
    if rng.random() < 0.3:  # January's bill paid with February's
        weights[1] += weights[0]
        weights[0] = 0.0
    return weights, rng.uniform(0.80, 0.97)


def _outsourced(rng, pagu, slow):
    weights = [1.0] * 12
    if rng.random() < 0.5:  # contracts signed late January: two months paid in February
        weights[0], weights[1] = 0.0, 2.0
    return weights, rng.uniform(0.95, 1.0)


def _contract(rng, pagu, slow):
    """Signed in March-August, uang muka 20-30 % for most, termins on progress, then
    pelunasan mostly in December; a few contracts are not finished in the year."""
    weights = [0.0] * 12
    signed = rng.choices(range(3, 9), (1, 3, 4, 3, 2, 1))[0] + (rng.randint(1, 2) if slow else 0)
    signed = min(signed, 10)
    paid_share = 0.0
    if rng.random() < 0.65:
        uang_muka = rng.uniform(0.2, 0.3)
        weights[signed] += uang_muka  # the month after signing (0-based index)
        paid_share = uang_muka
    final_month = rng.choices((10, 11, 12), (0.1, 0.25, 0.65))[0]
    for progress in sorted(rng.uniform(0.35, 0.9) for _ in range(rng.choice((0, 1, 1, 2)))):
        month = rng.randint(min(signed + 2, final_month - 1), final_month - 1)
        if progress > paid_share:
            weights[month - 1] += progress - paid_share
            paid_share = progress
    weights[final_month - 1] += max(1.0 - paid_share, 0.0)
    rate = rng.uniform(0.86, 0.98)  # the contract price after tender savings
    if rng.random() < 0.08 or (slow and rng.random() < 0.2):
        rate *= rng.uniform(0.4, 0.85)  # not finished: paid to progress
    return weights, rate


def _purchase(rng, pagu, slow):
    weights = [0.0] * 12
    spent = _delayed(_PURCHASE_SPENT, 1) if slow else _PURCHASE_SPENT
    for month in rng.choices(MONTHS, spent, k=rng.choice((1, 1, 1, 2))):
        weights[month - 1] += rng.uniform(0.5, 1.0)
    rate = 0.0 if rng.random() < 0.05 else rng.uniform(0.85, 0.99)
    return weights, rate * (rng.uniform(0.8, 0.95) if slow else 1.0)


def _routine(rng, pagu, slow):
    """A few active months, more for bigger budgets, drawn from the back-loaded weights."""
    typical = 2.8 + 2.2 * math.log10(max(pagu, 1e6) / 1e6)
    spent = _delayed(_ROUTINE_SPENT, 1) if slow else list(_ROUTINE_SPENT)
    pool = [month for month in MONTHS if spent[month - 1] > 0]
    count = min(len(pool), max(1, round(typical * math.exp(rng.gauss(0, 0.35)))))
    weights = [0.0] * 12
    for _ in range(count):
        month = rng.choices(pool, [spent[m - 1] for m in pool])[0]
        pool.remove(month)
        weights[month - 1] = spent[month - 1] * math.exp(rng.gauss(0, 0.4))
    rate = rng.uniform(0.65, 0.97) * (rng.uniform(0.8, 0.95) if slow else 1.0)
    return weights, rate


def _hibah(rng, pagu, slow):
    """Two stages (tahap I and II) once the grant agreements (NPHD) are signed."""
    weights = [0.0] * 12
    first, second = sorted(rng.choices(MONTHS, _HIBAH_SPENT, k=2))
    weights[first - 1] += rng.uniform(0.5, 0.7)
    weights[second - 1] += 0.3
    return weights, rng.uniform(0.9, 1.0)


def _bansos(rng, pagu, slow):
    weights = _jitter(rng, _QUARTERS, 0.2)
    if rng.random() < 0.4:  # the first quarter's list was not ready until April
        weights[3], weights[2] = weights[2], 0.0
    return weights, rng.uniform(0.85, 1.0)


def _btt(rng, pagu, slow):
    weights = [0.0] * 12
    for month in rng.sample(MONTHS, rng.choice((0, 1, 1, 2))):
        weights[month - 1] = rng.uniform(0.5, 1.0)
    return weights, rng.uniform(0.05, 0.35)


def _stages(stages: dict[int, float]):
    def spend(rng, pagu, slow):
        return [stages.get(month, 0.0) for month in MONTHS], rng.uniform(0.97, 1.0)
    return spend


_SPENDERS = {
    PAYROLL: _payroll, TPP: _tpp, TPG: _tpg, UTILITY: _utility, OUTSOURCED: _outsourced,
    CONTRACT: _contract, PURCHASE: _purchase, ROUTINE: _routine, HIBAH: _hibah,
    BANSOS: _bansos, BTT: _btt, ADD: _stages(_ADD_STAGES),
    BAGI_HASIL: _stages(_BAGI_HASIL_STAGES),
}


# --- The cash plan ----------------------------------------------------------------------

_PLANNED = {
    PAYROLL: _PAYROLL_MONTHS, TPP: (1,) * 12, TPG: _TPG_MONTHS,
    UTILITY: (1,) * 12, OUTSOURCED: (1,) * 12, ROUTINE: _ROUTINE_PLANNED,
    BANSOS: _QUARTERS, BTT: (1,) * 12,
    ADD: tuple(_ADD_STAGES.get(m, 0) for m in MONTHS),
    BAGI_HASIL: tuple(_BAGI_HASIL_STAGES.get(m, 0) for m in MONTHS),
}


def cash_plan(spending: Spending, seed: int) -> dict[str, dict[Account, tuple[int, ...]]]:
    """Per budget version, each account's planned payments per month (summing to its
    pagu). The plan's shape is drawn once per account and kept across versions: a new
    version re-spreads the new pagu over the same months."""
    rng = stream(seed, "cash_plan")
    shapes = {account: _planned_shape(rng, spent.pattern)
              for account, spent in spending.accounts.items()}
    return {versi: {account: tuple(split_exact(pagu, shapes[account]))
                    for account, pagu in sorted(account_pagu(version).items())}
            for versi, version in spending.budget.versions.items()}


def _planned_shape(rng: random.Random, pattern: str) -> tuple[float, ...]:
    if pattern == CONTRACT:  # uang muka, two termins, pelunasan in November or December
        start = rng.randint(4, 6)
        final = rng.choice((11, 12)) if start < 6 else 12  # after the second termin
        return tuple({start: 0.2, start + 3: 0.3, start + 5: 0.3, final: 0.2}.get(m, 0.0)
                     for m in MONTHS)
    if pattern in (PURCHASE, HIBAH):  # one payment, planned for when it should arrive
        month = rng.randint(4, 10) if pattern == PURCHASE else rng.randint(3, 8)
        return tuple(1.0 if m == month else 0.0 for m in MONTHS)
    return tuple(_jitter(rng, _PLANNED[pattern], 0.1 if pattern == ROUTINE else 0.0))
