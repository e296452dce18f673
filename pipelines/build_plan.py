"""Which pemda a night builds (its quality step and dbt models, a `build` run per pemda
partition, or per range of them), as Dagster's records tell.

A `build` run is tagged, when it is planned, with the newest `raw.files` row and the
newest `meta.pemda_to_redo` row (a build launched by hand, or a backfill of the whole
build in the UI, when its quality step begins): once it succeeds, its pemda are built
through them. A
pemda is due again when a file of its landed after those (a row of raw.files, whatever
became of the file), when something asked for it without a file (a file withdrawn, a
verifier's verdict: meta.pemda_to_redo), or when no build of it succeeded yet. Every
pemda is due, and dbt rebuilds every table in full, when the code deciding their result
changed: the code version of the quality step or of a dbt model differs from its latest
materialization's (pipelines/dbt.py, pipelines/quality/assets.py). Every rule compares
rows within one pemda and every model keeps pemda apart, so one new SP2D day of one pemda
asks for that pemda's build alone, whatever the province or the country holds.

A pemda becomes a partition when the planner first sees a file of it: `new_pemda`, which
the sensor (a dynamic partitions request) and `serapan run` add before their runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import dagster as dg

from pipelines.partitions import PEMDA_TAG, pemda_partitions
from pipelines.warehouse import Warehouse

BUILD_JOB = "build"
# On every run that builds the whole of the build job's assets for its pemda, with the
# two below: the planner reads back those runs.
BUILD_TAG = "serapan/bangun"
THROUGH_FILE_TAG = "serapan/sampai_file_id"
THROUGH_REDO_TAG = "serapan/sampai_redo_id"
# Asked for on a run (`serapan run --full-refresh`, or by hand in the launchpad): dbt
# rebuilds every table in full whatever the code versions say.
FULL_REFRESH_TAG = "serapan/full_refresh"
# How many successful build runs the planner reads back, newest first, to find each
# pemda's last: a pemda not built within them is built again.
RUNS_READ_BACK = 1000


@dataclass(frozen=True)
class BuildPlan:
    pemda: list[str]  # due, in the partitions' order
    new_pemda: list[str]  # with files, not yet partitions: to add before the runs
    everything: bool  # the code changed (or a full refresh was asked): every pemda in full
    through_file_id: int  # the newest raw.files row when planned
    through_redo_id: int  # the newest meta.pemda_to_redo row then
    spans: list[list[str]]  # `pemda` as runs: each consecutive in the partitions' order

    def describe(self) -> str:
        if not self.pemda:
            return "tidak ada yang berubah / nothing changed"
        if self.everything:
            return f"semua pemda / every pemda ({len(self.pemda)})"
        return ", ".join(self.pemda)

    def run_tags(self, span: list[str]) -> dict[str, str]:
        """The tags of the build run of `span` (one of `spans`), besides those selecting
        its partitions (schedules.span_arguments)."""
        tags = {BUILD_TAG: "ya", THROUGH_FILE_TAG: str(self.through_file_id),
                THROUGH_REDO_TAG: str(self.through_redo_id)}
        if len(span) == 1:
            tags[PEMDA_TAG] = span[0]
        if self.everything:
            tags[FULL_REFRESH_TAG] = "true"
        return tags


def plan_build(instance: dg.DagsterInstance, warehouse: Warehouse,
               code_versions: Mapping[dg.AssetKey, str | None],
               full_refresh: bool = False) -> BuildPlan:
    """The pemda due now (module docstring). `code_versions`: the build's assets' code
    versions as the definitions give them now."""
    [(through_file, through_redo)] = warehouse.query(NEWEST)
    newest = dict(warehouse.query(
        "select kode_pemda, max(file_id) from raw.files where kode_pemda is not null "
        "group by kode_pemda"))
    asked = dict(warehouse.query(
        "select kode_pemda, max(redo_id) from meta.pemda_to_redo group by kode_pemda"))
    known = pemda_partitions.get_partition_keys(dynamic_partitions_store=instance)
    new_pemda = sorted((set(newest) | set(asked)) - set(known))
    every = list(known) + new_pemda
    everything = full_refresh or code_changed(instance, code_versions)
    if everything:
        due = every
    else:
        built = built_through(instance, every)
        due = [kode for kode in every if kode not in built
               or newest.get(kode, 0) > built[kode][0] or asked.get(kode, 0) > built[kode][1]]
    return BuildPlan(pemda=due, new_pemda=new_pemda, everything=everything,
                     through_file_id=through_file, through_redo_id=through_redo,
                     spans=consecutive(due, every))


NEWEST = ("select (select coalesce(max(file_id), 0) from raw.files), "
          "(select coalesce(max(redo_id), 0) from meta.pemda_to_redo)")


def tag_a_build_launched_by_hand(context: dg.AssetExecutionContext,
                                 warehouse: Warehouse) -> None:
    """A run of the whole build that no plan tagged (launched in the UI: the build job
    for some pemda, a backfill of its assets) is tagged now, at its quality step's start,
    with what has landed: once it succeeds, the planner counts it as it counts its own."""
    run = context.run
    if BUILD_TAG in run.tags:
        return
    from pipelines.definitions import defs  # loaded already: the run's code location

    build = defs.resolve_job_def(BUILD_JOB).asset_layer.selected_asset_keys
    selected = run.asset_selection  # none or empty: the whole job
    whole = build <= set(selected) if selected else run.job_name == BUILD_JOB
    if whole:
        [(through_file, through_redo)] = warehouse.query(NEWEST)
        context.instance.add_run_tags(context.run_id, {
            BUILD_TAG: "ya", THROUGH_FILE_TAG: str(through_file),
            THROUGH_REDO_TAG: str(through_redo)})


def build_code_versions(job: dg.JobDefinition) -> dict[dg.AssetKey, str]:
    """The code versions of the assets a build job materializes that have one (the quality
    step and the dbt models; not the alerts, which decide nothing the marts hold)."""
    graph = job.asset_layer.asset_graph
    return {key: graph.get(key).code_version for key in job.asset_layer.selected_asset_keys
            if graph.get(key).code_version is not None}


def code_changed(instance: dg.DagsterInstance,
                 code_versions: Mapping[dg.AssetKey, str | None]) -> bool:
    """Whether an asset's code version differs from that of its latest materialization
    (or it has none yet)."""
    latest = instance.get_latest_materialization_code_versions(list(code_versions))
    return any(latest.get(key) != version for key, version in code_versions.items())


def built_through(instance: dg.DagsterInstance, pemda: Iterable[str]
                  ) -> dict[str, tuple[int, int]]:
    """Per pemda, the raw.files and meta.pemda_to_redo rows its last successful build
    run was planned through."""
    wanted, found = set(pemda), {}
    records = instance.get_run_records(
        dg.RunsFilter(tags={BUILD_TAG: "ya"}, statuses=[dg.DagsterRunStatus.SUCCESS]),
        limit=RUNS_READ_BACK)
    for record in records:  # newest first
        tags = record.dagster_run.tags
        through = (int(tags[THROUGH_FILE_TAG]), int(tags[THROUGH_REDO_TAG]))
        for kode in run_pemda(instance, tags):
            if kode in wanted and kode not in found:
                found[kode] = through
        if len(found) == len(wanted):
            break
    return found


def run_pemda(instance: dg.DagsterInstance, tags: Mapping[str, str]) -> list[str]:
    """The pemda partitions a run covers, by its tags."""
    from pipelines.partitions import (PARTITION_RANGE_END_TAG, PARTITION_RANGE_START_TAG,
                                      PARTITION_TAG)

    if PARTITION_TAG in tags:
        return [tags[PARTITION_TAG]]
    if PARTITION_RANGE_START_TAG in tags:
        keys = list(pemda_partitions.get_partition_keys(dynamic_partitions_store=instance))
        start, end = tags[PARTITION_RANGE_START_TAG], tags[PARTITION_RANGE_END_TAG]
        if start in keys and end in keys:
            return keys[keys.index(start):keys.index(end) + 1]
    return []


def consecutive(due: list[str], every: list[str]) -> list[list[str]]:
    """`due` cut into runs of pemda consecutive in `every` (the partitions' order): a
    range is one run, and a run of a range builds every pemda in it."""
    position = {kode: index for index, kode in enumerate(every)}
    spans: list[list[str]] = []
    for kode in sorted(due, key=position.__getitem__):
        if spans and position[spans[-1][-1]] == position[kode] - 1:
            spans[-1].append(kode)
        else:
            spans.append([kode])
    return spans

