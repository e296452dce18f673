"""An NPWP, NIK, NIP or bank account number typed into a text leaves raw only masked: in
the marts (written masked, so the BI login never reads one), the leadership briefing,
the early warning's chat and e-mail, `serapan flags` and the OPD's feedback workbook.
The rule is one SQL function, raw.mask_personal_numbers (migrations/
R__raw_mask_personal_numbers.sql); the raw tables and the archive keep the numbers as written.

PU of the briefing pemda (tests/test_peringatan_dini.py) wrote the contractor's bank
account and NPWP into the PERMASALAHAN of its April report; 99.51's OPD report names a
sub kegiatan with the recipient's numbers typed in, flagged (a malformed code). The SP2D
registers of tests/test_marts.py carry them too, into fct_sp2d.
"""

from __future__ import annotations

import csv
import io
import json
import re

import openpyxl
import psycopg2
import pytest

from tests.channel_stubs import webhook_server
from tests import codes as exports
from tests.conftest import grant_bi, run_cli
from tests.db import compiled_test, query, run_dbt
from tests.test_peringatan_dini import (
    BRIEFING_PEMDA,
    BULAN,
    PERIODE,
    PU,
    PU_PROBLEM,
    PU_PROBLEM_MASKED,
    briefing_pemda,
)

# (as typed, as it leaves raw)
CASES = [
    ("Rekanan minta dibayar ke NPWP 01.234.567.8-901.000",
     "Rekanan minta dibayar ke NPWP **.***.***.*-**1.000"),
    ("transfer ke rek. 0123-01-012345-50-3 (BRI)", "transfer ke rek. ****-**-*****5-50-3 (BRI)"),
    ("NIK 8104012345670001, NPWP 012345678901000", "NIK ************0001, NPWP ***********1000"),
    ("NPWP16 0123.4567.8901.2345", "NPWP16 ****.****.****.2345"),
    ("rek 0012 3456 7890 a.n. CV Maju; HP 0812-3456-7890",
     "rek **** **** 7890 a.n. CV Maju; HP ****-****-7890"),
    ("no.rek.1234567890. NPWP 0012.3456.7890.1000", "no.rek.******7890. NPWP ****.****.****.1000"),
    ("rek 0123\n4567  8901;\tTTD NIP 19800717 200501 1 014",
     "rek ****\n****  8901;\tTTD NIP ******** ****** 1 014"),
    ("NIP198007172005011014", "NIP**************1014"),
    # amounts, codes, dates and years stay as written
    ("Kontrak Rp 1.250.000.000 (Rp 1250000000,-; sebesar 1250000000,00) belum dibayar",) * 2,
    ("SP2D 00001/LS/1.02.0.00.0.00.01.0000/M/2025 rekening 5.1.02.01.01.0024 "
     "dan 5.1.02.01.001.00024",) * 2,
    ("Sub kegiatan 1.02.02.2.01.0001, kontrak tgl 31-03-2025 s.d. 2025-06-30, "
     "RPJMD 2025-2030",) * 2,
    ("Dokumen serah terima (PHO) termin II belum lengkap",) * 2,
    # masked once is masked
    ("NPWP **.***.***.*-**1.000 sudah disamarkan",) * 2,
    (None, None),
]


@pytest.mark.parametrize(("typed", "masked"), CASES)
def test_the_rule_masks_personal_numbers_and_nothing_else(warehouse, typed, masked):
    assert query(warehouse, "select raw.mask_personal_numbers(%s::text)", (typed,)) == [
        (masked,)]


def test_the_rule_masks_the_texts_of_a_findings_values(warehouse):
    """A flagged row's values (quality.flags.nilai): texts masked, numbers and dates kept."""
    [(masked,)] = query(warehouse, "select raw.mask_personal_numbers(%s::jsonb)", (json.dumps(
        {"uraian": CASES[0][0], "nilai": 1250000000, "tanggal_sp2d": "2025-03-14",
         "kode_rekening": "5.1.02.01.01.0024", "catatan": None}),))
    assert masked == {"uraian": CASES[0][1], "nilai": 1250000000, "tanggal_sp2d": "2025-03-14",
                      "kode_rekening": "5.1.02.01.01.0024", "catatan": None}


# --- every output of the night --------------------------------------------------------

# The numbers as typed in the session's files, and their digits: no output may hold either.
TYPED = ("0123-01-012345-50-3", "01.234.567.8-901.000", "0012345678")
DIGITS = ("012301012345503", "012345678901000", "0012345678")


def holds_a_typed_number(text: str) -> bool:
    """Whether the text holds one of the numbers, as typed or written any other way."""
    runs = {re.sub(r"\D", "", run) for run in re.findall(r"\d[\d\s.-]*\d", text)}
    return any(number in text for number in TYPED) or any(
        digits in run for run in runs for digits in DIGITS)


@pytest.fixture(scope="module")
def pemda(nightly_run, warehouse) -> str:
    return briefing_pemda(warehouse)


@pytest.fixture(scope="module")
def bi_login(nightly_run):
    return grant_bi("bi_pribadi")


def test_the_marts_are_written_masked(pemda, bi_login):
    """What the BI login reads of the briefing pemda, built by `dbt run` (no dbt test ran
    there): the marts were written masked, not cleaned after a test found the number."""
    with psycopg2.connect(bi_login) as conn, conn.cursor() as cur:
        cur.execute("""
            select permasalahan from marts.rpt_permasalahan_opd
            where kode_pemda = %(pemda)s and kode_opd = %(opd)s and bulan = %(bulan)s
            union
            select permasalahan from marts.rpt_peringatan_dini
            where kode_pemda = %(pemda)s and kode_opd = %(opd)s and bulan = %(bulan)s""",
                    {"pemda": BRIEFING_PEMDA, "opd": PU.kode, "bulan": BULAN})
        assert cur.fetchall() == [(PU_PROBLEM_MASKED,)]
    conn.close()


def test_raw_keeps_what_was_typed(pemda, warehouse):
    """The evidence stays as it came: the raw row holds the numbers unmasked."""
    assert query(warehouse, "select count(*) from raw.rfk_laporan where kode_pemda = %s "
                 "and permasalahan = %s", (BRIEFING_PEMDA, PU_PROBLEM)) == [(1,)]


def test_the_marts_test_searches_every_mart(pemda, warehouse, tmp_path):
    """The dbt test that guards the marts searches every mart the catalog lists, for any
    number the rule masks: a NIK come round staging into rpt_permasalahan_opd (which it
    did not search, nor for a number of no SP2D register) fails it; without it, every mart
    of the night holds none."""
    nik = " NIK 8104012345670001"
    row = "kode_pemda = %s and kode_opd = %s and bulan = %s"
    warehouse.execute(f"update marts.rpt_permasalahan_opd set permasalahan = permasalahan || %s "
                      f"where {row}", (nik, BRIEFING_PEMDA, PU.kode, BULAN))
    try:
        found = run_dbt(tmp_path, "test", "--select",
                        "assert_marts_hold_no_unmasked_personal_data")
        leaked = query(warehouse, f"select relasi, kolom, jenis, jumlah from "
                       f"({compiled_test(tmp_path)}) as found")
    finally:
        warehouse.execute(f"update marts.rpt_permasalahan_opd set permasalahan = "
                          f"replace(permasalahan, %s, '') where {row}",
                          (nik, BRIEFING_PEMDA, PU.kode, BULAN))
    assert leaked == [('"serapan"."marts"."rpt_permasalahan_opd"', "permasalahan",
                       "nomor_pribadi", 1)], leaked
    assert found == [("assert_marts_hold_no_unmasked_personal_data: Got 1 result, "
                      "configured to fail if != 0")]
    assert run_dbt(tmp_path, "test", "--select",
                   "assert_marts_hold_no_unmasked_personal_data") == []


def test_the_briefing_shows_the_problem_masked(pemda, warehouse, tmp_path):
    from pipelines.reports.briefing import write_briefing

    out = write_briefing(warehouse, periode=PERIODE, kode_pemda=BRIEFING_PEMDA,
                         out=tmp_path / "briefing.html", fmt="html")
    html = out.read_text(encoding="utf-8")
    assert PU_PROBLEM_MASKED in html
    assert not holds_a_typed_number(html)


def test_the_early_warning_posts_the_problem_masked(pemda, warehouse):
    from pipelines.alerts import WebhookChannel, read_summaries

    [summary] = [s for s in read_summaries(warehouse, PERIODE) if s.kode_pemda == BRIEFING_PEMDA]
    with webhook_server() as (url, received):
        WebhookChannel(url).send(summary)
    [(_, body)] = received
    payload = json.loads(body)
    [pu] = [item for item in payload["peringatan"] if item["kode_opd"] == PU.kode]
    assert pu["permasalahan"] == PU_PROBLEM_MASKED
    assert not holds_a_typed_number(body.decode())
    assert not holds_a_typed_number(summary.text)


FLAGGED_PEMDA = "99.51"


@pytest.fixture(scope="module")
def flagged(warehouse, tmp_path_factory) -> str:
    """99.51's March report of Dinas Kesehatan, a row of it with a malformed sub kegiatan
    code and the recipient's numbers typed into its name: the row is flagged with every
    value of it (its name too), and held back from the marts."""
    from decimal import Decimal

    from pipelines.inbox import FileMeta, write_meta
    from pipelines.landing.load import ingest_file
    from pipelines.quality.flags import load_suite_rules, refresh_flags
    from pipelines.rfk_template import TemplateLine, write_rfk_template

    path = write_rfk_template(
        tmp_path_factory.mktemp("rfk") / "rfk" / "rfk-maret.xlsx", nama_pemda="KABUPATEN UJI",
        kode_opd=exports.SKPD, nama_opd="Dinas Kesehatan", periode="2025-03",
        lines=[TemplateLine("1.02.02.02.01.0001", exports.URAIAN_WITH_NUMBERS,
                            Decimal(1_000_000), Decimal(0), Decimal(0), Decimal(0))])
    write_meta(path, FileMeta("rfk", FLAGGED_PEMDA, 2025, periode="2025-03",
                              kode_opd=exports.SKPD))
    outcome = ingest_file(warehouse, path)
    assert outcome.status == "loaded", outcome.error
    refresh_flags(warehouse, [load_suite_rules("rfk")], pemda=[FLAGGED_PEMDA])
    assert query(warehouse, "select count(*) from raw.rfk_laporan where kode_pemda = %s "
                 "and nama_sub_kegiatan = %s", (FLAGGED_PEMDA, exports.URAIAN_WITH_NUMBERS)) \
        == [(1,)]
    return FLAGGED_PEMDA


def test_flags_show_the_typed_numbers_masked(flagged):
    status, output = run_cli("flags", "--pemda", flagged, "--format", "csv")
    assert status == 0, output
    names = [json.loads(row["nilai"]).get("nama_sub_kegiatan")
             for row in csv.DictReader(io.StringIO(output))]
    assert exports.URAIAN_MASKED in names
    assert not holds_a_typed_number(output)
    status, table = run_cli("flags", "--pemda", flagged)
    assert status == 0 and not holds_a_typed_number(table)


def test_the_feedback_workbook_shows_the_typed_numbers_masked(flagged, tmp_path):
    out = tmp_path / "umpan-balik.xlsx"
    status, output = run_cli("feedback", "--opd", exports.SKPD, "--month", "2025-03",
                             "--pemda", flagged, "--out", str(out))
    assert status == 0, output
    cells = " ".join(str(value) for sheet in openpyxl.load_workbook(out).worksheets
                     for row in sheet.iter_rows(values_only=True) for value in row
                     if value is not None)
    assert exports.URAIAN_MASKED in cells
    assert not holds_a_typed_number(cells)
