"""`serapan ingest`: files put in the inbox by hand land in a Dagster run of their source's
asset, recorded in Dagster's event log as every landing is (the UI shows it among the
asset's materializations), not by a loader called beside Dagster.

The run is the one a tick would request, of that source's asset only: for a monthly
source, over the months the files report (one run, as `land_monthly`), or the `inbox`
run for a file of no telling month (it quarantines it, with the reason) or of a month
before the first; for the others, the source's asset. It runs in this process, on the
Dagster instance `serapan run` and `serapan dev` use.

`serapan retry` lands quarantined files again in the same runs, their config naming the
files (pipelines/landing/retry.py): the run lands those, and only those.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipelines.config import settings
from pipelines.landing.archive import sha256_of
from pipelines.landing.plan import month_partition
from pipelines.sources import SOURCES
from pipelines.warehouse import Warehouse


@dataclass(frozen=True)
class Landed:
    """What became of a file put in the inbox, as raw.files says after the run."""

    path: Path
    status: str  # loaded, quarantined, duplicate (in before the run), failed (not recorded)
    file_id: int | None = None
    kode_pemda: str | None = None
    original_name: str | None = None
    rows: int = 0
    error: str | None = None


def land_in_runs(warehouse: Warehouse, source_name: str, paths: list[Path],
                 retry: bool = False) -> list[Landed]:
    """Land `paths` (in the inbox folder of `source_name`) in Dagster runs, again though
    quarantined and unchanged with `retry`; what became of each. A file the warehouse
    failed on (a dropped connection) is left unrecorded: 'failed', with what the run
    said."""
    import dagster as dg

    from pipelines.definitions import defs
    from pipelines.interrupted_runs import host_tags
    from pipelines.landing.assets import COMMAND_TAG, INBOX_KEY, raw_asset, raw_asset_key
    from pipelines.landing.retry import config_naming
    from pipelines.nightly import QUIET
    from pipelines.resources import InboxResource, WarehouseResource
    from pipelines.schedules import LANDING, month_span

    source, inbox = SOURCES[source_name], settings().inbox
    # The source's asset alone, without the suites' checks (they report the nightly
    # quality step's verdicts): dg.materialize, as a job's asset subset would take them.
    resources = {"warehouse": WarehouseResource.from_environment(),
                 "inbox": InboxResource.from_environment()}

    def config(key: dg.AssetKey, landed: list[Path]) -> dict:
        """QUIET, and with `retry` the files named for the asset's step to land again."""
        names = [path.relative_to(inbox).as_posix() for path in landed]
        return {**QUIET, **(config_naming(key.to_python_identifier(), names) if retry else {})}

    def land(instance, landed: list[Path], tags: dict, **arguments):
        # a landing as the landing jobs' runs are: tagged for the run queue's limit
        return dg.materialize([raw_asset(source)], instance=instance, resources=resources,
                              raise_on_error=False, run_config=config(raw_asset_key(source),
                                                                      landed),
                              tags={**tags, **LANDING}, **arguments)

    [(before,)] = warehouse.query("select coalesce(max(file_id), 0) from raw.files")
    problems: list[str] = []
    with dg.DagsterInstance.get() as instance:
        results = []
        if source.monthly:
            month_of = {path: month_partition(source, path, settings().first_month)
                        for path in paths}
            months = sorted({month for month in month_of.values() if month})
            if months:
                results.append(land(instance, [path for path in paths if month_of[path]],
                                    **month_span(months)))
            undated = [path for path in paths if month_of[path] is None]
            if undated:  # the inbox run lands or quarantines those
                results.append(defs.resolve_job_def("inbox").execute_in_process(
                    instance=instance, raise_on_error=False, run_config=config(INBOX_KEY, undated),
                    tags={COMMAND_TAG: "retry" if retry else "ingest", **host_tags()}))
        else:
            results.append(land(instance, paths, tags=host_tags()))
        for result in results:
            problems += _problems(result)
    return [_landed(warehouse, source_name, path, before, problems, retry) for path in paths]


def _problems(result) -> list[str]:
    """A run's failed steps, and the files the warehouse failed on, as the run says."""
    from pipelines.nightly import failure_reason

    problems = []
    for event in result.all_events:
        if event.is_step_failure:
            problems.append(failure_reason(event.step_failure_data.error))
        elif event.is_step_materialization:
            metadata = event.step_materialization_data.materialization.metadata
            if "failure_reasons" in metadata:
                problems += metadata["failure_reasons"].value
    return problems


def _landed(warehouse: Warehouse, source: str, path: Path, before: int,
            problems: list[str], retry: bool) -> Landed:
    rows = warehouse.query("""
        select file_id, status, error, rows_loaded, kode_pemda, original_name from raw.files
        where sha256 = %s and source = %s and status not in ('retried', 'withdrawn')""",
                           (sha256_of(path), source))
    # A retry that recorded nothing leaves the earlier quarantine in force.
    if not rows or (retry and rows[0][0] <= before and rows[0][1] == "quarantined"):
        return Landed(path, "failed", error=f"{path.name}: tidak tercatat, tetap di inbox / "
                      f"not recorded, it stays in the inbox: {'; '.join(problems) or '?'}")
    file_id, status, error, rows_loaded, pemda, name = rows[0]
    if file_id <= before:
        status = "duplicate"
    elif status == "superseded":  # a later file of the same key, in the same run
        status = "loaded"
    return Landed(path, status, file_id, pemda, name, rows_loaded or 0, error)
