"""Which pemda a night builds, as Dagster's records tell (pipelines/build_plan.py): after
the session's night, a file landed for a pemda asks for that pemda alone, a pemda never
built is added to the partitions and built, a request without a file (a withdrawal, a
verdict) asks for its pemda, and changed code asks for every pemda in full. The build
sensor requests those runs after a `land` run."""

from __future__ import annotations

import dagster as dg
import pytest

from tests.conftest import OTHER_PEMDA, SAMPLE_PEMDA

pytestmark = pytest.mark.long  # handed out first (tests/conftest.py)

NEW_PEMDA = "99.98"  # a pemda no other test loads


def test_due_pemda_run_in_spans_consecutive_in_the_partitions_order():
    from pipelines.build_plan import consecutive

    every = ["99.01", "99.02", "99.03", "99.04", "99.05"]
    assert consecutive(["99.04", "99.02", "99.03"], every) == [["99.02", "99.03", "99.04"]]
    assert consecutive(["99.01", "99.03", "99.05"], every) == [["99.01"], ["99.03"], ["99.05"]]
    assert consecutive([], every) == []


@pytest.fixture
def planner(nightly_run, warehouse):
    """plan_build on the session's Dagster instance (that of its `serapan run`), with the
    build's code versions as the definitions give them."""
    from pipelines.build_plan import BUILD_JOB, build_code_versions, plan_build
    from pipelines.definitions import defs

    versions = build_code_versions(defs.resolve_job_def(BUILD_JOB))
    with dg.DagsterInstance.get() as instance:
        yield lambda changed={}: plan_build(instance, warehouse, {**versions, **changed})


@pytest.fixture
def new_file(warehouse):
    """Files without lines (nothing else sees them): of a pemda of its own, and of the
    sample's pemda."""
    ids = [file_id for (file_id,) in warehouse.query("""
        insert into raw.files (sha256, source, kode_pemda, original_name, archive_path, meta,
                               status, error)
        values ('test-plan-1', 'sp2d', %s, 'baru.csv', '-', '{}', 'quarantined', 'test'),
               ('test-plan-2', 'sp2d', %s, 'baru.csv', '-', '{}', 'quarantined', 'test')
        returning file_id""", (NEW_PEMDA, SAMPLE_PEMDA))]
    yield ids
    warehouse.execute("delete from raw.files where file_id = any(%s)", (ids,))


def test_a_pemda_built_through_its_newest_file_is_not_due(planner, warehouse):
    """The last successful build run (the session's night, or a later test's) built its
    pemda through the newest file it was planned with: those are not due again."""
    from pipelines.build_plan import (BUILD_JOB, THROUGH_FILE_TAG, THROUGH_REDO_TAG,
                                      run_pemda)

    with dg.DagsterInstance.get() as instance:
        [last] = instance.get_run_records(dg.RunsFilter(
            job_name=BUILD_JOB, statuses=[dg.DagsterRunStatus.SUCCESS]), limit=1)
        covered = run_pemda(instance, last.dagster_run.tags)
    tags = last.dagster_run.tags
    settled = {kode for kode, newest in warehouse.query(
        "select kode_pemda, max(file_id) from raw.files where kode_pemda = any(%s) "
        "group by kode_pemda", (covered,)) if newest <= int(tags[THROUGH_FILE_TAG])}
    settled -= {kode for (kode,) in warehouse.query(
        "select kode_pemda from meta.pemda_to_redo where redo_id > %s",
        (int(tags[THROUGH_REDO_TAG]),))}
    assert settled
    assert not settled & set(planner().pemda)


def test_a_file_asks_for_its_pemda_alone_and_a_new_pemda_is_added(planner, new_file):
    after = planner()
    assert NEW_PEMDA in after.new_pemda and NEW_PEMDA in after.pemda
    assert SAMPLE_PEMDA in after.pemda and OTHER_PEMDA not in after.pemda
    assert not after.everything
    span = next(span for span in after.spans if NEW_PEMDA in span)
    tags = after.run_tags(span)
    assert int(tags["serapan/sampai_file_id"]) >= max(new_file)
    assert "serapan/full_refresh" not in tags


def test_a_build_launched_by_hand_counts_once_it_succeeds(planner, warehouse):
    """The build job run for one pemda as the UI launches it, with no plan's tags: its
    quality step tags it with what had landed, so the planner counts it as built."""
    from pipelines.build_plan import BUILD_JOB, BUILD_TAG, THROUGH_FILE_TAG
    from pipelines.definitions import defs
    from pipelines.nightly import QUIET

    [(file_id,)] = warehouse.query("""
        insert into raw.files (sha256, source, kode_pemda, original_name, archive_path, meta,
                               status, error)
        values ('test-plan-hand', 'sp2d', %s, 'baru.csv', '-', '{}', 'quarantined', 'test')
        returning file_id""", (OTHER_PEMDA,))
    try:
        assert OTHER_PEMDA in planner().pemda
        with dg.DagsterInstance.get() as instance:
            result = defs.resolve_job_def(BUILD_JOB).execute_in_process(
                instance=instance, partition_key=OTHER_PEMDA, run_config=QUIET)
            tags = instance.get_run_by_id(result.run_id).tags
        assert result.success and tags[BUILD_TAG] == "ya"
        assert int(tags[THROUGH_FILE_TAG]) >= file_id
        assert OTHER_PEMDA not in planner().pemda
    finally:
        warehouse.execute("delete from raw.files where file_id = %s", (file_id,))


def test_a_request_without_a_file_asks_for_its_pemda(planner, warehouse):
    from pipelines.redo import redo_pemda

    assert OTHER_PEMDA not in planner().pemda
    conn = warehouse.connect()
    try:
        with conn, conn.cursor() as cur:
            redo_pemda(cur, OTHER_PEMDA, "test")
        assert OTHER_PEMDA in planner().pemda
    finally:
        warehouse.execute("delete from meta.pemda_to_redo where reason = 'test'")
        conn.close()


def test_changed_code_asks_for_every_pemda_in_full(planner):
    from pipelines.quality.checks import FLAGS_KEY

    changed = planner({FLAGS_KEY: "another"})
    assert changed.everything and changed.pemda and len(changed.spans) == 1
    assert changed.run_tags(changed.spans[0])["serapan/full_refresh"] == "true"
    assert planner().everything is False
