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
# What is read is told by the errors alone: a pemda with no rows keeps GX from judging
# the session's whole sample year through unmaterialized relations.
NO_ROWS = ["99.98"]


def test_rows_of_a_suite_are_those_given_else_those_its_file_names():
    given = with_rows_of_suites("select * from {rows:realisasi_dokumen} as d",
                                {"realisasi_dokumen": "select 1"})
    assert given == "select * from (select 1) as d"
    from_file = with_rows_of_suites("select * from {rows:realisasi_dokumen} as d", {})
    assert "from raw.realisasi_dokumen as dokumen" in from_file
    assert "{" not in from_file


def test_rows_of_an_unknown_suite_are_refused_naming_it():
    with pytest.raises(SuiteFileError, match="'tidak_ada'"):
        with_rows_of_suites("select * from {rows:tidak_ada}", {})


def test_gx_reads_the_document_lines_of_their_suite_in_the_same_run(warehouse):
    warehouse = scoped(warehouse, NO_ROWS)
    rfk_rows = load_suite_rules("keandalan_rfk").relation_sql
    alone, = run_suites(warehouse, {"keandalan_rfk": rfk_rows})
    together, _ = run_suites(warehouse, {"keandalan_rfk": rfk_rows,
                                         "realisasi_dokumen": MISSING})

    def error_of(result, rule_id):
        [outcome] = [o for o in result.outcomes if o.rule_id == rule_id]
        return outcome.error or ""

    assert "tidak_ada" not in error_of(alone, "REL-001")
    assert "tidak_ada" in error_of(together, "REL-001")
    assert "tidak_ada" not in error_of(together, "REL-003")


def test_flags_read_the_document_lines_of_their_suite_in_the_same_run(warehouse):
    keandalan = load_suite_rules("keandalan_rfk")
    dokumen_without_rules = replace(load_suite_rules("realisasi_dokumen"), relation=MISSING,
                                    rules=())
    others = {rule.rule_id for rule in keandalan.rules} - {"REL-001"}
    with pytest.raises(psycopg2.errors.UndefinedTable, match="tidak_ada"):
        refresh_flags(warehouse, [keandalan, dokumen_without_rules], clean=others)


def test_the_quality_step_reads_each_source_from_its_batch(warehouse):
    with batches(warehouse, all_suites()) as suites:
        by_name = {suite.name: suite for suite in suites}
        relations = {suite.name: suite.relation_sql for suite in suites}
        rules = {rule.rule_id: (suite, rule) for suite in suites for rule in suite.rules}
        for rule_id, source in (("REL-015", "realisasi_dokumen"),
                                ("REL-001", "realisasi_dokumen")):
            suite, rule = rules[rule_id]
            failing = failing_rows_sql(rule, suite.relation_sql, relations)
            assert f"from ({by_name[source].relation_sql})" in failing, rule_id
            # (raw's functions, such as raw.fold_nomor_sp2d, are no reading of its lines)
            assert not re.search(r"\b(from|join)\s+raw\.", failing), rule_id
        # a dbt model a rule reads besides its suite's rows: made a table once too
        suite, rule = rules["REL-002"]
        failing = failing_rows_sql(rule, suite.relation_sql, relations | suite.reads)
        assert "join (select * from quality.batch_int_quality__anggaran_berlaku)" in failing
        assert not re.search(r"\b(from|join)\s+(raw|staging|intermediate)\.", failing)
