"""The quality step as a Dagster asset, quality/flags, and its verdicts as asset checks:
one per suite, on the raw asset whose rows the suite judges (checks.py).

It runs after the landing (its suites read the raw tables) and before the dbt build,
whose intermediate models and marts hold back the rows flagged as errors. Partitioned by
pemda, as the dbt build: a run checks the rows of its pemda partitions.
"""

from typing import Iterable

import dagster as dg

from pipelines import progress
from pipelines.build_plan import code_changed, run_pemda, tag_a_build_launched_by_hand
from pipelines.quality.checks import (FLAGS_KEY, check_name, check_result, suite_asset,
                                     suite_verdict)
from pipelines.partitions import pemda_partitions, run_scope
from pipelines.quality.step import quality_code_version, run_quality_step, suite_names
from pipelines.resources import WarehouseResource


def quality_flags_asset(upstream: Iterable[dg.AssetKey]) -> dg.AssetsDefinition:
    names = suite_names()

    @dg.asset(
        key=FLAGS_KEY,
        deps=list(upstream),
        group_name="quality",
        kinds={"postgres", "python"},
        partitions_def=pemda_partitions,
        backfill_policy=dg.BackfillPolicy.single_run(),
        code_version=quality_code_version(),
        description="Temuan validitas dan reliabilitas per baris (quality.flags): semua suite "
        "di expectations/ / row-level findings of every suite in expectations/.",
    )
    def flags(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
        wh = warehouse.get()
        tag_a_build_launched_by_hand(context, wh)
        pemda = run_scope(context)
        checked = ", ".join(pemda) if pemda is not None else "semua pemda / every pemda"
        context.log.info(f"Pemda yang diperiksa / pemda checked: {checked}")
        bar = progress.step("Memeriksa / checking quality", total=len(names) + 1)
        [(started,)] = wh.query("select clock_timestamp()")
        # the models the rules read are built again when what decides them changed
        rebuild = code_changed(context.instance, context.assets_def.code_versions_by_key)
        step = run_quality_step(wh, pemda=pemda, rebuild_models=rebuild,
                                data_docs_dir=warehouse.settings().quality_docs_dir,
                                on_suite=lambda _: bar.advance(),
                                # the views the rules read are every pemda's
                                before_building=lambda: warehouse.hold_alone(
                                    context.log.warning))
        bar.advance()
        counts = step.flags_per_rule
        # the pemda checked tonight have their flags written again: those are this run's
        [(found,)] = wh.query("select count(*) from quality.flags where found_at >= %s",
                              (started,))
        context.log.info(f"Temuan per aturan / flags per rule: {counts}")
        return dg.MaterializeResult(
            metadata={"flags": sum(counts.values()),
                      "flags_found": found,
                      "pemda": checked,
                      "flags_per_rule": dg.MetadataValue.json(counts),
                      "seconds": round(step.seconds, 1),
                      "data_docs": dg.MetadataValue.path(str(step.data_docs_index)),
                      # each suite's verdict, which quality_checks reports
                      "suites": dg.MetadataValue.json(
                          {result.suite_name: suite_verdict(result) for result in step.results})},
        )

    return flags


def quality_checks() -> dg.AssetChecksDefinition:
    """One check per suite, on its source's raw asset, from the suites' verdicts of the
    quality step: the latest of the run's pemda, this run's when the run had one (it
    comes after it; a build of other pemda may run beside it), else the latest of any
    (a run that lands a source's files alone reports the verdicts in force). The flags
    in force are counted now."""
    names = suite_names()

    @dg.multi_asset_check(
        specs=[dg.AssetCheckSpec(check_name(n), asset=suite_asset(n), additional_deps=[FLAGS_KEY],
                                 description=f"Suite GX expectations/{n}.json")
               for n in names],
        name="quality_checks",
        can_subset=True,
        description="Putusan suite GX dari langkah quality/flags / the GX suites' verdicts "
        "of the quality step.",
    )
    def checks(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource):
        # the latest of this run's pemda: a build of other pemda may have checked since
        pemda = run_pemda(context.instance, context.run.tags)
        [record] = context.instance.fetch_materializations(
            dg.AssetRecordsFilter(asset_key=FLAGS_KEY, asset_partitions=pemda or None),
            limit=1).records or [None]
        event = record.event_log_entry if record is not None else None
        if event is None:
            raise dg.Failure("quality/flags belum pernah dijalankan: jalankan bersama "
                             "pemeriksaannya / quality/flags has never run: materialize it "
                             "with its checks")
        verdicts = event.asset_materialization.metadata["suites"].value
        in_force = flags_in_force(warehouse.get())
        suite_of = {check_name(name): name for name in names}
        for key in context.selected_asset_check_keys:
            name = suite_of[key.name]
            yield check_result(name, verdicts[name], in_force.get(name, {}), event.run_id)

    return checks


def flags_in_force(warehouse) -> dict[str, dict[str, int]]:
    """Flags in quality.flags per suite and severity, of every pemda."""
    in_force: dict[str, dict[str, int]] = {}
    for suite, severity, count in warehouse.query(
            "select suite, severity, count(*) from quality.flags group by 1, 2"):
        in_force.setdefault(suite, {})[severity] = count
    return in_force
