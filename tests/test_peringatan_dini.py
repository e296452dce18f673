"""Early warning (marts.rpt_peringatan_dini) and its publication by chat webhook and e-mail.

The session inbox has too few OPDs and months for the rules, so these tests land a small
pemda of their own (BRIEFING_PEMDA, built by `briefing_pemda`, which tests/test_briefing.py
shares): five OPDs, January 2025 without any data, February to April with the finance
export and the OPD reports, a budget shift in April, and last year's quarterly exports.
"""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.channel_stubs import smtp_stub, webhook_server
from tests.db import query

BRIEFING_PEMDA = "99.21"
PERIODE = "2025-04"
BULAN = date(2025, 4, 1)
REKENING = "5.1.02.01.01.0024"
REKENING_MODAL = "5.2.02.01.01.0001"
JUTA = 1_000_000
# Written on a report row that an error rule holds back: it must never reach leadership.
HELD_BACK_PROBLEM = "Catatan pada baris yang ditahan"
# PU's problem, with the contractor's bank account and NPWP typed in: leadership reads it
# with the numbers masked (tests/test_personal_numbers.py).
PU_PROBLEM = ("Dokumen serah terima (PHO) termin II belum lengkap; rekanan minta dibayar ke "
              "rek. 0123-01-012345-50-3, NPWP 01.234.567.8-901.000")
PU_PROBLEM_MASKED = ("Dokumen serah terima (PHO) termin II belum lengkap; rekanan minta dibayar "
                     "ke rek. ****-**-*****5-50-3, NPWP **.***.***.*-**1.000")


@dataclass(frozen=True)
class Opd:
    kode: str
    nama: str
    sub_kegiatan: str
    nama_sub_kegiatan: str
    realisasi: dict[int, int]  # month -> cumulative realization in the finance export, juta
    fisik: dict[int, int]  # month -> physical % in its report; a month left out: no report
    permasalahan: dict[int, str] = field(default_factory=dict)
    tindak_lanjut: dict[int, str] = field(default_factory=dict)
    reported: dict[int, int] = field(default_factory=dict)  # month -> realization it reports
    diterima: dict[int, date] = field(default_factory=dict)  # month -> day received if late
    rencana_fisik: dict[int, int] = field(default_factory=dict)  # month -> physical plan %


# Pagu Rp 1.200 juta each, cash plan Rp 100 juta a month (33,3% by April).
SEHAT = Opd("1.02.0.00.0.00.01.0000", "Dinas Kesehatan", "1.02.02.2.01.0001",
            "Pengadaan Alat Kesehatan", {2: 190, 3: 290, 4: 390}, {2: 8, 3: 9, 4: 10},
            rencana_fisik={2: 10, 3: 20, 4: 30})  # April: a third of its plan, red
DIDIK = Opd("1.01.0.00.0.00.01.0000", "Dinas Pendidikan", "1.01.02.2.01.0001",
            "Rehabilitasi Ruang Kelas", {2: 20, 3: 25, 4: 30}, {2: 3, 3: 5, 4: 8},
            permasalahan={4: "Gagal lelang paket rehabilitasi; tender ulang bulan Mei"},
            tindak_lanjut={4: "Percepatan tender ulang bersama UKPBJ"},
            diterima={4: date(2025, 5, 20)})
PU = Opd("1.03.0.00.0.00.01.0000", "Dinas Pekerjaan Umum", "1.03.02.2.01.0001",
         "Pemeliharaan Jalan Kabupaten", {2: 180, 3: 225, 4: 240}, {2: 20, 3: 25, 4: 30},
         permasalahan={4: PU_PROBLEM},
         rencana_fisik={2: 20, 3: 30, 4: 35})  # April: 30 of 35 planned, green
DAGANG = Opd("2.07.0.00.0.00.01.0000", "Dinas Perdagangan", "2.07.02.2.01.0001",
             "Revitalisasi Pasar Rakyat", {2: 100, 3: 200, 4: 300}, {2: 10, 3: 18})
SETDA = Opd("4.01.0.00.0.00.01.0000", "Sekretariat Daerah", "4.01.02.2.01.0001",
            "Koordinasi Kebijakan Pemerintahan", {2: 150, 3: 250, 4: 350},
            {2: 15, 3: 22, 4: 30}, permasalahan={4: HELD_BACK_PROBLEM},
            reported={4: 1_500})  # above its pagu: the row is held back
OPDS = (SEHAT, DIDIK, PU, DAGANG, SETDA)


def pagu(opd: Opd, month: int, rekening: str = REKENING) -> int:
    """Juta in force at the month's end: pergeseran_1 (10 April) moves money to PU."""
    if rekening == REKENING_MODAL:
        return 300 if opd is PU and month >= 4 else 0
    return 1_100 if opd is SEHAT and month >= 4 else 1_200


def briefing_pemda(warehouse) -> str:
    """Land the pemda's files, flag them with the suites, build the models; once for the
    warehouse's data: asked again, what the warehouse holds says whether it was done (a
    process's warehouse takes the session run's copy between modules, and with it loses
    what modules before had landed: tests/session_run.py)."""
    from pipelines.config import settings
    from pipelines.landing.load import ingest_file

    if warehouse.query("select count(*) from raw.files where kode_pemda = %s",
                       (BRIEFING_PEMDA,)) != [(0,)]:
        return BRIEFING_PEMDA
    folder = settings().home.parent / "inbox-briefing"
    paths = [*_budget_files(folder), _cash_plan(folder), *_finance_exports(folder),
             *_opd_reports(folder)]
    for path in paths:
        outcome = ingest_file(warehouse, path)
        assert outcome.status == "loaded", (path.name, outcome.error)
    _flag_and_build(warehouse)
    return BRIEFING_PEMDA


def _flag_and_build(warehouse) -> None:
    # What a build run of the pemda does after landing: its quality step, then the models.
    from pipelines.config import DBT_PROJECT_DIR
    from pipelines.dbt import scope_vars
    from pipelines.quality.step import run_quality_step
    from tests.db import invoke_parsed

    run_quality_step(warehouse, pemda=[BRIEFING_PEMDA])
    # `seed` and `run`, not `build`: a failing test of another model must not skip these
    # marts; test_mart_contract_and_grain_hold runs this mart's own tests.
    for command in (["seed"], ["run", "--select", "intermediate", "marts",
                               *scope_vars([BRIEFING_PEMDA])]):
        result = invoke_parsed([*command, "--quiet", "--project-dir", str(DBT_PROJECT_DIR),
                                "--profiles-dir", str(DBT_PROJECT_DIR)])
        assert result.success, (command, result.exception)


def _meta(path: Path, source: str, tahun: int, **fields) -> Path:
    from pipelines.inbox import FileMeta, write_meta

    write_meta(path, FileMeta(source, BRIEFING_PEMDA, tahun, **fields))
    return path


def _budget_row(no: int, opd: Opd, tahun: int, pagu_juta: int, rekening=REKENING) -> list:
    bidang, modal = opd.sub_kegiatan[:4], rekening == REKENING_MODAL
    return [
        no, tahun, bidang[0], "URUSAN PEMERINTAHAN", opd.kode, opd.nama, opd.kode, opd.nama,
        bidang, "BIDANG URUSAN", opd.sub_kegiatan[:7], "PROGRAM PENUNJANG",
        opd.sub_kegiatan[:12], "KEGIATAN PENUNJANG", opd.sub_kegiatan, opd.nama_sub_kegiatan,
        "1.2.01.08", "Dana Alokasi Umum (DAU)", rekening,
        "Belanja Modal Peralatan" if modal else "Belanja Alat Tulis Kantor", "Kelompok",
        "Belanja", pagu_juta * JUTA,
    ]


def _budget_files(folder: Path) -> list[Path]:
    from tests.workbooks import write_rekap5

    last_year = [(opd, REKENING, 1_000) for opd in OPDS]

    def this_year(month: int) -> list[tuple[Opd, str, int]]:
        return [(opd, rekening, pagu(opd, month, rekening)) for opd in OPDS
                for rekening in (REKENING, REKENING_MODAL) if pagu(opd, month, rekening)]

    versions = (
        (2024, "murni", date(2024, 1, 2), last_year),
        (2025, "murni", date(2025, 1, 2), this_year(1)),
        (2025, "pergeseran_1", date(2025, 4, 10), this_year(4)),
    )
    written = []
    for tahun, versi, tanggal, lines in versions:
        rows = [_budget_row(no, opd, tahun, juta, rekening)
                for no, (opd, rekening, juta) in enumerate(lines, start=1)]
        path = write_rekap5(folder / "anggaran" / f"{tahun}-{versi}.xlsx", rows)
        written.append(_meta(path, "anggaran", tahun, versi=versi, tanggal_versi=tanggal))
    return written


def _cash_plan(folder: Path) -> Path:
    from tests.workbooks_rak import rak_line, write_rak

    def line(opd) -> list:
        row = rak_line((100 * JUTA,) * 12, rekening=REKENING, sub_kegiatan=opd.sub_kegiatan,
                       skpd=opd.kode)
        row[1:4] = [opd.nama, opd.kode, opd.nama]  # the SKPD is its own sub unit
        row[13] = opd.nama_sub_kegiatan
        return row

    rows = [line(opd) for opd in OPDS]
    return _meta(write_rak(folder / "rak" / "rak-2025.xlsx", rows), "rak", 2025, versi="murni")


def _finance_exports(folder: Path) -> list[Path]:
    """Per-document exports. 2025: February to April (January never arrives: February's
    documents alone make its figure); 2024: the quarter ends. Each month's documents add
    what the OPD's realization grew by."""
    from pipelines.sample.realisasi_dokumen import write_realisasi_dokumen
    from tests.workbooks_realisasi_dokumen import line

    def export(tahun: int, month: int, spent: list[tuple[Opd, int]]) -> Path:
        rows = [line(n, juta * JUTA, rekening=REKENING, skpd=opd.kode, nama_skpd=opd.nama,
                     sub_kegiatan=opd.sub_kegiatan, tanggal=date(tahun, month, 10),
                     nomor=f"{n:04d}/TBP/{tahun}/{month:02d}")
                for n, (opd, juta) in enumerate(spent, start=1)]
        path = write_realisasi_dokumen(folder / "realisasi" / f"realisasi-{tahun}-{month:02d}.xlsx",
                                       rows, pemda="PEMERINTAH KABUPATEN UJI")
        return _meta(path, "realisasi", tahun, periode=f"{tahun}-{month:02d}")

    written = []
    for month in (2, 3, 4):
        written.append(export(2025, month, [
            (opd, opd.realisasi[month] - opd.realisasi.get(month - 1, 0)) for opd in OPDS]))
    before = 0
    for month, share in ((3, 8), (6, 30), (9, 58), (12, 91)):
        written.append(export(2024, month, [(opd, share * 10 - before) for opd in OPDS]))
        before = share * 10
    return written


def _opd_reports(folder: Path) -> list[Path]:
    from pipelines.rfk_template import TemplateLine, write_rfk_template

    written = []
    for opd in OPDS:
        for month, fisik in opd.fisik.items():
            sub_kegiatan_pagu = pagu(opd, month) + pagu(opd, month, REKENING_MODAL)
            line = TemplateLine(
                opd.sub_kegiatan, opd.nama_sub_kegiatan, Decimal(sub_kegiatan_pagu * JUTA),
                Decimal(100 * month * JUTA),
                Decimal(opd.reported.get(month, opd.realisasi[month]) * JUTA), Decimal(fisik),
                opd.permasalahan.get(month), opd.tindak_lanjut.get(month),
                rencana_fisik=(Decimal(opd.rencana_fisik[month])
                               if month in opd.rencana_fisik else None))
            path = write_rfk_template(
                folder / "rfk" / f"rfk-{opd.kode}-2025-{month:02d}.xlsx",
                nama_pemda="KABUPATEN UJI BRIEFING", kode_opd=opd.kode, nama_opd=opd.nama,
                periode=f"2025-{month:02d}", lines=[line])
            diterima = opd.diterima.get(month, date(2025, month + 1, 5))
            written.append(_meta(path, "rfk", 2025, periode=f"2025-{month:02d}",
                                 kode_opd=opd.kode,
                                 extra={"diterima": diterima.isoformat()}))
    return written


# --- the mart -------------------------------------------------------------------------

FISIK_POIN = 20  # the model's default var('peringatan_selisih_fisik_poin')
NOTIFY_VARIABLES = ("SERAPAN_WEBHOOK_URL", "SERAPAN_SMTP_HOST", "SERAPAN_SMTP_PORT",
                    "SERAPAN_EMAIL_TO", "SERAPAN_EMAIL_FROM", "SERAPAN_SMTP_USER",
                    "SERAPAN_SMTP_PASSWORD")


@pytest.fixture(scope="module")
def pemda(nightly_run, warehouse) -> str:
    return briefing_pemda(warehouse)


def test_mart_contract_and_grain_hold(pemda):
    from pipelines.config import DBT_PROJECT_DIR
    from tests.db import invoke_parsed

    result = invoke_parsed(["build", "--select", "rpt_permasalahan_opd",
                            "rpt_peringatan_dini", "--quiet",
                            "--project-dir", str(DBT_PROJECT_DIR),
                            "--profiles-dir", str(DBT_PROJECT_DIR)])
    assert result.success, result.exception


def test_rows_are_exactly_what_the_rules_say(pemda, warehouse):
    """The rules applied again, in Python, to the marts the early warning reads."""
    penyerapan = query(warehouse, """
        select kode_pemda, kode_opd, tahun, bulan, lampu_capaian, lampu_penyerapan,
               deviasi_persen, penyerapan_persen, realisasi_fisik_persen, pelampauan
        from marts.fct_penyerapan_opd_bulanan order by kode_pemda, kode_opd, tahun, bulan""")
    expected = set()
    deviations: dict[tuple, list] = {}
    for (pemda_, opd, tahun, bulan, capaian, target, deviasi, keuangan, fisik,
         pelampauan) in penyerapan:
        key = (pemda_, opd, bulan)
        if pelampauan:
            expected.add((*key, "pelampauan"))
        if capaian == "merah":
            expected.add((*key, "merah_rencana"))
        if target == "merah":
            expected.add((*key, "merah_target"))
        history = deviations.setdefault((pemda_, opd, tahun), [])
        history.append(deviasi)
        last3 = history[-3:]
        if len(last3) == 3 and None not in last3 and 0 < last3[2] and \
                last3[0] < last3[1] < last3[2]:
            expected.add((*key, "deviasi_memburuk"))
        if keuangan is not None and fisik is not None and keuangan - fisik > FISIK_POIN:
            expected.add((*key, "fisik_tertinggal"))
    for pemda_, opd, bulan, ada, salah in query(warehouse, """
            select kode_pemda, kode_opd, bulan, is_laporan_ada, baris_salah
            from marts.fct_kualitas_data_opd"""):
        if not ada:
            expected.add((pemda_, opd, bulan, "laporan_tidak_ada"))
        elif salah > 0:
            expected.add((pemda_, opd, bulan, "data_tidak_valid"))
    found = query(warehouse,
                  "select kode_pemda, kode_opd, bulan, alasan from marts.rpt_peringatan_dini")
    assert len(found) == len(set(found))
    assert set(found) == expected


def test_each_opd_of_the_briefing_pemda_is_listed_for_what_its_figures_show(pemda, warehouse):
    rows = query(warehouse, """
        select kode_opd, alasan, uraian, permasalahan from marts.rpt_peringatan_dini
        where kode_pemda = %s and bulan = %s""", (BRIEFING_PEMDA, BULAN))
    assert {(opd, alasan) for opd, alasan, _, _ in rows} == {
        (DIDIK.kode, "merah_rencana"),  # 30 of 400 juta planned: 7,5%
        (DIDIK.kode, "merah_target"),  # 2,5% of pagu, red below 3% from March
        (DIDIK.kode, "deviasi_memburuk"),  # 90,0 -> 91,7 -> 92,5
        (PU.kode, "deviasi_memburuk"),  # 10 -> 25 -> 40
        (SEHAT.kode, "fisik_tertinggal"),  # 10% built, 35,5% paid
        (DAGANG.kode, "laporan_tidak_ada"),
        (SETDA.kode, "data_tidak_valid"),  # reported more than its pagu
    }
    text = {(opd, alasan): (uraian, masalah) for opd, alasan, uraian, masalah in rows}
    assert "10,0% → 25,0% → 40,0%" in text[PU.kode, "deviasi_memburuk"][0]
    assert "fisik 10,0% tertinggal 25,5 poin" in text[SEHAT.kode, "fisik_tertinggal"][0]
    assert text[DIDIK.kode, "merah_rencana"][1] == DIDIK.permasalahan[4]


def test_rows_held_back_by_an_error_rule_never_reach_the_problems(pemda, warehouse):
    for table in ("rpt_permasalahan_opd", "rpt_peringatan_dini"):
        assert query(warehouse, f"select count(*) from marts.{table} where permasalahan = %s",
                     (HELD_BACK_PROBLEM,)) == [(0,)]
    assert query(warehouse, """
        select kode_opd, permasalahan from marts.rpt_permasalahan_opd
        where kode_pemda = %s and bulan = %s order by kode_opd""", (BRIEFING_PEMDA, BULAN)) == [
        (DIDIK.kode, DIDIK.permasalahan[4]), (PU.kode, PU_PROBLEM_MASKED)]


# --- publishing -----------------------------------------------------------------------

@pytest.fixture
def no_channels(monkeypatch):
    for name in NOTIFY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")  # the test servers are local
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    return monkeypatch


def test_publishing_is_off_by_default_and_touches_no_network(pemda, warehouse, no_channels):
    from pipelines import alerts

    def refuse(*args, **kwargs):
        raise AssertionError("network touched")

    no_channels.setattr(alerts.urllib.request, "urlopen", refuse)
    no_channels.setattr(alerts.smtplib, "SMTP", refuse)
    no_channels.setattr(socket, "create_connection", refuse)

    result = alerts.publish(warehouse)
    assert result.channels == [] and not result.published and not result.failed
    [april] = [s for s in result.summaries if s.kode_pemda == BRIEFING_PEMDA]
    assert april.bulan == BULAN  # the pemda's latest month with data
    assert [item.kode_opd for item in april.opd] == [
        DIDIK.kode, PU.kode, SEHAT.kode, DAGANG.kode, SETDA.kode]  # most urgent first


def test_webhook_receives_the_month_list_once(pemda, warehouse, no_channels):
    from pipelines.alerts import publish

    with webhook_server() as (url, received):
        no_channels.setenv("SERAPAN_WEBHOOK_URL", url)
        result = publish(warehouse, PERIODE)  # one POST per pemda with data that month
        assert not result.failed and len(received) == len(result.summaries)
        assert f"webhook {BRIEFING_PEMDA} {PERIODE}" in result.sent
        [(content_type, payload)] = [
            (kind, json.loads(body)) for kind, body in received
            if json.loads(body)["kode_pemda"] == BRIEFING_PEMDA]
        assert content_type.startswith("application/json") and payload["bulan"] == PERIODE
        listed = {item["kode_opd"] for item in payload["peringatan"]}
        assert listed == {opd for (opd,) in query(warehouse, """
            select distinct kode_opd from marts.rpt_peringatan_dini
            where kode_pemda = %s and bulan = %s""", (BRIEFING_PEMDA, BULAN))}
        for opd in OPDS:
            assert opd.nama in payload["text"]
        assert DIDIK.permasalahan[4] in payload["text"]

        posts = len(received)
        again = publish(warehouse, PERIODE)  # the next night, nothing changed
        assert again.sent == [] and again.unchanged == result.sent
        assert len(received) == posts


def test_webhook_failure_is_reported_not_recorded(pemda, warehouse, no_channels):
    from pipelines.alerts import publish

    with socket.socket() as unused:  # a port nobody listens on
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    no_channels.setenv("SERAPAN_WEBHOOK_URL", f"http://127.0.0.1:{port}/hook")
    result = publish(warehouse, "2025-03")
    assert not result.published and len(result.failed) == len(result.summaries)
    assert any(line.startswith(f"webhook {BRIEFING_PEMDA} 2025-03: ") for line in result.failed)
    assert query(warehouse, """select count(*) from notify.peringatan_terkirim
                               where bulan = %s""", (date(2025, 3, 1),)) == [(0,)]


def test_email_goes_through_smtp(pemda, warehouse, no_channels):
    from email import message_from_bytes, policy

    from pipelines.alerts import publish

    with smtp_stub() as (port, mails):
        no_channels.setenv("SERAPAN_SMTP_HOST", "127.0.0.1")
        no_channels.setenv("SERAPAN_SMTP_PORT", str(port))
        no_channels.setenv("SERAPAN_EMAIL_TO", "sekda@pemda.example, bupati@pemda.example")
        no_channels.setenv("SERAPAN_EMAIL_FROM", "serapan@pemda.example")
        result = publish(warehouse, PERIODE)
    assert not result.failed and f"email {BRIEFING_PEMDA} {PERIODE}" in result.sent
    assert len(mails) == len(result.summaries)
    subject = (f"Peringatan dini penyerapan anggaran: Pemda {BRIEFING_PEMDA}, April 2025 "
               "(5 OPD)")
    [(sender, recipients, message)] = [
        (sender, recipients, message) for sender, recipients, data in mails
        if (message := message_from_bytes(data, policy=policy.default))["Subject"] == subject]
    assert sender == "serapan@pemda.example"
    assert recipients == ["sekda@pemda.example", "bupati@pemda.example"]
    body = message.get_content()
    for opd in OPDS:
        assert opd.nama in body


def test_asset_follows_its_mart_and_publishes(pemda, no_channels):
    import dagster as dg

    from pipelines.alerts import MART_KEY, publish_peringatan_dini
    from pipelines.dbt import build_dbt_assets
    from pipelines.resources import AlertsResource, WarehouseResource

    asset = publish_peringatan_dini()
    assert asset.key == dg.AssetKey(["notify", "peringatan_dini"])
    assert asset.asset_deps[asset.key] == {MART_KEY}
    assert MART_KEY in build_dbt_assets().keys  # the dbt asset it waits for exists
    result = dg.materialize([asset], resources={"warehouse": WarehouseResource.from_environment(),
                                       "alerts": AlertsResource.from_environment()})
    [materialization] = result.asset_materializations_for_node("notify__peringatan_dini")
    assert materialization.metadata["saluran"].value == "tidak ada / none"
    assert DIDIK.nama in materialization.metadata["ringkasan"].value
