"""A nightly increment redoes the checks of the pemda with new files, and only theirs.

pipelines/changes.py says which pemda changed since a step last finished; the quality
step then validates and re-flags those alone. Shown on the session warehouse, after its
nightly run: watermarks of a test consumer of their own, and scoped quality runs whose
flags must equal what a full run finds.
"""

from __future__ import annotations

import pytest

from tests.conftest import OTHER_PEMDA, SAMPLE_PEMDA
from tests.db import query

NEW_FILE_PEMDA = "98.98"  # a pemda no other test loads


@pytest.fixture
def new_file(warehouse):
    """A quarantined file row of a pemda of its own (no lines: nothing else sees it)."""
    [(file_id,)] = warehouse.query("""
        insert into raw.files (sha256, source, kode_pemda, original_name, archive_path, meta,
                               status, error)
        values ('test-changes', 'sp2d', %s, 'baru.csv', '-', '{}', 'quarantined', 'test')
        returning file_id""", (NEW_FILE_PEMDA,))
    yield file_id
    warehouse.execute("delete from raw.files where file_id = %s", (file_id,))


def test_a_consumer_redoes_every_pemda_first_then_what_landed_since(nightly_run, warehouse,
                                                                    request):
    from pipelines import changes

    first = changes.pending(warehouse, "test", "v1")
    assert first.everything and first.pemda is None
    changes.mark_done(warehouse, first)
    assert changes.pending(warehouse, "test", "v1").pemda == []

    file_id = request.getfixturevalue("new_file")
    assert changes.pending(warehouse, "test", "v1").pemda == [NEW_FILE_PEMDA]
    # What decides the result changed (a rule, a tolerance): every pemda again.
    assert changes.pending(warehouse, "test", "v2").pemda is None
    # Work planned before the file arrived does not count it as done.
    changes.mark_done(warehouse, first)
    assert changes.pending(warehouse, "test", "v1").pemda == [NEW_FILE_PEMDA]
    changes.mark_done(warehouse, changes.pending(warehouse, "test", "v1"))
    assert changes.pending(warehouse, "test", "v1").pemda == []
    assert file_id
    changes.forget(warehouse)
    assert changes.pending(warehouse, "test", "v1").pemda is None


def _flags(warehouse) -> dict:
    """flag_id -> the finding, of every suite and pemda."""
    return {row[0]: row[1:] for row in query(warehouse, """
        select flag_id, suite, rule_id, kode_pemda, file_id, sheet, row_number, pesan,
               nilai::text
        from quality.flags""")}


def test_a_scoped_quality_step_rewrites_its_pemda_alone_and_finds_the_same(nightly_run,
                                                                         warehouse):
    from pipelines.quality.step import run_quality_step, suite_names

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
    # The batches GX validated hold the scoped pemda's rows alone.
    for name in suite_names():
        pemda = query(warehouse, f"select distinct kode_pemda from quality.batch_{name}")
        assert pemda in ([], [(OTHER_PEMDA,)])
    # Counts still speak of every pemda.
    assert sum(step.flags_per_rule.values()) == len(after)


def test_an_empty_scope_checks_nothing_and_keeps_every_flag(nightly_run, warehouse):
    from pipelines.quality.step import run_quality_step

    before = _flags(warehouse)
    step = run_quality_step(warehouse, pemda=[])
    assert _flags(warehouse) == before
    assert all(result.success for result in step.results)
    for result in step.results:
        [(rows,)] = query(warehouse, f"select count(*) from quality.batch_{result.suite_name}")
        assert rows == 0


def test_a_kode_pemda_that_is_not_a_code_is_refused(warehouse):
    from pipelines.quality.step import scoped

    with pytest.raises(ValueError, match="kode pemda tidak sah"):
        scoped(warehouse, ["81.01 -c statement_timeout=1"])
