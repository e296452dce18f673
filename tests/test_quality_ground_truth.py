"""The quality step on the sample year: every defect put in is found, and almost nothing
else is.

The sample year (pipelines/sample/year.py) is the one the session's nightly run lands
(conftest: `sample_year`, `nightly_run`, kode_pemda SAMPLE_PEMDA), so it is generated and
loaded once per session. Its ground truth (inbox/.ground_truth.csv) lists every defect
injected, each with its kind; a rule says in meta.kind which kind it detects. A
row-level defect is matched on (file, sheet, row, kind), a file-level one (no row in the
ground truth: a late or missing report, a whole report copied) on (OPD, month, kind).
`pytest -s` prints the time of the quality step and the confusion table per rule.
"""

from __future__ import annotations

import csv
import time
from collections import defaultdict
from dataclasses import dataclass

import pytest

from pipelines.quality.assets import suite_names
from pipelines.quality.flags import ensure_flags_table, load_suite_rules, refresh_flags
from pipelines.quality.gx_runner import run_suite, suite_document, suite_path
from tests.conftest import SAMPLE_PEMDA
from tests.db import query

MIN_PRECISION = 0.99
# The whole quality step on a kabupaten year takes seconds; minutes would mean a query
# plan gone quadratic (a nested loop over rows).
MAX_SECONDS = 120


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
def quality_step(nightly_run, warehouse, sample_year):
    """The quality step over the session's warehouse, timed as the quality/flags asset
    runs it (the nightly run flagged already; this run replaces its flags alike), and the
    sample year's ground truth."""
    started = time.perf_counter()
    ensure_flags_table(warehouse)
    suites = [load_suite_rules(name) for name in suite_names()]
    for suite in suites:
        run_suite(warehouse, suite.name, query=suite.relation_sql)
    refresh_flags(warehouse, suites)
    seconds = time.perf_counter() - started
    with sample_year.ground_truth.open(encoding="utf-8") as handle:
        truth = list(csv.DictReader(handle))
    return truth, seconds, len(suites)


@pytest.fixture(scope="module")
def confusion(quality_step, warehouse):
    """Per rule: flags matching the ground truth, flags matching nothing, defects missed."""
    truth, seconds, suites = quality_step
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
    print(f"\nLangkah kualitas / quality step ({suites} suites, GX + flags, the whole "
          f"session's warehouse): {seconds:.1f} s")
    _print(table, by_id, truth)
    return table, missed


def _print(table, by_id, truth) -> None:
    per_kind = defaultdict(int)
    for row in truth:
        per_kind[row["source"], row["kind"]] += 1
    print(f"\n{'aturan':10} {'jenis / kind':40} {'benar':>6} {'salah':>6} {'luput':>6}")
    print(f"{'rule':10} {'':40} {'TP':>6} {'FP':>6} {'missed':>6}")
    for rule_id in sorted(by_id):
        counts = table.get(rule_id)
        if counts is None and by_id[rule_id].kind is None:
            continue
        counts = counts or {"tp": 0, "fp": 0, "missed": 0}
        print(f"{rule_id:10} {by_id[rule_id].kind or '-':40} {counts['tp']:6} "
              f"{counts['fp']:6} {counts['missed']:6}")
    print(f"ground truth: {len(truth)} rows, "
          + ", ".join(f"{source}/{kind} {n}" for (source, kind), n in sorted(per_kind.items())))


def test_every_kind_of_the_ground_truth_has_a_rule(quality_step):
    truth, _, _ = quality_step
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


def test_the_quality_step_takes_seconds(quality_step):
    _, seconds, _ = quality_step
    assert seconds < MAX_SECONDS
