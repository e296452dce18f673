"""A failed step tells the data team why, through Dagster's wrapping of the error."""

from __future__ import annotations

from dagster import job, op


@op
def quality__flags():
    try:
        raise OSError(28, "No space left on device")
    except OSError as exc:
        raise RuntimeError("could not extend file \"base/16384/1259\"") from exc


@job
def failing_night():
    quality__flags()


def test_a_failed_step_names_its_cause():
    from pipelines.nightly import RunSummary, _add_run

    summary = RunSummary()
    _add_run(summary, failing_night.execute_in_process(raise_on_error=False))

    assert not summary.ok
    [failure] = summary.failures
    assert failure.startswith("langkah/step quality__flags gagal/failed: ")
    assert "Error occurred while executing op" in failure
    assert 'could not extend file "base/16384/1259"' in failure
    assert "No space left on device" in failure


def test_a_file_the_warehouse_failed_fails_the_run_with_its_reason():
    """Landing leaves such a file in the inbox, unrecorded (tests/test_retry.py); the run
    says so and exits non-zero, as for a quarantine."""
    from pathlib import Path

    import dagster as dg

    from pipelines.landing.assets import summarize
    from pipelines.landing.load import IngestOutcome
    from pipelines.nightly import RunSummary, _add_landing

    failed = IngestOutcome(Path("inbox/anggaran/a.xlsx"), "anggaran", "failed",
                           error="a.xlsx: gudang data gagal sementara ... (statement timeout)")
    loaded = IngestOutcome(Path("inbox/anggaran/b.xlsx"), "anggaran", "loaded", rows=3)
    metadata = {name: value if isinstance(value, dg.MetadataValue)
                else dg.MetadataValue.int(value)
                for name, value in summarize([failed, loaded]).items()}
    summary = RunSummary()
    _add_landing(summary, metadata)
    assert (summary.files_seen, summary.files_loaded, summary.rows_loaded) == (2, 1, 3)
    assert not summary.ok and summary.failures == [failed.error]
