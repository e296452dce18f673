"""`serapan ingest` puts a file in the inbox and lands it in a Dagster run: every landing
is a materialization in Dagster's event log, a quarantine with its reason too."""

from __future__ import annotations

import dagster as dg

from tests.conftest import run_cli
from tests.workbooks import budget_row, write_rekap5


def _latest(key: list[str]) -> tuple[dict, dg.DagsterRun]:
    """The asset's latest materialization in the instance `serapan` uses, and its run."""
    with dg.DagsterInstance.get() as instance:
        event = instance.get_latest_materialization_event(dg.AssetKey(key))
        run = instance.get_run_by_id(event.run_id)
    return {name: value.value for name, value in event.asset_materialization.metadata.items()}, run


def test_ingest_lands_the_file_in_a_recorded_run(warehouse, tmp_path, monkeypatch):
    monkeypatch.setenv("SERAPAN_INBOX", str(tmp_path / "inbox"))
    upload = write_rekap5(tmp_path / "99.69-murni.xlsx", [budget_row(1, pagu=6_900_001)])
    status, output = run_cli("ingest", str(upload), "--source", "anggaran", "--pemda", "99.69",
                             "--tahun", "2025", "--version", "murni", "--date", "2025-01-02")
    assert status == 0 and "99.69-murni.xlsx: loaded, pemda 99.69, 1 baris / rows" in output, \
        output
    landed, run = _latest(["raw", "anggaran_rekap5"])
    assert (landed["files_loaded"], landed["rows_loaded"]) == (1, 1)
    assert run.status == dg.DagsterRunStatus.SUCCESS
    [(file_id,)] = warehouse.query("select file_id from raw.files where original_name = %s",
                                   (upload.name,))

    # The same bytes again: a run that finds them in, and says which file holds them.
    status, output = run_cli("ingest", str(upload), "--source", "anggaran", "--pemda", "99.69",
                             "--tahun", "2025", "--version", "murni", "--date", "2025-01-02")
    assert status == 0 and f"sudah dimuat sebagai file {file_id}" in " ".join(output.split())
    assert _latest(["raw", "anggaran_rekap5"])[0]["files_duplicate"] == 1


def test_a_monthly_file_of_no_telling_month_is_quarantined_in_the_inbox_run(
        warehouse, tmp_path, monkeypatch):
    monkeypatch.setenv("SERAPAN_INBOX", str(tmp_path / "inbox"))
    upload = tmp_path / "rfk-tanpa-bulan.xlsx"
    upload.write_bytes(b"PK\x03\x04 not really a workbook")
    status, output = run_cli("ingest", str(upload), "--source", "rfk", "--pemda", "99.69",
                             "--opd", "1.02.0.00.0.00.01.0000")
    output = " ".join(output.split())
    assert status == 1 and "Karantina / quarantined: rfk-tanpa-bulan.xlsx" in output, output
    planned, run = _latest(["raw", "files"])
    assert run.job_name == "inbox"
    assert planned["files_quarantined"] == 1
    [(error,)] = warehouse.query("select error from raw.files where original_name = %s",
                                 (upload.name,))
    assert planned["quarantine_reasons"] == [error]
