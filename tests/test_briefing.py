"""The leadership briefing: opens offline in Chromium with every chart drawn, prints to PDF,
and says what the marts say — red OPDs, missing months as "tidak ada data", no held-back
rows. Built on the small pemda of tests/test_peringatan_dini.py.

Needs Chromium and poppler-utils (Debian: apt-get install -y chromium poppler-utils).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from PIL import Image

from pipelines.reports.charts import LAMPU_WARNA, SERIES_WARNA
from tests.db import query
from tests.test_peringatan_dini import (
    BRIEFING_PEMDA,
    BULAN,
    DAGANG,
    DIDIK,
    HELD_BACK_PROBLEM,
    OPDS,
    PERIODE,
    PU,
    SEHAT,
    SETDA,
    briefing_pemda,
)

SVG = "{http://www.w3.org/2000/svg}"
CHARTS = ("kurva", "opd", "fisik-keuangan")


@pytest.fixture(scope="module")
def pemda(nightly_run, warehouse):
    return briefing_pemda(warehouse)


@pytest.fixture(scope="module")
def html(pemda, warehouse, tmp_path_factory) -> str:
    from pipelines.reports.briefing import write_briefing

    out = tmp_path_factory.mktemp("briefing") / "briefing-2025-04.html"
    assert write_briefing(warehouse, periode=PERIODE, kode_pemda=BRIEFING_PEMDA, out=out,
                          fmt="html") == out
    return out.read_text(encoding="utf-8")


def test_html_opens_offline_in_chromium_and_every_chart_renders(html, tmp_path):
    # Self-contained: nothing to fetch, nothing to run.
    assert not re.search(r"<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(", html)
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) == {"http://www.w3.org/2000/svg"}

    page = tmp_path / "briefing.html"
    page.write_text(html, encoding="utf-8")
    shot = _screenshot(page, tmp_path / "briefing.png", 1280, 2400)
    assert len(_colours(shot)) > 200  # text, tables, lights and charts, not a blank page

    # Each chart alone, so a chart that fails to draw cannot hide behind the rest.
    marks = {"kurva": [SERIES_WARNA["realisasi"], SERIES_WARNA["rencana"],
                       SERIES_WARNA["tahun_lalu"]],
             "opd": [LAMPU_WARNA["merah"], LAMPU_WARNA["kuning"], LAMPU_WARNA["hijau"]],
             "fisik-keuangan": [LAMPU_WARNA["merah"], LAMPU_WARNA["kuning"],
                                LAMPU_WARNA["hijau"]]}
    for name, svg in _charts(html).items():
        alone = tmp_path / f"{name}.html"
        alone.write_text(f'<!doctype html><meta charset="utf-8"><body style="margin:0">{svg}',
                         encoding="utf-8")
        root = ET.fromstring(svg)
        png = _screenshot(alone, tmp_path / f"{name}.png", int(root.get("width")),
                          int(root.get("height")))
        colours = _colours(png)
        for colour in marks[name]:
            assert _rgb(colour) in colours, (name, colour)
        inked = sum(count for rgb, count in colours.items() if rgb != (255, 255, 255))
        assert inked > 0.02 * sum(colours.values()), name


def test_each_chart_is_one_svg_carrying_the_marts_figures(html, warehouse):
    charts = _charts(html)
    assert sorted(charts) == sorted(CHARTS)
    assert html.count("<svg") == len(CHARTS)
    curve, bars, dots = (ET.fromstring(charts[name]) for name in CHARTS)

    pemda_months = dict(query(warehouse, """
        select extract(month from bulan)::integer,
               round(sum(realisasi_kumulatif) / sum(pagu) * 100, 2)
        from marts.fct_penyerapan_opd_bulanan
        where kode_pemda = %s and tahun = 2025 and bulan <= %s group by bulan""",
                                (BRIEFING_PEMDA, BULAN)))
    drawn = {int(c.get("data-bulan")): Decimal(c.get("data-nilai"))
             for c in curve.iter(f"{SVG}circle") if c.get("data-series") == "realisasi"}
    assert drawn == {month: value for month, value in pemda_months.items() if value is not None}
    assert pemda_months[1] is None and 1 not in drawn  # January: no export arrived
    assert [t.get("data-tidak-ada-data") for t in curve.iter(f"{SVG}text")
            if t.get("data-tidak-ada-data")] == ["1"]
    last_year = {int(c.get("data-bulan")) for c in curve.iter(f"{SVG}circle")
                 if c.get("data-series") == "tahun_lalu"}
    assert last_year == {3, 6, 9, 12}  # the quarter ends of 2024, and no invented months

    opd = {kode: (Decimal(keuangan), fisik) for kode, keuangan, fisik in query(warehouse, """
        select kode_opd, penyerapan_persen, realisasi_fisik_persen
        from marts.fct_penyerapan_opd_bulanan where kode_pemda = %s and bulan = %s""",
        (BRIEFING_PEMDA, BULAN))}
    assert {r.get("data-opd"): Decimal(r.get("data-nilai")) for r in bars.iter(f"{SVG}rect")
            if r.get("data-opd")} == {kode: keuangan for kode, (keuangan, _) in opd.items()}
    assert len([line for line in bars.iter(f"{SVG}line") if line.get("data-target")]) == 5
    assert {c.get("data-opd"): Decimal(c.get("data-fisik")) for c in dots.iter(f"{SVG}circle")
            } == {kode: fisik for kode, (_, fisik) in opd.items() if fisik is not None}


def test_pdf_renders_to_pages(pemda, warehouse, tmp_path):
    from pipelines.reports.briefing import write_briefing

    pdf = write_briefing(warehouse, periode=PERIODE, kode_pemda=BRIEFING_PEMDA,
                         out=tmp_path / "briefing.pdf", fmt="pdf")
    info = _run("pdfinfo", str(pdf))
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert pages >= 2
    _run("pdftoppm", "-r", "50", "-png", str(pdf), str(tmp_path / "page"))
    rendered = sorted(tmp_path.glob("page-*.png"))
    assert len(rendered) == pages
    for png in rendered:
        assert len(_colours(png)) > 20, png.name
    text = _run("pdftotext", "-layout", str(pdf), "-")
    assert "Bahan Rapat Koordinasi Pengendalian" in text and DIDIK.nama in text


def test_red_opds_are_exactly_those_the_marts_put_in_the_red_band(html, warehouse):
    red = {kode for (kode,) in query(warehouse, """
        select kode_opd from marts.fct_penyerapan_opd_bulanan
        where kode_pemda = %s and bulan = %s
          and 'merah' in (lampu_capaian, lampu_penyerapan)""", (BRIEFING_PEMDA, BULAN))}
    assert red == {DIDIK.kode}
    section = _section(html, "opd-merah")
    assert set(re.findall(r'class="opd-merah" data-opd="([^"]+)"', section)) == red
    assert DIDIK.permasalahan[4] in section and DIDIK.tindak_lanjut[4] in section

    lights = dict(query(warehouse, """
        select kode_opd, case when 'merah' in (lampu_capaian, lampu_penyerapan) then 'merah'
                               when 'kuning' in (lampu_capaian, lampu_penyerapan) then 'kuning'
                               else coalesce(lampu_capaian, lampu_penyerapan, '') end
        from marts.fct_penyerapan_opd_bulanan where kode_pemda = %s and bulan = %s""",
                        (BRIEFING_PEMDA, BULAN)))
    ranked = re.findall(r'<tr data-opd="([^"]+)" data-lampu="([^"]*)">',
                        _section(html, "rincian"))
    assert dict(ranked) == lights
    assert [kode for kode, _ in ranked] == [kode for (kode,) in query(warehouse, """
        select kode_opd from marts.fct_penyerapan_opd_bulanan
        where kode_pemda = %s and bulan = %s order by peringkat""", (BRIEFING_PEMDA, BULAN))]


@pytest.mark.parametrize("periode", ["2025-06", "2025-11"])
def test_on_the_sample_year_the_red_opds_are_those_whose_figures_are_red(
        nightly_run, warehouse, tmp_path, periode):
    """Red from the figures and the thresholds themselves, not from the lampu columns."""
    from pipelines.reports.briefing import write_briefing
    from tests.conftest import SAMPLE_PEMDA

    red = {kode for (kode,) in query(warehouse, """
        select kode_opd from marts.fct_penyerapan_opd_bulanan
        where kode_pemda = %s and bulan = %s
          and (capaian_rencana_persen < capaian_batas_bawah
               or penyerapan_persen < penyerapan_batas_bawah)""",
                                     (SAMPLE_PEMDA, date.fromisoformat(periode + "-01")))}
    page = write_briefing(warehouse, periode=periode, kode_pemda=SAMPLE_PEMDA,
                          out=tmp_path / f"briefing-{periode}.html").read_text(encoding="utf-8")
    named = set(re.findall(r'class="opd-merah" data-opd="([^"]+)"', _section(page, "opd-merah")))
    assert red and named == red


def test_open_problems_are_grouped_by_category_and_by_who_must_act(html):
    section = _section(html, "permasalahan")
    # 'Gagal lelang paket rehabilitasi; tender ulang bulan Mei', new in April
    [row] = [row for row in re.findall(r'<tr data-bertindak="[^"]*">.*?</tr>', section, re.S)
             if DIDIK.permasalahan[4] in row]
    assert f'data-bertindak="{DIDIK.kode}"' in row and DIDIK.nama in row
    assert "administrasi: pengadaan/tender" in row and "baru" in row
    assert 'data-kategori="administrasi" data-sub-kategori="pengadaan/tender"' in section
    assert HELD_BACK_PROBLEM not in section  # its row is held back by an error rule


def test_on_the_sample_year_the_opd_with_most_open_problems_comes_first(
        nightly_run, warehouse, tmp_path):
    from pipelines.reports.briefing import write_briefing
    from tests.conftest import SAMPLE_PEMDA

    page = write_briefing(warehouse, periode="2025-11", kode_pemda=SAMPLE_PEMDA,
                          out=tmp_path / "briefing.html").read_text(encoding="utf-8")
    actors = re.findall(r'<tr data-bertindak="([^"]*)">', _section(page, "permasalahan"))
    expected = query(warehouse, """
        with latest as (
            select pelapor, max(bulan) as bulan from marts.fct_permasalahan_bulanan
            where kode_pemda = %(pemda)s and tahun = 2025 and bulan <= '2025-11-01'
            group by pelapor)
        select coalesce(kode_opd_bertindak, nama_opd_bertindak), count(*)::int
        from marts.fct_permasalahan_bulanan join latest using (pelapor, bulan)
        where kode_pemda = %(pemda)s and status <> 'selesai'
        group by 1 order by 2 desc""", {"pemda": SAMPLE_PEMDA})
    assert len(expected) > 1 and expected[0][1] > expected[-1][1]
    assert Counter(actors) == dict(expected)
    in_order = list(dict.fromkeys(actors))
    assert [Counter(actors)[actor] for actor in in_order] == sorted(
        (count for _, count in expected), reverse=True)


def test_a_month_without_data_says_tidak_ada_data_never_zero(html, pemda, warehouse, tmp_path):
    cells = re.findall(r'data-opd="([^"]+)" data-bulan="(\d+)">([^<]*)</td>', html)
    assert {(kode, text) for kode, month, text in cells if month == "1"} == {
        (opd.kode, "tidak ada data") for opd in OPDS}
    assert all(text != "tidak ada data" for _, month, text in cells if month != "1")
    # DAGANG sent no April report; SETDA's only row is held back: physical unknown.
    physical = dict(re.findall(r'<tr data-opd="([^"]+)"[^>]*>(?:(?!</tr>).)*?'
                               r'data-kolom="fisik">([^<]*)</td>', html, re.S))
    assert physical[DAGANG.kode] == physical[SETDA.kode] == "tidak ada data"
    assert physical[SEHAT.kode] == "10,0%"

    from pipelines.reports.briefing import write_briefing

    january = write_briefing(warehouse, periode="2025-01", kode_pemda=BRIEFING_PEMDA,
                             out=tmp_path / "januari.html").read_text(encoding="utf-8")
    bars = ET.fromstring(_charts(january)["opd"])
    assert not [r for r in bars.iter(f"{SVG}rect") if r.get("data-opd")]
    assert sorted(t.get("data-opd") for t in bars.iter(f"{SVG}text")
                  if t.get("data-tidak-ada-data")) == sorted(opd.kode for opd in OPDS)
    keuangan = re.findall(r'data-kolom="keuangan">([^<]*)</td>', january)
    assert keuangan == ["tidak ada data"] * len(OPDS)
    assert 'data-figure="penyerapan">tidak ada data<' in january
    assert "0,0%" not in _section(january, "rincian")


def test_physical_plan_deviation_and_light_stand_beside_the_financial_figures(html, warehouse):
    # The mart: SEHAT built 10 % of the 30 % it planned, PU 30 of 35; DIDIK gave no plan;
    # DAGANG sent no April report and SETDA's only row is held back.
    mart = {kode: row for kode, *row in query(warehouse, """
        select kode_opd, realisasi_fisik_persen, rencana_fisik_persen, deviasi_fisik_poin,
               capaian_fisik_persen, lampu_fisik, is_ada_rencana_fisik
        from marts.fct_penyerapan_opd_bulanan where kode_pemda = %s and bulan = %s""",
                                              (BRIEFING_PEMDA, BULAN))}
    assert mart == {
        SEHAT.kode: [10, 30, -20, Decimal("33.33"), "merah", True],
        PU.kode: [30, 35, -5, Decimal("85.71"), "hijau", True],
        DIDIK.kode: [8, None, None, None, None, False],
        DAGANG.kode: [None, None, None, None, None, False],
        SETDA.kode: [None, None, None, None, None, False]}

    ranked = _section(html, "rincian")
    cells = {kode: dict(re.findall(r'data-kolom="([a-z-]+)">(?:<span[^>]*>)?([^<]*)<', row))
             for kode, row in re.findall(r'<tr data-opd="([^"]+)"[^>]*>(.*?)</tr>', ranked,
                                         re.S)}
    columns = ("fisik", "rencana-fisik", "deviasi-fisik", "lampu-fisik")
    assert {kode: tuple(cells[kode][c] for c in columns) for kode in cells} == {
        SEHAT.kode: ("10,0%", "30,0%", "-20,0 poin", "merah"),
        PU.kode: ("30,0%", "35,0%", "-5,0 poin", "hijau"),
        DIDIK.kode: ("8,0%", "tidak ada rencana", "–", "belum dinilai"),
        DAGANG.kode: ("tidak ada data", "tidak ada data", "tidak ada data", "belum dinilai"),
        SETDA.kode: ("tidak ada data", "tidak ada data", "tidak ada data", "belum dinilai")}

    summary = re.search(r"<p data-lampu-fisik>(.*?)</p>", html, re.S).group(1)
    assert re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", summary)).strip() == (
        "Fisik terhadap rencana fisik: 1 merah, 0 kuning, 1 hijau, 1 OPD tanpa rencana fisik.")
    # DIDIK is in the red band for its finances: its row gives its physical figure
    red = re.search(rf'<tr class="opd-merah" data-opd="{re.escape(DIDIK.kode)}">(.*?)</tr>',
                    _section(html, "opd-merah"), re.S).group(1)
    assert '<td class="num">8,0%</td>' in red
    without_plan = re.search(r"<p [^>]*data-tanpa-rencana-fisik>(.*?)</p>",
                             _section(html, "fisik-keuangan"), re.S).group(1)
    assert DIDIK.nama in without_plan and SEHAT.nama not in without_plan


def test_flagged_rows_never_show(html):
    assert HELD_BACK_PROBLEM not in html


def test_budget_shifts_and_data_quality_are_shown(html, warehouse):
    shifts = _section(html, "pergeseran")
    expected = query(warehouse, """
        select kode_skpd, sum(selisih) from marts.fct_anggaran_perubahan
        where kode_pemda = %s and berlaku_mulai between %s and %s
        group by kode_skpd order by kode_skpd""", (BRIEFING_PEMDA, BULAN, date(2025, 4, 30)))
    assert expected == [(SEHAT.kode, Decimal("-100000000.00")),
                        (PU.kode, Decimal("300000000.00"))]
    assert set(re.findall(r'data-opd="([^"]+)"', shifts)) == {SEHAT.kode, PU.kode}
    assert "-Rp 100.000.000" in shifts and "+Rp 300.000.000" in shifts
    assert "+Rp 200.000.000" in shifts  # the net change

    quality = _section(html, "kualitas")
    rows = dict(re.findall(r'<tr data-opd="([^"]+)">(.*?)</tr>', quality, re.S))
    assert set(rows) == {DAGANG.kode, DIDIK.kode, SETDA.kode}
    assert "belum masuk" in rows[DAGANG.kode]
    assert "terlambat" in rows[DIDIK.kode] and "20 Mei 2025" in rows[DIDIK.kode]
    assert "1 dari 1" in rows[SETDA.kode]


def test_the_pemda_must_be_named_when_several_have_data_that_month(pemda, warehouse, tmp_path):
    from pipelines.reports.briefing import write_briefing
    from pipelines.reports.briefing_data import BriefingError

    def pemdas_with_data(bulan: date) -> list[str]:
        return [kode for (kode,) in query(warehouse, """
            select distinct kode_pemda from marts.fct_penyerapan_opd_bulanan
            where bulan = %s and realisasi_kumulatif is not null order by 1""", (bulan,))]

    several = pemdas_with_data(date(2025, 3, 1))  # the session's pemdas report March too
    assert BRIEFING_PEMDA in several and len(several) > 1
    with pytest.raises(BriefingError) as raised:
        write_briefing(warehouse, periode="2025-03", kode_pemda=None,
                       out=tmp_path / "maret.html")
    assert all(kode in str(raised.value) for kode in several)
    assert "--pemda" in str(raised.value)

    assert pemdas_with_data(date(2024, 6, 1)) == [BRIEFING_PEMDA]  # only it has last year
    juni = write_briefing(warehouse, periode="2024-06", kode_pemda=None,
                          out=tmp_path / "juni.html")
    assert "PEMERINTAH KABUPATEN CONTOH 21" in juni.read_text(encoding="utf-8")


# --- the sample month: a body leadership reads at the Rakor ----------------------------

SAMPLE_PERIODE = "2025-06"
PENYUSUN = "Bidang Anggaran BPKAD"
# English that the body must not carry (it did: headings, captions, the sources' tables)
ENGLISH = ("absorption", "deviation", "physical", "financial", "ranked", "early warning",
           "at a glance", "problems", "budget", "data quality", "no data", "leadership",
           "briefing", "marts", "fct_", "rpt_")


@pytest.fixture(scope="module")
def sample_pdf(nightly_run, warehouse, tmp_path_factory) -> tuple[Path, str]:
    """The sample kabupaten's June briefing as a PDF and its HTML, written once."""
    from pipelines.reports.briefing import render_briefing, write_briefing
    from pipelines.reports.briefing_data import read_briefing_data
    from tests.conftest import SAMPLE_PEMDA

    folder = tmp_path_factory.mktemp("sample-briefing")
    pdf = write_briefing(warehouse, periode=SAMPLE_PERIODE, kode_pemda=SAMPLE_PEMDA,
                         out=folder / "briefing.pdf", fmt="pdf", penyusun=PENYUSUN)
    html = render_briefing(read_briefing_data(warehouse, SAMPLE_PERIODE, SAMPLE_PEMDA),
                           penyusun=PENYUSUN)
    return pdf, html


def test_the_sample_months_body_is_at_most_six_pages_then_the_appendix(sample_pdf, tmp_path):
    pdf, _ = sample_pdf
    pages = _run("pdftotext", "-layout", str(pdf), "-").split("\f")
    first_appendix = next(index for index, page in enumerate(pages)
                          if re.search(r"^\s*LAMPIRAN\s*$", page, re.M))
    assert 3 <= first_appendix <= 6, first_appendix  # pages before the appendix: the body
    body = "\n".join(pages[:first_appendix])
    assert "PEMERINTAH KABUPATEN CONTOH 01" in body and "Pemda 99.01" not in body
    assert f"Disusun oleh: {PENYUSUN}" in re.sub(r"\s+", " ", body)
    for word in ENGLISH:
        assert not re.search(rf"\b{word}", body, re.I), word
    # every page renders to an image with ink on it (what a reviewer looks at)
    _run("pdftoppm", "-r", "40", "-png", "-l", str(first_appendix), str(pdf),
         str(tmp_path / "page"))
    for png in sorted(tmp_path.glob("page-*.png")):
        assert len(_colours(png)) > 20, png.name


def test_the_ranking_bars_are_sorted_by_what_they_show_and_no_name_is_cut(sample_pdf):
    from pipelines.reports.charts import LABEL_ROOM, LABEL_SIZE

    _, html = sample_pdf
    bars = ET.fromstring(_charts(html)["opd"])
    values = [Decimal(r.get("data-nilai")) for r in bars.iter(f"{SVG}rect") if r.get("data-opd")]
    assert len(values) > 20 and values == sorted(values, reverse=True)
    labels = [t for t in bars.iter(f"{SVG}text") if t.get("data-label")]
    assert len(labels) == len(values) and all("…" not in "".join(t.itertext()) for t in labels)
    # each line fits the room left of the bars: DejaVu Sans, about 0.6 em a character
    assert all(len(span.text) * LABEL_SIZE * 0.6 <= LABEL_ROOM for t in labels for span in t)


def test_scatter_labels_overlap_neither_each_other_nor_a_dot(sample_pdf):
    from pipelines.reports.charts import Dot, physical_vs_financial

    _, html = sample_pdf
    crowded = [Dot(str(n), f"OPD {n}", n, 20 + (n * 7) % 10, 20 + (n * 3) % 10, "merah")
               for n in range(1, 41)]  # forty OPDs within ten points of each other
    for svg, labelled in ((_charts(html)["fisik-keuangan"], 1), (physical_vs_financial(crowded), 40)):
        chart = ET.fromstring(svg)
        boxes = [tuple(float(v) for v in t.get("data-box").split())
                 for t in chart.iter(f"{SVG}text") if t.get("data-box")]
        dots = [(float(c.get("cx")), float(c.get("cy")), float(c.get("r")))
                for c in chart.iter(f"{SVG}circle") if c.get("data-opd")]
        assert len(boxes) >= labelled and len(dots) >= len(boxes)
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
            for cx, cy, r in dots:
                assert not (a[0] < cx + r and cx - r < a[2] and a[1] < cy + r and cy - r < a[3])


def test_deviation_is_in_points_of_the_pagu_and_the_warning_names_only_who_needs_it(
        sample_pdf, warehouse):
    from tests.conftest import SAMPLE_PEMDA

    _, html = sample_pdf
    bulan = date.fromisoformat(SAMPLE_PERIODE + "-01")
    marts = {kode: (rak, penyerapan) for kode, rak, penyerapan in query(warehouse, """
        select kode_opd, rak_persen, penyerapan_persen from marts.fct_penyerapan_opd_bulanan
        where kode_pemda = %s and bulan = %s""", (SAMPLE_PEMDA, bulan))}
    warned = {kode for (kode,) in query(warehouse, """
        select distinct kode_opd from marts.rpt_peringatan_dini
        where kode_pemda = %s and bulan = %s""", (SAMPLE_PEMDA, bulan))}
    section = _section(html, "peringatan")
    shown = re.findall(r'<tr data-opd="([^"]+)">.*?data-kolom="deviasi-poin">([^<]*)<',
                       section, re.S)
    assert warned and [kode for kode, _ in shown] and {k for k, _ in shown} == warned
    assert len(warned) < len(marts)  # not every OPD: only those the early warning names
    points = []
    for kode, text in shown:
        rak, penyerapan = marts[kode]
        if rak is None or penyerapan is None:
            assert text == "tidak ada data"
            continue
        # the printed plan less the printed absorption (59,0% - 29,0% = 30,0 poin)
        point = round(round(float(rak), 1) - round(float(penyerapan), 1), 1)
        points.append(point)
        assert text == f"{point:.1f} poin".replace(".", ","), kode
    assert points == sorted(points, reverse=True)  # the furthest behind first


def test_the_projection_shown_for_an_opd_is_the_one_computed_by_hand_from_the_marts(
        sample_pdf, warehouse):
    """Its pace: realization x 12 / 6; the pemda's curve: realization / the share of the
    year's realization the pemda had by June last year, or (no last year) the share of
    the year's cash plan planned by June."""
    from tests.conftest import SAMPLE_PEMDA

    _, html = sample_pdf
    months = query(warehouse, """
        select tahun, extract(month from bulan)::int, kode_opd, pagu, rak_kumulatif,
               realisasi_kumulatif, is_kecamatan
        from marts.fct_penyerapan_opd_bulanan
        where kode_pemda = %s and tahun in (2024, 2025)""", (SAMPLE_PEMDA,))

    def pemda_sum(tahun, bulan_ke, column):
        values = [row[column] for row in months if row[0] == tahun and row[1] == bulan_ke
                  and row[column] is not None]
        return sum(values) if values else None

    last_june, last_december = pemda_sum(2024, 6, 5), pemda_sum(2024, 12, 5)
    if last_june and last_december:
        share = last_june / last_december
    else:
        share = pemda_sum(2025, 6, 4) / pemda_sum(2025, 12, 4)
    # the OPD furthest below the target, the first the section shows
    kode, row = re.search(r'<tr data-opd="([^"]+)">(.*?)</tr>', _section(html, "proyeksi"),
                          re.S).groups()
    [(pagu, realisasi)] = [(r[3], r[5]) for r in months
                           if r[0] == 2025 and r[1] == 6 and r[2] == kode]
    def percent(rupiah: Decimal) -> float:  # rupiah and percent to cents, as the marts keep them
        cents = Decimal("0.01")
        return float((rupiah.quantize(cents, ROUND_HALF_UP) / pagu * 100).quantize(
            cents, ROUND_HALF_UP))

    pola, laju = percent(realisasi / share), percent(realisasi * 12 / 6)
    cells = dict(re.findall(r'data-kolom="([a-z-]+)">([^<]*)<', row))
    assert cells == {"proyeksi-pola": f"{pola:.1f}%".replace(".", ","),
                     "proyeksi-laju": f"{laju:.1f}%".replace(".", ",")}


def test_camat_offices_have_a_section_of_their_own(sample_pdf, warehouse):
    from tests.conftest import SAMPLE_PEMDA

    _, html = sample_pdf
    camat = {kode for (kode,) in query(warehouse, """
        select kode_opd from marts.fct_penyerapan_opd_bulanan
        where kode_pemda = %s and bulan = %s and is_kecamatan""",
                                       (SAMPLE_PEMDA, date.fromisoformat(SAMPLE_PERIODE + "-01")))}
    assert camat
    assert set(re.findall(r'<tr data-opd="([^"]+)"', _section(html, "camat"))) == camat
    bars = ET.fromstring(_charts(html)["opd"])
    assert not camat & {r.get("data-opd") for r in bars.iter(f"{SVG}rect")}


def test_a_pemda_missing_from_the_list_shows_its_code_and_says_so(pemda, warehouse):
    from dataclasses import replace

    from pipelines.reports.briefing import render_briefing
    from pipelines.reports.briefing_data import read_briefing_data

    data = read_briefing_data(warehouse, PERIODE, BRIEFING_PEMDA)
    known = render_briefing(data)
    assert "PEMERINTAH KABUPATEN CONTOH 21" in known and "data-nama-pemda-tidak-ada" not in known
    unknown = render_briefing(replace(data, kode_pemda="98.77"))
    assert "PEMERINTAH DAERAH 98.77" in unknown
    assert re.search(r"data-nama-pemda-tidak-ada>Nama pemda dengan kode 98\.77 tidak ada",
                     unknown)
    assert "penyusun belum diisi" in unknown


# --- helpers --------------------------------------------------------------------------

def _charts(html: str) -> dict[str, str]:
    return {name: svg for svg, name in
            re.findall(r'(<svg [^>]*data-chart="([^"]+)".*?</svg>)', html, re.S)}


def _section(html: str, name: str) -> str:
    return re.search(rf'<section id="{name}">(.*?)</section>', html, re.S).group(1)


def _screenshot(page: Path, png: Path, width: int, height: int) -> Path:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Chromium tidak ada / missing: apt-get install -y chromium")
    profile = png.with_suffix(".profile")
    # Any host name resolves to nothing: a page that needed the network would show it.
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND",
         f"--user-data-dir={profile}", f"--screenshot={png}",
         f"--window-size={width},{height}", page.resolve().as_uri()],
        check=True, capture_output=True, timeout=120)
    assert png.exists() and png.stat().st_size > 0
    return png


def _colours(png: Path) -> dict[tuple[int, int, int], int]:
    with Image.open(png) as image:
        return {rgb: count for count, rgb in image.convert("RGB").getcolors(1 << 24)}


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def _run(*command: str) -> str:
    if shutil.which(command[0]) is None:
        pytest.fail(f"{command[0]} tidak ada / missing: apt-get install -y poppler-utils")
    return subprocess.run(command, check=True, capture_output=True, text=True,
                          timeout=120).stdout
