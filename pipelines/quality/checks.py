"""Dagster asset checks that run a reviewed GX suite in the warehouse."""


import dagster as dg

from pipelines.landing.assets import raw_asset_key
from pipelines.quality.gx_runner import SuiteResult, run_suite
from pipelines.resources import WarehouseResource
from pipelines.sources.base import Source


def gx_asset_check(source: Source, suite_name: str, query: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=raw_asset_key(source),
        name=f"gx_{suite_name}",
        description=f"Suite GX expectations/{suite_name}.json atas data {source.name} yang berlaku "
        "(validity checks on the rows in force).",
    )
    def check(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource):
        result = run_suite(warehouse.get(), suite_name, query=query)
        for outcome in result.failed:
            context.log.warning(
                f"{outcome.rule_id} ({outcome.severity}): {outcome.unexpected_count} baris/rows — "
                f"{outcome.pesan}"
            )
        return check_result(result)

    return check


def check_result(result: SuiteResult) -> dg.AssetCheckResult:
    errors = [o for o in result.failed if o.severity == "error"]
    return dg.AssetCheckResult(
        passed=result.success,
        severity=dg.AssetCheckSeverity.ERROR if errors else dg.AssetCheckSeverity.WARN,
        metadata={
            "expectations": result.evaluated,
            "failed_rules": dg.MetadataValue.json(
                [
                    {"rule_id": o.rule_id, "severity": o.severity,
                     "unexpected_count": o.unexpected_count, "pesan": o.pesan,
                     "contoh": [str(v) for v in o.unexpected_values]}
                    for o in result.failed
                ]
            ),
            "flagged_values": sum(o.unexpected_count or 0 for o in result.failed),
            "seconds": round(result.elapsed_seconds, 3),
        },
    )
