"""Landing time per source: a generated kabupaten inbox landed into a fresh warehouse.

    python bench/landing_sources.py [--inbox DIR] [--baseline GIT_REF] [--repeat N]
                                    [--port 56520]

Lands each source's folder of the inbox (default $TMPDIR/serapan-bench/kabupaten/inbox,
written by `bench/scale.py --scale kabupaten`) with ingest_inbox alone (no planning,
checks or dbt), source after source, into an empty embedded warehouse of its own, and
times each. With --baseline, the package as it is at that git revision (exported with
`git archive` into a temporary folder) is measured first, then this checkout's, one
after the other in the same run, each in a process and warehouse of its own; --repeat
alternates them N times, for a machine shared with other work. Prints a
table (files, rows, seconds, CPU seconds of the landing process and PostgreSQL, rows/s
per source) and writes bench/results/landing_sources.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from compare import ROOT, add_rounds_and_port, export_revision, write_result

INBOX = Path(tempfile.gettempdir()) / "serapan-bench" / "kabupaten" / "inbox"
SOURCES = ("anggaran", "rak", "realisasi", "sp2d", "rfk")

# Run in a process whose PYTHONPATH puts the package under test first; prints one JSON.
LAND = """
import json, sys, time
from pathlib import Path
import psutil
from pipelines import warehouse
from pipelines.inbox import pending_files
from pipelines.landing.load import ingest_inbox
try:
    from pipelines.migrations import migrate as make_schema
except ImportError:  # a --baseline revision from before numbered migrations
    from pipelines.landing.load import ensure_raw_schema as make_schema

def server_cpu(postmaster):
    # PostgreSQL's processes, the exited ones too, so a machine shared with others
    # can be told apart from the work itself.
    times = postmaster.cpu_times()
    total = times.user + times.system + times.children_user + times.children_system
    for child in postmaster.children():
        try:
            total += sum(child.cpu_times()[:2])
        except psutil.NoSuchProcess:
            pass
    return total

inbox, sources = Path(sys.argv[1]), sys.argv[2:]
server = warehouse.embedded()
wh = server.start()
postmaster = psutil.Process(int((server.data_dir / "postmaster.pid").read_text().split()[0]))
try:
    make_schema(wh)
    figures = {}
    for source in sources:
        started, client, server_before = time.perf_counter(), time.process_time(), server_cpu(postmaster)
        outcomes = ingest_inbox(wh, pending_files(inbox, source))
        figures[source] = {
            "seconds": round(time.perf_counter() - started, 2),
            "cpu_seconds": round(time.process_time() - client + server_cpu(postmaster) - server_before, 2),
            "files": len(outcomes),
            "loaded": sum(o.status == "loaded" for o in outcomes),
            "quarantined": sum(o.status == "quarantined" for o in outcomes),
            "rows": sum(o.rows for o in outcomes),
        }
finally:
    server.stop()
import pipelines
print(json.dumps({"package": pipelines.__file__, "sources": figures}))
"""


def land(code_root: Path, inbox: Path, port: int, scratch: Path) -> dict:
    home = scratch / "home"
    shutil.rmtree(home, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(code_root), "SERAPAN_HOME": str(home),
           "SERAPAN_PG_PORT": str(port), "GX_ANALYTICS_ENABLED": "false"}
    env.pop("WAREHOUSE_URL", None)
    result = subprocess.run([sys.executable, "-c", LAND, str(inbox), *SOURCES], env=env,
                            cwd=code_root, check=True, stdout=subprocess.PIPE, text=True)
    shutil.rmtree(home, ignore_errors=True)
    landed = json.loads(result.stdout.strip().splitlines()[-1])
    assert landed["package"].startswith(str(code_root)), landed["package"]
    figures = landed["sources"]
    for row in figures.values():
        row["rows_per_second"] = round(row["rows"] / row["seconds"]) if row["seconds"] else None
    figures["total"] = {key: round(sum(row[key] for row in figures.values()), 2)
                        for key in ("seconds", "cpu_seconds", "files", "loaded", "quarantined",
                                    "rows")}
    return figures


def median_run(rounds: list[dict]) -> dict:
    """Per source, the rounds' median seconds and CPU seconds (the counts are the same)."""
    return {source: {**rounds[0][source],
                     "seconds": statistics.median(r[source]["seconds"] for r in rounds),
                     "cpu_seconds": statistics.median(r[source]["cpu_seconds"] for r in rounds)}
            for source in rounds[0]}


def print_table(runs: dict[str, dict]) -> None:
    names = list(runs)
    print("seconds: wall clock; cpu: the landing process and PostgreSQL together")
    head = f"{'source':<10} {'files':>6} {'rows':>8}"
    for name in names:
        head += f" | {name + ' s':>22} {'cpu':>6} {'rows/s':>8}"
    if len(names) == 2:
        head += f" | {'ratio':>6} {'cpu':>6}"
    print(head)
    for source in (*SOURCES, "total"):
        first = runs[names[0]][source]
        line = f"{source:<10} {first['files']:>6} {first['rows']:>8}"
        for name in names:
            row = runs[name][source]
            rate = round(row["rows"] / row["seconds"]) if row["seconds"] else 0
            line += f" | {row['seconds']:>22.2f} {row['cpu_seconds']:>6.2f} {rate:>8,}"
        if len(names) == 2:
            last = runs[names[1]][source]
            line += (f" | {first['seconds'] / last['seconds']:>5.1f}x"
                     f" {first['cpu_seconds'] / last['cpu_seconds']:>5.1f}x")
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inbox", type=Path, default=INBOX)
    parser.add_argument("--baseline", help="git revision to measure first, e.g. main")
    add_rounds_and_port(parser)
    args = parser.parse_args()
    if not args.inbox.is_dir():
        parser.error(f"no inbox at {args.inbox}: run bench/scale.py --scale kabupaten first")
    load_before = os.getloadavg()
    rounds: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="landing-sources-") as scratch:
        scratch = Path(scratch)
        variants = {"this checkout": ROOT}
        if args.baseline:
            variants = {f"baseline {args.baseline}":
                        export_revision(args.baseline, scratch / "baseline"), **variants}
        for _ in range(args.repeat):
            for name, code in variants.items():
                rounds.setdefault(name, []).append(land(code, args.inbox, args.port, scratch))
    load_after = os.getloadavg()
    runs = {name: median_run(of_variant) for name, of_variant in rounds.items()}
    print(f"\n{args.inbox}: {os.cpu_count()} cores, load average {load_before[0]:.2f} "
          f"before, {load_after[0]:.2f} after; median of {args.repeat} round(s)")
    print_table(runs)
    write_result("landing_sources", load_before, load_after, inbox=str(args.inbox),
                 median=runs, rounds=rounds)


if __name__ == "__main__":
    main()
