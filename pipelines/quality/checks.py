"""A GX suite's validation as a Dagster asset check result."""

import dagster as dg

from pipelines.quality.gx_runner import SuiteResult

FLAGS_KEY = dg.AssetKey(["quality", "flags"])


def check_name(suite_name: str) -> str:
    return f"gx_{suite_name}"


def check_result(result: SuiteResult) -> dg.AssetCheckResult:
    errors = [o for o in result.failed if o.severity == "error"]
    return dg.AssetCheckResult(
        asset_key=FLAGS_KEY,
        check_name=check_name(result.suite_name),
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
