"""Runs whose process is gone are marked failed, so the queue moves on.

A run killed with its process (kill -9, the out-of-memory killer, a reboot) stays STARTED
in Dagster's storage: nothing is left to write its end. With one run at a time
(dagster.yaml), the daemon of `serapan dev` then keeps every later run QUEUED behind it,
for ever. Dagster's run monitoring (on in dagster.yaml) fails runs stuck starting or
cancelling, but cannot see this: it asks the run launcher whether a run's worker lives,
and neither `serapan run` (runs in its own process) nor `dagster dev`'s DefaultRunLauncher
can answer.

Every run records in its event log the pid of the process that executes it (an engine
event with `pid` metadata: "Executing steps in process", "Started process for run"), and
under `dagster dev` the pid of each step's process ("Executing step ... in subprocess").
When a run's own process is gone (or its pid was given to a later process):
- its step processes still at work are killed: orphans that would write on, beside the
  next run (their dbt stops with them, pipelines/dbt_child.py; the warehouse rolls back
  what they had not committed). Dagster's code server marks such a run failed itself
  when it sees its worker killed, and leaves them running;
- a run still in progress is marked failed.
This is done at the start of `serapan run` and `serapan dev`, and every minute while
`serapan dev` runs (interrupted_runs_sensor, given the settings by the `warehouse`
resource). Only runs of this machine are judged: those tagged with its name, or any run
when the Dagster storage is the embedded warehouse, which only this machine reaches.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
from datetime import datetime, timedelta, timezone

import dagster as dg
import psutil

from pipelines.config import Settings
from pipelines.resources import WarehouseResource

HOST_TAG = "serapan/host"
IN_PROGRESS = [dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED,
               dg.DagsterRunStatus.CANCELING]
ENDED_BY_FAILURE = [dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED]
ORPHANS_WITHIN = timedelta(days=1)  # runs ended this recently may have left step processes
CLOCK_SLACK_SECONDS = 2.0


def host_tags() -> dict[str, str]:
    """Tags of a run started on this machine."""
    return {HOST_TAG: socket.gethostname()}


def stop_interrupted_runs(instance: dg.DagsterInstance, s: Settings) -> list[str]:
    """Stop what is left of the runs of this machine whose process is gone (see above),
    the warehouse (and so Dagster's storage) where `s` says; the ids of the runs marked
    failed."""
    host = socket.gethostname()
    untagged = host if s.warehouse_url is None else None
    in_progress = instance.get_run_records(dg.RunsFilter(statuses=IN_PROGRESS))
    ended = instance.get_run_records(dg.RunsFilter(
        statuses=ENDED_BY_FAILURE, updated_after=datetime.now(timezone.utc) - ORPHANS_WITHIN))
    failed = []
    for record in [*in_progress, *ended]:
        run = record.dagster_run
        if run.tags.get(HOST_TAG, untagged) != host:
            continue
        processes = _run_processes(instance, run.run_id)
        if not processes or _alive(*processes[0]):
            continue
        for pid, seen_at in processes[1:]:
            if _alive(pid, seen_at):
                with contextlib.suppress(ProcessLookupError):  # it ended just now
                    os.kill(pid, signal.SIGKILL)
        if run.status in IN_PROGRESS:
            instance.report_run_failed(
                run, f"Proses run ini (pid {processes[0][0]}) sudah tidak ada / the process "
                "of this run is gone (kill -9, kehabisan memori / out of memory, mesin "
                "dinyalakan ulang / a restart): ditandai gagal / marked failed")
            failed.append(run.run_id)
    return failed


def _run_processes(instance: dg.DagsterInstance, run_id: str) -> list[tuple[int, float]]:
    """The processes that executed the run, the one that drives it first, each with the
    time it said so."""
    entries = instance.all_logs(run_id, of_type={dg.DagsterEventType.ENGINE_EVENT,
                                                 dg.DagsterEventType.STEP_WORKER_STARTED})
    processes: dict[int, float] = {}
    for entry in entries:
        data = entry.dagster_event.engine_event_data if entry.dagster_event else None
        if data is not None and "pid" in data.metadata:
            processes.setdefault(int(data.metadata["pid"].value), entry.timestamp)
    return list(processes.items())


def _alive(pid: int, seen_at: float) -> bool:
    """Whether that process still runs: same pid, started before it said so (not a later
    process that was given the pid), and not a zombie."""
    try:
        process = psutil.Process(pid)
        return (process.status() != psutil.STATUS_ZOMBIE
                and process.create_time() <= seen_at + CLOCK_SLACK_SECONDS)
    except psutil.NoSuchProcess:
        return False


@dg.sensor(minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING,
           description="Hentikan sisa run yang prosesnya mati dan tandai gagal, agar antrean "
           "jalan lagi / stop what is left of runs whose process died and mark them failed, "
           "so the queue moves on.")
def interrupted_runs_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    failed = stop_interrupted_runs(context.instance, warehouse.settings())
    return dg.SkipReason(f"ditandai gagal / marked failed: {', '.join(failed)}" if failed
                         else "tidak ada run terputus / no interrupted run")
