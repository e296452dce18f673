"""Per-document realization from the inbox to the marts: a kabupaten whose realization
comes as SIPD-RI's "Laporan Realisasi Per Dokumen" (January and February), against its
budget. The marts add up the document lines month by month, corrections included, in
the month each counts in; what an error holds back is out and said, to the rupiah; a
re-export of a month and SKPD replaces the earlier one."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from pipelines.inbox import FileMeta, write_meta
from pipelines.sample.realisasi_dokumen import write_realisasi_dokumen
from tests.conftest import run_cli
from tests.db import query
from tests.workbooks import budget_row, write_rekap5
from tests.workbooks_realisasi_dokumen import line

pytestmark = pytest.mark.long  # handed out first (tests/conftest.py)

PEMDA = "99.71"  # this test's; no other test's
A1, A2 = "5.1.02.01.01.0024", "5.1.02.01.01.0026"


def january(duplicate: bool) -> list[dict]:
    lines = [
        line(1, 1_000_000, jenis_dokumen="SPP", jenis_transaksi="LS", tanggal=date(2025, 1, 14),
             transfer=date(2025, 1, 20), sp2d="0001/LS", nilai_sp2d=1_250_000, rekening=A1),
        # the same SP2D pays A2 too: its amount is on both lines, and counts once
        line(2, 250_000, jenis_dokumen="SPP", jenis_transaksi="LS", tanggal=date(2025, 1, 14),
             transfer=date(2025, 1, 20), sp2d="0001/LS", nilai_sp2d=1_250_000, rekening=A2,
             nomor="DOK-0001"),
        line(3, -50_000, tanggal=date(2025, 1, 30), rekening=A1),  # a correction
        # ordered in January, transferred in February: February's
        line(4, 300_000, jenis_dokumen="SPP", jenis_transaksi="LS", tanggal=date(2025, 1, 29),
             transfer=date(2025, 2, 3), sp2d="0004/LS", nilai_sp2d=300_000, rekening=A2),
    ]
    if duplicate:
        lines.append(dict(lines[2]))  # the correction twice: RLD-008 holds the copy back
    return lines


FEBRUARY = [line(5, 400_000, tanggal=date(2025, 2, 10), rekening=A1)]


@pytest.fixture(scope="module")
def per_dokumen(nightly_run, warehouse, tmp_path_factory):
    from pipelines.config import settings

    inbox = settings().inbox
    budget = write_rekap5(inbox / "anggaran" / f"{PEMDA}-rekap5.xlsx", [
        budget_row(1, rekening=A1, pagu=10_000_000), budget_row(2, rekening=A2, pagu=5_000_000)])
    write_meta(budget, FileMeta("anggaran", PEMDA, 2025, "murni", date(2025, 1, 2)))
    # January's lines fall in two months: its sidecar says which month it reports
    path = write_realisasi_dokumen(inbox / "realisasi" / f"{PEMDA}-dokumen-januari.xlsx",
                                   january(duplicate=True), date_style="panjang")
    write_meta(path, FileMeta("realisasi", PEMDA, periode="2025-01"))
    # February's say it themselves: ingested with no month
    february = write_realisasi_dokumen(tmp_path_factory.mktemp("ingest") /
                                       f"{PEMDA}-dokumen-februari.xlsx", FEBRUARY,
                                       date_style="dd/mm/yyyy")
    status, output = run_cli("ingest", str(february), "--source", "realisasi", "--pemda", PEMDA)
    assert status == 0, output
    status, output = run_cli("run")
    assert status in (0, 1, 3), output


def mart(warehouse, bulan: str) -> dict[str, tuple]:
    return {rekening: tuple(figures) for rekening, *figures in query(warehouse, """
        select kode_rekening, realisasi_kumulatif, realisasi_bulan, realisasi_ditahan_kumulatif
        from marts.fct_realisasi_bulanan
        where kode_pemda = %s and bulan = %s order by 1""", (PEMDA, bulan))}


def test_the_files_land_whole(per_dokumen, warehouse):
    assert query(warehouse, """
        select original_name, rows_loaded, rows_skipped from raw.files
        where kode_pemda = %s and source = 'realisasi' and status = 'loaded'
        order by 1""", (PEMDA,)) == [
        (f"{PEMDA}-dokumen-februari.xlsx", 1, 1), (f"{PEMDA}-dokumen-januari.xlsx", 5, 1)]
    [(total,)] = query(warehouse, """
        select sum(nilai_realisasi) from raw.realisasi_dokumen
        join raw.files using (file_id) where files.kode_pemda = %s""", (PEMDA,))
    assert total == sum(Decimal(l["nilai_realisasi"]) for l in january(True) + FEBRUARY)


def test_each_month_adds_its_lines_and_holds_back_the_repeated_one(per_dokumen, warehouse):
    # January: A1 1,000,000 less the correction; its repeated correction held back.
    # A2: 250,000 (the 300,000 transferred in February is February's).
    assert mart(warehouse, "2025-01-01") == {
        A1: (Decimal("950000.00"), Decimal("950000.00"), Decimal("-50000.00")),
        A2: (Decimal("250000.00"), Decimal("250000.00"), Decimal("0.00")),
    }
    assert mart(warehouse, "2025-02-01") == {
        A1: (Decimal("1350000.00"), Decimal("400000.00"), Decimal("-50000.00")),
        A2: (Decimal("550000.00"), Decimal("300000.00"), Decimal("0.00")),
    }
    [(rule,)] = query(warehouse, """
        select rule_id from quality.flags where kode_pemda = %s and severity = 'error'""",
        (PEMDA,))
    assert rule == "RLD-008"


def test_the_marts_reconcile_with_the_document_lines_to_the_rupiah(per_dokumen, warehouse):
    """Counted + held back = every document line counted by February, per account."""
    for bulan in ("2025-01-01", "2025-02-01"):
        lines = dict(query(warehouse, """
            select kode_rekening, sum(realisasi) from raw.realisasi_dokumen as dokumen
            join raw.files using (file_id)
            where files.kode_pemda = %s and files.status = 'loaded'
                and date_trunc('month', tanggal_realisasi) <= %s
            group by 1""", (PEMDA, bulan)))
        shown = {rekening: counted + held
                 for rekening, (counted, _, held) in mart(warehouse, bulan).items()}
        assert shown == lines


def test_a_re_export_of_a_month_replaces_the_earlier_one(per_dokumen, warehouse):
    from pipelines.config import settings

    path = write_realisasi_dokumen(
        settings().inbox / "realisasi" / f"{PEMDA}-dokumen-januari-ulang.xlsx",
        january(duplicate=False), date_style="serial")
    write_meta(path, FileMeta("realisasi", PEMDA, periode="2025-01"))
    assert run_cli("run")[0] in (0, 1, 3)
    assert query(warehouse, """
        select original_name, status from raw.files
        where kode_pemda = %s and original_name like %s order by file_id""",
        (PEMDA, "%januari%")) == [(f"{PEMDA}-dokumen-januari.xlsx", "superseded"),
                                  (f"{PEMDA}-dokumen-januari-ulang.xlsx", "loaded")]
    assert mart(warehouse, "2025-02-01")[A1] == \
        (Decimal("1350000.00"), Decimal("400000.00"), Decimal("0.00"))
    assert query(warehouse, "select count(*) from quality.flags where kode_pemda = %s "
                 "and severity = 'error'", (PEMDA,)) == [(0,)]
