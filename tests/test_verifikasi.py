"""The verifier's loop: an OPD's report marked returned, then verified, each with the
note, who and when; marts.fct_verifikasi_laporan says where each report stands; a pemda
may let leadership read verified reports only. On the small pemda of
tests/test_peringatan_dini.py; the verdicts given here are taken away."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.conftest import run_cli
from tests.db import query, run_dbt, with_staging_views
from tests.test_peringatan_dini import (
    BULAN, DAGANG, DIDIK, OPDS, PERIODE, PU, SEHAT, briefing_pemda)

RETURNED = "Fisik 10% belum didukung berita acara kemajuan; lampirkan BA termin I"
# What a report's rows reach in leadership's marts (macros/verified_reports.sql).
READ_BY_LEADERSHIP = ("int_rfk__fisik_baris+", "int_rfk__permasalahan+", "rpt_permasalahan_opd")


@pytest.fixture(scope="module")
def verdicts(warehouse, tmp_path_factory):
    """Dinas Kesehatan's April report returned, then verified; two verdicts refused; the
    marts rebuilt as for a pemda that lets leadership read verified reports only (var
    pemda_hanya_laporan_terverifikasi). At the end the verdicts go and the marts are
    rebuilt as before."""
    target = tmp_path_factory.mktemp("target")
    with_staging_views(warehouse, target)
    pemda = briefing_pemda(warehouse)
    base = ("verifikasi", "--opd", SEHAT.kode, "--month", PERIODE, "--pemda", pemda)
    given = {
        "returned": run_cli(*base, "--status", "dikembalikan", "--oleh", "Rina, Inspektorat",
                            "--catatan", RETURNED),
        "verified": run_cli(*base, "--status", "terverifikasi", "--oleh", "Rina, Inspektorat"),
        "no_note": run_cli(*base, "--status", "dikembalikan", "--oleh", "Rina"),
        "no_report": run_cli("verifikasi", "--opd", DAGANG.kode, "--month", PERIODE,
                             "--pemda", pemda, "--status", "terverifikasi", "--oleh", "Rina"),
    }
    models = ("fct_verifikasi_laporan", *READ_BY_LEADERSHIP)
    # this pemda's build, its leadership reading verified reports only
    only = json.dumps({"pemda_hanya_laporan_terverifikasi": [pemda], "pemda": [pemda]})
    assert run_dbt(target, "run", "--select", *models, "--vars", only) == []
    yield pemda, given
    warehouse.execute("delete from raw.rfk_verifikasi where kode_pemda = %(pemda)s",
                      {"pemda": pemda})
    assert run_dbt(target, "run", "--select", *models, pemda=[pemda]) == []


def test_a_verdict_is_kept_with_its_note_who_and_when(verdicts, warehouse):
    pemda, given = verdicts
    assert [given[name][0] for name in ("returned", "verified")] == [0, 0], given
    assert "dikembalikan oleh Rina, Inspektorat" in given["returned"][1]
    rows = query(warehouse, """
        select status, catatan, oleh, pada is not null, file_id from raw.rfk_verifikasi
        where kode_pemda = %s and kode_opd = %s order by verifikasi_id""", (pemda, SEHAT.kode))
    assert [row[:4] for row in rows] == [
        ("dikembalikan", RETURNED, "Rina, Inspektorat", True),
        ("terverifikasi", None, "Rina, Inspektorat", True)]
    # the next night rebuilds the pemda, though no file landed
    assert query(warehouse, "select count(*) from meta.pemda_to_redo where kode_pemda = %s "
                 "and reason like %s", (pemda, f"laporan {SEHAT.kode} {PERIODE} %")) == [(2,)]
    [(report,)] = query(warehouse, """
        select max(file_id) from staging.stg_rfk__laporan
        where kode_pemda = %s and kode_opd = %s and bulan = %s""", (pemda, SEHAT.kode, BULAN))
    assert {row[4] for row in rows} == {report}


def test_returning_without_a_note_or_a_report_that_is_not_there_is_refused(verdicts):
    _, given = verdicts
    status, output = given["no_note"]
    assert status == 1 and "laporan dikembalikan wajib dengan --catatan" in output
    status, output = given["no_report"]
    assert status == 1 and f"Tidak ada laporan OPD {DAGANG.kode} bulan {PERIODE}" in output


def test_the_mart_says_where_each_report_stands(verdicts, warehouse):
    pemda, _ = verdicts
    rows = {kode: rest for kode, *rest in query(warehouse, """
        select kode_opd, status_verifikasi, diverifikasi_oleh, jumlah_putusan
        from marts.fct_verifikasi_laporan where kode_pemda = %s and bulan = %s""",
                                                 (pemda, date(2025, 4, 1)))}
    assert rows[SEHAT.kode] == ["terverifikasi", "Rina, Inspektorat", 2]
    reported = {opd.kode for opd in OPDS if 4 in opd.fisik}
    assert set(rows) == reported
    assert all(rows[kode] == ["belum_diverifikasi", None, 0] for kode in reported - {SEHAT.kode})


def test_a_pemda_may_let_leadership_read_verified_reports_only(verdicts, warehouse):
    pemda, _ = verdicts
    physical = dict(query(warehouse, """
        select kode_opd, realisasi_fisik_persen from marts.fct_penyerapan_opd_bulanan
        where kode_pemda = %s and bulan = %s""", (pemda, BULAN)))
    assert physical[SEHAT.kode] == SEHAT.fisik[4]  # verified: read
    assert physical[PU.kode] is None and physical[DIDIK.kode] is None  # not verified
    assert query(warehouse, "select count(*) from marts.rpt_permasalahan_opd "
                 "where kode_pemda = %s and bulan = %s", (pemda, BULAN)) == [(0,)]
