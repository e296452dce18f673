"""The whole test suite's wall time, as `make test` runs it or one test after another.

    python bench/test_suite.py [--workers 2] [--repo PATH]

Runs `pytest` in the repository at PATH (default: this one) with its own virtualenv
(`PATH/.venv`), `-n WORKERS --dist loadfile` as the Makefile's `test` target does, or
without pytest-xdist when WORKERS is 0 (the suite before it ran in parallel). Prints
the wall time, the CPU time of pytest and of the processes it waited for (not of a
server left running in the background: the embedded PostgreSQL's), the tests passed
and failed, and the load average before and after; writes bench/results/test_suite.json. Exits 1 when a test failed.
The machine must be otherwise idle for the figure to mean anything: the load average
says whether it was.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def run_suite(repo: Path, workers: int) -> dict:
    parallel = ["-n", str(workers), "--dist", "loadfile"] if workers else []
    command = [str(repo / ".venv" / "bin" / "python"), "-m", "pytest", "-q",
               "-p", "no:cacheprovider", *parallel]
    load_before = os.getloadavg()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=repo, env={**os.environ, "GX_ANALYTICS_ENABLED": "false"},
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    summary = next((line for line in reversed(done.stdout.splitlines())
                    if re.search(r"\d+ (passed|failed)", line)), "")
    counts = {kind: int(n) for n, kind in re.findall(r"(\d+) (passed|failed|errors?)", summary)}
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repo,
                            capture_output=True, text=True).stdout.strip()
    return {
        "commit": commit, "workers": workers, "command": " ".join(command[1:]),
        "wall_seconds": round(wall, 1),
        "cpu_seconds": round((after.ru_utime - before.ru_utime)
                             + (after.ru_stime - before.ru_stime), 1),
        "tests": counts, "exit_status": done.returncode, "cores": os.cpu_count(),
        "load_average_before": [round(v, 2) for v in load_before],
        "load_average_after": [round(v, 2) for v in os.getloadavg()],
        "tail": done.stdout.strip().splitlines()[-3:],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2,
                        help="pytest-xdist workers; 0: one test after another")
    parser.add_argument("--repo", type=Path, default=ROOT,
                        help="the checkout to test, with its .venv (another commit's)")
    args = parser.parse_args()
    figures = run_suite(args.repo.resolve(), args.workers)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "test_suite.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(f"{figures['commit']}  workers {figures['workers']}: "
          f"{figures['wall_seconds']:.1f} s wall, {figures['cpu_seconds']:.1f} s CPU, "
          f"{figures['tests']}, load average {figures['load_average_before'][0]:.1f} "
          f"-> {figures['load_average_after'][0]:.1f} on {figures['cores']} cores")
    return 0 if figures["exit_status"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
