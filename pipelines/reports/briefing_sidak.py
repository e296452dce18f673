"""The month's sidak (unannounced field visits) for the briefing's data trust page: per
OPD visited, who went and when, and whether the field bore its report out
(marts.fct_sidak). Its own module and template part (briefing_sidak.html.j2), included
in the data quality section."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class SidakBaris:
    nama_sub_kegiatan: str | None
    kode_sub_kegiatan: str
    fisik_dilaporkan: Decimal | None
    fisik_terverifikasi: Decimal | None
    selisih_poin: Decimal | None
    temuan: str | None


@dataclass(frozen=True)
class SidakOpd:
    kode_opd: str
    nama_opd: str | None
    tanggal_sidak: date
    tim: str | None
    baris_dinilai: int
    baris_sesuai: int
    skor_kualitas: Decimal | None
    tidak_sesuai: list[SidakBaris] = field(default_factory=list)

    @property
    def sesuai(self) -> bool:
        return not self.tidak_sesuai


VISITS_SQL = """
select sidak.kode_opd, max(sidak.nama_opd), min(sidak.tanggal_sidak),
       string_agg(distinct sidak.tim, '; '),
       count(*) filter (where sidak.hasil <> 'tidak_dinilai'),
       count(*) filter (where sidak.hasil = 'sesuai'),
       max(kualitas.skor_kualitas)
from marts.fct_sidak as sidak
left join marts.fct_kualitas_data_opd as kualitas
    on kualitas.kode_pemda = sidak.kode_pemda and kualitas.kode_opd = sidak.kode_opd
    and kualitas.bulan = sidak.bulan
where sidak.kode_pemda = %(pemda)s and sidak.bulan = %(bulan)s
group by sidak.kode_opd
order by count(*) filter (where sidak.hasil = 'tidak_sesuai') desc, sidak.kode_opd
"""

NOT_BORNE_OUT_SQL = """
select kode_opd, nama_sub_kegiatan, kode_sub_kegiatan, fisik_dilaporkan,
       fisik_terverifikasi, selisih_poin, temuan
from marts.fct_sidak
where kode_pemda = %(pemda)s and bulan = %(bulan)s and hasil = 'tidak_sesuai'
order by kode_opd, abs(selisih_poin) desc, kode_sub_kegiatan
"""


def read_sidak(conn, kode_pemda: str, bulan: date) -> list[SidakOpd]:
    """The OPDs visited for the month's reports, those the field did not bear out first."""
    params = {"pemda": kode_pemda, "bulan": bulan}
    with conn.cursor() as cur:
        cur.execute(NOT_BORNE_OUT_SQL, params)
        lines: dict[str, list[SidakBaris]] = {}
        for kode_opd, *values in cur.fetchall():
            lines.setdefault(kode_opd, []).append(SidakBaris(*values))
        cur.execute(VISITS_SQL, params)
        return [SidakOpd(kode, nama, tanggal, tim, dinilai, sesuai, skor, lines.get(kode, []))
                for kode, nama, tanggal, tim, dinilai, sesuai, skor in cur.fetchall()]
