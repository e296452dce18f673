"""What an OPD's report template is pre-filled with, read from the warehouse."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pipelines.rfk_template import TemplateLine
from pipelines.warehouse import Warehouse


@dataclass(frozen=True)
class TemplateData:
    kode_pemda: str
    kode_opd: str
    nama_opd: str
    periode: str
    lines: list[TemplateLine]


class TemplateDataError(LookupError):
    pass


# An OPD's sub kegiatan in force in a month (also what bench/cli_latency.py gives psql).
TEMPLATE_LINES_SQL = """
select kode_pemda, nama_skpd, kode_sub_kegiatan, nama_sub_kegiatan,
       pagu_berlaku, rak_kumulatif
from intermediate.int_sub_kegiatan__bulanan
where kode_skpd = %(opd)s
  and bulan = to_date(%(periode)s, 'YYYY-MM')
  and (%(pemda)s::text is null or kode_pemda = %(pemda)s)
order by kode_pemda, kode_sub_kegiatan
"""


def template_data(warehouse: Warehouse, kode_opd: str, periode: str,
                  kode_pemda: str | None = None) -> TemplateData:
    conn = warehouse.connect()
    try:
        with conn.cursor() as cur:
            cur.execute(
                TEMPLATE_LINES_SQL,
                {"opd": kode_opd, "periode": periode, "pemda": kode_pemda},
            )
            rows = cur.fetchall()
    finally:
        conn.close()
    if not rows:
        raise TemplateDataError(
            f"Tidak ada anggaran berlaku untuk OPD {kode_opd} bulan {periode} / no budget in "
            "force for that OPD and month (muat anggarannya dulu / load its budget first)"
        )
    pemdas = sorted({row[0] for row in rows})
    if len(pemdas) > 1:
        raise TemplateDataError(
            f"OPD {kode_opd} ada di beberapa pemda / in several pemda: {', '.join(pemdas)}; "
            "pilih dengan / choose with --pemda"
        )
    return TemplateData(
        kode_pemda=pemdas[0],
        kode_opd=kode_opd,
        nama_opd=rows[0][1] or "",
        periode=periode,
        lines=[
            TemplateLine(kode, nama or "", Decimal(pagu), Decimal(rak))
            for _, _, kode, nama, pagu, rak in rows
        ],
    )
