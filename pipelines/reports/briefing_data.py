"""What the leadership briefing shows, read from the marts and nothing below them.

The marts hold back the rows the quality rules flag as errors, so reading only them
keeps flagged data out of the briefing. A figure the marts leave null (a month whose
export or report has not arrived) stays None here, to be written as "tidak ada data".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from pipelines.reports.briefing_sidak import SidakOpd, read_sidak
from pipelines.warehouse import Warehouse

# Worst first: an OPD's band is the worse of its two lights.
LAMPU_URUTAN = ("merah", "kuning", "hijau")
_PERIODE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class BriefingError(LookupError):
    pass


@dataclass(frozen=True)
class PemdaMonth:
    """The whole pemda at the end of one month: sums over its OPDs."""

    bulan_ke: int
    pagu: Decimal
    rak_kumulatif: Decimal | None  # None: no cash plan (RAK) loaded for the year
    realisasi_kumulatif: Decimal | None  # None: the month's finance export is missing

    @property
    def penyerapan_persen(self) -> float | None:
        return _percent(self.realisasi_kumulatif, self.pagu)

    @property
    def rak_persen(self) -> float | None:
        return _percent(self.rak_kumulatif, self.pagu)

    @property
    def capaian_rencana_persen(self) -> float | None:
        return _percent(self.realisasi_kumulatif, self.rak_kumulatif)

    @property
    def deviasi_poin(self) -> float | None:
        return _points_behind(self.rak_persen, self.penyerapan_persen)


@dataclass(frozen=True)
class Proyeksi:
    """Where absorption will be at the end of December (marts.fct_proyeksi_opd_bulanan)."""

    laju_persen: float | None  # at the current pace
    pola_persen: float | None  # on the pemda's usual curve
    pola_sumber: str | None  # realisasi_tahun_lalu | rencana_kas | None
    target_persen: float | None  # December's green threshold
    lampu: str | None  # of pola_persen against December's bands


@dataclass(frozen=True)
class OpdMonth:
    kode_opd: str
    nama_opd: str
    bulan_ke: int
    peringkat: int | None
    pagu: Decimal
    realisasi_kumulatif: Decimal | None
    penyerapan_persen: float | None
    rak_persen: float | None
    deviasi_persen: float | None
    capaian_rencana_persen: float | None
    lampu_capaian: str | None
    lampu_penyerapan: str | None
    realisasi_fisik_persen: float | None
    rencana_fisik_persen: float | None  # None: no plan reported, or no report
    is_ada_rencana_fisik: bool
    deviasi_fisik_poin: float | None
    lampu_fisik: str | None
    is_laporan_ada: bool
    is_kecamatan: bool = False
    proyeksi: Proyeksi | None = None  # the month's, None for earlier months

    @property
    def deviasi_poin(self) -> float | None:
        """How far absorption trails the cash plan, in percentage points of the pagu."""
        return _points_behind(self.rak_persen, self.penyerapan_persen)

    @property
    def lampu(self) -> str | None:
        """The worse of the two financial lights; None when neither can be judged."""
        lights = {self.lampu_capaian, self.lampu_penyerapan}
        return next((light for light in LAMPU_URUTAN if light in lights), None)

    @property
    def tanpa_rencana_fisik(self) -> bool:
        """Whether the OPD's physical progress is known but its report gives no plan for it."""
        return self.realisasi_fisik_persen is not None and not self.is_ada_rencana_fisik


@dataclass(frozen=True)
class Thresholds:
    capaian_batas_bawah: float | None
    capaian_batas_atas: float | None
    penyerapan_batas_bawah: float | None
    penyerapan_batas_atas: float | None


@dataclass(frozen=True)
class Peringatan:
    kode_opd: str
    nama_opd: str
    alasan: str
    prioritas: int
    uraian: str
    permasalahan: str | None
    tindak_lanjut: str | None


@dataclass(frozen=True)
class PermasalahanTerbuka:
    """A problem still open at the month's end, as its reporter's latest report says."""

    kode_opd: str | None  # the reporting OPD
    kode_opd_bertindak: str | None
    nama_opd_bertindak: str | None
    nama_opd: str | None
    uraian_kegiatan: str | None
    permasalahan: str | None
    upaya: str | None
    kategori: str
    sub_kategori: str
    status: str  # baru, masih_terbuka
    bulan_dilaporkan: date
    pihak_jenis: str
    pihak_diharapkan: str | None


@dataclass(frozen=True)
class PergeseranOpd:
    """What the budget versions that took effect this month changed for one OPD."""

    kode_opd: str
    nama_opd: str | None
    versi_sebelum: str
    versi_sesudah: str
    berlaku_mulai: date
    baris_naik: int
    baris_turun: int
    baris_baru: int
    baris_dihapus: int
    selisih: Decimal


@dataclass(frozen=True)
class KualitasOpd:
    kode_opd: str
    nama_opd: str | None
    is_laporan_ada: bool
    tanggal_diterima: date | None
    is_tepat_waktu: bool
    baris_laporan: int
    baris_salah: int
    baris_janggal: int
    skor_kualitas: float

    @property
    def ada_masalah(self) -> bool:
        return (not self.is_laporan_ada or not self.is_tepat_waktu or self.baris_salah > 0
                or self.baris_janggal > 0)


@dataclass(frozen=True)
class BriefingData:
    kode_pemda: str
    bulan: date  # first day of the month reported
    versi_berlaku: str | None
    thresholds: Thresholds
    tahun_ini: list[PemdaMonth]  # 12 months
    tahun_lalu: list[PemdaMonth]  # 12 months, or empty when last year is not loaded
    opd: list[OpdMonth]  # the month, best rank first, OPDs without a rank last
    opd_per_bulan: dict[str, list[OpdMonth]]  # kode_opd -> January .. the month
    peringatan: list[Peringatan]
    pergeseran: list[PergeseranOpd]
    kualitas: list[KualitasOpd]
    permasalahan_terbuka: list[PermasalahanTerbuka]
    masalah_selesai: int  # problems the month's reports no longer name
    proyeksi_pemda: Proyeksi | None = None
    sidak: list[SidakOpd] = field(default_factory=list)  # the month's field visits

    @property
    def bulan_ke(self) -> int:
        return self.bulan.month

    @property
    def pemda_bulan_ini(self) -> PemdaMonth:
        return self.tahun_ini[self.bulan_ke - 1]

    @property
    def pemda_tahun_lalu(self) -> PemdaMonth | None:
        return self.tahun_lalu[self.bulan_ke - 1] if self.tahun_lalu else None

    @property
    def opd_merah(self) -> list[OpdMonth]:
        return [row for row in self.opd if row.lampu == "merah"]


def month_of(periode: str) -> date:
    found = _PERIODE.match(periode)
    if found is None:
        raise BriefingError(f"periode {periode!r} harus YYYY-MM / must be YYYY-MM")
    return date(int(found.group(1)), int(found.group(2)), 1)


def read_briefing_data(warehouse: Warehouse, periode: str,
                       kode_pemda: str | None = None) -> BriefingData:
    bulan = month_of(periode)
    conn = warehouse.connect()
    try:
        reader = _Reader(conn)
        pemda = kode_pemda or reader.only_pemda(bulan)
        opd = reader.opd_months(pemda, bulan.year, bulan.month)
        this_month = [row for row in opd if row.bulan_ke == bulan.month]
        if not this_month:
            raise BriefingError(
                f"Tidak ada data penyerapan pemda {pemda} bulan {periode} / no absorption "
                "data for that pemda and month (jalankan / run `serapan run`)")
        tahun_ini = reader.pemda_months(pemda, bulan.year)
        if not any(month.rak_kumulatif for month in tahun_ini):
            # The marts write a year without a cash plan as a plan of 0: it is unknown.
            tahun_ini = [replace(month, rak_kumulatif=None) for month in tahun_ini]
            opd = [replace(row, rak_persen=None) for row in opd]
            this_month = [replace(row, rak_persen=None) for row in this_month]
        proyeksi = reader.proyeksi(pemda, bulan)
        this_month = [replace(row, proyeksi=proyeksi.get(row.kode_opd)) for row in this_month]
        per_opd: dict[str, list[OpdMonth]] = {}
        for row in opd:
            per_opd.setdefault(row.kode_opd, []).append(row)
        return BriefingData(
            kode_pemda=pemda,
            bulan=bulan,
            versi_berlaku=reader.versi_berlaku(pemda, bulan),
            thresholds=reader.thresholds(pemda, bulan),
            tahun_ini=tahun_ini,
            tahun_lalu=reader.pemda_months(pemda, bulan.year - 1),
            opd=sorted(this_month, key=_rank_order),
            opd_per_bulan={row.kode_opd: per_opd[row.kode_opd]
                           for row in sorted(this_month, key=_rank_order)},
            peringatan=reader.peringatan(pemda, bulan),
            pergeseran=reader.pergeseran(pemda, bulan),
            kualitas=reader.kualitas(pemda, bulan),
            proyeksi_pemda=reader.proyeksi_pemda(pemda, bulan),
            **reader.masalah(pemda, bulan),
            sidak=read_sidak(conn, pemda, bulan),
        )
    finally:
        conn.close()


def _rank_order(row: OpdMonth):
    return (row.peringkat is None, row.peringkat or 0, row.nama_opd)


def _points_behind(plan: float | None, actual: float | None) -> float | None:
    """Plan % less actual %, each as the briefing prints it (one decimal), so that the
    reader's subtraction of the printed figures gives the printed deviation."""
    return None if plan is None or actual is None else round(round(plan, 1) - round(actual, 1), 1)


def _percent(part: Decimal | None, whole: Decimal | None) -> float | None:
    if part is None or not whole:
        return None
    return float(part / whole * 100)


def _float(value) -> float | None:
    return None if value is None else float(value)


class _Reader:
    """One query per section, all against marts.*."""

    def __init__(self, conn):
        self.conn = conn

    def _rows(self, sql: str, params: dict) -> list[dict]:
        with self.conn.cursor() as cur:
            cur.execute(sql, params)
            names = [column.name for column in cur.description]
            return [dict(zip(names, row)) for row in cur.fetchall()]

    def only_pemda(self, bulan: date) -> str:
        pemdas = [row["kode_pemda"] for row in self._rows(
            """
            select distinct kode_pemda from marts.fct_penyerapan_opd_bulanan
            where bulan = %(bulan)s and realisasi_kumulatif is not null
            order by kode_pemda
            """, {"bulan": bulan})]
        if len(pemdas) != 1:
            found = ", ".join(pemdas) or "tidak ada / none"
            raise BriefingError(
                f"Pilih pemda dengan / choose the pemda with --pemda: pemda berdata bulan "
                f"{bulan:%Y-%m} / pemda with data that month: {found}")
        return pemdas[0]

    def pemda_months(self, pemda: str, tahun: int) -> list[PemdaMonth]:
        rows = self._rows(
            """
            select extract(month from bulan)::integer as bulan_ke,
                   sum(pagu) as pagu,
                   sum(rak_kumulatif) as rak_kumulatif,
                   -- null while the month's export is missing: every OPD's is null then
                   sum(realisasi_kumulatif) as realisasi_kumulatif
            from marts.fct_penyerapan_opd_bulanan
            where kode_pemda = %(pemda)s and tahun = %(tahun)s
            group by bulan
            order by bulan
            """, {"pemda": pemda, "tahun": tahun})
        return [PemdaMonth(**row) for row in rows]

    def opd_months(self, pemda: str, tahun: int, until_month: int) -> list[OpdMonth]:
        rows = self._rows(
            """
            select kode_opd,
                   coalesce(nama_opd, kode_opd) as nama_opd,
                   extract(month from bulan)::integer as bulan_ke,
                   peringkat::integer as peringkat,
                   pagu, realisasi_kumulatif, penyerapan_persen, rak_persen, deviasi_persen,
                   capaian_rencana_persen, lampu_capaian, lampu_penyerapan,
                   realisasi_fisik_persen, rencana_fisik_persen, is_ada_rencana_fisik,
                   deviasi_fisik_poin, lampu_fisik, is_laporan_ada, is_kecamatan
            from marts.fct_penyerapan_opd_bulanan
            where kode_pemda = %(pemda)s and tahun = %(tahun)s
              and extract(month from bulan) <= %(until)s
            order by kode_opd, bulan
            """, {"pemda": pemda, "tahun": tahun, "until": until_month})
        percentages = ("penyerapan_persen", "rak_persen", "deviasi_persen",
                       "capaian_rencana_persen", "realisasi_fisik_persen",
                       "rencana_fisik_persen", "deviasi_fisik_poin")
        return [OpdMonth(**{**row, **{k: _float(row[k]) for k in percentages}})
                for row in rows]

    def proyeksi(self, pemda: str, bulan: date) -> dict[str, Proyeksi]:
        rows = self._rows(
            """
            select kode_opd, proyeksi_laju_persen, proyeksi_pola_persen, pola_sumber,
                   target_persen, lampu_proyeksi_pola
            from marts.fct_proyeksi_opd_bulanan
            where kode_pemda = %(pemda)s and bulan = %(bulan)s
            """, {"pemda": pemda, "bulan": bulan})
        return {row["kode_opd"]: Proyeksi(
            _float(row["proyeksi_laju_persen"]), _float(row["proyeksi_pola_persen"]),
            row["pola_sumber"], _float(row["target_persen"]), row["lampu_proyeksi_pola"])
            for row in rows}

    def proyeksi_pemda(self, pemda: str, bulan: date) -> Proyeksi | None:
        """The pemda's: its OPDs' projected rupiah over their pagu (the curve is the
        pemda's, so the sum is the pemda's own projection)."""
        rows = self._rows(
            """
            select sum(proyeksi_laju_rupiah) / nullif(sum(pagu), 0) * 100 as laju,
                   sum(proyeksi_pola_rupiah) / nullif(sum(pagu), 0) * 100 as pola,
                   max(pola_sumber) as pola_sumber, max(target_persen) as target_persen
            from marts.fct_proyeksi_opd_bulanan
            where kode_pemda = %(pemda)s and bulan = %(bulan)s
            """, {"pemda": pemda, "bulan": bulan})
        if not rows or rows[0]["laju"] is None:
            return None
        row = rows[0]
        # no light: the lampu rule lives in the marts, which judge OPDs, not the pemda
        return Proyeksi(_float(row["laju"]), _float(row["pola"]), row["pola_sumber"],
                        _float(row["target_persen"]), None)

    def versi_berlaku(self, pemda: str, bulan: date) -> str | None:
        rows = self._rows(
            "select versi from marts.dim_periode where kode_pemda = %(pemda)s "
            "and bulan = %(bulan)s", {"pemda": pemda, "bulan": bulan})
        return rows[0]["versi"] if rows else None

    def thresholds(self, pemda: str, bulan: date) -> Thresholds:
        rows = self._rows(
            """
            select max(capaian_batas_bawah) as capaian_batas_bawah,
                   max(capaian_batas_atas) as capaian_batas_atas,
                   max(penyerapan_batas_bawah) as penyerapan_batas_bawah,
                   max(penyerapan_batas_atas) as penyerapan_batas_atas
            from marts.fct_penyerapan_opd_bulanan
            where kode_pemda = %(pemda)s and bulan = %(bulan)s
            """, {"pemda": pemda, "bulan": bulan})
        return Thresholds(**{k: _float(v) for k, v in rows[0].items()})

    def peringatan(self, pemda: str, bulan: date) -> list[Peringatan]:
        rows = self._rows(
            """
            select kode_opd, coalesce(nama_opd, kode_opd) as nama_opd, alasan, prioritas,
                   uraian, permasalahan, tindak_lanjut
            from marts.rpt_peringatan_dini
            where kode_pemda = %(pemda)s and bulan = %(bulan)s
            order by prioritas, peringkat desc nulls first, nama_opd
            """, {"pemda": pemda, "bulan": bulan})
        return [Peringatan(**row) for row in rows]

    def masalah(self, pemda: str, bulan: date) -> dict:
        """Each reporter's latest report of the year up to the month (the recap may come
        once a quarter): the problems it leaves open, and how many it closed."""
        rows = self._rows(
            """
            with latest as (
                select pelapor, max(bulan) as bulan
                from marts.fct_permasalahan_bulanan
                where kode_pemda = %(pemda)s and tahun = %(tahun)s and bulan <= %(bulan)s
                group by pelapor
            )
            select kode_opd, kode_opd_bertindak, nama_opd_bertindak, nama_opd, uraian_kegiatan,
                   permasalahan, upaya, kategori, sub_kategori, status, bulan_dilaporkan,
                   pihak_jenis, pihak_diharapkan
            from marts.fct_permasalahan_bulanan
            join latest using (pelapor, bulan)
            where kode_pemda = %(pemda)s
            order by nama_opd, uraian_kegiatan, permasalahan
            """, {"pemda": pemda, "tahun": bulan.year, "bulan": bulan})
        return {"permasalahan_terbuka": [PermasalahanTerbuka(**row) for row in rows
                                    if row["status"] != "selesai"],
                "masalah_selesai": sum(row["status"] == "selesai" for row in rows)}

    def pergeseran(self, pemda: str, bulan: date) -> list[PergeseranOpd]:
        # Versions that took effect after the end of last month, up to this month's end.
        rows = self._rows(
            """
            select kode_skpd as kode_opd, max(nama_skpd) as nama_opd, versi_sebelum,
                   versi_sesudah, berlaku_mulai,
                   (count(*) filter (where status = 'changed' and selisih > 0))::integer
                       as baris_naik,
                   (count(*) filter (where status = 'changed' and selisih < 0))::integer
                       as baris_turun,
                   (count(*) filter (where status = 'added'))::integer as baris_baru,
                   (count(*) filter (where status = 'dropped'))::integer as baris_dihapus,
                   sum(selisih) as selisih
            from marts.fct_anggaran_perubahan
            where kode_pemda = %(pemda)s
              and berlaku_mulai between %(bulan)s and
                  (%(bulan)s + interval '1 month - 1 day')::date
            group by kode_skpd, versi_sebelum, versi_sesudah, berlaku_mulai
            order by berlaku_mulai, sum(selisih), kode_skpd
            """, {"pemda": pemda, "bulan": bulan})
        return [PergeseranOpd(**row) for row in rows]

    def kualitas(self, pemda: str, bulan: date) -> list[KualitasOpd]:
        rows = self._rows(
            """
            select kualitas.kode_opd, opd.nama_opd, kualitas.is_laporan_ada,
                   kualitas.tanggal_diterima, kualitas.is_tepat_waktu, kualitas.baris_laporan,
                   kualitas.baris_salah, kualitas.baris_janggal, kualitas.skor_kualitas
            from marts.fct_kualitas_data_opd as kualitas
            left join marts.dim_opd as opd
                on opd.kode_pemda = kualitas.kode_pemda and opd.kode_opd = kualitas.kode_opd
            where kualitas.kode_pemda = %(pemda)s and kualitas.bulan = %(bulan)s
            order by kualitas.skor_kualitas, opd.nama_opd
            """, {"pemda": pemda, "bulan": bulan})
        return [KualitasOpd(**{**row, "skor_kualitas": float(row["skor_kualitas"])})
                for row in rows]
