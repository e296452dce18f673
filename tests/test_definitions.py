"""What Dagster sees: asset keys, checks, the job, its schedule and the inbox sensor.

A renamed asset or a moved schedule shows up here as a visible diff.
"""

from datetime import date

import dagster as dg

from pipelines.inbox import FileMeta, write_meta
from pipelines.schedules import inbox_sensor, nightly_schedule

EXPECTED_ASSETS = {
    "raw/anggaran_rekap5",
    "staging/stg_anggaran__rekap5",
    "intermediate/int_anggaran__versions",
    "intermediate/int_anggaran__lines",
    "marts/dim_budget_version",
    "marts/fct_anggaran",
}


def test_asset_graph_runs_from_raw_file_to_mart():
    from pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    materializable = {k.to_user_string() for k in graph.materializable_asset_keys}
    assert materializable == EXPECTED_ASSETS
    staging = graph.get(dg.AssetKey(["staging", "stg_anggaran__rekap5"]))
    assert dg.AssetKey(["raw", "anggaran_rekap5"]) in staging.parent_keys
    checks = {(c.asset_key.to_user_string(), c.name) for c in graph.asset_check_keys}
    assert ("raw/anggaran_rekap5", "gx_anggaran") in checks
    assert ("marts/fct_anggaran", "unique_combination_fct_anggaran_budget_line_id__version_key") in checks
    assert defs.resolve_job_def("nightly") is not None


def test_nightly_schedule_follows_the_pemda_time_zone(monkeypatch):
    assert nightly_schedule().execution_timezone == "Asia/Jakarta"
    assert nightly_schedule().cron_schedule == "0 1 * * *"
    monkeypatch.setenv("SERAPAN_TIMEZONE", "WITA")
    assert nightly_schedule().execution_timezone == "Asia/Makassar"
    monkeypatch.setenv("SERAPAN_TIMEZONE", "wit")
    monkeypatch.setenv("SERAPAN_NIGHTLY_HOUR", "2")
    schedule = nightly_schedule()
    assert (schedule.execution_timezone, schedule.cron_schedule) == ("Asia/Jayapura", "0 2 * * *")


def test_inbox_sensor_requests_a_run_only_when_files_arrive(tmp_path, monkeypatch):
    monkeypatch.setenv("SERAPAN_INBOX", str(tmp_path))
    first = inbox_sensor(dg.build_sensor_context(cursor=None))
    assert isinstance(first, dg.RunRequest)  # an empty inbox is a state too

    seen = dg.build_sensor_context(cursor=first.run_key)
    assert isinstance(inbox_sensor(seen), dg.SkipReason)

    export = tmp_path / "anggaran" / "rekap5.xlsx"
    export.parent.mkdir()
    export.write_bytes(b"x")
    write_meta(export, FileMeta("anggaran", "99.01", 2025, "murni", date(2025, 1, 2)))
    arrived = inbox_sensor(dg.build_sensor_context(cursor=first.run_key))
    assert isinstance(arrived, dg.RunRequest) and arrived.run_key != first.run_key
