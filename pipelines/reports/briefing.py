"""The leadership briefing for the monthly coordination meeting (Rakor), HTML or PDF.

Leadership does not open BI tools before a Rakor: this is one self-contained file that
shows who is behind, by how much and why. The HTML has its charts inline as SVG and no
script or external resource, so it opens offline; the PDF is WeasyPrint's rendering of
the same HTML. Everything comes from the marts (see briefing_data).

For the command line: `write_briefing(prepare(), periode=args.periode,
kode_pemda=args.pemda, out=args.out, fmt=args.format)`.
"""

from __future__ import annotations

import os
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from pipelines.reports import charts, formatting
from pipelines.reports.briefing_data import (
    BriefingData,
    MasalahTerbuka,
    Peringatan,
    read_briefing_data,
)
from pipelines.warehouse import Warehouse

TEMPLATE = "briefing.html.j2"
FORMATS = ("html", "pdf")
ALASAN_LABEL = {
    "pelampauan": "Pelampauan: realisasi melampaui pagu berlaku",
    "merah_rencana": "Lampu merah: realisasi jauh di bawah rencana kas",
    "merah_target": "Lampu merah: penyerapan di bawah target bulan",
    "deviasi_memburuk": "Deviasi memburuk dua bulan berturut-turut",
    "fisik_tertinggal": "Fisik tertinggal dari keuangan",
    "laporan_tidak_ada": "Laporan OPD belum masuk",
    "data_tidak_valid": "Data laporan tidak valid",
}


def write_briefing(warehouse: Warehouse, *, periode: str, kode_pemda: str | None, out: Path,
                   fmt: Literal["html", "pdf"] = "html", nama_pemda: str | None = None) -> Path:
    """The briefing of the month 'YYYY-MM' written to out; returns out.

    kode_pemda may be None when one pemda has data that month. nama_pemda defaults to
    SERAPAN_NAMA_PEMDA, else "Pemda <kode>".
    """
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r}: pakai / use html atau pdf")
    data = read_briefing_data(warehouse, periode, kode_pemda)
    html = render_briefing(
        data, nama_pemda=nama_pemda or os.environ.get("SERAPAN_NAMA_PEMDA")
        or f"Pemda {data.kode_pemda}")
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "html":
        out.write_text(html, encoding="utf-8")
    else:
        from weasyprint import HTML

        HTML(string=html, url_fetcher=_no_fetching).write_pdf(out)
    return out


def render_briefing(data: BriefingData, *, nama_pemda: str, dibuat: date | None = None) -> str:
    peringatan_per_opd: dict[str, list[Peringatan]] = {}
    for item in data.peringatan:  # already most urgent first
        peringatan_per_opd.setdefault(item.kode_opd, []).append(item)
    masalah_per_opd: dict[str, list] = {}
    for item in data.permasalahan:
        masalah_per_opd.setdefault(item.kode_opd, []).append(item)
    lampu = Counter(row.lampu or "none" for row in data.opd)
    lampu_fisik = Counter(row.lampu_fisik for row in data.opd)
    return _environment().get_template(TEMPLATE).render(
        data=data,
        nama_pemda=nama_pemda,
        dibuat=dibuat or date.today(),
        bulan_tahun=formatting.bulan_tahun(data.bulan),
        nama_bulan=formatting.NAMA_BULAN[data.bulan_ke - 1],
        months=formatting.BULAN_SINGKAT[: data.bulan_ke],
        charts=_charts(data),
        lampu_count={name: lampu[name] for name in ("merah", "kuning", "hijau", "none")},
        lampu_fisik_count={name: lampu_fisik[name] for name in ("merah", "kuning", "hijau")},
        peringatan_per_opd=peringatan_per_opd,
        masalah_per_opd=masalah_per_opd,
        alasan_label=ALASAN_LABEL,
        tanpa_fisik=[row for row in data.opd if row.realisasi_fisik_persen is None],
        tanpa_rencana_fisik=[row for row in data.opd if row.tanpa_rencana_fisik],
        kualitas_masalah=[row for row in data.kualitas if row.ada_masalah],
        kualitas_count={
            "masuk": sum(row.laporan_ada for row in data.kualitas),
            "terlambat": sum(row.laporan_ada and not row.tepat_waktu for row in data.kualitas),
            "salah": sum(row.baris_salah > 0 for row in data.kualitas),
        },
        pergeseran_total=sum(row.selisih for row in data.pergeseran),
        masalah_per_kategori=problems_by_category(data.masalah_terbuka),
        masalah_per_pihak=problems_by_actor(data.masalah_terbuka),
    )


def problems_by_category(problems: list[MasalahTerbuka]) -> list[tuple[str, str, int, int]]:
    """(kategori, sub kategori, open, of them new), the largest first, lainnya last."""
    counted = Counter((item.kategori, item.sub_kategori) for item in problems)
    new = Counter((item.kategori, item.sub_kategori) for item in problems
                  if item.status == "baru")
    return sorted(((kategori, sub, count, new[kategori, sub])
                   for (kategori, sub), count in counted.items()),
                  key=lambda row: (row[0] == "lainnya", -row[2], row[0], row[1]))


def problems_by_actor(problems: list[MasalahTerbuka]) -> list[list[MasalahTerbuka]]:
    """The problems under the OPD that must act, the OPD with the most open first."""
    grouped: dict[str | None, list[MasalahTerbuka]] = {}
    for item in problems:
        grouped.setdefault(item.kode_opd_bertindak or item.nama_opd_bertindak, []).append(item)
    return sorted(grouped.values(), key=lambda group: (
        -len(group), group[0].nama_opd_bertindak or group[0].kode_opd_bertindak or ""))


def _charts(data: BriefingData) -> dict[str, Markup]:
    series = [charts.Series("realisasi", f"Realisasi {data.bulan.year}",
                            [m.persen_penyerapan if m.bulan_ke <= data.bulan_ke else None
                             for m in data.tahun_ini])]
    if any(m.persen_rak is not None for m in data.tahun_ini):
        series.append(charts.Series("rencana", f"Rencana kas (RAK) {data.bulan.year}",
                                    [m.persen_rak for m in data.tahun_ini], dashed=True))
    if any(m.persen_penyerapan is not None for m in data.tahun_lalu):
        series.append(charts.Series("tahun_lalu", f"Realisasi {data.bulan.year - 1}",
                                    [m.persen_penyerapan for m in data.tahun_lalu]))
    bars = [charts.Bar(row.kode_opd, row.nama_opd, row.persen_penyerapan, row.persen_rak,
                       row.lampu) for row in data.opd]
    dots = [charts.Dot(row.kode_opd, row.nama_opd, row.peringkat, row.persen_penyerapan,
                       row.realisasi_fisik_persen, row.lampu)
            for row in data.opd
            if row.persen_penyerapan is not None and row.realisasi_fisik_persen is not None]
    return {
        "kurva": Markup(charts.absorption_curve(series, data.bulan_ke)),
        "opd": Markup(charts.opd_bars(bars)),
        "fisik_keuangan": Markup(charts.physical_vs_financial(dots)),
    }


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
    )
    return env


def _no_fetching(url: str, *args, **kwargs):
    # The HTML embeds everything; a URL in it would be a bug, and the PDF must not
    # depend on the network.
    raise ValueError(f"briefing tidak mengambil sumber luar / fetches nothing: {url}")
