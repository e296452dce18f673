"""A rule that reads another suite's rows (`{rows:<suite>}`) reads them as that suite is
validated in the same run: in the quality step, the batch table made of them once, not
the raw lines again."""

from __future__ import annotations

import re
from dataclasses import replace

import psycopg2
import pytest

from pipelines.quality.flags import failing_rows_sql, load_suite_rules, refresh_flags
from pipelines.quality.gx_runner import SuiteFileError, run_suites, with_rows_of_suites
from pipelines.quality.step import all_suites, batches, scoped

MISSING = "select * from tidak_ada.baris_dokumen"  # a relation whose reading cannot go unseen
# The suites read dbt models the session's run has built (nightly_run).
# What is read is told by the errors alone: a pemda with no rows keeps GX from judging
# the session's whole sample year through unmaterialized relations.
NO_ROWS = ["99.98"]


def test_rows_of_a_suite_are_those_given_else_those_its_file_names():
    given = with_rows_of_suites("select * from {rows:realisasi_dokumen} as d",
                                {"realisasi_dokumen": "select 1"})
    assert given == "select * from (select 1) as d"
    from_file = with_rows_of_suites("select * from {rows:realisasi_dokumen} as d", {})
    assert from_file == "select * from (select * from quality.int_quality__realisasi_dokumen) as d"
    assert "{" not in from_file


def test_rows_of_an_unknown_suite_are_refused_naming_it():
    with pytest.raises(SuiteFileError, match="'tidak_ada'"):
        with_rows_of_suites("select * from {rows:tidak_ada}", {})


def test_gx_reads_the_document_lines_of_their_suite_in_the_same_run(nightly_run, warehouse):
    warehouse = scoped(warehouse, NO_ROWS)
    sp2d_rows = load_suite_rules("keandalan_sp2d").relation_sql
    alone, = run_suites(warehouse, {"keandalan_sp2d": sp2d_rows})
    together, _ = run_suites(warehouse, {"keandalan_sp2d": sp2d_rows,
                                         "realisasi_dokumen": MISSING})

    def error_of(result, rule_id):
        [outcome] = [o for o in result.outcomes if o.rule_id == rule_id]
        return outcome.error or ""

    assert "tidak_ada" not in error_of(alone, "REL-015")
    assert "tidak_ada" in error_of(together, "REL-015")


def test_flags_read_the_document_lines_of_their_suite_in_the_same_run(nightly_run, warehouse):
    keandalan = load_suite_rules("keandalan_sp2d")
    dokumen_without_rules = replace(load_suite_rules("realisasi_dokumen"), relation=MISSING,
                                    rules=())
    others = {rule.rule_id for rule in keandalan.rules} - {"REL-015"}
    with pytest.raises(psycopg2.errors.UndefinedTable, match="tidak_ada"):
        refresh_flags(warehouse, [keandalan, dokumen_without_rules], clean=others)


def test_the_quality_step_reads_each_source_from_its_batch(nightly_run, warehouse):
    with batches(warehouse, all_suites()) as suites:
        by_name = {suite.name: suite for suite in suites}
        relations = {suite.name: suite.relation_sql for suite in suites}
        rules = {rule.rule_id: (suite, rule) for suite in suites for rule in suite.rules}
        for rule_id, source in (("REL-015", "realisasi_dokumen"),
                                ("REL-016", "realisasi_dokumen")):
            suite, rule = rules[rule_id]
            failing = failing_rows_sql(rule, suite.relation_sql, relations)
            assert f"from ({by_name[source].relation_sql})" in failing, rule_id
            # (raw's functions, such as raw.fold_nomor_sp2d, are no reading of its lines)
            assert not re.search(r"\b(from|join)\s+raw\.", failing), rule_id
        # a dbt model a rule reads besides its suite's rows: made a table once too
        for rule_id, model in (("REL-002", "int_quality__anggaran_berlaku"),
                               ("REL-001", "int_quality__realisasi_kumulatif")):
            suite, rule = rules[rule_id]
            failing = failing_rows_sql(rule, suite.relation_sql, relations | suite.reads)
            assert re.search(rf"\(select \* from quality\.batch_[0-9a-f]{{8}}_{model}\)",
                             failing), rule_id
            assert not re.search(r"\b(from|join)\s+(raw|staging|intermediate|quality\.int)",
                                 failing), rule_id
