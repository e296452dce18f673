"""Sidak, unannounced field visits: `serapan sidak` chooses the OPDs (the same seed the
same OPDs; with --risk the highest risk by the stated weights, checked here by SQL) and
writes each one's visit workbook; the filled workbook lands as the source `sidak`, and a
verified physical % far below the reported one is a reliability finding that lowers the
OPD's data quality score and shows in the briefing.

Built on the small pemda of tests/test_peringatan_dini.py (five OPDs, February to April
2025); what this module lands there is taken away at its end.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import run_cli
from tests.db import query, run_dbt, with_staging_views
from tests.test_peringatan_dini import BULAN, DAGANG, DIDIK, OPDS, PERIODE, PU, briefing_pemda
from tests.workbooks_sidak import fill_visit_workbook

FACTORS = ("kualitas_data", "fisik_keuangan", "laporan_terlambat", "permasalahan_lama",
           "pagu_besar")


@pytest.fixture(scope="module")
def pemda(warehouse, tmp_path_factory) -> str:
    with_staging_views(warehouse, tmp_path_factory.mktemp("target"))
    return briefing_pemda(warehouse)


def chosen_opds(output: str) -> list[str]:
    return [line.split()[1] for line in output.splitlines()
            if line[:1].isdigit() and ". " in line[:4]]


def test_the_same_seed_chooses_the_same_opds(pemda, tmp_path):
    runs = [run_cli("sidak", "--month", PERIODE, "--pemda", pemda, "--n", "2", "--seed", "7",
                    "--out", str(tmp_path / name)) for name in ("a", "b")]
    assert [status for status, _ in runs] == [0, 0], runs
    first, second = (chosen_opds(output) for _, output in runs)
    assert first == second and len(first) == 2
    assert set(first) <= {opd.kode for opd in OPDS}
    assert "seed 7" in runs[0][1] and "dipilih acak dengan seed 7" in runs[0][1]
    # the workbooks are the same bytes too
    for name in (tmp_path / "a").glob("*.xlsx"):
        assert name.read_bytes() == (tmp_path / "b" / name.name).read_bytes()
    others = {tuple(chosen_opds(run_cli("sidak", "--month", PERIODE, "--pemda", pemda, "--n",
                                        "2", "--seed", str(seed), "--out",
                                        str(tmp_path / str(seed)))[1])) for seed in range(8)}
    assert len(others) > 1  # other seeds, other choices


def test_risk_chooses_the_highest_risk_by_the_stated_weights(pemda, warehouse, tmp_path):
    status, output = run_cli("sidak", "--month", PERIODE, "--pemda", pemda, "--n", "2",
                             "--risk", "--out", str(tmp_path))
    assert status == 0, output
    # The risk recomputed from the factors and the seed's weights, by SQL.
    weighted = " + ".join(f"w.{name} * r.faktor_{name}" for name in FACTORS)
    total = " + ".join(f"w.{name}" for name in FACTORS)
    ranked = query(warehouse, f"""
        with w as (
            select {", ".join(f"max(bobot) filter (where faktor = '{name}') as {name}"
                              for name in FACTORS)}
            from intermediate.bobot_risiko_sidak where kode_pemda = 'default'
        )
        select r.kode_opd, round(({weighted}) / ({total}) * 100, 2) as risiko
        from marts.rpt_sidak_risiko as r cross join w
        where r.kode_pemda = %s and r.bulan = %s
        order by risiko desc, r.kode_opd""", (pemda, date(2025, 4, 1)))
    assert len(ranked) == len(OPDS)
    chosen = chosen_opds(output)
    assert chosen == [opd for opd, _ in ranked[:2]]
    assert ranked[1][1] > ranked[2][1]  # no tie at the cut
    stored = dict(query(warehouse, "select kode_opd, skor_risiko from marts.rpt_sidak_risiko "
                        "where kode_pemda = %s and bulan = %s", (pemda, date(2025, 4, 1))))
    assert stored == dict(ranked)
    assert "risiko " in output and "peringkat 1 dari 5" in output


def test_the_visit_workbook_carries_the_report_and_cells_for_the_team(pemda, tmp_path):
    status, output = run_cli("sidak", "--month", PERIODE, "--pemda", pemda, "--n",
                             str(len(OPDS)), "--seed", "1", "--out", str(tmp_path))
    assert status == 0, output
    path = tmp_path / f"sidak-{pemda}-{PU.kode}-{PERIODE}.xlsx"
    sheet = openpyxl.load_workbook(path).active
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.protection.sheet
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    texts = [str(row[0]) for row in cells if row[0] is not None]
    assert f"SKPD: {PU.kode} {PU.nama}" in texts
    assert "BULAN LAPORAN: APRIL 2025" in texts
    assert any(text.startswith("DIPILIH KARENA: dipilih acak dengan seed 1") for text in texts)
    [line] = [row for row in cells if row[0] == PU.sub_kegiatan]
    # pagu in force 1.500 juta (1.200 + the April shift's 300), 240 juta and 30% reported
    assert line[2:6] == [1_500_000_000, 240_000_000, 16, 30]
    assert line[7:] == [None] * 4
    assert path.with_name(path.name + ".meta.json").exists()


# --- the filled workbook, back through the inbox ----------------------------------------


FOUND = "Pekerjaan belum dimulai; material aspal belum datang"
MODEL_SELECTION = ("int_kualitas__opd_bulanan+", "fct_sidak")


@dataclass
class Visited:
    before: dict[str, Decimal]  # kode_opd -> April's data quality score before the visits
    outcomes: dict[str, object]  # name -> IngestOutcome
    again: object  # PU's workbook landed a second time
    folder: Path


def _scores(warehouse, pemda: str) -> dict[str, Decimal]:
    return dict(query(warehouse, "select kode_opd, skor_kualitas from marts.fct_kualitas_data_opd "
                      "where kode_pemda = %s and bulan = %s", (pemda, BULAN)))


def _flag_and_build(warehouse, pemda: str, target: Path) -> None:
    """What the night does after landing, for this pemda: the sidak suite's flags (the
    others' cannot change: only sidak files land here; test_quality_rules.py runs the
    whole step, GX's verdict on REL-017 too), then the models they feed."""
    from pipelines.quality.flags import load_suite_rules, refresh_flags

    refresh_flags(warehouse, [load_suite_rules("keandalan_sidak")], [pemda])
    assert run_dbt(target, "run", "--select", *MODEL_SELECTION, pemda=[pemda]) == []


@pytest.fixture(scope="module")
def visited(pemda, warehouse, tmp_path_factory) -> Visited:
    """PU's workbook filled with 0% seen where 30% was reported, Dinas Pendidikan's (its
    April report late: a score of 75) with 12% where 8% was (within the tolerance), and
    one with a word for a percentage; all landed, flagged and built. Taken away at the
    end."""
    from pipelines.landing.load import ingest_file

    before = _scores(warehouse, pemda)
    written = tmp_path_factory.mktemp("sidak-out")
    status, output = run_cli("sidak", "--month", PERIODE, "--pemda", pemda, "--n",
                             str(len(OPDS)), "--seed", "3", "--out", str(written))
    assert status == 0, output
    inbox = tmp_path_factory.mktemp("inbox") / "sidak"
    inbox.mkdir()

    def filled(opd, name: str, results: dict, **cells) -> Path:
        source = written / f"sidak-{pemda}-{opd.kode}-{PERIODE}.xlsx"
        path = fill_visit_workbook(source, {opd.sub_kegiatan: results}, out=inbox / name,
                                   **cells)
        shutil.copyfile(source.with_name(source.name + ".meta.json"),
                        path.with_name(path.name + ".meta.json"))
        return path

    paths = {
        "pu": filled(PU, "sidak-pu.xlsx", {"fisik_terverifikasi": 0, "temuan": FOUND,
                                           "bukti": "IMG_0412.jpg, IMG_0413.jpg",
                                           "koordinat": "-3.2345, 126.5678"}),
        "didik": filled(DIDIK, "sidak-didik.xlsx", {"fisik_terverifikasi": 12,
                                                    "temuan": "Dua ruang kelas dibongkar"}),
        "teks": filled(DAGANG, "sidak-dagang.xlsx", {"fisik_terverifikasi": "sembilan puluh"}),
    }
    outcomes = {name: ingest_file(warehouse, path) for name, path in paths.items()}
    again = ingest_file(warehouse, paths["pu"])
    target = tmp_path_factory.mktemp("target")
    _flag_and_build(warehouse, pemda, target)
    yield Visited(before, outcomes, again, inbox)
    _take_away(warehouse, pemda)
    _flag_and_build(warehouse, pemda, target)
    assert _scores(warehouse, pemda) == before


def _take_away(warehouse, pemda: str) -> None:
    conn = warehouse.connect()
    try:
        with conn, conn.cursor() as cur:
            cur.execute("delete from raw.sidak_kunjungan where kode_pemda = %s", (pemda,))
            cur.execute("delete from raw.files where source = 'sidak' and kode_pemda = %s",
                        (pemda,))
    finally:
        conn.close()


def test_the_filled_workbook_lands_once_with_its_lineage(visited, warehouse, pemda):
    pu = visited.outcomes["pu"]
    assert (pu.status, pu.rows) == ("loaded", 1), pu.error
    assert visited.outcomes["didik"].status == "loaded"
    assert (visited.again.status, visited.again.file_id) == ("duplicate", pu.file_id)
    [row] = query(warehouse, """
        select sheet, row_number, kode_opd, periode, tanggal_sidak, tim, kode_sub_kegiatan,
               fisik_dilaporkan, fisik_terverifikasi, temuan, bukti, lintang, bujur
        from raw.sidak_kunjungan where file_id = %s""", (pu.file_id,))
    sheet, row_number, *values = row
    assert values == [PU.kode, BULAN, date(2025, 5, 14),
                      "Tim Sidak Inspektorat: A. Rahman, B. Sari", PU.sub_kegiatan,
                      Decimal("30.00"), Decimal("0.00"), FOUND, "IMG_0412.jpg, IMG_0413.jpg",
                      Decimal("-3.234500"), Decimal("126.567800")]
    cell = openpyxl.load_workbook(visited.folder / "sidak-pu.xlsx")[sheet].cell(row_number, 1)
    assert cell.value == PU.sub_kegiatan  # lineage: the row is the sheet's row


def test_a_word_for_a_percentage_is_refused_naming_file_sheet_and_row(visited):
    refused = visited.outcomes["teks"]
    assert refused.status == "quarantined"
    assert refused.error.startswith("sidak-dagang.xlsx, sheet 'SIDAK', baris/row ")
    assert "FISIK TERVERIFIKASI (%): bukan angka / not a number: 'sembilan puluh'" in refused.error


def test_a_verified_physical_30_points_below_the_report_is_a_finding(visited, warehouse,
                                                                       pemda):
    flags = query(warehouse, """
        select kode_opd, periode, severity, nilai ->> 'selisih_poin', source_file
        from quality.flags where rule_id = 'REL-017' and kode_pemda = %s""", (pemda,))
    assert flags == [(PU.kode, BULAN, "warning", "30.00", "sidak-pu.xlsx")]
    hasil = dict(query(warehouse, "select kode_opd, hasil from marts.fct_sidak "
                       "where kode_pemda = %s and bulan = %s", (pemda, BULAN)))
    assert hasil == {PU.kode: "tidak_sesuai", DIDIK.kode: "sesuai"}


def test_the_finding_lowers_the_score_and_an_accurate_visit_raises_it(visited, warehouse,
                                                                       pemda):
    after = _scores(warehouse, pemda)
    assert after[PU.kode] < visited.before[PU.kode]
    assert visited.before[DIDIK.kode] < 100 and after[DIDIK.kode] > visited.before[DIDIK.kode]
    parts = dict(query(warehouse, """
        select kode_opd, skor_terverifikasi from marts.fct_kualitas_data_opd
        where kode_pemda = %s and bulan = %s and skor_terverifikasi is not null""",
                       (pemda, BULAN)))
    assert parts == {PU.kode: Decimal("0.0"), DIDIK.kode: Decimal("100.0")}
    untouched = set(after) - {PU.kode, DIDIK.kode}
    assert {kode: after[kode] for kode in untouched} == \
        {kode: visited.before[kode] for kode in untouched}


def test_the_briefing_shows_the_months_sidak_and_their_outcome(visited, warehouse, pemda,
                                                               tmp_path):
    from pipelines.reports.briefing import write_briefing

    page = write_briefing(warehouse, periode=PERIODE, kode_pemda=pemda,
                          out=tmp_path / "briefing.html").read_text(encoding="utf-8")
    section = page[page.index('<div id="sidak">'):]
    section = " ".join(section[:section.index("</div>")].split())
    assert "Kunjungan lapangan tanpa pemberitahuan ke 2 OPD" in section
    assert f"{PU.nama}</td> <td>14 Mei 2025</td>" in section
    assert "tidak sesuai: 1 dari 1 sub kegiatan" in section
    assert (f"{PU.nama_sub_kegiatan}: dilaporkan 30,0%, di lapangan 0,0% (30,0 poin). "
            f"Temuan: {FOUND}") in section
    assert "sesuai laporan (1 sub kegiatan)" in section
