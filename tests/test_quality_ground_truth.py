"""The quality step on the sample year: every defect put in is found, and almost nothing
else is.

The sample year (pipelines/sample/year.py) is the one the session's nightly run lands
(conftest: `sample_year`, `nightly_run`, kode_pemda SAMPLE_PEMDA), so it is generated and
loaded once per session. Its ground truth (inbox/.ground_truth.csv) lists every defect
injected, each with its kind; a rule says in meta.kind which kind it detects. A
row-level defect is matched on (file, sheet, row, kind), a file-level one (no row in the
ground truth: a late or missing report, a whole report copied) on (OPD, month, kind).
The flags are those of the session's nightly run; the confusion table per rule is
printed at the end of the test run. What the step costs is in the run summary and in bench/.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass

import pytest

from pipelines.quality.gx_runner import suite_document, suite_path
from pipelines.quality.step import suite_names
from tests.conftest import SAMPLE_PEMDA, SUMMARY_SECTIONS
from tests.db import query

MIN_PRECISION = 0.99


@dataclass(frozen=True)
class Rule:
    rule_id: str
    kind: str | None
    source: str  # the suite's meta.source: whose rows it flags


def rules() -> dict[str, Rule]:
    found = {}
    for name in suite_names():
        document = suite_document(suite_path(name))
        for expectation in document["expectations"]:
            meta = expectation["meta"]
            found[meta["rule_id"]] = Rule(meta["rule_id"], meta.get("kind"),
                                          document["meta"]["source"])
    return found


@pytest.fixture(scope="module")
def truth(nightly_run, sample_year) -> list[dict]:
    """The sample year's ground truth, once the nightly run has flagged its files."""
    with sample_year.ground_truth.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def confusion(truth, warehouse):
    """Per rule: flags matching the ground truth, flags matching nothing, defects missed."""
    by_id = rules()
    file_level = {row["kind"] for row in truth if not row["row_number"]}

    def key(kind, file, sheet, row_number, kode_opd, periode):
        if kind in file_level:
            return kind, kode_opd, periode
        return kind, file, sheet, int(row_number) if row_number not in (None, "") else None

    defects = {key(r["kind"], r["file"], r["sheet"], r["row_number"], r["kode_opd"],
                   r["periode"]): r for r in truth}
    flags = query(warehouse, """
        select rule_id, source_file, sheet, row_number, kode_opd, to_char(periode, 'YYYY-MM')
        from quality.flags where kode_pemda = %s""", (SAMPLE_PEMDA,))
    table = defaultdict(lambda: {"tp": 0, "fp": 0, "missed": 0})
    found = set()
    for rule_id, file, sheet, row_number, kode_opd, periode in flags:
        rule = by_id[rule_id]
        flag_key = rule.kind and key(rule.kind, file, sheet, row_number, kode_opd, periode)
        if flag_key in defects and defects[flag_key]["source"] == rule.source:
            table[rule_id]["tp"] += 1
            found.add(flag_key)
        else:
            table[rule_id]["fp"] += 1
    # A defect is missed by the rules of its kind that judge its source's rows.
    missed = [row for flag_key, row in defects.items() if flag_key not in found]
    responsible = {(r.source, r.kind): r.rule_id for r in by_id.values() if r.kind}
    for row in missed:
        table[responsible.get((row["source"], row["kind"]), "(tanpa aturan)")]["missed"] += 1
    SUMMARY_SECTIONS.append(_confusion_table(table, by_id, truth))
    return table, missed


def _confusion_table(table, by_id, truth) -> str:
    per_kind = defaultdict(int)
    for row in truth:
        per_kind[row["source"], row["kind"]] += 1
    lines = ["Temuan vs kebenaran dasar / flags vs ground truth (sample year)",
             f"{'aturan':10} {'jenis / kind':40} {'benar':>6} {'salah':>6} {'luput':>6}",
             f"{'rule':10} {'':40} {'TP':>6} {'FP':>6} {'missed':>6}"]
    for rule_id in sorted(by_id):
        counts = table.get(rule_id)
        if counts is None and by_id[rule_id].kind is None:
            continue
        counts = counts or {"tp": 0, "fp": 0, "missed": 0}
        lines.append(f"{rule_id:10} {by_id[rule_id].kind or '-':40} {counts['tp']:6} "
                     f"{counts['fp']:6} {counts['missed']:6}")
    lines.append(f"ground truth: {len(truth)} rows, " + ", ".join(
        f"{source}/{kind} {n}" for (source, kind), n in sorted(per_kind.items())))
    return "\n".join(lines)


def test_every_kind_of_the_ground_truth_has_a_rule(truth):
    covered = {(r.source, r.kind) for r in rules().values() if r.kind}
    assert {(row["source"], row["kind"]) for row in truth} <= covered


def test_every_injected_defect_is_found(confusion):
    _, missed = confusion
    assert missed == []


def test_flags_match_the_ground_truth(confusion):
    table, _ = confusion
    true_positives = sum(counts["tp"] for counts in table.values())
    false_positives = sum(counts["fp"] for counts in table.values())
    precision = true_positives / (true_positives + false_positives)
    assert precision >= MIN_PRECISION, {r: c for r, c in table.items() if c["fp"]}
