"""When work runs: every night in the pemda's time zone, and when files arrive.

A tick only requests runs; every read of the inbox beyond a listing, and every write,
happens in a run, as a recorded materialization. The nightly schedule and the inbox
sensor (when the inbox's listing changed) request an `inbox` run: the `raw/files` asset
plans the inbox (which months have new monthly files) and lands or quarantines the
monthly files no month partition takes. The landing sensor reads that materialization
and requests one `land_monthly` run over the months with new files (one partition, or the
range from the first to the last), then one `land` run for the other sources (budget,
SP2D, ...). With one run at a time (dagster.yaml), the queue keeps that order. Once a
`land` run succeeded, the build sensor requests the `build` runs (the checks and the
dbt models) of the pemda due (pipelines/build_plan.py), adding the pemda new to the
partitions.
"""
import hashlib
from pathlib import Path

import dagster as dg

from pipelines.build_plan import BUILD_JOB, build_code_versions, plan_build
from pipelines.config import settings
from pipelines.inbox import pending_files, sidecar_path
from pipelines.interrupted_runs import host_tags
from pipelines.landing.assets import INBOX_KEY, NIGHT_TAG, Planned
from pipelines.partitions import (LANDING_TAG, monthly_partitions, partition_tags,
                                  pemda_partitions)
from pipelines.resources import InboxResource, WarehouseResource
from pipelines.sources import SOURCES

MONTHLY_RAW = dg.AssetSelection.assets(
    *(dg.AssetKey(source.raw_table.split(".")) for source in SOURCES.values() if source.monthly)
)
OTHER_RAW = dg.AssetSelection.assets(
    *(dg.AssetKey(source.raw_table.split(".")) for source in SOURCES.values()
      if not source.monthly)
)
LAND_JOB = "land"
# Every run of the landing jobs carries it: the run queue runs one at a time
# (deploy/helm/values.yaml).
LANDING = {LANDING_TAG: "ya"}

land_monthly_job = dg.define_asset_job(
    "land_monthly",
    tags=LANDING,
    # the suites' checks on these assets report the quality step's verdicts: the nightly
    # run's, after its quality step
    selection=MONTHLY_RAW.without_checks(),
    partitions_def=monthly_partitions,
    description="Muat laporan bulanan satu bulan / land one month of the monthly sources.",
)

inbox_job = dg.define_asset_job(
    "inbox",
    tags=LANDING,
    selection=dg.AssetSelection.assets(INBOX_KEY),
    description="Periksa inbox: bulan mana berisi file baru; karantina file tanpa bulan / "
    "plan the inbox: which months have new files; quarantine files of no telling month.",
)

land_job = dg.define_asset_job(
    LAND_JOB,
    tags=LANDING,
    selection=OTHER_RAW.without_checks(),
    description="Muat file baru sumber tahunan dan harian (anggaran, SP2D, ...) / land the "
    "new files of the sources that are not monthly (budget, SP2D, ...).",
)

build_job = dg.define_asset_job(
    BUILD_JOB,
    selection=(dg.AssetSelection.all() - MONTHLY_RAW - OTHER_RAW
               - dg.AssetSelection.assets(INBOX_KEY)) | dg.AssetSelection.all_asset_checks(),
    partitions_def=pemda_partitions,
    description="Periksa dan bangun mart satu pemda (atau rentang pemda) / check and build "
    "the marts of one pemda (or a range of them).",
)


def month_span(months: list[str]) -> dict:
    """The run arguments that select these months of `land_monthly`: a partition key for
    one month, the range from first to last (one run, BackfillPolicy.single_run) for more;
    and the machine's name (pipelines/interrupted_runs.py)."""
    return span_arguments(months, host_tags())


def span_arguments(keys: list[str], tags: dict[str, str]) -> dict:
    """The arguments of a run (execute_in_process, RunRequest) over `keys`, consecutive
    partitions: a partition key for one, the range's tags for more."""
    selecting = partition_tags(keys)
    if len(keys) == 1:
        return {"partition_key": keys[0], "tags": tags}
    return {"tags": {**selecting, **tags}}


def landing_requests(months: list[str], run_key: str) -> list[dg.RunRequest]:
    """One `land_monthly` run over `months` (if any), then one `land` run."""
    requests = []
    if months:
        span = f"{months[0]}..{months[-1]}"
        requests.append(dg.RunRequest(run_key=f"{run_key}:{span}", job_name=land_monthly_job.name,
                                      **month_span(months)))
    requests.append(dg.RunRequest(run_key=f"{run_key}:{LAND_JOB}", job_name=land_job.name,
                                  tags=host_tags()))
    return requests


def nightly_schedule() -> dg.ScheduleDefinition:
    s = settings()

    @dg.schedule(
        name="nightly_schedule",
        cron_schedule=f"0 {s.nightly_hour} * * *",
        execution_timezone=s.timezone,
        job=inbox_job,
        default_status=dg.DefaultScheduleStatus.RUNNING,
        description=f"Setiap malam pukul {s.nightly_hour:02d}:00 {s.timezone_code}: "
        "run inbox, lalu (sensor landing) satu run per bulan berisi file baru dan job "
        "nightly / every night: the inbox run, then the months with new files and nightly.",
    )
    def nightly(context: dg.ScheduleEvaluationContext):
        tick = context.scheduled_execution_time.strftime("%Y-%m-%d")
        return dg.RunRequest(run_key=f"malam-{tick}", tags={NIGHT_TAG: tick, **host_tags()})

    return nightly


def inbox_listing(inbox: Path) -> str:
    """A digest of the inbox's listing: each data file's and sidecar's name, size and
    modification time (a quarantined file is tried again when its sidecar is corrected),
    read from the directory, not from the files' bytes. It changes whenever a file is
    added, replaced, touched or removed."""
    digest = hashlib.sha256()
    for path in pending_files(inbox):
        for entry in (path, sidecar_path(path)):
            try:
                stat = entry.stat()
            except FileNotFoundError:
                continue
            digest.update(f"{entry.relative_to(inbox)}|{stat.st_size}|{stat.st_mtime_ns}\n"
                          .encode())
    return digest.hexdigest()


@dg.sensor(job=inbox_job, minimum_interval_seconds=60,
           default_status=dg.DefaultSensorStatus.RUNNING,
           description="Meminta run inbox saat isi inbox berubah / requests the inbox run "
           "when the inbox's listing changes.")
def inbox_sensor(context: dg.SensorEvaluationContext, inbox: InboxResource):
    listing = inbox_listing(inbox.settings().inbox)
    if listing == context.cursor:
        return dg.SkipReason("Tidak ada file baru / no new files")
    context.update_cursor(listing)
    return dg.RunRequest(run_key=listing, tags=host_tags())


@dg.asset_sensor(asset_key=INBOX_KEY, jobs=[land_monthly_job, land_job],
                 name="landing_sensor", minimum_interval_seconds=30,
                 default_status=dg.DefaultSensorStatus.RUNNING,
                 description="Setelah run inbox: satu run per bulan berisi file baru, lalu "
                 "run land / after an inbox run: the months with new files, then land.")
def landing_sensor(context: dg.SensorEvaluationContext, asset_event: dg.EventLogEntry):
    plan = Planned.of(asset_event.asset_materialization.metadata)
    if plan.command:
        return dg.SkipReason(f"`serapan {plan.command}` memuat sendiri / lands what it "
                             "planned itself")
    if not plan.night and not plan.months and not plan.sources_new:
        # An inbox whose listing changed with nothing new in it (files that came and
        # went, a first tick of a new Dagster instance after `serapan run` did the
        # night). The night's tick lands and builds what is due all the same.
        return dg.SkipReason("Tidak ada file baru / nothing new in the inbox")
    return landing_requests(plan.months, asset_event.run_id)


@dg.sensor(job=build_job, name="build_sensor", minimum_interval_seconds=30,
           default_status=dg.DefaultSensorStatus.RUNNING,
           description="Setelah run land berhasil: run build untuk pemda yang perlu dibangun "
           "/ after a land run succeeded: the build runs of the pemda due.")
def build_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    [landed] = context.instance.get_run_records(
        dg.RunsFilter(job_name=LAND_JOB, statuses=[dg.DagsterRunStatus.SUCCESS]),
        limit=1) or [None]
    if landed is None or landed.dagster_run.run_id == context.cursor:
        return dg.SkipReason("Tidak ada run land baru / no new land run")
    plan = plan_build(context.instance, warehouse.get(),
                      build_code_versions(context.repository_def.get_job(BUILD_JOB)))
    context.update_cursor(landed.dagster_run.run_id)
    context.log.info(f"Pemda yang dibangun / pemda to build: {plan.describe()}")
    return dg.SensorResult(
        run_requests=[dg.RunRequest(run_key=f"{landed.dagster_run.run_id}:{span[0]}",
                                    job_name=BUILD_JOB, **span_arguments(span, {**plan.run_tags(span), **host_tags()}))
                      for span in plan.spans],
        dynamic_partitions_requests=[pemda_partitions.build_add_request(plan.new_pemda)]
        if plan.new_pemda else None)
