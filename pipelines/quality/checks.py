"""A GX suite's validation as a Dagster asset check on the raw asset whose rows it judges.

The quality step (quality/flags) runs the suites once and records each suite's verdict in
its materialization; `quality_checks` reports them as one check per suite on the source's
raw asset (`raw/<table>`): the data team finds a source's findings on that source.
"""

import json

import dagster as dg

from pipelines.landing.assets import raw_asset_key
from pipelines.quality.gx_runner import SuiteResult, suite_path
from pipelines.sources import SOURCES

FLAGS_KEY = dg.AssetKey(["quality", "flags"])


def check_name(suite_name: str) -> str:
    return f"gx_{suite_name}"


def suite_asset(suite_name: str) -> dg.AssetKey:
    """The raw asset whose rows the suite judges: its source's (meta.source)."""
    source = json.loads(suite_path(suite_name).read_text())["meta"]["source"]
    return raw_asset_key(SOURCES[source])


def suite_verdict(result: SuiteResult) -> dict:
    """What the check of a suite reports of its validation, as JSON (the quality step's
    materialization keeps it for the checks)."""
    return {
        "success": result.success,
        "expectations": result.evaluated,
        "failed_rules": [
            {"rule_id": o.rule_id, "severity": o.severity,
             "unexpected_count": o.unexpected_count, "pesan": o.pesan,
             "contoh": [str(v) for v in o.unexpected_values]}
            for o in result.failed
        ],
        "seconds": round(result.elapsed_seconds, 3),
    }


def check_result(suite_name: str, verdict: dict, in_force: dict[str, int],
                 checked_in: str) -> dg.AssetCheckResult:
    """GX's verdict on the rows checked by the quality step of run `checked_in` (the
    pemda with new files, on a nightly increment), and the suite's flags in force of every
    pemda (`in_force`, by severity): a check stays red while findings of an earlier night
    hold rows back."""
    failed = verdict["failed_rules"]
    errors = [o for o in failed if o["severity"] == "error"] or in_force.get("error")
    return dg.AssetCheckResult(
        asset_key=suite_asset(suite_name),
        check_name=check_name(suite_name),
        passed=verdict["success"] and not any(in_force.values()),
        severity=dg.AssetCheckSeverity.ERROR if errors else dg.AssetCheckSeverity.WARN,
        metadata={
            "temuan_berlaku_error": in_force.get("error", 0),
            "temuan_berlaku_warning": in_force.get("warning", 0),
            "expectations": verdict["expectations"],
            "failed_rules": dg.MetadataValue.json(failed),
            "flagged_values": sum(o["unexpected_count"] or 0 for o in failed),
            "seconds": verdict["seconds"],
            "run_pemeriksaan": checked_in,  # the run whose quality step validated
        },
    )
