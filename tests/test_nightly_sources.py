"""The other sources through the same nightly run: monthly partitions, hostile files."""

from datetime import date
from decimal import Decimal

from tests.conftest import OTHER_PEMDA
from tests.db import query

REASONS = {
    "zip_bomb": "zip bomb",
    "password": "kata sandi / password-protected",
    "encoding": "UTF-8",
    "wrong_source": "bukan daftar SP2D / not an SP2D list",
    "empty": "file kosong (0 byte) / empty file",
    "markup": "not a SIPD-RI Anggaran Kas export",
}


def test_every_hostile_file_is_quarantined_with_its_reason(nightly_run, warehouse):
    output = " ".join(nightly_run.output.split())
    for kind, path in nightly_run.hostile_files.items():
        [(status, error, rows)] = query(warehouse, """
            select status, error, rows_loaded from raw.files
            where original_name = %s and kode_pemda = %s""", (path.name, OTHER_PEMDA))
        assert status == "quarantined" and rows == 0, (kind, error)
        assert path.name in error and REASONS[kind] in error, (kind, error)
        assert path.name in output, kind  # and the run says so


def test_valid_files_of_every_source_load_beside_the_hostile_ones(nightly_run, warehouse):
    loaded = dict(query(warehouse, """
        select source, rows_loaded from raw.files
        where kode_pemda = %s and status = 'loaded'""", (OTHER_PEMDA,)))
    assert loaded == {"anggaran": 2, "realisasi": 2, "sp2d": 2, "rfk": 1, "rak": 12}
    assert query(warehouse, """
        select sum(realisasi) from raw.realisasi_laporan where kode_pemda = %s""",
                 (OTHER_PEMDA,)) == [(Decimal("350000.00"),)]
    assert query(warehouse, """
        select sum(nilai) from raw.sp2d_rincian where kode_pemda = %s""",
                 (OTHER_PEMDA,)) == [(Decimal("3234567.50"),)]


def test_monthly_files_land_in_their_month(nightly_run, warehouse):
    assert query(warehouse, """
        select distinct bulan from staging.stg_realisasi__laporan where kode_pemda = %s""",
                 (OTHER_PEMDA,)) == [(date(2025, 3, 1),)]
    assert query(warehouse, """
        select kode_opd, bulan, realisasi_keuangan_kumulatif, realisasi_fisik_persen
        from staging.stg_rfk__laporan where kode_pemda = %s""", (OTHER_PEMDA,)) == [
        ("1.02.0.00.0.00.01.0000", date(2025, 3, 1), Decimal("350000.00"), Decimal("40.00"))]


def test_personal_data_is_masked_outside_raw(nightly_run, warehouse):
    rows = query(warehouse, """
        select npwp_masked, nomor_rekening_bank_masked from staging.stg_sp2d__rincian
        where kode_pemda = %s""", (OTHER_PEMDA,))
    assert rows == [("***********1000", "******5678")] * 2
    assert query(warehouse, "select distinct npwp from raw.sp2d_rincian where kode_pemda = %s",
                 (OTHER_PEMDA,)) == [("012345678901000",)]


def test_template_is_prefilled_from_the_budget_and_cash_plan_in_force(nightly_run, tmp_path):
    from pipelines.inbox import FileMeta
    from pipelines.sources.rfk import SOURCE as RFK
    from tests.conftest import run_cli

    out = tmp_path / "rfk.xlsx"
    status, output = run_cli("template", "--opd", "1.02.0.00.0.00.01.0000", "--month",
                             "2025-03", "--pemda", OTHER_PEMDA, "--out", str(out))
    assert status == 0, output
    parsed = RFK.read(out, FileMeta("rfk", OTHER_PEMDA, 2025, periode="2025-03",
                                    kode_opd="1.02.0.00.0.00.01.0000"))
    [row] = [dict(zip(("sheet", "row_number", *parsed.columns), r)) for r in parsed.rows]
    # Two budget lines of Rp 1,000,000; the cash plan plans Rp 100,000 a month.
    assert (row["kode_sub_kegiatan"], row["pagu"], row["rak"], row["rak_satuan"]) == (
        "1.02.02.2.01.0001", Decimal("2000000.00"), Decimal("300000.00"), "rupiah")
    assert row["realisasi_keuangan"] is None

    status, output = run_cli("template", "--opd", "9.99.0.00.0.00.01.0000", "--month", "2025-03")
    assert status == 1 and "Tidak ada anggaran berlaku" in " ".join(output.split())
