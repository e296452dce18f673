"""dbt run inside this process (dbt's programmatic invocation), on a thread of its own.

As dbt makes its adapter, dbt-common (1.39) names the source of each behaviour flag by
walking the calling thread's stack with `inspect.stack()`, which looks up the module of
every frame; a frame whose file is no module's (code Dagster, pytest or execnet compile
from text) has it scan every loaded module again. Called from a Dagster step or a test,
that is a tenth of a second per flag, about a second per dbt command, in CPU (the test
suite spent 159 s so, docs/performance.md); from a new thread, whose stack holds a few
frames, milliseconds.
"""

from __future__ import annotations

import threading
from typing import Any


def invoke_dbt(args: list[str], manifest: Any = None):
    """dbt's result (`dbtRunnerResult`) for the command `args`, given the parsed project
    `manifest` when there is one (dbt then skips parsing)."""
    from dbt.cli.main import dbtRunner

    outcome: list = []

    def invoke() -> None:
        try:
            outcome.append(dbtRunner(manifest=manifest).invoke(args))
        except BaseException as exc:  # raised here, in the caller's thread
            outcome.append(exc)

    # A daemon: a process interrupted while dbt runs (Ctrl-C reaches the main thread)
    # exits without waiting for dbt's thread; the server cancels the queries of the
    # connections that closed with it (pipelines/warehouse.py).
    thread = threading.Thread(target=invoke, name="dbt", daemon=True)
    thread.start()
    thread.join()
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]
