"""What an OPD's report template is pre-filled with, read from the warehouse: the budget
in force and the cash plan of each sub kegiatan, and, for reference, the finance system's
realization that rule REL-001 compares the OPD's report with."""

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


# The finance system's realization of the OPD's sub kegiatan, cumulative to the month's
# end, summed over its sub units and accounts: the model REL-001 reads
# (expectations/sql/keandalan_rfk__vs_finance.sql). A month whose per-document export is
# not loaded has no row at all (the null row says whether it is): REL-001 compares
# nothing then, and the template shows nothing.
FINANCE_SQL = """
with finance as (
    select kode_skpd, kode_sub_kegiatan, realisasi
    from quality.int_quality__realisasi_kumulatif
    where kode_pemda = %(pemda)s
      and bulan = to_date(%(periode)s, 'YYYY-MM')
)
select kode_sub_kegiatan, sum(realisasi)
from finance
where kode_skpd = %(opd)s
group by kode_sub_kegiatan
union all
select null, null where exists (select from finance)
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
            pemdas = sorted({row[0] for row in rows})
            finance = None
            if len(pemdas) == 1:
                cur.execute(FINANCE_SQL,
                            {"opd": kode_opd, "periode": periode, "pemda": pemdas[0]})
                finance = _finance(cur.fetchall())
    finally:
        conn.close()
    if not rows:
        raise TemplateDataError(
            f"Tidak ada anggaran berlaku untuk OPD {kode_opd} bulan {periode} / no budget in "
            "force for that OPD and month (muat anggarannya dulu / load its budget first)"
        )
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
            TemplateLine(kode, nama or "", Decimal(pagu), Decimal(rak),
                         realisasi_sistem=None if finance is None
                         else finance.get(kode, Decimal(0)))
            for _, _, kode, nama, pagu, rak in rows
        ],
    )


def _finance(rows: list[tuple]) -> dict[str, Decimal] | None:
    """Each sub kegiatan's realization; None when the month's export is not loaded (no
    row), and a sub kegiatan with none is 0, as REL-001 counts it."""
    if not rows:
        return None
    return {kode: Decimal(realisasi or 0) for kode, realisasi in rows if kode is not None}
