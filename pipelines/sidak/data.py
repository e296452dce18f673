"""What a sidak is chosen from and what its workbook is pre-filled with, read from the
warehouse: the month's OPDs with their risk (marts.rpt_sidak_risiko) and, per OPD, its
sub kegiatan in force with what its report in force says of each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pipelines.sidak.workbook import VisitLine
from pipelines.warehouse import Warehouse

FACTORS = ("kualitas_data", "fisik_keuangan", "laporan_terlambat", "permasalahan_lama",
           "pagu_besar")


class SidakDataError(LookupError):
    pass


@dataclass(frozen=True)
class Candidate:
    """An OPD that owes the month's report, with its risk and what the risk is made of."""

    kode_pemda: str
    kode_opd: str
    nama_opd: str | None
    skor_risiko: Decimal
    peringkat_risiko: int
    faktor: dict[str, Decimal]  # FACTORS -> 0..1
    bobot: dict[str, Decimal]  # FACTORS -> weight
    skor_kualitas: Decimal | None
    pagu: Decimal | None
    penyerapan_persen: Decimal | None
    realisasi_fisik_persen: Decimal | None
    bulan_terlambat: int
    bulan_wajib: int
    permasalahan_terbuka: int


CANDIDATES_SQL = f"""
select risiko.kode_pemda, risiko.kode_opd, opd.nama_opd, risiko.skor_risiko,
       risiko.peringkat_risiko,
       {", ".join(f"risiko.faktor_{name}" for name in FACTORS)},
       {", ".join(f"risiko.bobot_{name}" for name in FACTORS)},
       risiko.skor_kualitas, risiko.pagu, risiko.penyerapan_persen,
       risiko.realisasi_fisik_persen, risiko.bulan_terlambat, risiko.bulan_wajib,
       risiko.permasalahan_terbuka
from marts.rpt_sidak_risiko as risiko
left join marts.dim_opd as opd
    on opd.kode_pemda = risiko.kode_pemda and opd.kode_opd = risiko.kode_opd
where risiko.bulan = %(bulan)s and risiko.kode_pemda = %(pemda)s
order by risiko.peringkat_risiko
"""

# The OPD's sub kegiatan in force that month, the largest budget first, with the sub
# kegiatan rows of its report in force: money summed, physical % weighted by the budget
# each row reports (their plain mean where none does), problems joined.
LINES_SQL = """
with reported as (
    select kode_sub_kegiatan,
           sum(realisasi_keuangan_kumulatif) as realisasi_keuangan,
           coalesce(sum(realisasi_fisik_persen * pagu_dilaporkan)
                        / nullif(sum(pagu_dilaporkan) filter (
                            where realisasi_fisik_persen is not null), 0),
                    avg(realisasi_fisik_persen)) as realisasi_fisik,
           string_agg(distinct permasalahan, '; ') as permasalahan
    from staging.stg_rfk__laporan
    where kode_pemda = %(pemda)s and kode_opd = %(opd)s and bulan = %(bulan)s
        and tingkat = 'sub_kegiatan' and kode_sub_kegiatan is not null
    group by kode_sub_kegiatan
)
select budget.kode_sub_kegiatan, budget.nama_sub_kegiatan, budget.pagu_berlaku,
       reported.realisasi_keuangan, round(reported.realisasi_fisik, 2),
       reported.permasalahan
from intermediate.int_sub_kegiatan__bulanan as budget
left join reported using (kode_sub_kegiatan)
where budget.kode_pemda = %(pemda)s and budget.kode_skpd = %(opd)s
    and budget.bulan = %(bulan)s
order by budget.pagu_berlaku desc, budget.kode_sub_kegiatan
limit %(limit)s
"""


def candidates(warehouse: Warehouse, kode_pemda: str | None, bulan: date) -> list[Candidate]:
    """The month's OPDs of the pemda (the only pemda with a risk that month, when None),
    highest risk first."""
    conn = warehouse.connect()
    try:
        with conn.cursor() as cur:
            if kode_pemda is None:
                cur.execute("select distinct kode_pemda from marts.rpt_sidak_risiko "
                            "where bulan = %s order by 1", (bulan,))
                pemdas = [row[0] for row in cur.fetchall()]
                if len(pemdas) != 1:
                    raise SidakDataError(
                        f"{'Beberapa pemda' if pemdas else 'Tidak ada data'} bulan {bulan:%Y-%m}"
                        f"{': ' + ', '.join(pemdas) if pemdas else ''}; pilih dengan --pemda / "
                        f"{'several pemda' if pemdas else 'no data'} that month: choose with "
                        "--pemda (jalankan / run `serapan run` first)")
                kode_pemda = pemdas[0]
            cur.execute(CANDIDATES_SQL, {"bulan": bulan, "pemda": kode_pemda})
            rows = cur.fetchall()
    finally:
        conn.close()
    if not rows:
        raise SidakDataError(f"Tidak ada OPD wajib lapor pemda {kode_pemda} bulan {bulan:%Y-%m} "
                             "/ no OPD owes a report that month (jalankan / run `serapan run`)")
    width = len(FACTORS)
    return [Candidate(
        kode_pemda=row[0], kode_opd=row[1], nama_opd=row[2], skor_risiko=row[3],
        peringkat_risiko=row[4], faktor=dict(zip(FACTORS, row[5:5 + width])),
        bobot=dict(zip(FACTORS, row[5 + width:5 + 2 * width])),
        skor_kualitas=row[-7], pagu=row[-6], penyerapan_persen=row[-5],
        realisasi_fisik_persen=row[-4], bulan_terlambat=row[-3], bulan_wajib=row[-2],
        permasalahan_terbuka=row[-1]) for row in rows]


def visit_lines(warehouse: Warehouse, kode_pemda: str, kode_opd: str, bulan: date,
                limit: int) -> list[VisitLine]:
    conn = warehouse.connect()
    try:
        with conn.cursor() as cur:
            cur.execute(LINES_SQL, {"pemda": kode_pemda, "opd": kode_opd, "bulan": bulan,
                                    "limit": limit})
            rows = cur.fetchall()
    finally:
        conn.close()
    return [VisitLine(kode, nama or "", pagu, keuangan, fisik, masalah)
            for kode, nama, pagu, keuangan, fisik, masalah in rows]
