"""When work runs: every night in the pemda's time zone, and when files arrive.

Monthly sources land in month partitions, so a night is one `land_monthly` run over the
months with new files (one partition, or the range from the first to the last), then
one `nightly` run for everything else (budget, SP2D, checks, dbt). With one run at a
time (dagster.yaml), the queue keeps that order.
"""

from __future__ import annotations

import hashlib

import dagster as dg

from pipelines.config import settings
from pipelines.inbox import pending_files, sidecar_path
from pipelines.interrupted_runs import host_tags
from pipelines.landing.load import IngestOutcome, ingest_inbox
from pipelines.landing.plan import InboxPlan, plan_inbox
from pipelines.partitions import monthly_partitions
from pipelines.sources import SOURCES
from pipelines.warehouse import current

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
    selection=MONTHLY_RAW,
    partitions_def=monthly_partitions,
    description="Muat laporan bulanan satu bulan / land one month of the monthly sources.",
)

nightly_job = dg.define_asset_job(
    "nightly",
    selection=dg.AssetSelection.all() - MONTHLY_RAW,
    description="Muat file baru, periksa, bangun mart / load new files, check, build marts.",
)


def plan_and_triage() -> tuple[InboxPlan, list[IngestOutcome]]:
    """Plan the inbox; files of no telling month are quarantined now, with the reason."""
    warehouse = current()
    plan = plan_inbox(warehouse, settings().inbox)
    return plan, ingest_inbox(warehouse, plan.undated)


def month_span(months: list[str]) -> dict:
    """The run arguments that select these months of `land_monthly`: a partition key for
    one month, the range from first to last (one run, BackfillPolicy.single_run) for more;
    and the machine's name (pipelines/interrupted_runs.py)."""
    if len(months) == 1:
        return {"partition_key": months[0], "tags": host_tags()}
    return {"tags": {PARTITION_RANGE_START_TAG: months[0],
                     PARTITION_RANGE_END_TAG: months[-1], **host_tags()}}


def run_requests(plan: InboxPlan, run_key: str) -> list[dg.RunRequest]:
    requests = []
    if plan.months:
        span = f"{plan.months[0]}..{plan.months[-1]}"
        requests.append(dg.RunRequest(run_key=f"{run_key}:{span}", job_name=land_monthly_job.name,
                                      **month_span(plan.months)))
    requests.append(dg.RunRequest(run_key=f"{run_key}:nightly", job_name=nightly_job.name,
                                  tags=host_tags()))
    return requests


def nightly_schedule() -> dg.ScheduleDefinition:
    s = settings()

    @dg.schedule(
        name="nightly_schedule",
        cron_schedule=f"0 {s.nightly_hour} * * *",
        execution_timezone=s.timezone,
        target=dg.AssetSelection.all(),
        default_status=dg.DefaultScheduleStatus.RUNNING,
        description=f"Setiap malam pukul {s.nightly_hour:02d}:00 {s.timezone_code}: "
        "satu run per bulan berisi file baru, lalu job nightly.",
    )
    def nightly(context: dg.ScheduleEvaluationContext):
        plan, _ = plan_and_triage()
        tick = context.scheduled_execution_time.strftime("%Y-%m-%d")
        graph = context.repository_def.asset_graph
        for request in run_requests(plan, f"malam-{tick}"):
            yield _as_asset_request(request, graph)

    return nightly


def _as_asset_request(request: dg.RunRequest, graph) -> dg.RunRequest:
    # A schedule targets assets, not named jobs: say which assets each run covers.
    monthly = request.job_name == land_monthly_job.name
    selection = MONTHLY_RAW if monthly else dg.AssetSelection.all() - MONTHLY_RAW
    return dg.RunRequest(run_key=request.run_key, partition_key=request.partition_key,
                         tags=request.tags, asset_selection=list(selection.resolve(graph)))


def inbox_fingerprint() -> str:
    """Changes whenever a file in the inbox, or its sidecar (a quarantined file is tried
    again when its sidecar is corrected), is added, replaced or touched."""
    inbox = settings().inbox
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


@dg.sensor(jobs=[land_monthly_job, nightly_job], minimum_interval_seconds=60,
           default_status=dg.DefaultSensorStatus.RUNNING,
           description="Menjalankan job saat ada file baru di inbox / runs when files arrive.")
def inbox_sensor(context: dg.SensorEvaluationContext):
    fingerprint = inbox_fingerprint()
    if fingerprint == context.cursor:
        return dg.SkipReason("Tidak ada file baru / no new files")
    context.update_cursor(fingerprint)
    plan, _ = plan_and_triage()
    return run_requests(plan, fingerprint)
