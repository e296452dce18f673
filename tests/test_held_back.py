"""No row with an error flag counts in a mart leadership reads, shown by totals.

On the sample year (pemda SAMPLE_PEMDA, loaded by the session's nightly run; its budget
has no errors, so the budget is shown on the session's pemda with a malformed code),
each leadership mart's total equals what landed from the files in force less exactly
what the error flags hold back; and something is held back, so the equality could not
hold if flagged rows were counted.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import SAMPLE_PEMDA

MALFORMED_BUDGET_PEMDA = "99.03"  # conftest: a budget line with a malformed code
from tests.db import query

# Rows of a raw table from files in force, each with whether an error flag holds it back.
LANDED = """
    select raw_rows.*, exists (
        select 1 from quality.flags as flags
        where flags.severity = 'error' and flags.file_id = raw_rows.file_id
            and flags.sheet = raw_rows.sheet and flags.row_number = raw_rows.row_number
    ) as held_back
    from {table} as raw_rows
    join raw.files as files using (file_id)
    where files.status = 'loaded' and raw_rows.kode_pemda = %(pemda)s
"""


def landed_and_held_back(warehouse, table: str, amount: str, group: str,
                         pemda: str = SAMPLE_PEMDA) -> dict:
    """group -> (total landed, total held back) of the amount column."""
    return {key: (landed, held_back) for key, landed, held_back in query(warehouse, f"""
        select {group}, sum({amount}), coalesce(sum({amount}) filter (where held_back), 0)
        from ({LANDED.format(table=table)}) as landed group by 1""", {"pemda": pemda})}


def mart_totals(warehouse, sql: str, pemda: str = SAMPLE_PEMDA) -> dict:
    return dict(query(warehouse, sql, {"pemda": pemda}))


def assert_held_back(landed: dict, mart: dict) -> None:
    assert sum(held_back for _, held_back in landed.values()) > 0  # the check can fail
    assert mart == {key: total - held_back for key, (total, held_back) in landed.items()}


def test_budget_lines(nightly_run, warehouse):
    assert_held_back(
        landed_and_held_back(warehouse, "raw.anggaran_rekap5", "pagu", "versi",
                             MALFORMED_BUDGET_PEMDA),
        mart_totals(warehouse, """select versi, sum(pagu) from marts.fct_anggaran
                                  where kode_pemda = %(pemda)s group by 1""",
                    MALFORMED_BUDGET_PEMDA))


@pytest.mark.parametrize("mart", ["fct_realisasi_bulanan", "fct_penyerapan_opd_bulanan"])
def test_realization_by_month(nightly_run, warehouse, mart):
    """Each month, what the mart counts and what it holds back add up, to the rupiah, to
    the document lines of the exports in force counted by the month's end."""
    landed = landed_and_held_back(warehouse, "raw.realisasi_dokumen", "realisasi",
                                  "date_trunc('month', tanggal_realisasi)::date")
    to_date, cumulative = Decimal(0), {}
    for bulan in sorted(b for b in landed if b is not None):
        to_date += landed[bulan][0]
        cumulative[bulan] = to_date
    counted = mart_totals(warehouse, f"""
        select bulan, sum(realisasi_kumulatif) from marts.{mart}
        where kode_pemda = %(pemda)s and realisasi_kumulatif is not null group by 1""")
    held_back = mart_totals(warehouse, f"""
        select bulan, sum(realisasi_ditahan_kumulatif) from marts.{mart}
        where kode_pemda = %(pemda)s and realisasi_kumulatif is not null group by 1""")
    assert sum(held_back.values()) > 0  # the check can fail
    assert {bulan: counted[bulan] + held_back[bulan] for bulan in counted} == cumulative


def test_no_month_shows_spending_the_exports_do_not_show(nightly_run, warehouse):
    """A line's month is negative in the mart only where its document lines of the month
    add up to less than nothing (a correction): a line held back takes nothing back."""
    months = query(warehouse, """
        with documents as (
            select files.kode_pemda, date_trunc('month', tanggal_realisasi)::date as bulan,
                coalesce(kode_sub_skpd, kode_skpd) as kode_sub_unit, kode_sub_kegiatan,
                kode_rekening, sum(realisasi) as realisasi
            from raw.realisasi_dokumen join raw.files using (file_id)
            where files.status = 'loaded' and files.kode_pemda = %(pemda)s
            group by 1, 2, 3, 4, 5
        )
        select mart.realisasi_bulan, coalesce(documents.realisasi, 0) < 0 as corrected
        from marts.fct_realisasi_bulanan as mart
        left join documents using (kode_pemda, bulan, kode_sub_unit, kode_sub_kegiatan,
                                   kode_rekening)
        where mart.kode_pemda = %(pemda)s and mart.realisasi_bulan is not null""",
        {"pemda": SAMPLE_PEMDA})
    assert [month for month in months if month[0] < 0 and not month[1]] == []
    # the sample corrects lines: months where a mart shows the fall
    assert sum(1 for realisasi_bulan, corrected in months if corrected and realisasi_bulan < 0)


def test_opd_reports(nightly_run, warehouse):
    """The problems the OPDs wrote come only from rows free of errors."""
    [(rows, flagged)] = query(warehouse, """
        select count(*), count(*) filter (where exists (
            select 1 from quality.flags as flags
            where flags.severity = 'error' and flags.file_id = report.file_id
                and flags.sheet = report.sheet and flags.row_number = report.row_number))
        from marts.rpt_permasalahan_opd as report where kode_pemda = %s""", (SAMPLE_PEMDA,))
    assert rows > 0 and flagged == 0


def test_a_corrected_upload_clears_the_flag_and_the_row_counts_again(nightly_run, warehouse,
                                                                     tmp_path):
    """A pemda of its own: a budget line with a malformed code is held back; the same
    version re-sent with the code fixed supersedes it, and after the quality step and
    the models the line is counted."""
    from datetime import date

    from pipelines.inbox import FileMeta, write_meta
    from pipelines.landing.load import ingest_file
    from pipelines.quality.step import run_quality_step
    from tests.db import run_dbt
    from tests.workbooks import budget_row, write_rekap5

    pemda = "99.09"

    def upload_and_run(name: str, sub_kegiatan: str) -> tuple:
        path = write_rekap5(tmp_path / "anggaran" / name, [
            budget_row(1, pagu=1_000_000),
            budget_row(2, sub_kegiatan=sub_kegiatan, rekening="5.1.02.01.01.0025",
                       pagu=250_000)])
        write_meta(path, FileMeta("anggaran", pemda, 2025, "murni", date(2025, 1, 2)))
        assert ingest_file(warehouse, path).status == "loaded"
        run_quality_step(warehouse, pemda=[pemda])  # as its build run would
        assert run_dbt(tmp_path / "target", "run", "--select", "+fct_anggaran",
                       "--exclude", "staging", pemda=[pemda]) == []
        [(errors,)] = query(warehouse, """
            select count(distinct (file_id, row_number)) from quality.flags
            where kode_pemda = %s and severity = 'error'""",
                            (pemda,))
        [(total,)] = query(warehouse, "select sum(pagu) from marts.fct_anggaran "
                                      "where kode_pemda = %s", (pemda,))
        return errors, total

    assert upload_and_run("murni.xlsx", "1.02.02.2.01.1") == (1, 1_000_000)
    assert upload_and_run("murni-koreksi.xlsx", "1.02.02.2.01.0001") == (0, 1_250_000)
