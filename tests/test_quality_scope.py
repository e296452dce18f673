"""A build run of some pemda redoes their checks, and only theirs: the quality step
validates and re-flags those pemda alone (pipelines/build_plan.py says which are due).
Shown on the session warehouse, after its nightly run: scoped quality runs whose flags
must equal what a full run finds.
"""

from __future__ import annotations

import pytest

from tests.conftest import OTHER_PEMDA, SAMPLE_PEMDA
from tests.db import query

pytestmark = pytest.mark.long  # handed out first (tests/conftest.py)

def _flags(warehouse) -> dict:
    """flag_id -> the finding, of every suite and pemda."""
    return {row[0]: row[1:] for row in query(warehouse, """
        select flag_id, suite, rule_id, kode_pemda, file_id, sheet, row_number, pesan,
               nilai::text
        from quality.flags""")}


def test_a_scoped_quality_step_rewrites_its_pemda_alone_and_finds_the_same(nightly_run,
                                                                         warehouse):
    from pipelines.quality.step import run_quality_step

    run_quality_step(warehouse)
    before = _flags(warehouse)
    by_pemda = {pemda for (_, _, pemda, *_rest) in before.values()}
    assert {SAMPLE_PEMDA, OTHER_PEMDA} <= by_pemda

    step = run_quality_step(warehouse, pemda=[OTHER_PEMDA])

    after = _flags(warehouse)
    kept = {i for i in after if i in before}
    # Other pemda's findings are the same rows, untouched; the scoped pemda's were
    # rewritten (new ids) and say the same.
    assert {i for i, f in before.items() if f[2] != OTHER_PEMDA} == kept
    assert sorted(f for i, f in after.items() if i not in kept) == sorted(
        f for f in before.values() if f[2] == OTHER_PEMDA)
    assert any(f[2] == OTHER_PEMDA for f in after.values())  # the scope had findings
    # Counts still speak of every pemda.
    assert sum(step.flags_per_rule.values()) == len(after)


def test_a_scoped_batch_holds_its_pemda_rows_alone(nightly_run, warehouse):
    from pipelines.quality.step import all_suites, batches, scoped

    with batches(scoped(warehouse, [OTHER_PEMDA]), all_suites()) as suites:
        held = {suite.name: query(warehouse, f"select distinct kode_pemda from {suite.relation}")
                for suite in suites}
    assert all(rows in ([], [(OTHER_PEMDA,)]) for rows in held.values()), held
    assert [(OTHER_PEMDA,)] in list(held.values())


def test_suites_of_the_same_rows_share_one_batch_dropped_after_the_step(nightly_run,
                                                                        warehouse):
    from pipelines.quality.step import all_suites, batches, run_quality_step

    batch_tables = ("select tablename from pg_tables "
                    "where schemaname = 'quality' and left(tablename, 6) = 'batch_'")
    suites = all_suites()
    with batches(warehouse, suites) as batched:
        relation = {suite.name: suite.relation for suite in batched}
        # the dbt models rules read besides their suite's rows: a table each too
        models_read = {read for suite in batched for read in suite.reads.values()}
        tables = query(warehouse, batch_tables)
        [(rfk_rows,)] = query(warehouse, f"select count(*) from {relation['rfk']}")
    assert relation["rfk"] == relation["keandalan_rfk"]
    assert len({suite.relation_sql for suite in suites}) < len(suites)
    assert len(tables) == len({suite.relation_sql for suite in suites}) + len(models_read)
    assert rfk_rows > 0
    assert query(warehouse, batch_tables) == []
    # A table an interrupted run (or an older release) left behind goes with the next step,
    # whatever its scope (here none: it checks nothing).
    warehouse.execute("create unlogged table quality.batch_left_behind (x int)")
    run_quality_step(warehouse, pemda=[])
    assert query(warehouse, batch_tables) == []


def test_an_empty_scope_checks_nothing_and_keeps_every_flag(nightly_run, warehouse):
    from pipelines.quality.step import all_suites, batches, run_quality_step, scoped

    before = _flags(warehouse)
    step = run_quality_step(warehouse, pemda=[])
    assert _flags(warehouse) == before
    assert all(result.success for result in step.results)
    with batches(scoped(warehouse, []), all_suites()) as suites:
        for suite in suites:
            [(rows,)] = query(warehouse, f"select count(*) from {suite.relation}")
            assert rows == 0, suite.name


def test_a_kode_pemda_that_is_not_a_code_is_refused(warehouse):
    from pipelines.quality.step import scoped

    with pytest.raises(ValueError, match="kode pemda tidak sah"):
        scoped(warehouse, ["81.01 -c statement_timeout=1"])


def test_each_step_names_its_batch_tables_within_postgresql_s_limit():
    from pipelines.quality.step import BATCH_NAME, batch_names

    long = "keandalan_realisasi_dokumen__realisasi_dokumen__sp2d_register_x"
    names = batch_names("0a1b2c3d", ["rfk", long, long + "_y"])
    assert names["rfk"] == "batch_0a1b2c3d_rfk"
    assert all(len(name) <= 63 and BATCH_NAME.fullmatch(name) for name in names.values())
    assert len(set(names.values())) == 3  # cut alike, numbered apart


def test_a_step_drops_the_batch_tables_of_steps_gone_and_leaves_those_of_live_ones(
        warehouse):
    """Builds of two pemda check at once, each with batch tables of its own; the tables a
    step whose process died left behind go with the next step's."""
    from pipelines.quality.step import _drop_batches, batch_token

    tables = ("select tablename from pg_tables where schemaname = 'quality' "
              "and left(tablename, 6) = 'batch_' order by 1")
    with batch_token(warehouse) as live:
        with batch_token(warehouse) as dead:
            pass  # its step ended without dropping its tables (its process killed)
        for token in (live, dead):
            warehouse.execute(f"create unlogged table quality.batch_{token}_rfk (x int)")
        warehouse.execute("create unlogged table quality.batch_rfk (x int)")  # older release
        _drop_batches(warehouse)
        assert query(warehouse, tables) == [(f"batch_{live}_rfk",)]
        _drop_batches(warehouse, live)  # a step's own, at its end
    assert query(warehouse, tables) == []
