"""dbt run in process from deep in a stack of code compiled from text, as Dagster's steps
and pytest's workers call it: straight from that stack, and on a thread of its own
(pipelines/dbt_invoke.py).

    python bench/dbt_in_process.py [--depth 60] [--repeat 5]

Each command is `dbt parse` from the partial parse (no warehouse needed): dbt makes its
adapter, and dbt-common names each behaviour flag's source from the calling thread's
stack. Prints the seconds per command both ways and the time in that lookup; writes
bench/results/dbt_in_process.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--depth", type=int, default=60,
                        help="frames of code compiled from text above the call")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    import dagster  # noqa: F401  the modules a step's process holds
    import great_expectations  # noqa: F401
    from dbt.cli.main import dbtRunner
    from dbt_common import behavior_flags

    from pipelines.config import DBT_PROJECT_DIR
    from pipelines.dbt_invoke import invoke_dbt

    in_lookup = [0.0]
    lookup = behavior_flags.BehaviorFlagRendered._default_source

    def timed_lookup():
        started = time.perf_counter()
        try:
            return lookup()
        finally:
            in_lookup[0] += time.perf_counter() - started

    behavior_flags.BehaviorFlagRendered._default_source = staticmethod(timed_lookup)
    target = tempfile.mkdtemp(prefix="dbt-in-process-")
    command = ["parse", "--quiet", "--project-dir", str(DBT_PROJECT_DIR),
               "--profiles-dir", str(DBT_PROJECT_DIR), "--target-path", target,
               "--log-path", target]
    os.environ.setdefault("SERAPAN_PG_PORT", "5432")

    def straight():
        assert dbtRunner().invoke(command).success

    def on_a_thread():
        assert invoke_dbt(command).success

    # Frames whose file is "<string>", as exec'd code has: no module owns them.
    nest = {}
    exec(compile("def down(n, call):\n    return down(n - 1, call) if n else call()\n",
                 "<string>", "exec"), nest)
    straight()  # the partial parse written, the caches warm
    figures = {}
    for name, call in (("straight", straight), ("on a thread", on_a_thread)):
        in_lookup[0] = 0.0
        started = time.perf_counter()
        for _ in range(args.repeat):
            nest["down"](args.depth, call)
        seconds = (time.perf_counter() - started) / args.repeat
        figures[name] = {"seconds_per_command": round(seconds, 3),
                         "lookup_seconds_per_command": round(in_lookup[0] / args.repeat, 3)}
        print(f"{name:12} {seconds:6.3f} s a command, {in_lookup[0] / args.repeat:6.3f} s "
              f"of it naming the behaviour flags' source")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "dbt_in_process.json").write_text(json.dumps(
        {"depth": args.depth, "repeat": args.repeat, "modules_loaded": len(sys.modules),
         "cores": os.cpu_count(), "load_average": os.getloadavg(), **figures}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
