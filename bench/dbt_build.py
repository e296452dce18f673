"""dbt's intermediate models and marts on a warehouse as it stands: the build before
tables were incremental by pemda against this one, full and incremental, in one run.

    python bench/dbt_build.py --baseline DIR --pemda 33.01 [--threads 2 4] [--incremental-only]

DIR holds the previous dbt_project (e.g. `git archive <commit> dbt_project | tar -x -C DIR`).
The warehouse is the one serapan's environment names (SERAPAN_HOME, SERAPAN_PG_PORT, or
WAREHOUSE_URL), already landed and checked. Each build is timed from outside (the
command's wall time, dbt's start-up included) and from dbt's run_results.json (elapsed,
and the sum of node times, which exceeds the elapsed when threads overlap). Builds, one
after the other:

    baseline full          every table rebuilt (--full-refresh)
    baseline nightly       `dbt build` again: what every night cost before
    full                   this tree, --full-refresh, every pemda in scope
    one pemda              this tree, incremental, the scope one pemda (--pemda)
    empty scope            this tree, incremental, nothing in scope

Prints a table and writes bench/results/dbt_build_<pemda count>.json with the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipelines import warehouse  # noqa: E402
from pipelines.config import DBT_PROJECT_DIR  # noqa: E402
from pipelines.dbt import scope_vars  # noqa: E402
from pipelines.nightly import prepare  # noqa: E402

RESULTS = ROOT / "bench" / "results"
DBT = Path(sys.executable).parent / "dbt"


def timed_build(project: Path, threads: int, *args: str) -> dict:
    target = Path(tempfile.mkdtemp(prefix="dbt-bench-"))
    command = [str(DBT), "build", "--select", "intermediate", "marts", "--threads", str(threads),
               "--project-dir", str(project), "--profiles-dir", str(project),
               "--target-path", str(target), "--log-path", str(target), "--quiet", *args]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"dbt build gagal / failed:\n{result.stdout}\n{result.stderr}")
    run = json.loads((target / "run_results.json").read_text())
    nodes = run["results"]
    slowest = sorted(nodes, key=lambda node: -node["execution_time"])[:5]
    return {
        "wall_seconds": round(wall, 1),
        "dbt_elapsed_seconds": round(run["elapsed_time"], 1),
        "sum_of_node_seconds": round(sum(node["execution_time"] for node in nodes), 1),
        "models_seconds": round(sum(node["execution_time"] for node in nodes
                                    if node["unique_id"].startswith("model.")), 1),
        "tests_seconds": round(sum(node["execution_time"] for node in nodes
                                   if node["unique_id"].startswith("test.")), 1),
        "nodes": len(nodes),
        "slowest": [(node["unique_id"].split(".")[-1], round(node["execution_time"], 1))
                    for node in slowest],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", type=Path,
                        help="folder holding the previous dbt_project (of a release that "
                        "scopes its build by --vars, as this one)")
    parser.add_argument("--pemda", required=True, help="the pemda of the incremental build")
    parser.add_argument("--threads", type=int, nargs="+", default=[2])
    parser.add_argument("--incremental-only", action="store_true",
                        help="the two incremental builds alone, on tables already built")
    args = parser.parse_args()
    wh = prepare()
    pemda_count = warehouse_pemda(wh)
    load_before = os.getloadavg()
    runs: dict[str, dict] = {}
    for threads in args.threads:
        suffix = f", {threads} threads"
        if not args.incremental_only:
            baseline = args.baseline / "dbt_project"
            runs["baseline full" + suffix] = timed_build(baseline, threads, "--full-refresh")
            runs["baseline nightly" + suffix] = timed_build(baseline, threads)
            runs["full" + suffix] = timed_build(DBT_PROJECT_DIR, threads, "--full-refresh")
        runs["one pemda" + suffix] = timed_build(DBT_PROJECT_DIR, threads,
                                                 *scope_vars([args.pemda]))
        runs["empty scope" + suffix] = timed_build(DBT_PROJECT_DIR, threads, *scope_vars([]))
    print(f"{pemda_count} pemda; load average at start {load_before[0]:.2f}")
    print(f"{'':<34} {'wall s':>7} {'dbt s':>7} {'nodes s':>8} {'models':>7} {'tests':>7}")
    for name, run in runs.items():
        print(f"{name:<34} {run['wall_seconds']:>7} {run['dbt_elapsed_seconds']:>7} "
              f"{run['sum_of_node_seconds']:>8} {run['models_seconds']:>7} "
              f"{run['tests_seconds']:>7}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = f"dbt_build_{pemda_count}{'_incremental' if args.incremental_only else ''}.json"
    (RESULTS / name).write_text(json.dumps({
        "pemda": pemda_count, "cores": os.cpu_count(),
        "load_average": [round(v, 2) for v in load_before],
        "measured_at": datetime.now().isoformat(timespec="seconds"), "runs": runs,
    }, indent=2) + "\n")


def warehouse_pemda(wh: warehouse.Warehouse) -> int:
    conn = wh.connect()
    try:
        with conn.cursor() as cur:
            cur.execute("select count(distinct kode_pemda) from raw.files")
            return cur.fetchone()[0]
    finally:
        conn.close()


if __name__ == "__main__":
    main()
