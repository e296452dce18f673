"""The quality step alone, on a warehouse that holds landed files: a git revision against
this checkout, alternating, on the same data.

    python bench/quality_step.py --home DIR --baseline GIT_REF [--repeat N] [--port P]

DIR is a serapan home whose warehouse has landed an inbox, e.g. the one
`bench/scale.py --scale provinsi` leaves in $TMPDIR/serapan-bench/provinsi/home. Each
round runs the quality step (every suite validated by GX, every rule's flags rewritten)
with the baseline's package, then with this checkout's, each in a process of its own
with its package first on PYTHONPATH, against that warehouse. Prints the seconds of the
step and of each suite's validation, and the flags each rule found: the two must find
the same flags (a faster rule that finds other rows is not faster), or the bench fails.
Writes bench/results/quality_step.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from compare import ROOT, add_rounds_and_port, export_revision, write_result

# Run in a process whose PYTHONPATH puts the package under test first; prints one JSON.
STEP = """
import json
import pipelines
from pipelines import warehouse
from pipelines.quality.step import run_quality_step

suites = {}
step = run_quality_step(warehouse.embedded().start(),
                        on_suite=lambda r: suites.update({r.suite_name: r.elapsed_seconds}))
print(json.dumps({"package": pipelines.__file__, "seconds": step.seconds,
                  "suites": suites, "flags": step.flags_per_rule}))
"""


def environment(code_root: Path, home: Path, port: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(code_root), "SERAPAN_HOME": str(home),
           "SERAPAN_PG_PORT": str(port), "GX_ANALYTICS_ENABLED": "false"}
    env.pop("WAREHOUSE_URL", None)
    return env


def quality_step(code_root: Path, home: Path, port: int) -> dict:
    env = environment(code_root, home, port)
    result = subprocess.run([sys.executable, "-c", STEP], env=env, cwd=code_root,
                            check=True, stdout=subprocess.PIPE, text=True)
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["package"].startswith(str(code_root)), figures["package"]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--baseline", required=True, help="git revision, e.g. main")
    add_rounds_and_port(parser)
    args = parser.parse_args()
    if not (args.home / "pg").is_dir():
        parser.error(f"no warehouse in {args.home}: run bench/scale.py --scale provinsi first")
    load_before = os.getloadavg()
    rounds: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="quality-step-") as scratch:
        variants = {f"baseline {args.baseline}":
                    export_revision(args.baseline, Path(scratch) / "baseline"),
                    "this checkout": ROOT}
        for _ in range(args.repeat):
            for name, code in variants.items():
                rounds.setdefault(name, []).append(quality_step(code, args.home, args.port))
    subprocess.run([sys.executable, "-m", "pipelines.cli", "warehouse", "stop"], check=True,
                   env=environment(ROOT, args.home, args.port), stdout=subprocess.DEVNULL)
    load_after = os.getloadavg()
    baseline = next(iter(rounds.values()))
    print(f"\n{args.home}: {os.cpu_count()} cores, load average {load_before[0]:.2f} "
          f"before, {load_after[0]:.2f} after; median of {args.repeat} round(s)")
    names = list(rounds)
    print(f"{'seconds':<22}" + "".join(f"{name:>24}" for name in names) + f"{'ratio':>8}")

    def row(label: str, values: list[float]) -> None:
        print(f"{label:<22}" + "".join(f"{v:>24.1f}" for v in values)
              + f"{values[0] / values[1]:>7.2f}x")

    row("quality step", [statistics.median(r["seconds"] for r in rounds[n]) for n in names])
    for suite in baseline[0]["suites"]:
        row(f"  {suite}", [statistics.median(r["suites"][suite] for r in rounds[n])
                           for n in names])
    flags = {n: rounds[n][0]["flags"] for n in names}
    differ = {rule: (flags[names[0]].get(rule), flags[names[1]].get(rule))
              for rule in flags[names[0]].keys() | flags[names[1]].keys()
              if flags[names[0]].get(rule) != flags[names[1]].get(rule)}
    print(f"flags: {sum(flags[names[1]].values()):,} of {len(flags[names[1]])} rules, "
          + ("the same per rule" if not differ else f"DIFFERENT per rule: {differ}"))
    write_result("quality_step", load_before, load_after, home=str(args.home),
                 rounds=rounds, flags_differ=differ)
    if differ:
        sys.exit(1)


if __name__ == "__main__":
    main()
