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
