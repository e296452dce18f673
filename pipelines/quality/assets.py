"""The quality step of the night: every suite validated, every finding flagged.

It runs after the staging views are built (cross-source rules read them) and before
the intermediate models and marts, which hold back the rows flagged as errors.
"""

from typing import Iterable

import dagster as dg

from pipelines import progress
from pipelines.config import EXPECTATIONS_DIR
from pipelines.quality.checks import FLAGS_KEY, check_name, check_result
from pipelines.quality.flags import ensure_flags_table, load_suite_rules, refresh_flags
from pipelines.quality.gx_runner import run_suite
from pipelines.resources import WarehouseResource


def suite_names() -> list[str]:
    return sorted(path.stem for path in EXPECTATIONS_DIR.glob("*.json"))


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
        wh = warehouse.get()
        ensure_flags_table(wh)
        suites = [load_suite_rules(name) for name in names]
        bar = progress.step("Memeriksa / checking quality", total=len(suites) + 1)
        results = []
        for suite in suites:
            results.append(check_result(run_suite(wh, suite.name, query=suite.relation_sql)))
            bar.advance()
        counts = refresh_flags(wh, suites)
        bar.advance()
        context.log.info(f"Temuan per aturan / flags per rule: {counts}")
        return dg.MaterializeResult(
            metadata={"flags": sum(counts.values()),
                      "flags_per_rule": dg.MetadataValue.json(counts)},
            check_results=results,
        )

    return flags
