"""When work runs: every night in the pemda's time zone, and when files arrive.

A tick only requests runs; every read of the inbox beyond a listing, and every write,
happens in a run, as a recorded materialization. The nightly schedule and the inbox
sensor (when the inbox's listing changed) request an `inbox` run: the `raw/files` asset
plans the inbox (which months have new monthly files) and lands or quarantines the
monthly files no month partition takes. The landing sensor reads that materialization
and requests one `land_monthly` run over the months with new files (one partition, or the
range from the first to the last), then one `nightly` run for everything else (budget,
SP2D, checks, dbt). With one run at a time (dagster.yaml), the queue keeps that order.
"""
import hashlib
from pathlib import Path

import dagster as dg

from pipelines.config import settings
from pipelines.inbox import pending_files, sidecar_path
from pipelines.interrupted_runs import host_tags
from pipelines.landing.assets import INBOX_KEY, NIGHT_TAG, Planned
from pipelines.partitions import monthly_partitions
from pipelines.resources import InboxResource
from pipelines.sources import SOURCES

# The run tags that make one run of a partition range (the single-run backfill of
# Dagster's docs); Dagster exports their names from a private module only, so they are
# written here, and tests/test_dagster_contracts.py shows Dagster reads them as the range.
PARTITION_RANGE_START_TAG = "dagster/asset_partition_range_start"
PARTITION_RANGE_END_TAG = "dagster/asset_partition_range_end"

MONTHLY_RAW = dg.AssetSelection.assets(
    *(dg.AssetKey(source.raw_table.split(".")) for source in SOURCES.values() if source.monthly)
)

land_monthly_job = dg.define_asset_job(
    "land_monthly",
    # the suites' checks on these assets report the quality step's verdicts: the nightly
    # run's, after its quality step
    selection=MONTHLY_RAW.without_checks(),
    partitions_def=monthly_partitions,
    description="Muat laporan bulanan satu bulan / land one month of the monthly sources.",
)

inbox_job = dg.define_asset_job(
    "inbox",
    selection=dg.AssetSelection.assets(INBOX_KEY),
    description="Periksa inbox: bulan mana berisi file baru; karantina file tanpa bulan / "
    "plan the inbox: which months have new files; quarantine files of no telling month.",
)

nightly_job = dg.define_asset_job(
    "nightly",
    selection=(dg.AssetSelection.all() - MONTHLY_RAW - dg.AssetSelection.assets(INBOX_KEY))
    | dg.AssetSelection.all_asset_checks(),
    description="Muat file baru, periksa, bangun mart / load new files, check, build marts.",
)


def month_span(months: list[str]) -> dict:
    """The run arguments that select these months of `land_monthly`: a partition key for
    one month, the range from first to last (one run, BackfillPolicy.single_run) for more;
    and the machine's name (pipelines/interrupted_runs.py)."""
    if len(months) == 1:
        return {"partition_key": months[0], "tags": host_tags()}
    return {"tags": {PARTITION_RANGE_START_TAG: months[0],
                     PARTITION_RANGE_END_TAG: months[-1], **host_tags()}}


def run_requests(months: list[str], run_key: str) -> list[dg.RunRequest]:
    """One `land_monthly` run over `months` (if any), then one `nightly` run."""
    requests = []
    if months:
        span = f"{months[0]}..{months[-1]}"
        requests.append(dg.RunRequest(run_key=f"{run_key}:{span}", job_name=land_monthly_job.name,
                                      **month_span(months)))
    requests.append(dg.RunRequest(run_key=f"{run_key}:nightly", job_name=nightly_job.name,
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


@dg.asset_sensor(asset_key=INBOX_KEY, jobs=[land_monthly_job, nightly_job],
                 name="landing_sensor", minimum_interval_seconds=30,
                 default_status=dg.DefaultSensorStatus.RUNNING,
                 description="Setelah run inbox: satu run per bulan berisi file baru, lalu "
                 "nightly / after an inbox run: the months with new files, then nightly.")
def landing_sensor(context: dg.SensorEvaluationContext, asset_event: dg.EventLogEntry):
    plan = Planned.of(asset_event.asset_materialization.metadata)
    if plan.command:
        return dg.SkipReason(f"`serapan {plan.command}` memuat sendiri / lands what it "
                             "planned itself")
    if not plan.night and not plan.months and not plan.sources_new and plan.caught_up:
        # An inbox whose listing changed with nothing new in it (files that came and
        # went, a first tick of a new Dagster instance after `serapan run` did the
        # night): a nightly run now would redo the last night for nothing.
        return dg.SkipReason("Tidak ada file baru; malam terakhir sudah memproses semuanya "
                             "/ nothing new since the last night")
    return run_requests(plan.months, asset_event.run_id)
