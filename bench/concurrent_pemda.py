"""Two pemda's build runs at once under the Dagster daemon, against the same two one
after the other: the runs overlap, and every intermediate and mart table (and the
quality flags) ends the same.

    python bench/concurrent_pemda.py [--port 55491]

The inbox is two pemda's sample years (bench/scale.py's provinsi, its first two pemda),
generated once into $TMPDIR/serapan-bench/provinsi-2/inbox; the warehouse is a fresh one
of its own (SERAPAN_HOME=<that folder>/concurrent). Not timed: `serapan run` lands,
checks and builds it all (the views and seeds then stand, every code version recorded).
Then the Dagster daemon starts on the repository's dagster.yaml (QueuedRunCoordinator,
two runs at once, one per pemda) and workspace.yaml, its inbox sensor stopped (a first
tick would start a landing), and, twice, the two pemda are built again by two `build`
runs of one pemda partition each, submitted to the queue as the build sensor submits
them: each checks its pemda's rows and rewrites their flags, and deletes and inserts its
pemda's rows of every intermediate and mart table (the views and seeds left standing).

    concurrent   both submitted at once: the daemon starts both
    serial       the second submitted when the first has ended

For each: the runs' STARTED..ended windows (Dagster's run records) and their steps', the
seconds the two runs overlapped, and per table the row count and a digest of its rows
(tests/test_incremental_pemda.py `contents`), compared with the other mode's and with
what the full `serapan run` built. Prints the figures and writes
bench/results/concurrent_pemda.json; exits 1 when the runs failed, did not overlap, or
any table differs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scale import DATA, generate, kode_pemda  # noqa: E402

RESULTS = ROOT / "bench" / "results"
BIN = Path(sys.executable).parent
SCALE, PEMDA = "provinsi", 2
ENDED = ("SUCCESS", "FAILURE", "CANCELED")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serapan(*args: str, statuses=(0,)) -> None:
    result = subprocess.run([str(BIN / "serapan"), *args], cwd=ROOT, text=True,
                            capture_output=True)
    if result.returncode not in statuses:
        raise SystemExit(f"serapan {' '.join(args)}: {result.returncode}\n"
                         f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}")


def dagster(*args: str) -> None:
    subprocess.run([str(BIN / "dagster"), *args, "-w", str(ROOT / "workspace.yaml")],
                   cwd=ROOT, check=True, capture_output=True, text=True)


def launch(pemda: list[str]) -> list[str]:
    """A build run of each pemda partition, submitted at once (`dagster job launch`, one
    process each) to the queue, whose coordinator starts them."""
    from pipelines.partitions import PARTITION_TAG, PEMDA_TAG

    run_ids = [str(uuid.uuid4()) for _ in pemda]
    launching = [subprocess.Popen(
        [str(BIN / "dagster"), "job", "launch", "-w", str(ROOT / "workspace.yaml"),
         "-j", "build", "--run-id", run_id,
         "--tags", json.dumps({PARTITION_TAG: kode, PEMDA_TAG: kode})],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for kode, run_id in zip(pemda, run_ids)]
    for process in launching:
        if process.wait() != 0:
            raise SystemExit(f"dagster job launch: {process.stderr.read()[-4000:]}")
    return run_ids


def wait_for(instance, run_ids: list[str], timeout: float = 1800) -> None:
    import dagster as dg

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        records = instance.get_run_records(dg.RunsFilter(run_ids=run_ids))
        if len(records) == len(run_ids) and all(
                record.dagster_run.status.value in ENDED for record in records):
            return
        time.sleep(2)
    raise SystemExit(f"runs not ended after {timeout} s: {run_ids}")


def windows(instance, run_ids: list[str]) -> list[dict]:
    """Each run's status, its STARTED..ended window and its steps' (unix seconds)."""
    import dagster as dg

    found = []
    for record in instance.get_run_records(dg.RunsFilter(run_ids=run_ids)):
        run = record.dagster_run
        steps: dict[str, dict] = {}
        for entry in instance.all_logs(run.run_id, of_type={
                dg.DagsterEventType.STEP_START, dg.DagsterEventType.STEP_SUCCESS,
                dg.DagsterEventType.STEP_FAILURE}):
            window = steps.setdefault(entry.step_key, {})
            window["start" if entry.dagster_event_type == dg.DagsterEventType.STEP_START
                   else "end"] = entry.timestamp
        found.append({"run_id": run.run_id, "pemda": run.tags.get("serapan/pemda"),
                      "status": run.status.value, "start": record.start_time,
                      "end": record.end_time, "steps": steps})
    return sorted(found, key=lambda run: run["start"] or 0)


def overlap(a: dict, b: dict) -> float:
    if not all(w.get(k) for w in (a, b) for k in ("start", "end")):
        return 0.0
    return max(0.0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def snapshot(warehouse, tables: list[str], pemda: list[str]) -> dict:
    from tests.db import query
    from tests.test_incremental_pemda import contents

    found = contents(warehouse, tables)
    [found["quality.flags"]] = query(warehouse, """
        select count(*), md5(coalesce(string_agg(f, '|' order by f), ''))
        from (select concat_ws(',', suite, rule_id, kode_pemda, file_id, sheet, row_number,
                               pesan, nilai::text) as f
              from quality.flags where kode_pemda = any(%s)) as flags""", (pemda,))
    return {table: list(value) for table, value in found.items()}


def builds(instance, warehouse, tables, pemda: list[str], together: bool) -> dict:
    started = time.time()
    if together:
        run_ids = launch(pemda)
        wait_for(instance, run_ids)
    else:
        run_ids = []
        for kode in pemda:
            run_ids += launch([kode])
            wait_for(instance, run_ids[-1:])
    runs = windows(instance, run_ids)
    first, second = runs
    shared_steps = sorted(set(first["steps"]) & set(second["steps"]))
    return {
        "runs": [{**run, "seconds": round(run["end"] - run["start"], 1)} for run in runs],
        "overlap_seconds": round(overlap(first, second), 1),
        "step_overlap_seconds": {step: round(overlap(first["steps"][step],
                                                     second["steps"][step]), 1)
                                 for step in shared_steps},
        "span_seconds": round(max(r["end"] for r in runs) - min(r["start"] for r in runs), 1),
        "wall_seconds_with_submitting": round(time.time() - started, 1),
        "tables": snapshot(warehouse, tables, pemda),
    }


def stop(daemon: subprocess.Popen) -> None:
    """The daemon and what it started (its code server, a run's processes): asked to
    end, then killed after half a minute."""
    import psutil

    processes = [psutil.Process(daemon.pid)]
    processes += processes[0].children(recursive=True)
    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.terminate()
    _, alive = psutil.wait_procs(processes, timeout=30)
    for process in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0, help="the warehouse's (default: free)")
    args = parser.parse_args()
    inbox, counts = generate(SCALE, PEMDA, 1)
    pemda = [kode_pemda(SCALE, index) for index in range(PEMDA)]
    home = DATA / "concurrent"
    os.environ.update({"SERAPAN_HOME": str(home), "SERAPAN_INBOX": str(inbox),
                       "SERAPAN_PG_PORT": str(args.port or free_port()),
                       "GX_ANALYTICS_ENABLED": "false", "PYTHONPATH": str(ROOT)})
    os.environ.pop("WAREHOUSE_URL", None)
    os.environ.pop("DAGSTER_HOME", None)
    serapan("warehouse", "stop", statuses=(0, 1))
    subprocess.run(["rm", "-rf", str(home)], check=True)
    load_before = os.getloadavg()
    started = time.monotonic()
    # everything landed and built: the views and seeds stand (1: the sample's broken
    # files quarantined; 3: files held back)
    serapan("run", statuses=(0, 1, 3))
    full_run_seconds = round(time.monotonic() - started, 1)

    import dagster as dg

    from pipelines.nightly import prepare
    from tests.test_incremental_pemda import incremental_tables

    warehouse = prepare()  # this process's environment: the daemon's, Dagster's home
    tables = incremental_tables(warehouse)
    full = snapshot(warehouse, tables, pemda)
    dagster("sensor", "stop", "inbox_sensor")
    daemon = subprocess.Popen([str(BIN / "dagster-daemon"), "run", "-w",
                               str(ROOT / "workspace.yaml")], cwd=ROOT,
                              start_new_session=True, stdout=subprocess.DEVNULL,
                              stderr=open(home / "daemon.log", "w"))
    try:
        with dg.DagsterInstance.get() as instance:
            concurrent = builds(instance, warehouse, tables, pemda, together=True)
            serial = builds(instance, warehouse, tables, pemda, together=False)
    finally:
        stop(daemon)
        serapan("warehouse", "stop")

    differing = sorted(table for table in full if concurrent["tables"][table]
                       != serial["tables"][table])
    differing_from_full = sorted(table for table in full
                                 if concurrent["tables"][table] != full[table])
    ok = (all(run["status"] == "SUCCESS" for mode in (concurrent, serial)
              for run in mode["runs"])
          and concurrent["overlap_seconds"] > 0 and not differing and not differing_from_full)
    figures = {
        "pemda": pemda, "inbox": counts, "cores": os.cpu_count(),
        "load_average_before": [round(v, 2) for v in load_before],
        "load_average_after": [round(v, 2) for v in os.getloadavg()],
        "measured_at": datetime.now().isoformat(timespec="seconds"),
        "full_run_seconds": full_run_seconds,
        "tables_compared": len(full),
        "rows_compared": sum(count for count, _ in full.values()),
        "differing_concurrent_serial": differing,
        "differing_concurrent_full": differing_from_full,
        "ok": ok,
        "concurrent": {k: v for k, v in concurrent.items() if k != "tables"},
        "serial": {k: v for k, v in serial.items() if k != "tables"},
        "tables": {table: {"full": full[table], "concurrent": concurrent["tables"][table],
                           "serial": serial["tables"][table]} for table in full},
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "concurrent_pemda.json"
    out.write_text(json.dumps(figures, indent=2) + "\n")

    print(f"\n{len(pemda)} pemda ({', '.join(pemda)}), {counts['files']:,} files; "
          f"{os.cpu_count()} cores, load average {load_before[0]:.1f}; "
          f"`serapan run` first: {full_run_seconds} s")
    for name, mode in (("concurrent", concurrent), ("serial", serial)):
        runs = ", ".join(f"{run['pemda']} {run['status']} {run['seconds']} s"
                         for run in mode["runs"])
        print(f"{name:<11} {runs}; span {mode['span_seconds']} s, runs overlapping "
              f"{mode['overlap_seconds']} s; steps overlapping "
              + ", ".join(f"{step} {seconds} s" for step, seconds
                          in mode["step_overlap_seconds"].items()))
    print(f"{len(full)} tables, {figures['rows_compared']:,} rows of the two pemda: "
          f"concurrent vs serial differ in {differing or 'none'}; concurrent vs the full "
          f"run in {differing_from_full or 'none'}")
    print(f"written: {out.relative_to(ROOT)}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
