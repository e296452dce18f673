"""The leadership briefing for the monthly coordination meeting (Rakor), HTML or PDF.

Leadership does not open BI tools before a Rakor: this is one self-contained file that
shows who is behind, by how much and why. The HTML has its charts inline as SVG and no
script or external resource, so it opens offline; the PDF is WeasyPrint's rendering of
the same HTML. Everything comes from the marts (see briefing_data).

The body fits six A4 pages; the detail follows as an appendix. Each section is a
template of its own (briefing_sections/) whose figures come from the function of the
same name below, so a section is changed, added or moved in one place.
"""

from __future__ import annotations

import os
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from pipelines.config import settings
from pipelines.pemda import pemda_list
from pipelines.reports import charts, formatting
from pipelines.reports.briefing_data import (
    BriefingData,
    PermasalahanTerbuka,
    OpdMonth,
    Peringatan,
    read_briefing_data,
)
from pipelines.warehouse import Warehouse

TEMPLATE = "briefing.html.j2"
FORMATS = ("html", "pdf")
# The early warning's reasons (rpt_peringatan_dini.alasan) as its table names them
ALASAN_SINGKAT = {
    "pelampauan": "melampaui pagu",
    "merah_rencana": "jauh di bawah rencana",
    "merah_target": "di bawah target bulan",
    "deviasi_memburuk": "deviasi memburuk",
    "fisik_tertinggal": "fisik tertinggal",
    "laporan_tidak_ada": "laporan belum masuk",
    "data_tidak_valid": "data laporan tidak valid",
}
POLA_SUMBER = {"realisasi_tahun_lalu": "pola realisasi tahun lalu",
               "rencana_kas": "pola rencana kas, karena belum ada data tahun lalu"}


def write_briefing(warehouse: Warehouse, *, periode: str, kode_pemda: str | None, out: Path,
                   fmt: Literal["html", "pdf"] = "html", penyusun: str | None = None) -> Path:
    """The briefing of the month 'YYYY-MM' written to out; returns out.

    kode_pemda may be None when one pemda has data that month. The pemda's name comes
    from the list of pemda (pipelines/pemda.py); penyusun (who prepared it) defaults to
    SERAPAN_PENYUSUN.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r}: pakai / use html atau pdf")
    data = read_briefing_data(warehouse, periode, kode_pemda)
    html = render_briefing(data, penyusun=penyusun or os.environ.get("SERAPAN_PENYUSUN"))
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "html":
        out.write_text(html, encoding="utf-8")
    else:
        from weasyprint import HTML

        HTML(string=html, url_fetcher=_no_fetching).write_pdf(out)
    return out


def render_briefing(data: BriefingData, *, penyusun: str | None = None,
                    dibuat: datetime | None = None) -> str:
    """The HTML: the body (at most six A4 pages) and its appendix. Each section's
    figures come from a function of its own below, named after the section."""
    context: dict = {"data": data, "bulan_tahun": formatting.bulan_tahun(data.bulan),
                     "nama_bulan": formatting.NAMA_BULAN[data.bulan_ke - 1]}
    for section in (kop(data, penyusun, dibuat), ringkasan(data), kurva(data),
                    peringkat(data), peringatan(data), merah_memburuk(data),
                    fisik_keuangan(data), proyeksi(data), camat(data),
                    lampiran_rincian(data), lampiran_permasalahan(data),
                    lampiran_pergeseran(data), lampiran_kualitas(data)):
        context.update(section)
    return _environment().get_template(TEMPLATE).render(**context)


# --- the body ------------------------------------------------------------------------

def kop(data: BriefingData, penyusun: str | None, dibuat: datetime | None) -> dict:
    """The letterhead: the pemda by its name, who prepared the briefing and when."""
    pemda = pemda_list().get(data.kode_pemda)
    return {"pemda": pemda,
            "nama_pemda": pemda.nama if pemda else f"Pemda {data.kode_pemda}",
            "penyusun": penyusun,
            "dibuat": dibuat or datetime.now(ZoneInfo(settings().timezone)),
            "zona_waktu": settings().timezone_code}


def ringkasan(data: BriefingData) -> dict:
    opd = _opd_only(data)
    lampu = Counter(row.lampu or "none" for row in data.opd)
    return {
        "lampu_count": {name: lampu[name] for name in ("merah", "kuning", "hijau", "none")},
        "jumlah_opd": len(opd),
        "jumlah_camat": len(data.opd) - len(opd),
        "pergeseran_total": sum(row.selisih for row in data.pergeseran),
        "laporan_masuk": sum(row.is_laporan_ada for row in data.kualitas),
    }


def kurva(data: BriefingData) -> dict:
    series = [charts.Series("realisasi", f"Realisasi {data.bulan.year}",
                            [m.penyerapan_persen if m.bulan_ke <= data.bulan_ke else None
                             for m in data.tahun_ini])]
    if any(m.rak_persen is not None for m in data.tahun_ini):
        series.append(charts.Series("rencana", f"Rencana kas (RAK) {data.bulan.year}",
                                    [m.rak_persen for m in data.tahun_ini], dashed=True))
    if any(m.penyerapan_persen is not None for m in data.tahun_lalu):
        series.append(charts.Series("tahun_lalu", f"Realisasi {data.bulan.year - 1}",
                                    [m.penyerapan_persen for m in data.tahun_lalu]))
    return {"chart_kurva": Markup(charts.absorption_curve(series, data.bulan_ke))}


def peringkat(data: BriefingData) -> dict:
    """The OPDs (Camat offices apart) ranked by the absorption their bars show."""
    bars = [charts.Bar(row.kode_opd, row.nama_opd, row.penyerapan_persen, row.rak_persen,
                       row.lampu) for row in _opd_only(data)]
    return {"chart_opd": Markup(charts.opd_bars(bars))}


def peringatan(data: BriefingData) -> dict:
    """The OPDs the early warning names, furthest behind plan first (in points of the
    pagu), then those behind for other reasons, the most urgent reason first."""
    reasons: dict[str, list[Peringatan]] = {}
    for item in data.peringatan:  # already most urgent first
        reasons.setdefault(item.kode_opd, []).append(item)
    rows = {row.kode_opd: row for row in data.opd}
    named = [(rows.get(kode), items) for kode, items in reasons.items()]
    named.sort(key=lambda pair: (
        pair[0] is None or pair[0].deviasi_poin is None,
        -(pair[0].deviasi_poin or 0) if pair[0] else 0,
        min(item.prioritas for item in pair[1]), pair[1][0].nama_opd))
    return {"peringatan_opd": named, "peringatan_per_opd": reasons,
            "alasan_singkat": ALASAN_SINGKAT}


def merah_memburuk(data: BriefingData) -> dict:
    """The OPDs in the red band, then those whose deviation grows, furthest behind plan
    first, each with its open problems of the two largest categories and its newest one as an
    example (every problem is in the appendix)."""
    worsening = {item.kode_opd for item in data.peringatan
                 if item.alasan == "deviasi_memburuk"}
    chosen = [row for row in data.opd if row.lampu == "merah" or row.kode_opd in worsening]
    chosen.sort(key=lambda row: (row.lampu != "merah", -(row.deviasi_poin or 0),
                                 row.nama_opd))
    problems: dict[str, list[PermasalahanTerbuka]] = {}
    for item in data.permasalahan_terbuka:
        if item.kode_opd:
            problems.setdefault(item.kode_opd, []).append(item)
    rows = []
    for row in chosen:
        own = problems.get(row.kode_opd, [])
        newest = sorted(own, key=lambda item: (item.status != "baru", -item.bulan_dilaporkan.toordinal()))
        rows.append((row, row.kode_opd in worsening, problems_by_category(own)[:2],
                     newest[0] if newest else None))
    return {"merah_memburuk": rows}


def fisik_keuangan(data: BriefingData) -> dict:
    """Physical against financial: every OPD a dot; numbered, and listed, those the
    early warning names for physical progress trailing, or whose physical light is red."""
    flagged = {item.kode_opd for item in data.peringatan if item.alasan == "fisik_tertinggal"}
    drawn = [row for row in data.opd
             if row.penyerapan_persen is not None and row.realisasi_fisik_persen is not None]
    named = sorted((row for row in drawn
                    if row.kode_opd in flagged or row.lampu_fisik == "merah"),
                   key=lambda row: (row.deviasi_fisik_poin is None,
                                    row.deviasi_fisik_poin or 0, row.nama_opd))
    numbers = {row.kode_opd: number for number, row in enumerate(named, start=1)}
    dots = [charts.Dot(row.kode_opd, row.nama_opd, numbers.get(row.kode_opd),
                       row.penyerapan_persen, row.realisasi_fisik_persen, row.lampu)
            for row in drawn]
    lampu_fisik = Counter(row.lampu_fisik for row in data.opd)
    return {
        "chart_fisik_keuangan": Markup(charts.physical_vs_financial(dots)),
        "fisik_disebut": [(numbers[row.kode_opd], row, row.kode_opd in flagged)
                          for row in named],
        "lampu_fisik_count": {name: lampu_fisik[name] for name in ("merah", "kuning", "hijau")},
        "tanpa_fisik": [row for row in data.opd if row.realisasi_fisik_persen is None],
        "tanpa_rencana_fisik": [row for row in data.opd if row.tanpa_rencana_fisik],
    }


def proyeksi(data: BriefingData) -> dict:
    """The OPDs projected below the year-end target, furthest below first."""
    rows = [row for row in data.opd if row.proyeksi and row.proyeksi.pola_persen is not None]
    below = sorted((row for row in rows if row.proyeksi.target_persen is not None
                    and row.proyeksi.pola_persen < row.proyeksi.target_persen),
                   key=lambda row: (row.proyeksi.pola_persen, row.nama_opd))
    return {"proyeksi_di_bawah_target": [row for row in below if not row.is_kecamatan],
            "proyeksi_camat_di_bawah_target": [row for row in below if row.is_kecamatan],
            "proyeksi_dinilai": rows, "pola_sumber": POLA_SUMBER}


def camat(data: BriefingData) -> dict:
    """The Camat offices, a section of their own: leadership asks for "OPD dan Camat"."""
    rows = [row for row in data.opd if row.is_kecamatan]
    rows.sort(key=lambda row: (row.penyerapan_persen is None, -(row.penyerapan_persen or 0),
                               row.nama_opd))
    return {"camat": rows}


# --- the appendix ----------------------------------------------------------------------

def lampiran_rincian(data: BriefingData) -> dict:
    return {"months": formatting.BULAN_SINGKAT[: data.bulan_ke]}


def lampiran_permasalahan(data: BriefingData) -> dict:
    return {"permasalahan_per_kategori": problems_by_category(data.permasalahan_terbuka),
            "permasalahan_per_pihak": problems_by_actor(data.permasalahan_terbuka)}


def lampiran_pergeseran(data: BriefingData) -> dict:
    return {}


def lampiran_kualitas(data: BriefingData) -> dict:
    """The data-trust page: which reports were late, wrong or odd."""
    return {
        "kualitas_masalah": [row for row in data.kualitas if row.ada_masalah],
        "kualitas_count": {
            "masuk": sum(row.is_laporan_ada for row in data.kualitas),
            "terlambat": sum(row.is_laporan_ada and not row.is_tepat_waktu for row in data.kualitas),
            "salah": sum(row.baris_salah > 0 for row in data.kualitas),
        },
    }


def _opd_only(data: BriefingData) -> list[OpdMonth]:
    return [row for row in data.opd if not row.is_kecamatan]


def problems_by_category(problems: list[PermasalahanTerbuka]) -> list[tuple[str, str, int, int]]:
    """(kategori, sub kategori, open, of them new), the largest first, lainnya last."""
    counted = Counter((item.kategori, item.sub_kategori) for item in problems)
    new = Counter((item.kategori, item.sub_kategori) for item in problems
                  if item.status == "baru")
    return sorted(((kategori, sub, count, new[kategori, sub])
                   for (kategori, sub), count in counted.items()),
                  key=lambda row: (row[0] == "lainnya", -row[2], row[0], row[1]))


def problems_by_actor(problems: list[PermasalahanTerbuka]) -> list[list[PermasalahanTerbuka]]:
    """The problems under the OPD that must act, the OPD with the most open first."""
    grouped: dict[str | None, list[PermasalahanTerbuka]] = {}
    for item in problems:
        grouped.setdefault(item.kode_opd_bertindak or item.nama_opd_bertindak, []).append(item)
    return sorted(grouped.values(), key=lambda group: (
        -len(group), group[0].nama_opd_bertindak or group[0].kode_opd_bertindak or ""))


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(Path(__file__).parent), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(
        persen=formatting.persen,
        poin=formatting.poin,
        rupiah=formatting.rupiah,
        rupiah_singkat=formatting.rupiah_singkat,
        tanggal=formatting.tanggal,
        angka=formatting.angka,
        bulan=formatting.bulan_tahun,
        waktu=formatting.waktu,
    )
    return env


def _no_fetching(url: str, *args, **kwargs):
    # The HTML embeds everything; a URL in it would be a bug, and the PDF must not
    # depend on the network.
    raise ValueError(f"briefing tidak mengambil sumber luar / fetches nothing: {url}")
