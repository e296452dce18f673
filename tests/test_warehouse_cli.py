"""`serapan warehouse url`, and what a command says when the warehouse goes away."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import dagster as dg

from tests.conftest import run_cli


def test_url_leaves_the_superusers_password_out_unless_asked(warehouse):
    status, output = run_cli("warehouse", "url")
    assert status == 0, output
    assert warehouse.password not in output
    assert f"postgresql://postgres@127.0.0.1:{warehouse.port}/serapan" in output.splitlines()
    assert "grant-bi" in output  # where a BI tool's URL comes from

    status, output = run_cli("warehouse", "url", "--with-password")
    assert status == 0, output
    assert f"postgresql://postgres:{warehouse.password}@" in output
    assert "admin" in output and "superuser" in output


def test_a_warehouse_stopped_mid_run_is_said_in_one_line(warehouse, tmp_path):
    """The real command in a process of its own, its warehouse stopped under it."""
    from pipelines.nightly import prepare
    from pipelines.warehouse import embedded

    with dg.DagsterInstance.get() as instance:
        before = {record.dagster_run.run_id for record in instance.get_run_records()}
    serapan = os.path.join(os.path.dirname(sys.executable), "serapan")
    run = subprocess.Popen([serapan, "run", "--inbox", str(tmp_path)], text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_for_a_run_to_start(instance, before, run)
        embedded().stop()
        out, err = run.communicate(timeout=300)
    finally:
        prepare()  # the session's warehouse again, for the tests after this one
    assert run.returncode == 1, err
    said = " ".join(err.split())  # as one line, however wide the terminal
    assert said.endswith("Gagal / failed: gudang data tertanam berhenti atau tidak bisa "
                         "dihubungi / the embedded warehouse stopped or cannot be reached: "
                         "jalankan / start it with `serapan warehouse start`, lalu ulangi / "
                         "then run again"), err
    assert "[SQL:" not in err and "Traceback" not in err, err
    assert len(err.strip().splitlines()) <= 10, err  # the progress bars so far, and that


def _wait_for_a_run_to_start(instance, before: set[str], run: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and run.poll() is None:
        started = [record for record in instance.get_run_records(
            dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED]))
            if record.dagster_run.run_id not in before]
        if started:
            return
        time.sleep(0.2)
    raise AssertionError(f"no run started: {run.poll()}")
