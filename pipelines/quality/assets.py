"""The quality step as a Dagster asset: quality/flags, with one asset check per suite.

It runs after the staging views are built (cross-source rules read them) and before
the intermediate models and marts, which hold back the rows flagged as errors.
"""

from typing import Iterable

import dagster as dg

from pipelines import progress
from pipelines.config import settings
from pipelines.quality.checks import FLAGS_KEY, check_name, check_result
from pipelines.quality.step import run_quality_step, suite_names
from pipelines.resources import WarehouseResource


def quality_flags_asset(upstream: Iterable[dg.AssetKey]) -> dg.AssetsDefinition:
    names = suite_names()

    @dg.asset(
        key=FLAGS_KEY,
        deps=list(upstream),
        group_name="quality",
        kinds={"postgres", "python"},
        check_specs=[dg.AssetCheckSpec(check_name(n), asset=FLAGS_KEY) for n in names],
        description="Temuan validitas dan reliabilitas per baris (quality.flags): semua suite "
        "di expectations/ / row-level findings of every suite in expectations/.",
    )
    def flags(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
        bar = progress.step("Memeriksa / checking quality", total=len(names) + 1)
        step = run_quality_step(warehouse.get(), data_docs_dir=settings().quality_docs_dir,
                                on_suite=lambda _: bar.advance())
        bar.advance()
        counts = step.flags_per_rule
        context.log.info(f"Temuan per aturan / flags per rule: {counts}")
        return dg.MaterializeResult(
            metadata={"flags": sum(counts.values()),
                      "flags_per_rule": dg.MetadataValue.json(counts),
                      "seconds": round(step.seconds, 1),
                      "data_docs": dg.MetadataValue.path(str(step.data_docs_index))},
            check_results=[check_result(result) for result in step.results],
        )

    return flags
