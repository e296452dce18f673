"""Budget lines of the synthetic kabupaten, one full set per budget version.

murni is drawn from the universe: each sub kegiatan a unit runs gets lines (account,
funding source, package name) according to its kind, or none at all (an empty row in
the export). Amounts are shares of a total near Rp 1 trillion split by account group the
way a kabupaten's APBD is (payroll ~40 %, capital ~30 %, ...). Each later version is the
previous one with some lines repriced, some added and some dropped.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from pipelines.sample import names
from pipelines.sample.universe import (
    MANDATORY_KINDS,
    PUSKESMAS,
    RUMAH_SAKIT,
    Rekening,
    SubKegiatan,
    SubUnit,
    SumberDana,
    Universe,
    UnitSubKegiatan,
    build_universe,
    stream,
)

PAKET, KELOMPOK = "Paket", "Kelompok"

# (versi, month, day the version took effect)
VERSIONS = (
    ("murni", 1, 2),
    ("pergeseran_1", 4, 15),
    ("pergeseran_2", 7, 1),
    ("perubahan", 10, 1),
)

# Share of the total per account group (belanja pegawai, barang dan jasa, hibah,
# bantuan sosial, modal, tidak terduga, transfer).
GROUP_SHARES = {
    "5.1.01": 0.40, "5.1.02": 0.14, "5.1.05": 0.035, "5.1.06": 0.01,
    "5.2": 0.29, "5.3": 0.005, "5.4": 0.12,
}
TOTAL_MURNI = (0.95e12, 1.05e12)
EMPTY_SHARE = 0.38  # sub kegiatan a unit runs but budgets nothing for (in the export)
ZERO_SHARE = 0.01  # lines kept with PAGU 0


@dataclass(frozen=True)
class BudgetLine:
    sub_unit: SubUnit
    sub_kegiatan: SubKegiatan
    sumber_dana: SumberDana
    rekening: Rekening
    paket: str  # PAKET (a procurement package) or KELOMPOK (a group of items)
    nama_paket: str
    pagu: int  # whole rupiah

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """What identifies a line from one version to the next."""
        return (self.sub_unit.kode, self.sub_kegiatan.kode, self.sumber_dana.kode,
                self.rekening.kode, self.nama_paket)


@dataclass(frozen=True)
class BudgetVersion:
    versi: str
    tanggal_versi: date
    lines: tuple[BudgetLine, ...]  # ordered by key

    @property
    def total(self) -> int:
        return sum(line.pagu for line in self.lines)


@dataclass(frozen=True)
class Budget:
    universe: Universe
    versions: dict[str, BudgetVersion]  # in the order they took effect


def build_budget(seed: int = 2025, tahun: int = 2025, kode_pemda: str = "99.01") -> Budget:
    universe = build_universe(seed, tahun, kode_pemda)
    versions: dict[str, BudgetVersion] = {}
    previous = None
    for versi, month, day in VERSIONS:
        rng = stream(seed, f"budget:{versi}")
        tanggal = date(tahun, month, day)
        if previous is None:
            previous = _murni(rng, universe, tanggal)
        else:
            previous = _revise(rng, universe, previous, versi, tanggal)
        versions[versi] = previous
    return Budget(universe, versions)


def group_of(rekening_kode: str) -> str:
    """The account group a line's share is drawn from: 5.1.xx for operasi, else 5.x."""
    return rekening_kode[:6] if rekening_kode.startswith("5.1.") else rekening_kode[:3]


@dataclass
class _Draft:
    """A line before its amount: weight is its size relative to its group."""

    where: UnitSubKegiatan
    rekening: str
    sumber_dana: str
    paket: str
    nama_paket: str
    weight: float


def _murni(rng: random.Random, universe: Universe, tanggal: date) -> BudgetVersion:
    drafts = []
    for where in universe.sub_kegiatan:
        if where.sub_kegiatan.kind in MANDATORY_KINDS or rng.random() > EMPTY_SHARE:
            drafts.extend(_LineDrafter(rng, universe, where).draft())
    total = rng.uniform(*TOTAL_MURNI)
    weight_of_group: dict[str, float] = defaultdict(float)
    for draft in drafts:
        weight_of_group[group_of(draft.rekening)] += draft.weight
    lines = []
    for draft in drafts:
        group = group_of(draft.rekening)
        amount = draft.weight / weight_of_group[group] * GROUP_SHARES[group] * total
        if draft.where.sub_kegiatan.kind not in MANDATORY_KINDS and rng.random() < ZERO_SHARE:
            amount = 0
        lines.append(_line(universe, draft, _round_pagu(rng, amount, group)))
    return BudgetVersion("murni", tanggal, _ordered(lines))


def _revise(rng: random.Random, universe: Universe, previous: BudgetVersion, versi: str,
            tanggal: date) -> BudgetVersion:
    """previous with ~50 lines dropped, ~100 added and 12-22 % repriced; a pergeseran
    shifts money and trims the total a little, a perubahan adds to it."""
    lines = list(previous.lines)
    droppable = [i for i, line in enumerate(lines)
                 if line.sub_kegiatan.kind not in MANDATORY_KINDS]
    dropped = set(rng.sample(droppable, rng.randint(40, 60)))
    kept = [line for i, line in enumerate(lines) if i not in dropped]
    added = _new_lines(rng, universe, previous, rng.randint(85, 115))

    if versi == "perubahan":
        target = previous.total * (1 + rng.uniform(0.02, 0.08))
    else:
        target = previous.total * (1 - rng.uniform(0.005, 0.05))
    repriced = set(rng.sample(range(len(kept)), round(len(kept) * rng.uniform(0.12, 0.22))))
    # A few repriced lines are emptied to 0 rather than deleted, as SIPD users do.
    factors = {i: 0.0 if kept[i].sub_kegiatan.kind not in MANDATORY_KINDS
               and rng.random() < 0.03 else math.exp(rng.gauss(0, 0.35))
               for i in sorted(repriced)}
    unchanged = sum(line.pagu for i, line in enumerate(kept) if i not in repriced)
    drawn = sum(kept[i].pagu * factor for i, factor in factors.items())
    # Scale the repriced lines so the version total lands near its target.
    scale = (target - unchanged - sum(line.pagu for line in added)) / drawn if drawn else 1
    scale = min(max(scale, 0.3), 3.0)
    revised = []
    for i, line in enumerate(kept):
        if i in factors:
            group = group_of(line.rekening.kode)
            pagu = _round_revision(line.pagu * factors[i] * scale, group)
            if pagu == line.pagu:  # a repriced line must differ from what it was
                pagu += 1 if group == "5.1.01" else 1000
            line = _replace_pagu(line, pagu)
        revised.append(line)
    return BudgetVersion(versi, tanggal, _ordered(revised + added))


def _new_lines(rng, universe, previous, count) -> list[BudgetLine]:
    """count lines for new purchases: in sub kegiatan that have lines, or had none yet.
    Their amounts follow what the previous version spent on the same account."""
    pagu_of_rekening: dict[str, list[int]] = defaultdict(list)
    for line in previous.lines:
        if line.pagu:
            pagu_of_rekening[line.rekening.kode].append(line.pagu)
    keys = {line.key for line in previous.lines}  # a new line is new, not a dropped one back
    candidates = [w for w in universe.sub_kegiatan if w.sub_kegiatan.kind not in MANDATORY_KINDS]
    added: list[BudgetLine] = []
    while len(added) < count:
        where = rng.choice(candidates)
        for draft in _LineDrafter(rng, universe, where).draft()[: rng.randint(1, 2)]:
            similar = pagu_of_rekening.get(draft.rekening)
            if not similar:
                continue
            group = group_of(draft.rekening)
            pagu = _round_revision(rng.choice(similar) * math.exp(rng.gauss(0, 0.4)), group)
            line = _line(universe, draft, pagu)
            if line.key not in keys and len(added) < count:
                keys.add(line.key)
                added.append(line)
    return added


def _round_pagu(rng: random.Random, amount: float, group: str) -> int:
    """Whole rupiah as budgets are typed: payroll to the rupiah, goods mostly to the
    thousand (unit price x quantity leaves hundreds), transfers to the million."""
    if amount <= 0:
        return 0
    if group == "5.1.01":
        unit = 1
    elif group == "5.1.02":
        unit = 1000 if rng.random() < 0.7 else 100
    elif group == "5.2":
        unit = 1000 if rng.random() < 0.85 else 1
    else:
        unit = 1_000_000 if rng.random() < 0.5 else 1000
    return max(unit, round(amount / unit) * unit)


def _round_revision(amount: float, group: str) -> int:
    """A revised amount: payroll recomputed to the rupiah, anything else to the thousand."""
    if amount <= 0:
        return 0
    unit = 1 if group == "5.1.01" else 1000
    return max(unit, round(amount / unit) * unit)


def _line(universe: Universe, draft: _Draft, pagu: int) -> BudgetLine:
    return BudgetLine(
        sub_unit=draft.where.sub_unit,
        sub_kegiatan=draft.where.sub_kegiatan,
        sumber_dana=universe.sumber_dana[draft.sumber_dana],
        rekening=universe.rekening[draft.rekening],
        paket=draft.paket,
        nama_paket=draft.nama_paket,
        pagu=pagu,
    )


def _replace_pagu(line: BudgetLine, pagu: int) -> BudgetLine:
    return BudgetLine(line.sub_unit, line.sub_kegiatan, line.sumber_dana, line.rekening,
                      line.paket, line.nama_paket, pagu)


def _ordered(lines: list[BudgetLine]) -> tuple[BudgetLine, ...]:
    return tuple(sorted(lines, key=lambda line: line.key))


# --- which accounts a sub kegiatan's lines use -------------------------------------------

# Payroll: (rekening, share of a unit's payroll). PPPK lines have their own DAU.
_GAJI = (
    ("5.1.01.01.01.0001", 45), ("5.1.01.01.02.0001", 4.5), ("5.1.01.01.03.0001", 1.5),
    ("5.1.01.01.04.0001", 5), ("5.1.01.01.05.0001", 1.2), ("5.1.01.01.06.0001", 2.6),
    ("5.1.01.01.07.0001", 0.6), ("5.1.01.01.08.0001", 0.002), ("5.1.01.01.09.0001", 3.6),
    ("5.1.01.01.10.0001", 0.25), ("5.1.01.01.11.0001", 0.7), ("5.1.01.01.01.0002", 9),
    ("5.1.01.01.02.0002", 0.9), ("5.1.01.02.01.0001", 18),
)
_GAJI_PPPK = ("5.1.01.01.01.0002", "5.1.01.01.02.0002")
_TPG = ("5.1.01.03.07.0001", 25)
# (rekening, typical pagu in rupiah)
_KANTOR = (
    ("5.1.02.01.01.0024", 8e6), ("5.1.02.01.01.0025", 5e6), ("5.1.02.01.01.0026", 5e6),
    ("5.1.02.01.01.0027", 8e5), ("5.1.02.01.01.0029", 5e6), ("5.1.02.01.01.0030", 6e6),
    ("5.1.02.01.01.0031", 4e6), ("5.1.02.01.01.0053", 12e6), ("5.1.02.01.01.0064", 30e6),
)
_UTILITAS = (("5.1.02.02.01.0061", 45e6), ("5.1.02.02.01.0062", 6e6),
             ("5.1.02.02.01.0063", 18e6))
_JASA_TENAGA = (("5.1.02.02.01.0013", 90e6), ("5.1.02.02.01.0014", 90e6),
                ("5.1.02.02.01.0016", 160e6), ("5.1.02.02.01.0017", 60e6))
_PEMELIHARAAN = (
    ("5.1.02.01.01.0004", 30e6), ("5.1.02.03.02.0035", 20e6), ("5.1.02.03.02.0036", 35e6),
    ("5.1.02.03.02.0121", 8e6), ("5.1.02.03.02.0405", 6e6), ("5.1.02.03.03.0001", 60e6),
    ("5.1.02.01.01.0002", 15e6),
)
# Meetings, field visits, training: (rekening, chance an activity uses it, typical pagu).
_KEGIATAN = (
    ("5.1.02.01.01.0024", 0.55, 2.5e6), ("5.1.02.01.01.0026", 0.30, 2e6),
    ("5.1.02.01.01.0052", 0.60, 7e6), ("5.1.02.02.01.0003", 0.35, 9e6),
    ("5.1.02.02.01.0004", 0.15, 15e6), ("5.1.02.04.01.0003", 0.45, 15e6),
    ("5.1.02.04.01.0001", 0.45, 35e6), ("5.1.02.04.01.0005", 0.10, 45e6),
    ("5.1.02.02.05.0009", 0.12, 7e6), ("5.1.02.02.04.0036", 0.10, 9e6),
    ("5.1.02.01.01.0012", 0.12, 6e6), ("5.1.02.02.12.0003", 0.08, 30e6),
)
_PENGADAAN = (
    ("5.2.02.05.01.0005", 25e6), ("5.2.02.05.02.0001", 50e6), ("5.2.02.05.02.0004", 25e6),
    ("5.2.02.05.02.0006", 15e6), ("5.2.02.10.01.0002", 30e6), ("5.2.02.10.02.0001", 20e6),
)
_KENDARAAN = (("5.2.02.02.01.0003", 450e6), ("5.2.02.02.01.0004", 350e6),
              ("5.2.02.02.02.0001", 30e6))
# Purchases particular to a bidang, on top of the office ones.
_PENGADAAN_BIDANG = {
    "1.02": (("5.2.02.07.01.0001", 300e6), ("5.2.02.02.01.0006", 700e6)),
    "3.27": (("5.2.02.19.01.0001", 250e6),),
    "2.23": (("5.2.05.01.01.0001", 80e6),),
    "2.16": (("5.2.06.01.01.0001", 200e6),),
}
# Construction: the first keyword found in the sub kegiatan name picks the account.
_FISIK = (
    ("Jalan", "5.2.04.01.01.0012", 3.0e9), ("Jembatan", "5.2.04.01.02.0004", 2.0e9),
    ("Irigasi", "5.2.04.02.01.0005", 1.5e9), ("Pantai", "5.2.04.02.05.0003", 1.8e9),
    ("Air Minum", "5.2.04.03.01.0001", 1.2e9), ("Drainase", "5.2.04.04.01.0003", 0.9e9),
    ("Sekolah", "5.2.03.01.01.0010", 0.8e9), ("PAUD", "5.2.03.01.01.0010", 0.5e9),
    ("Puskesmas", "5.2.03.01.01.0006", 1.5e9), ("Rumah Sakit", "5.2.03.01.01.0006", 3.0e9),
    ("Olahraga", "5.2.03.01.01.0015", 1.5e9), ("Pasar", "5.2.03.01.01.0020", 1.2e9),
    # houses for disaster victims and the poor are goods handed over, not pemda assets
    ("Rumah", "5.1.02.05.01.0001", 0.4e9),
)
_GEDUNG_KANTOR = ("5.2.03.01.01.0001", 1.0e9)
_KONSULTANSI = (("5.1.02.02.09.0006", 120e6), ("5.1.02.02.10.0002", 90e6))
_OPERASIONAL_KESEHATAN = (
    ("5.1.02.01.01.0037", 0.8, 300e6), ("5.1.02.01.01.0036", 0.7, 150e6),
    ("5.1.02.01.01.0055", 0.3, 80e6), ("5.1.02.01.01.0012", 0.3, 30e6),
    ("5.1.02.02.01.0016", 0.2, 120e6),
)
_OPERASIONAL_SEKOLAH = (
    ("5.1.02.01.01.0024", 0.7, 40e6), ("5.1.02.01.01.0012", 0.5, 60e6),
    ("5.1.02.02.01.0004", 0.5, 50e6), ("5.1.02.05.01.0001", 0.3, 80e6),
    ("5.1.02.04.01.0003", 0.3, 30e6),
)
_GAJI_NAMES = ("Gaji dan Tunjangan ASN", "Belanja Gaji dan Tunjangan ASN",
               "Penyediaan Gaji dan Tunjangan ASN")

DAU = "1.2.01.08"
# Funding of ordinary spending per bidang: (sumber dana, weight).
_SUMBER_BIDANG = {
    "1.01": (("2.2.01.08.02.0004", 0.8), (DAU, 0.2)),
    "1.02": (("2.2.01.08.02.0005", 0.6), ("2.2.01.09.02.0033", 0.4)),
    "1.03": (("2.2.01.08.02.0006", 0.8), (DAU, 0.2)),
    "2.08": (("2.2.01.09.02.0022", 0.4), (DAU, 0.6)),
    "2.14": (("2.2.01.09.02.0021", 0.5), (DAU, 0.5)),
}
_SUMBER_UMUM = ((DAU, 0.8), ("1.1.01", 0.08), ("1.1.02.01", 0.04), ("1.2.01.01", 0.08))
_SUMBER_UNIT = {
    PUSKESMAS: (("2.2.01.09.02.0035", 0.5), ("2.1.02.01.01.0001", 0.25),
                ("2.2.01.08.02.0005", 0.25)),
    RUMAH_SAKIT: (("2.1.02.01.01.0005", 0.6), ("2.2.01.08.02.0005", 0.4)),
}
# Construction the national special allocation (DAK Fisik) pays for, by keyword.
_DAK_FISIK = (
    ("Sekolah Dasar", "2.2.01.09.01.0002"), ("Sekolah Menengah", "2.2.01.09.01.0003"),
    ("Puskesmas", "2.2.01.09.01.0013"), ("Jalan", "2.2.01.09.01.0077"),
    ("Air Minum", "2.2.01.09.01.0037"), ("Irigasi", "2.2.01.09.01.0043"),
)


class _LineDrafter:
    """Drafts the lines of one sub kegiatan run by one unit."""

    def __init__(self, rng: random.Random, universe: Universe, where: UnitSubKegiatan):
        self.rng = rng
        self.universe = universe
        self.where = where
        self.sub = where.sub_kegiatan
        self.unit = where.sub_unit
        self.sumber = self._sumber_dana()
        # Lines of a unit office are smaller than those of the SKPD office.
        self.scale = 1.0 if self.unit.is_main_unit else 0.5

    def draft(self) -> list[_Draft]:
        drafts = getattr(self, f"_{self.sub.kind}")()  # the method named after the kind
        unique, seen = [], set()
        for d in drafts:
            key = (d.rekening, d.sumber_dana, d.nama_paket)
            if key not in seen:
                seen.add(key)
                unique.append(d)
        return unique

    # one method per sub kegiatan kind

    def _gaji(self):
        nama = self.rng.choice(_GAJI_NAMES)
        shares = list(_GAJI) + ([_TPG] if self.sub.bidang.kode == "1.01" else [])
        drafts = []
        for rekening, share in shares:
            sumber = DAU
            if rekening in _GAJI_PPPK:
                sumber = "2.2.01.08.02.0003"
            elif rekening == _TPG[0]:
                sumber = "2.2.01.09.02.0004"
            weight = self.unit.pegawai * share * math.exp(self.rng.gauss(0, 0.05))
            drafts.append(self._make(rekening, weight, nama=nama, sumber=sumber))
        return drafts

    def _kantor(self):
        return self._pick_some(_KANTOR, 1, 5)

    def _utilitas(self):
        return self._pick_some(_UTILITAS, 1, 3)

    def _jasa_tenaga(self):
        return self._pick_some(_JASA_TENAGA, 1, 3)

    def _pemeliharaan(self):
        return self._pick_some(_PEMELIHARAAN, 1, 5)

    def _kegiatan(self):
        count = self.rng.choices((1, 2, 3), (0.6, 0.28, 0.12))[0]
        drafts = []
        for activity in self.rng.sample(names.NAMA_KEGIATAN_RAPAT, count):
            drafts += [self._make(r, self._size(typical), nama=activity)
                       for r, typical in self._by_chance(_KEGIATAN)]
        return drafts

    def _operasional(self):
        recipe = (_OPERASIONAL_KESEHATAN if self.sub.bidang.kode == "1.02"
                  else _OPERASIONAL_SEKOLAH)
        return [self._make(r, self._size(typical),
                           paket=PAKET if typical >= 150e6 and self.rng.random() < 0.5 else None)
                for r, typical in self._by_chance(recipe)]

    def _pengadaan(self):
        if "Kendaraan" in self.sub.nama:
            recipe = _KENDARAAN
        else:
            recipe = _PENGADAAN + _PENGADAAN_BIDANG.get(self.sub.bidang.kode, ())
        drafts = []
        for rekening, typical in self.rng.sample(recipe, self.rng.randint(1, min(3, len(recipe)))):
            big = typical >= 150e6 and self.rng.random() < 0.6
            label = self.universe.rekening[rekening].label
            where = "" if self.unit.is_main_unit else f" {self.unit.nama}"
            drafts.append(self._make(rekening, self._size(typical),
                                     paket=PAKET if big else None,
                                     nama=f"Pengadaan {label}{where}" if big else None))
        return drafts

    def _fisik(self):
        rekening, typical = next(((r, t) for word, r, t in _FISIK if word in self.sub.nama),
                                 _GEDUNG_KANTOR)
        verb = self.sub.nama.split()[0]
        drafts = []
        for _ in range(self.rng.choices((1, 2, 3), (0.5, 0.35, 0.15))[0]):
            nama = f"{verb} {self.universe.rekening[rekening].label} {self._lokasi()}"
            paket = PAKET if self.rng.random() < 0.85 else KELOMPOK
            drafts.append(self._make(rekening, self._size(typical, 0.9), paket=paket, nama=nama))
        if self.rng.random() < 0.35:
            konsultansi, typical = self.rng.choice(_KONSULTANSI)
            drafts.append(self._make(konsultansi, self._size(typical),
                                     paket=PAKET if self.rng.random() < 0.5 else None))
        return drafts

    def _hibah(self):
        if "Instansi Vertikal" in self.sub.nama:
            rekening, penerima = "5.1.05.01.01.0001", names.INSTANSI_VERTIKAL
        else:
            rekening, penerima = "5.1.05.05.01.0001", names.PENERIMA_HIBAH
        chosen = self.rng.sample(penerima, self.rng.randint(3, min(7, len(penerima))))
        return [self._make(rekening, self._size(1.5e9, 0.7), nama=f"Hibah kepada {p}")
                for p in chosen]

    def _bansos(self):
        recipe = (("5.1.06.01.01.0001", 600e6), ("5.1.06.02.01.0001", 400e6))
        return self._pick_some(recipe, 1, 2)

    def _btt(self):
        return [self._make("5.3.01.01.01.0001", 1.0)]

    def _transfer(self):
        if "Alokasi Dana Desa" in self.sub.nama:
            return [self._make("5.4.02.05.01.0001", 0.9)]
        return [self._make("5.4.01.05.01.0001", 0.1, sumber="1.1.01")]

    # helpers

    def _by_chance(self, recipe):
        """The (rekening, typical) pairs of recipe each drawn with its own chance; one at
        least, since a budgeted sub kegiatan has lines."""
        used = [(r, typical) for r, chance, typical in recipe if self.rng.random() < chance]
        if not used:
            rekening, _, typical = self.rng.choice(recipe)
            used = [(rekening, typical)]
        return used

    def _pick_some(self, recipe, low, high):
        chosen = self.rng.sample(recipe, self.rng.randint(low, min(high, len(recipe))))
        return [self._make(r, self._size(typical)) for r, typical in chosen]

    def _size(self, typical: float, sigma: float = 1.0) -> float:
        return typical * self.scale * math.exp(self.rng.gauss(0, sigma))

    def _make(self, rekening, weight, paket=None, nama=None, sumber=None) -> _Draft:
        if nama is None:
            label = self.universe.rekening[rekening].label
            nama = self.rng.choice((label, f"Belanja {label}"))
        # A few lines are paid from a second source (DAU topping up an earmarked fund).
        if sumber is None:
            sumber = DAU if self.rng.random() < 0.05 else self.sumber
        return _Draft(self.where, rekening, sumber, paket or KELOMPOK, nama, weight)

    def _sumber_dana(self) -> str:
        if self.sub.kind in (names.GAJI, names.BTT, names.TRANSFER, names.HIBAH, names.BANSOS):
            return DAU
        if self.sub.kind == names.FISIK and self.rng.random() < 0.5:
            dak = next((kode for word, kode in _DAK_FISIK if word in self.sub.nama), None)
            if dak:
                return dak
        if self.sub.kind == names.OPERASIONAL and self.sub.bidang.kode == "1.01":
            return "2.2.01.09.02.0026"  # BOS
        options = (_SUMBER_UNIT.get(self.unit.jenis)
                   or _SUMBER_BIDANG.get(self.sub.bidang.kode)
                   or _SUMBER_UMUM)
        codes, weights = zip(*options)
        return self.rng.choices(codes, weights)[0]

    def _lokasi(self) -> str:
        desa = self.rng.sample(names.DESA, 2)
        if "Jalan" in self.sub.nama:
            return f"Ruas {desa[0]} - {desa[1]}"
        if self.rng.random() < 0.3:
            return f"Kecamatan {self.rng.choice(self.universe.kecamatan)}"
        return f"Desa {desa[0]}"
