"""What a report needs to know of each rule, read from the suites as plain JSON.

`serapan feedback` only reads the warehouse, and must not pay for importing Great
Expectations (tests/test_cli_reading.py): the suites' `meta` is all it needs.
"""

from __future__ import annotations

import functools
import json

from pipelines.config import EXPECTATIONS_DIR

WHOLE_REPORT = "laporan"  # meta.lingkup of a rule about the OPD's whole report of a month


@functools.cache
def rule_meta() -> dict[str, dict]:
    """Every rule's meta (rule_id, severity, pesan, lingkup, ...), by rule_id."""
    metas = {}
    for path in sorted(EXPECTATIONS_DIR.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        for item in document.get("expectations") or []:
            meta = item.get("meta") or {}
            if "rule_id" in meta:
                metas[meta["rule_id"]] = meta
    return metas


def about_whole_report(rule_id: str) -> bool:
    """Whether a finding of the rule is about the OPD's whole report of the month (its
    rows all say the same), so it is stated once rather than on every row."""
    return rule_meta().get(rule_id, {}).get("lingkup") == WHOLE_REPORT
