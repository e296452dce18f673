"""What Dagster sees: asset keys, checks, the job, its schedule and the inbox sensor.

A renamed asset or a moved schedule shows up here as a visible diff.
"""

import socket
from datetime import date, datetime

import dagster as dg
import pytest

from pipelines.config import EXPECTATIONS_DIR
from pipelines.inbox import FileMeta, write_meta
from pipelines.schedules import inbox_sensor, nightly_schedule
from tests.workbooks import budget_row, write_rekap5

MONTHLY_RAW = {"raw/realisasi_dokumen", "raw/rfk_laporan", "raw/lra_baris",
               "raw/sidak_kunjungan"}
OTHER_RAW = {"raw/anggaran_rekap5", "raw/rak_anggaran_kas", "raw/sp2d_register"}
EXPECTED_ASSETS = {
    *MONTHLY_RAW,
    "intermediate/ambang_penyerapan",
    "intermediate/bobot_risiko_sidak",
    "intermediate/int_ambang__bulanan",
    "intermediate/int_anggaran__berlaku",
    "intermediate/int_anggaran__baris",
    "intermediate/int_anggaran__bulanan",
    "intermediate/int_anggaran__versi",
    "intermediate/int_baris_rekening__bulanan",
    "intermediate/int_kualitas__opd_bulanan",
    "intermediate/int_lra__rekonsiliasi",
    "intermediate/int_opd__kode",
    "intermediate/int_periode__bulanan",
    "intermediate/int_rak__bulanan",
    "intermediate/int_realisasi__baris",
    "intermediate/int_realisasi__bulanan",
    "intermediate/int_rekening__kode",
    "intermediate/int_rfk__fisik_baris",
    "intermediate/int_rfk__kode_dari_nama",
    "intermediate/int_rfk__opd_bulanan",
    "intermediate/int_rfk__permasalahan",
    "intermediate/int_sp2d__register",
    "intermediate/int_sub_kegiatan__bulanan",
    "intermediate/int_sub_kegiatan__kode",
    "marts/dim_budget_version",
    "marts/dim_opd",
    "marts/dim_period",
    "marts/dim_periode",
    "marts/dim_rekening",
    "marts/dim_sub_kegiatan",
    "marts/dim_sumber_dana",
    "marts/dim_versi_anggaran",
    "marts/fct_anggaran",
    "marts/fct_anggaran_perubahan",
    "marts/fct_kualitas_data_opd",
    "marts/fct_fisik_bulanan",
    "marts/fct_lra_opd_bulanan",
    "marts/fct_lra_skpd_bulanan",
    "marts/fct_penyerapan_opd_bulanan",
    "marts/fct_permasalahan_bulanan",
    "marts/fct_proyeksi_opd_bulanan",
    "marts/fct_realisasi_bulanan",
    "marts/fct_sidak",
    "marts/fct_sp2d",
    "marts/fct_verifikasi_laporan",
    "marts/rpt_peringatan_dini",
    "marts/rpt_permasalahan_opd",
    "marts/rpt_sidak_risiko",
    "notify/peringatan_dini",
    "quality/flags",
    "quality/int_quality__anggaran",
    "quality/int_quality__anggaran_berlaku",
    "quality/int_quality__lra",
    "quality/int_quality__pagu_rekening",
    "quality/int_quality__rak",
    "quality/int_quality__realisasi_dokumen",
    "quality/int_quality__realisasi_kumulatif",
    "quality/int_quality__rekening_anggaran",
    "quality/int_quality__rfk",
    "quality/int_quality__rfk_baris",
    "quality/int_quality__sidak",
    "quality/int_quality__rfk_nama",
    "quality/int_quality__sp2d",
    "raw/anggaran_rekap5",
    "raw/files",
    "raw/rak_anggaran_kas",
    "raw/sp2d_register",
    "reference/kategori_permasalahan",
    "reference/pemda",
    "reference/pihak_permasalahan",
    "reference/pola_kode",
    "staging/stg_anggaran__rekap5",
    "staging/stg_inbox__files",
    "staging/stg_lra__baris",
    "staging/stg_rak__anggaran_kas",
    "staging/stg_realisasi__dokumen",
    "staging/stg_rfk__laporan",
    "staging/stg_rfk__permasalahan",
    "staging/stg_rfk__rekap",
    "staging/stg_rfk__verifikasi",
    "staging/stg_sidak__kunjungan",
    "staging/stg_sp2d__register",
}


def test_asset_graph_runs_from_raw_file_to_mart():
    from pipelines.definitions import defs

    graph = defs.resolve_asset_graph()
    materializable = {k.to_user_string() for k in graph.materializable_asset_keys}
    assert materializable == EXPECTED_ASSETS
    staging = graph.get(dg.AssetKey(["staging", "stg_anggaran__rekap5"]))
    assert dg.AssetKey(["raw", "anggaran_rekap5"]) in staging.parent_keys
    checks = {(c.asset_key.to_user_string(), c.name) for c in graph.asset_check_keys}
    # each suite's check hangs on the raw asset whose rows it judges; none on the flags
    assert {("raw/anggaran_rekap5", "gx_anggaran"), ("raw/rfk_laporan", "gx_rfk"),
            ("raw/rfk_laporan", "gx_keandalan_rfk"), ("raw/realisasi_dokumen", "gx_realisasi_dokumen"),
            ("raw/sp2d_register", "gx_keandalan_sp2d")} <= checks
    assert not any(asset == "quality/flags" for asset, _ in checks)
    flags = graph.get(dg.AssetKey(["quality", "flags"]))
    # The suites read the raw tables; the models after them read the flags.
    assert dg.AssetKey(["raw", "anggaran_rekap5"]) in flags.parent_keys
    assert not any(key.path[0] == "staging" for key in flags.parent_keys)
    lines = graph.get(dg.AssetKey(["intermediate", "int_anggaran__baris"]))
    assert dg.AssetKey(["quality", "flags"]) in lines.parent_keys
    assert ("marts/fct_anggaran", "unique_combination_fct_anggaran_baris_id__kode_versi") in checks
    build_job = defs.resolve_job_def("build")
    build = {k.to_user_string() for k in build_job.asset_layer.selected_asset_keys}
    monthly_job, land_job = defs.resolve_job_def("land_monthly"), defs.resolve_job_def("land")
    monthly = {k.to_user_string() for k in monthly_job.asset_layer.selected_asset_keys}
    land = {k.to_user_string() for k in land_job.asset_layer.selected_asset_keys}
    # the build run reports every suite's check, after its quality step; the landing none
    gx_checks = {check for check in checks if check[1].startswith("gx_")}
    assert len(gx_checks) == len(list(EXPECTATIONS_DIR.glob("*.json")))
    assert gx_checks <= {(c.asset_key.to_user_string(), c.name) for c in
                         build_job.asset_layer.asset_graph.asset_check_keys}
    assert not monthly_job.asset_layer.asset_graph.asset_check_keys
    assert not land_job.asset_layer.asset_graph.asset_check_keys
    inbox = {k.to_user_string() for k in defs.resolve_job_def("inbox").asset_layer.selected_asset_keys}
    assert (inbox, monthly, land, build) == (
        {"raw/files"}, MONTHLY_RAW, OTHER_RAW,
        EXPECTED_ASSETS - MONTHLY_RAW - OTHER_RAW - {"raw/files"})
    # the build is the pemda's: its checks and models partitioned by pemda, as its job
    assert build_job.partitions_def.name == "pemda"
    assert graph.get(dg.AssetKey(["quality", "flags"])).partitions_def.name == "pemda"
    assert graph.get(dg.AssetKey(["marts", "fct_anggaran"])).partitions_def.name == "pemda"
    # the manifest the inbox run writes is the source dbt's staging reads
    assert dg.AssetKey(["raw", "files"]) in graph.get(
        dg.AssetKey(["staging", "stg_inbox__files"])).parent_keys
    assert monthly_job.partitions_def.get_partition_keys()[0] == "2025-01"
    for key in MONTHLY_RAW:
        assert graph.get(dg.AssetKey(key.split("/"))).partitions_def is not None


def test_month_partitions_begin_at_the_first_month_of_data(sample_year, monkeypatch):
    """No month before the sample's first file is a partition: the Dagster UI would show
    it as missing though no file of it ever existed."""
    from pipelines.config import settings
    from pipelines.definitions import defs
    from pipelines.inbox import read_meta
    from pipelines.sources import SOURCES

    months = {read_meta(path).periode for source, paths in sample_year.files.items()
              if SOURCES[source].monthly for path in paths}
    first = min(months)
    keys = defs.resolve_job_def("land_monthly").partitions_def.get_partition_keys()
    assert (keys[0], settings().first_month) == (first, first) == ("2025-01", "2025-01")
    assert "2024-12" not in keys and set(months) <= set(keys)
    graph = defs.resolve_asset_graph()
    for key in MONTHLY_RAW:
        assert graph.get(dg.AssetKey(key.split("/"))).partitions_def.get_first_partition_key() \
            == first
    # A pemda's own first month, and a setting that is no month, refused by name.
    monkeypatch.setenv("SERAPAN_FIRST_MONTH", "2026-01")
    assert settings().first_month == "2026-01"
    monkeypatch.setenv("SERAPAN_FIRST_MONTH", "Januari 2026")
    with pytest.raises(ValueError, match="SERAPAN_FIRST_MONTH='Januari 2026'"):
        settings()


def test_nightly_schedule_follows_the_pemda_time_zone(monkeypatch):
    assert nightly_schedule().execution_timezone == "Asia/Jakarta"
    assert nightly_schedule().cron_schedule == "0 1 * * *"
    monkeypatch.setenv("SERAPAN_TIMEZONE", "WITA")
    assert nightly_schedule().execution_timezone == "Asia/Makassar"
    monkeypatch.setenv("SERAPAN_TIMEZONE", "wit")
    monkeypatch.setenv("SERAPAN_NIGHTLY_HOUR", "2")
    schedule = nightly_schedule()
    assert (schedule.execution_timezone, schedule.cron_schedule) == ("Asia/Jayapura", "0 2 * * *")


def _inbox_run(instance, inbox, **tags) -> dict:
    """The inbox run the sensor or the schedule requests, in `instance`: its
    materialization's metadata."""
    from pipelines.landing.assets import inbox_asset
    from pipelines.resources import InboxResource, WarehouseResource

    result = dg.materialize([inbox_asset()], instance=instance, tags=tags,
                            resources={"warehouse": WarehouseResource.from_environment(),
                                       "inbox": InboxResource(path=str(inbox))})
    [materialization] = result.asset_materializations_for_node("raw__files")
    return {name: value.value for name, value in materialization.metadata.items()}


def _landing_tick(instance) -> tuple[list[dg.RunRequest], str | None]:
    """What the landing sensor requests after the inbox runs in `instance`, and why not."""
    from pipelines.schedules import landing_sensor

    tick = landing_sensor.evaluate_tick(dg.build_sensor_context(instance=instance))
    return tick.run_requests or [], tick.skip_message


def test_inbox_sensor_requests_runs_only_when_files_arrive(tmp_path, warehouse):
    """A tick reads the inbox's listing and requests the inbox run; that run's
    materialization says which months are new, and the landing sensor requests them."""
    from pipelines.landing.assets import COMMAND_TAG
    from pipelines.resources import InboxResource
    from pipelines.schedules import inbox_listing

    resources = {"inbox": InboxResource(path=str(tmp_path))}
    cursor = inbox_listing(tmp_path)  # an empty inbox is a state too
    assert isinstance(inbox_sensor(dg.build_sensor_context(cursor=cursor, resources=resources)),
                      dg.SkipReason)

    budget = write_rekap5(tmp_path / "anggaran" / "rekap5.xlsx", [budget_row(1)])
    write_meta(budget, FileMeta("anggaran", "99.05", 2025, "murni", date(2025, 1, 2)))
    for month in ("2025-02", "2025-03"):
        report = tmp_path / "rfk" / f"rfk-{month}.xlsx"
        report.parent.mkdir(exist_ok=True)
        report.write_bytes(b"not read: the sidecar names the month")
        write_meta(report, FileMeta("rfk", "99.05", 2025, periode=month, kode_opd="1.02"))
    request = inbox_sensor(dg.build_sensor_context(cursor=cursor, resources=resources))
    assert isinstance(request, dg.RunRequest) and request.run_key == inbox_listing(tmp_path)

    instance = dg.DagsterInstance.ephemeral()
    plan = _inbox_run(instance, tmp_path)
    assert (plan["months"], plan["sources_new"]) == (["2025-02", "2025-03"], ["anggaran"])
    requests, _ = _landing_tick(instance)
    # The new months land in one run over their range, then the rest.
    assert [(r.job_name, r.partition_key) for r in requests] == [
        ("land_monthly", None), ("land", None)]
    assert requests[0].tags.items() >= {"dagster/asset_partition_range_start": "2025-02",
                                        "dagster/asset_partition_range_end": "2025-03",
                                        "serapan/host": socket.gethostname()}.items()
    # An inbox run `serapan run` executed lands what it found itself: nothing requested.
    _inbox_run(instance, tmp_path, **{COMMAND_TAG: "run"})
    assert _landing_tick(instance) == ([], "`serapan run` memuat sendiri / lands what it "
                                           "planned itself")


def test_an_inbox_with_nothing_new_asks_for_no_run(tmp_path, warehouse):
    """`serapan dev` on a new Dagster instance (its sensor has no cursor yet), after
    `serapan run` did the night: the inbox run finds nothing new, so nothing lands; the
    night's tick lands and builds what is due all the same."""
    from pipelines.landing.assets import NIGHT_TAG

    instance = dg.DagsterInstance.ephemeral()
    assert (_inbox_run(instance, tmp_path)["months"], _landing_tick(instance)) == (
        [], ([], "Tidak ada file baru / nothing new in the inbox"))
    _inbox_run(instance, tmp_path, **{NIGHT_TAG: "2025-05-02"})
    requests, _ = _landing_tick(instance)
    assert [r.job_name for r in requests] == ["land"]


def _daemons_context(instance, resources, cursor) -> dg.SensorEvaluationContext:
    """A sensor's context as the daemon gives it, with a reference to its instance:
    build_sensor_context has none, and without one Dagster cannot check a run request's
    pemda partition (one the same tick adds among them)."""
    from pipelines.definitions import defs

    return dg.SensorEvaluationContext(
        instance_ref=instance.get_ref(), cursor=cursor, instance=instance,
        repository_def=defs.get_repository_def(), resources=resources)


def test_the_build_sensor_requests_the_due_pemda_after_a_land_run(nightly_run, warehouse):
    """After the session's night (its `land` run succeeded, then its build): the first
    tick of a build sensor requests the build of a pemda whose file landed since, tagged
    with what it is planned through, and adds a pemda never seen to the partitions; the
    next tick, with no new land run, requests nothing."""
    from pipelines.resources import WarehouseResource
    from pipelines.schedules import build_sensor

    resources = {"warehouse": WarehouseResource.from_environment()}
    [(file_id,)] = warehouse.query("""
        insert into raw.files (sha256, source, kode_pemda, original_name, archive_path, meta,
                               status, error)
        values ('test-build-sensor', 'sp2d', '99.97', 'baru.csv', '-', '{}', 'quarantined',
                'test') returning file_id""")
    try:
        with dg.DagsterInstance.get() as instance:
            with _daemons_context(instance, resources, None) as first:
                result = build_sensor.evaluate_tick(first)
            with _daemons_context(instance, resources, result.cursor) as second:
                again = build_sensor.evaluate_tick(second)
    finally:
        warehouse.execute("delete from raw.files where file_id = %s", (file_id,))
    [added] = result.dynamic_partitions_requests
    assert added.partitions_def_name == "pemda" and "99.97" in added.partition_keys
    [request] = [r for r in result.run_requests if r.partition_key == "99.97"
                 or r.tags.get("dagster/asset_partition_range_end") == "99.97"]
    assert request.job_name == "build"
    assert int(request.tags["serapan/sampai_file_id"]) >= file_id
    assert (again.run_requests or [], again.skip_message) == (
        [], "Tidak ada run land baru / no new land run")


def test_a_corrected_sidecar_wakes_the_inbox_sensor(tmp_path):
    """A quarantined file lands again once its sidecar is corrected: the sensor notices."""
    from pipelines.resources import InboxResource
    from pipelines.schedules import inbox_listing

    resources = {"inbox": InboxResource(path=str(tmp_path))}
    budget = write_rekap5(tmp_path / "anggaran" / "rekap5.xlsx", [budget_row(1, pagu=505)])
    write_meta(budget, FileMeta("anggaran", "99.05", 2025, "murni", date(2025, 1, 2)))
    cursor = inbox_listing(tmp_path)
    assert isinstance(inbox_sensor(dg.build_sensor_context(cursor=cursor, resources=resources)),
                      dg.SkipReason)
    write_meta(budget, FileMeta("anggaran", "99.05", 2025, "pergeseran_1", date(2025, 3, 2)))
    assert isinstance(inbox_sensor(dg.build_sensor_context(cursor=cursor, resources=resources)),
                      dg.RunRequest)


def test_the_nightly_tick_only_requests_a_run_which_quarantines(tmp_path, warehouse):
    """The schedule's tick requests the night's inbox run and writes nothing; the run
    quarantines a monthly file of no telling month, with the reason, and the landing
    sensor requests the night's land run though nothing else is new."""
    from pipelines.definitions import defs
    from pipelines.landing.assets import NIGHT_TAG

    report = tmp_path / "rfk" / "rfk-bulan-salah.xlsx"
    report.parent.mkdir()
    report.write_bytes(b"not read: its sidecar is refused first")
    (tmp_path / "rfk" / "rfk-bulan-salah.xlsx.meta.json").write_text(
        '{"source": "rfk", "kode_pemda": "99.05", "periode": "Maret 2025"}')
    schedule = defs.get_schedule_def("nightly_schedule")
    context = dg.build_schedule_context(repository_def=defs.get_repository_def(),
                                        scheduled_execution_time=datetime(2025, 5, 2, 1))
    [request] = schedule.evaluate_tick(context).run_requests
    assert (schedule.job_name, request.run_key) == ("inbox", "malam-2025-05-02")
    assert request.tags[NIGHT_TAG] == "2025-05-02"
    recorded = "select status, error from raw.files where original_name = 'rfk-bulan-salah.xlsx'"
    assert warehouse.query(recorded) == []  # the tick wrote nothing

    instance = dg.DagsterInstance.ephemeral()
    plan = _inbox_run(instance, tmp_path, **request.tags)
    [(status, error)] = warehouse.query(recorded)
    assert status == "quarantined" and "periode 'Maret 2025' harus YYYY-MM" in error
    assert (plan["files_quarantined"], plan["quarantine_reasons"], plan["months"]) == (
        1, [error], [])
    [land], _ = _landing_tick(instance)
    assert land.job_name == "land"
