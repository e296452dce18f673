"""`serapan-dbt`: dbt, stopped when the process that started it ends.

dagster-dbt runs dbt as a child process. A run stopped with SIGKILL (kill -9, the
out-of-memory killer) has no chance to stop it: dbt would build on, alone, writing to the
warehouse while the next run starts. Here Linux's PR_SET_PDEATHSIG has the kernel send
dbt SIGINT, what Ctrl-C sends (dbt then cancels its queries and exits), when the thread
that started it ends: the thread that runs the dbt step, which waits for dbt to the end.
A watch on the parent ends dbt for good if it has not exited STOP_SECONDS later.

A build of some pemda skips dbt's parse. dbt parses the whole project again whenever its
variables differ from those of the last parse, seconds each run, and such a build gives
the variable `pemda` (pipelines/dbt.py scope_vars). The models read that variable as
they compile, never as they are parsed (macros/build_scope.sql; tests/test_dbt_parse.py
shows the project parsed with it is the project parsed without it). So the build is
given the project as parsed without variables (dbt's programmatic invocation with a
manifest), a partial parse from the state the nightly's first parse left
(pipelines/dbt.py ensure_manifest, which dagster-dbt copies into the run's target).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

import yaml

PR_SET_PDEATHSIG = 1  # linux/prctl.h
# The pid of the process that starts dbt (see SerapanDbtResource.cli): if it is no longer
# the parent once the kernel watches it, it ended before that, and dbt must not start.
PARENT_PID = "SERAPAN_DBT_PARENT_PID"
STOP_SECONDS = 20  # for dbt to cancel its queries after SIGINT
# The variables that no model reads while dbt parses: given these alone, the project
# parsed without variables is the project dbt would parse.
READ_AS_COMPILED = {"pemda"}


def main() -> None:
    _stop_with_parent()
    args = sys.argv[1:]
    if parsed_without_variables(args):
        sys.exit(_invoke_on_the_parse_without_variables(args))
    from dbt.cli.main import cli

    sys.exit(cli())


def parsed_without_variables(args: list[str]) -> bool:
    """Whether the dbt command `args` can be given the project parsed without variables:
    it gives variables, and only those READ_AS_COMPILED."""
    given = [value for flag, value in zip(args, args[1:]) if flag == "--vars"]
    given += [arg.split("=", 1)[1] for arg in args if arg.startswith("--vars=")]
    if len(given) != 1:
        return False
    variables = yaml.safe_load(given[0])
    return isinstance(variables, dict) and 0 < len(variables) and (
        set(variables) <= READ_AS_COMPILED)


def _invoke_on_the_parse_without_variables(args: list[str]) -> int:
    """dbt's exit status for `args` (0 success, 1 a node failed, 2 dbt failed), run on
    the project parsed without variables, where dagster-dbt's environment says (the
    project, profiles and target folders)."""
    from pipelines.dbt_invoke import invoke_dbt

    parsed = invoke_dbt(["parse", "--quiet"])
    if not parsed.success:
        print(f"serapan-dbt: dbt parse gagal / failed: {parsed.exception}", file=sys.stderr)
        return 2
    done = invoke_dbt(args, manifest=parsed.result)
    if done.success:
        return 0
    return 2 if done.exception is not None else 1


def _stop_with_parent() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGINT) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) gagal / failed")
    parent = int(os.environ.get(PARENT_PID) or os.getppid())
    if os.getppid() != parent:
        sys.exit("serapan-dbt: proses induk sudah berhenti / the parent process has ended")
    threading.Thread(target=_kill_when_orphaned, args=(parent,), daemon=True).start()


def _kill_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    time.sleep(STOP_SECONDS)  # SIGINT came with the parent's end: dbt is stuck
    os.kill(os.getpid(), signal.SIGKILL)
