"""When the nightly job runs: at night in the pemda's time zone, and when files arrive."""

from __future__ import annotations

import hashlib

import dagster as dg

from pipelines.config import settings
from pipelines.inbox import pending_files

nightly_job = dg.define_asset_job(
    "nightly",
    selection=dg.AssetSelection.all(),
    description="Muat file baru, periksa, bangun mart / load new files, check, build marts.",
)


def nightly_schedule() -> dg.ScheduleDefinition:
    s = settings()
    return dg.ScheduleDefinition(
        name="nightly_schedule",
        job=nightly_job,
        cron_schedule=f"0 {s.nightly_hour} * * *",
        execution_timezone=s.timezone,
        default_status=dg.DefaultScheduleStatus.RUNNING,
        description=f"Setiap malam pukul {s.nightly_hour:02d}:00 {s.timezone_code}.",
    )


def inbox_fingerprint() -> str:
    """Changes whenever a file in the inbox is added, replaced or touched."""
    inbox = settings().inbox
    digest = hashlib.sha256()
    for path in pending_files(inbox):
        stat = path.stat()
        digest.update(f"{path.relative_to(inbox)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dg.sensor(job=nightly_job, minimum_interval_seconds=60,
           default_status=dg.DefaultSensorStatus.RUNNING,
           description="Menjalankan job saat ada file baru di inbox / runs when files arrive.")
def inbox_sensor(context: dg.SensorEvaluationContext):
    fingerprint = inbox_fingerprint()
    if fingerprint == context.cursor:
        return dg.SkipReason("Tidak ada file baru / no new files")
    context.update_cursor(fingerprint)
    return dg.RunRequest(run_key=fingerprint)
