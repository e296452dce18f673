"""The nightly job, run once in process, and what it did in numbers."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from pipelines import warehouse
from pipelines.config import PROJECT_ROOT, settings
from pipelines.warehouse import Warehouse


def open_warehouse() -> Warehouse:
    """Start (or reach) the warehouse, its databases made if missing, and bring its
    schema up to date (the pending migrations), for a command that does not run the
    nightly job: none of Dagster, dbt or GX is imported (seconds each)."""
    wh = warehouse.current(start=True)
    _up_to_date(wh)
    return wh


@contextmanager
def reading_warehouse() -> Iterator[Warehouse]:
    """open_warehouse for a command that only reads: its migrations checked and its
    queries sent in one session of the warehouse (one login, as `psql -c`), and a
    server found running not asked again for its databases (warehouse.current)."""
    with warehouse.one_session(warehouse.current(start=True, ensure_databases=False)) as wh:
        _up_to_date(wh)
        yield wh


def _up_to_date(wh: Warehouse) -> None:
    from pipelines.landing.archive import make_private
    from pipelines.migrations import migrate

    make_private()
    applied = migrate(wh)
    if applied:
        import logging

        for name in applied:
            logging.getLogger(__name__).info("migrasi diterapkan / migration applied: %s",
                                             name)


def prepare() -> Warehouse:
    """The warehouse open, and what dbt, GX and dagster.yaml read set."""
    import shutil

    wh = open_warehouse()
    warehouse.export_environment(wh)
    s = settings()
    # Dagster writes beside its dagster.yaml; give it a home under .serapan holding a
    # copy of the repository's dagster.yaml, so nothing is written into the checkout.
    dagster_home = s.home / "dagster"
    dagster_home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PROJECT_ROOT / "dagster.yaml", dagster_home / "dagster.yaml")
    os.environ["DAGSTER_HOME"] = str(dagster_home)
    os.environ["SERAPAN_DAGSTER_ARTIFACTS"] = str(dagster_home / "storage")
    os.environ["SERAPAN_DAGSTER_COMPUTE_LOGS"] = str(dagster_home / "logs")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    from pipelines.dbt import ensure_manifest

    ensure_manifest()
    return wh


# Step keys by kind: raw__<table> land files (raw__files plans the inbox), quality__flags
# checks and quality_checks reports the suites on their raw assets, serapan_dbt builds.
DBT_STEP = "serapan_dbt"  # its models and seeds; the alerts asset runs after it
STEP_KINDS = {"raw__": "landing", "quality__": "quality", "quality_checks": "quality",
              DBT_STEP: "dbt"}


@dataclass
class RunSummary:
    files_seen: int = 0
    files_loaded: int = 0
    files_quarantined: int = 0
    files_refused: int = 0  # inbox entries that are not regular files: never read
    rows_loaded: int = 0
    findings_in_force: int = 0  # of every pemda, after the run
    findings_found: int = 0  # written by this run: those of the pemda it checked
    # wall time per kind of step: landing, quality (GX + flags), dbt (models and tests)
    step_seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STEP_KINDS.values(), 0.0))
    checks_failed: list[str] = field(default_factory=list)
    # files in force with rows the error flags hold back from the leadership marts
    held_back: list = field(default_factory=list)
    # the distinct assets the night's runs materialized and the asset checks they
    # evaluated, by the kind of step that did (STEP_KINDS; "lain" for the rest): the GX
    # suites in the quality step, dbt's tests in its build
    assets_materialized: dict[str, set] = field(default_factory=dict)
    checks_evaluated: dict[str, int] = field(default_factory=dict)
    pemda_checked: str = ""
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)  # what makes the exit status 1
    runs_marked_failed: list[str] = field(default_factory=list)  # earlier runs whose process died
    # files in force an error finding holds back for the most part: the run went through,
    # but leadership's figures miss most of what they say (exit status 3)
    mostly_held_back: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def models_built(self) -> int:
        """dbt's models and seeds: each is one asset of its build."""
        return len(self.assets_materialized.get("dbt", ()))

    @property
    def exit_status(self) -> int:
        """0 all well; 1 something failed (a file quarantined, a step); 3 the run went
        through but files are mostly held back from the leadership marts."""
        if self.failures:
            return 1
        return EXIT_MOSTLY_HELD_BACK if self.mostly_held_back else 0


EXIT_MOSTLY_HELD_BACK = 3


def run_nightly(full_refresh: bool = False) -> RunSummary:
    """One night: the `inbox` run, a `land_monthly` run over the months with new files, a
    `land` run, then a `build` run per span of the pemda due (pipelines/build_plan.py),
    or of every pemda in full with `full_refresh`. One at a time per warehouse
    (run_lock.py)."""
    import logging

    from pipelines.run_lock import one_run_at_a_time

    with one_run_at_a_time("run", logging.getLogger(__name__).warning):
        return _night(full_refresh)


def _night(full_refresh: bool) -> RunSummary:
    wh = prepare()
    from dagster import DagsterInstance

    from pipelines.build_plan import BUILD_JOB, build_code_versions, plan_build
    from pipelines.definitions import defs
    from pipelines.interrupted_runs import stop_interrupted_runs, host_tags
    from pipelines.landing.assets import COMMAND_TAG, Planned
    from pipelines.partitions import pemda_partitions
    from pipelines.schedules import LAND_JOB, month_span, span_arguments

    started = time.monotonic()
    summary = RunSummary()
    with DagsterInstance.get() as instance:
        # Dagster's PostgreSQL storage opens a connection per event unless told, as its
        # webserver tells it, to keep one: a thousand connections a night, each opened
        # and closed (what that cost: docs/performance.md).
        instance.optimize_for_webserver(statement_timeout=0, pool_recycle=3600,
                                        max_overflow=2)
        summary.runs_marked_failed = stop_interrupted_runs(instance, settings())

        def run(job: str, **arguments) -> "dg.ExecuteInProcessResult":
            result = defs.resolve_job_def(job).execute_in_process(
                instance=instance, raise_on_error=False, run_config=QUIET, **arguments)
            _add_run(summary, result)
            return result

        # The runs the schedule and the sensors would request, in this process (the
        # landing sensor of a `serapan dev` beside it requests none of them again).
        inbox = run("inbox", tags={COMMAND_TAG: "run", **host_tags()})
        planned = Planned.of(_materialization(inbox, "raw__files") or {})
        if planned.months:
            run("land_monthly", **month_span(planned.months))
        run(LAND_JOB, tags={COMMAND_TAG: "run", **host_tags()})
        build = plan_build(instance, wh, build_code_versions(defs.resolve_job_def(BUILD_JOB)),
                           full_refresh=full_refresh)
        if build.new_pemda:
            instance.add_dynamic_partitions(pemda_partitions.name, build.new_pemda)
        summary.pemda_checked = build.describe()
        for span in build.spans:
            run(BUILD_JOB, **span_arguments(span, {**build.run_tags(span), **host_tags()}))
    _add_held_back(summary, wh)
    [(summary.findings_in_force,)] = wh.query("select count(*) from quality.flags")
    summary.seconds = time.monotonic() - started
    return summary


def _add_held_back(summary: RunSummary, wh: Warehouse) -> None:
    """What the flags in force hold back, and which files mostly: their pemda's
    leadership marts miss most of what those files say."""
    from pipelines.quality.held_back import held_back_files
    from pipelines.reports.formatting import persen

    summary.held_back = held_back_files(wh)
    for held in summary.held_back:
        if held.mostly_held:
            summary.mostly_held_back.append(
                f"{held.original_name} (pemda {held.kode_pemda}, {held.source}): "
                f"{persen(held.share * 100, 0)} ditahan dari mart pimpinan oleh temuan error / held back "
                f"from the leadership marts by error findings ({held.rows_held} dari/of "
                f"{held.rows} baris/rows); lihat / see `serapan flags --pemda "
                f"{held.kode_pemda}`")


# The progress bars and the summary speak to the user; Dagster's own log lines stay in
# the run's event log (see `serapan dev`).
QUIET = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}


def _add_run(summary: RunSummary, result) -> None:
    from dagster import DagsterEventType

    landing_keys = {("raw", table) for table in _raw_tables()}
    counted_steps = set()
    for event in result.all_events:
        if event.event_type == DagsterEventType.ASSET_MATERIALIZATION:
            materialization = event.step_materialization_data.materialization
            key = tuple(materialization.asset_key.path)
            summary.assets_materialized.setdefault(_step_kind(event.step_key) or "lain",
                                                   set()).add(key)
            if key == ("raw", "files"):  # the inbox planned: and its entries refused
                _add_landing(summary, materialization.metadata)
                summary.files_refused += materialization.metadata["files_refused"].value
                summary.failures.extend(materialization.metadata["refused_reasons"].value)
            elif key in landing_keys:
                # A run over several months materializes each month with the same
                # figures (those of the whole step): count them once.
                if event.step_key not in counted_steps:
                    counted_steps.add(event.step_key)
                    _add_landing(summary, materialization.metadata)
            elif key == ("quality", "flags") and event.step_key not in counted_steps:
                # likewise each pemda of a run over several
                counted_steps.add(event.step_key)
                summary.findings_found += materialization.metadata["flags_found"].value
        elif event.event_type == DagsterEventType.STEP_FAILURE:
            summary.failures.append(
                f"langkah/step {event.step_key} gagal/failed: "
                f"{failure_reason(event.step_failure_data.error)}")
        elif event.event_type == DagsterEventType.STEP_SUCCESS:
            kind = _step_kind(event.step_key)
            if kind is not None:
                summary.step_seconds[kind] += event.event_specific_data.duration_ms / 1000
        elif event.event_type == DagsterEventType.ASSET_CHECK_EVALUATION:
            kind = _step_kind(event.step_key) or "lain"
            summary.checks_evaluated[kind] = summary.checks_evaluated.get(kind, 0) + 1
    for evaluation in result.get_asset_check_evaluations():
        if not evaluation.passed:
            summary.checks_failed.append(
                f"{evaluation.asset_key.to_user_string()}:{evaluation.check_name} "
                f"({evaluation.severity.value})"
            )


def _step_kind(step_key: str) -> str | None:
    return next((kind for prefix, kind in STEP_KINDS.items() if step_key.startswith(prefix)),
                None)


def _materialization(result, step: str) -> dict | None:
    """The metadata of the step's materialization in the run; None if it failed."""
    found = result.asset_materializations_for_node(step)
    return found[0].metadata if found else None


def failure_reason(error) -> str:
    """What a failed step raised, through its causes: Dagster wraps it in "Error occurred
    while executing op ...", which alone tells the data team nothing (a full disk, a
    refused connection)."""
    messages = []
    while error is not None:
        messages.append(error.message.strip())
        error = error.cause
    return " <- ".join(message for message in messages if message)


def _raw_tables() -> list[str]:
    from pipelines.sources import SOURCES

    return [source.raw_table.split(".")[1] for source in SOURCES.values()]


def _add_landing(summary: RunSummary, metadata) -> None:
    def value(name):
        return metadata[name].value if name in metadata else 0

    summary.files_seen += value("files_seen")
    summary.files_loaded += value("files_loaded")
    summary.files_quarantined += value("files_quarantined")
    summary.rows_loaded += value("rows_loaded")
    for reason in value("quarantine_reasons") or []:
        summary.failures.append(f"karantina/quarantined: {reason}")
    summary.failures.extend(value("failure_reasons") or [])
