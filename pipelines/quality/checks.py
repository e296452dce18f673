"""A GX suite's validation as a Dagster asset check result."""

import dagster as dg

from pipelines.quality.gx_runner import SuiteResult

FLAGS_KEY = dg.AssetKey(["quality", "flags"])


def check_name(suite_name: str) -> str:
    return f"gx_{suite_name}"


def check_result(result: SuiteResult, in_force: dict[str, int]) -> dg.AssetCheckResult:
    """GX's verdict on the rows checked tonight (the pemda with new files, on a nightly
    increment), and the suite's flags in force of every pemda (`in_force`, by
    severity): a check stays red while findings of an earlier night hold rows back."""
    errors = [o for o in result.failed if o.severity == "error"] or in_force.get("error")
    return dg.AssetCheckResult(
        asset_key=FLAGS_KEY,
        check_name=check_name(result.suite_name),
        passed=result.success and not any(in_force.values()),
        severity=dg.AssetCheckSeverity.ERROR if errors else dg.AssetCheckSeverity.WARN,
        metadata={
            "temuan_berlaku_error": in_force.get("error", 0),
            "temuan_berlaku_warning": in_force.get("warning", 0),
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
