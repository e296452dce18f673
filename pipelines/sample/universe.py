"""The synthetic kabupaten's structure: SKPD, sub units, the sub kegiatan each runs,
accounts and funding sources.

Every generator of the sample (budget versions now; realization, SP2D and OPD reports
later) starts from one Universe, so codes agree across all the files of a sample year.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

from pipelines.sample import names

# The single digit in kegiatan codes: 2 in a kabupaten/kota (1 in a provinsi).
KABUPATEN_DIGIT = "2"
# Sub kegiatan of these kinds carry the pemda's big fixed commitments: every unit that
# could run them does, and their budget is never left empty.
MANDATORY_KINDS = (names.GAJI, names.BTT, names.TRANSFER, names.HIBAH)


def stream(seed: int, purpose: str) -> random.Random:
    """An independent random stream per purpose: a generator added later draws from its
    own stream and so does not shift what the existing ones produce."""
    return random.Random(f"{seed}:{purpose}")


@dataclass(frozen=True)
class Bidang:
    kode: str
    nama: str

    @property
    def kode_urusan(self) -> str:
        return self.kode.split(".")[0]

    @property
    def nama_urusan(self) -> str:
        return names.URUSAN[self.kode_urusan]


@dataclass(frozen=True)
class Program:
    kode: str
    nama: str
    bidang: Bidang


@dataclass(frozen=True)
class Kegiatan:
    kode: str
    nama: str
    program: Program


@dataclass(frozen=True)
class SubKegiatan:
    kode: str
    nama: str
    kind: str  # one of the kinds in names.py: which accounts its budget lines use
    kegiatan: Kegiatan

    @property
    def program(self) -> Program:
        return self.kegiatan.program

    @property
    def bidang(self) -> Bidang:
        return self.kegiatan.program.bidang


@dataclass(frozen=True)
class Skpd:
    kode: str
    nama: str
    bidang: tuple[Bidang, ...]
    size: float  # relative weight of its activities


# What a sub unit is: the SKPD's own office, or a unit under it.
INDUK, PUSKESMAS, RUMAH_SAKIT, SEKOLAH, BAGIAN = (
    "induk", "puskesmas", "rumah_sakit", "sekolah", "bagian")


@dataclass(frozen=True)
class SubUnit:
    kode: str
    nama: str
    skpd: Skpd
    jenis: str
    pegawai: int  # staff on its payroll (0 where the SKPD's office pays them)

    @property
    def is_main_unit(self) -> bool:
        return self.kode == self.skpd.kode


@dataclass(frozen=True)
class UnitSubKegiatan:
    """A sub kegiatan run by one sub unit (the same code can be run by several units)."""

    sub_unit: SubUnit
    sub_kegiatan: SubKegiatan


@dataclass(frozen=True)
class Rekening:
    kode: str
    nama: str
    label: str  # the short name kelompok lines are called by


@dataclass(frozen=True)
class SumberDana:
    kode: str
    nama: str


@dataclass(frozen=True)
class Universe:
    tahun: int
    kode_pemda: str
    nama_pemda: str
    kecamatan: tuple[str, ...]
    skpd: tuple[Skpd, ...]
    sub_units: tuple[SubUnit, ...]
    sub_kegiatan: tuple[UnitSubKegiatan, ...]  # ordered by sub unit, then sub kegiatan code
    rekening: dict[str, Rekening]
    sumber_dana: dict[str, SumberDana]


@dataclass(frozen=True)
class _Pools:
    """The sub kegiatan of one bidang: its support program, and the programs by number."""

    penunjang: tuple[SubKegiatan, ...]
    programs: dict[int, tuple[SubKegiatan, ...]]


@cache
def nomenklatur() -> dict[str, _Pools]:
    """The static nomenclature with codes: bidang code -> its sub kegiatan."""
    pools = {}
    for kode_bidang, nama_bidang in names.BIDANG.items():
        bidang = Bidang(kode_bidang, nama_bidang)
        penunjang_program = Program(f"{kode_bidang}.01", names.PROGRAM_PENUNJANG, bidang)
        penunjang = tuple(
            SubKegiatan(f"{kegiatan.kode}.{nomor:04d}", nama, kind, kegiatan)
            for nomor_kegiatan, nama_kegiatan, subs in names.PENUNJANG
            for kegiatan in [_kegiatan(penunjang_program, nomor_kegiatan, nama_kegiatan)]
            for nomor, nama, kind in subs
        )
        programs = {}
        for nomor_program, (nama_program, kegiatan_list) in enumerate(
            names.NOMENKLATUR.get(kode_bidang, ()), start=2
        ):
            program = Program(f"{kode_bidang}.{nomor_program:02d}", nama_program, bidang)
            programs[nomor_program] = tuple(
                SubKegiatan(f"{kegiatan.kode}.{nomor:04d}", nama, kind, kegiatan)
                for nomor_kegiatan, (nama_kegiatan, subs) in enumerate(kegiatan_list, start=1)
                for kegiatan in [_kegiatan(program, nomor_kegiatan, nama_kegiatan)]
                for nomor, (nama, kind) in enumerate(subs, start=1)
            )
        pools[kode_bidang] = _Pools(penunjang, programs)
    return pools


def _kegiatan(program: Program, nomor: int, nama: str) -> Kegiatan:
    return Kegiatan(f"{program.kode}.{KABUPATEN_DIGIT}.{nomor:02d}", nama, program)


def build_universe(seed: int = 2025, tahun: int = 2025, kode_pemda: str = "99.01") -> Universe:
    rng = stream(seed, "universe")
    nama_pemda = rng.choice(names.PEMDA)
    kecamatan = tuple(rng.sample(names.KECAMATAN, rng.randint(10, 13)))
    builder = _Builder(rng, nomenklatur(), kecamatan, nama_pemda)
    for nama, bidang, programs, size, pegawai, children in names.SKPD:
        builder.add_skpd(nama, bidang, programs, size, pegawai, children)
    builder.add_kecamatan()
    return Universe(
        tahun=tahun,
        kode_pemda=kode_pemda,
        nama_pemda=f"Kabupaten {nama_pemda}",
        kecamatan=kecamatan,
        skpd=tuple(sorted(builder.skpd, key=lambda s: s.kode)),
        sub_units=tuple(sorted(builder.sub_units, key=lambda u: u.kode)),
        sub_kegiatan=tuple(sorted(builder.assigned, key=lambda a: (a.sub_unit.kode,
                                                                   a.sub_kegiatan.kode))),
        rekening={kode: Rekening(kode, nama, label)
                  for kode, (nama, label) in sorted(names.REKENING.items())},
        sumber_dana={kode: SumberDana(kode, nama)
                     for kode, nama in sorted(names.SUMBER_DANA.items())},
    )


class _Builder:
    def __init__(self, rng: random.Random, pools: dict[str, _Pools],
                 kecamatan: tuple[str, ...], nama_pemda: str):
        self.rng = rng
        self.pools = pools
        self.kecamatan = kecamatan
        self.nama_pemda = nama_pemda
        self.skpd: list[Skpd] = []
        self.sub_units: list[SubUnit] = []
        self.assigned: list[UnitSubKegiatan] = []
        self._codes_of_unit: dict[str, set[str]] = {}

    def add_skpd(self, nama, kode_bidang, program_numbers, size, pegawai, children):
        skpd = self._new_skpd(nama, kode_bidang, size)
        penunjang, substantive = self._pools_of(skpd, program_numbers)
        main = self._new_sub_unit(skpd, skpd.nama, INDUK, pegawai)
        self._assign(main, self._pick(penunjang, self.rng.randint(16, 24)))
        self._assign(main, self._pick(substantive, round(self.rng.randint(18, 32) * size)))
        if children == "kesehatan":
            self._add_puskesmas_and_hospital(skpd, penunjang, substantive)
        elif children == "sekolah":
            self._add_units(skpd, ["UPTD Sanggar Kegiatan Belajar"]
                            + [f"SMP Negeri 1 {k}" for k in self.kecamatan[:2]],
                            SEKOLAH, penunjang, substantive)
        elif children == "bagian":
            bagian = sorted(self.rng.sample(names.SETDA_BAGIAN, 7),
                            key=names.SETDA_BAGIAN.index)
            self._add_units(skpd, bagian, BAGIAN, penunjang, substantive)

    def add_kecamatan(self):
        """One SKPD per kecamatan; they run much the same sub kegiatan (shared codes)."""
        members = [self._new_skpd(f"Kecamatan {k}", ("7.01",), 0.45) for k in self.kecamatan]
        penunjang, substantive = self._pools_of(members[0], None)
        common = self._pick(penunjang, 12) + self._pick(substantive, 10)
        for skpd in members:
            unit = self._new_sub_unit(skpd, skpd.nama, INDUK, self.rng.randint(20, 32))
            self._assign(unit, self._vary(common, penunjang + substantive))

    def _add_puskesmas_and_hospital(self, skpd, penunjang, substantive):
        places = list(self.kecamatan) + self.rng.sample(names.DESA, 3)
        count = len(self.kecamatan) + self.rng.randint(1, 3)
        layanan = [s for s in substantive if s.kegiatan.nama == names.KEGIATAN_PUSKESMAS]
        common = self._pick(penunjang, 14, with_mandatory=False) + self._pick(layanan, 14)
        for place in places[:count]:
            unit = self._new_sub_unit(skpd, f"Puskesmas {place}", PUSKESMAS)
            self._assign(unit, self._vary(common, penunjang + layanan))
        rumah_sakit = [s for s in substantive if s.kegiatan.nama == names.KEGIATAN_RUMAH_SAKIT]
        hospital = self._new_sub_unit(skpd, f"Rumah Sakit Umum Daerah {self.nama_pemda}",
                                      RUMAH_SAKIT, names.PEGAWAI_RUMAH_SAKIT)
        self._assign(hospital, self._pick(penunjang, 16) + rumah_sakit)

    def _add_units(self, skpd, unit_names, jenis, penunjang, substantive):
        for nama in unit_names:
            unit = self._new_sub_unit(skpd, nama, jenis)
            for pool, low, high in ((penunjang, 2, 5), (substantive, 3, 7)):
                self._assign(unit, self._pick(pool, self.rng.randint(low, high),
                                              with_mandatory=False))

    def _new_skpd(self, nama, kode_bidang, size) -> Skpd:
        # X.XX.X.XX.X.XX.NN.0000: up to three bidang, then the SKPD's number in its bidang.
        parts = list(kode_bidang) + ["0.00"] * (3 - len(kode_bidang))
        nomor = 1 + sum(1 for s in self.skpd if s.bidang[0].kode == kode_bidang[0])
        skpd = Skpd(f"{'.'.join(parts)}.{nomor:02d}.0000", nama,
                    tuple(Bidang(k, names.BIDANG[k]) for k in kode_bidang), size)
        self.skpd.append(skpd)
        return skpd

    def _new_sub_unit(self, skpd: Skpd, nama: str, jenis: str, pegawai: int = 0) -> SubUnit:
        nomor = sum(1 for u in self.sub_units if u.skpd is skpd)
        unit = SubUnit(f"{skpd.kode[:-4]}{nomor:04d}", nama, skpd, jenis, pegawai)
        self.sub_units.append(unit)
        return unit

    def _pools_of(self, skpd: Skpd, program_numbers):
        penunjang = list(self.pools[skpd.bidang[0].kode].penunjang)
        substantive = [
            sub
            for bidang in skpd.bidang
            for nomor, subs in self.pools[bidang.kode].programs.items()
            if program_numbers is None or nomor in program_numbers
            for sub in subs
        ]
        return penunjang, substantive

    def _pick(self, pool, count, with_mandatory=True) -> list[SubKegiatan]:
        """count sub kegiatan drawn from pool, plus every mandatory one it holds."""
        required = [s for s in pool if with_mandatory and s.kind in MANDATORY_KINDS]
        optional = [s for s in pool if s.kind not in MANDATORY_KINDS]
        return required + self.rng.sample(optional, min(count, len(optional)))

    def _vary(self, common, pool) -> list[SubKegiatan]:
        """A family member's sub kegiatan: the family's common set, give or take a few."""
        kept = [s for s in common if s.kind in MANDATORY_KINDS or self.rng.random() > 0.08]
        codes = {s.kode for s in common}
        extra = [s for s in pool if s.kode not in codes and s.kind not in MANDATORY_KINDS]
        return kept + self.rng.sample(extra, min(self.rng.randint(0, 3), len(extra)))

    def _assign(self, unit: SubUnit, subs) -> None:
        known = self._codes_of_unit.setdefault(unit.kode, set())
        for sub in subs:
            if sub.kode not in known:
                known.add(sub.kode)
                self.assigned.append(UnitSubKegiatan(unit, sub))
