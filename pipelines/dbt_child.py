"""`serapan-dbt`: dbt, stopped when the process that started it ends.

dagster-dbt runs dbt as a child process. A run stopped with SIGKILL (kill -9, the
out-of-memory killer) has no chance to stop it: dbt would build on, alone, writing to the
warehouse while the next run starts. Here Linux's PR_SET_PDEATHSIG has the kernel send
dbt SIGINT, what Ctrl-C sends (dbt then cancels its queries and exits), when the thread
that started it ends: the thread that runs the dbt step, which waits for dbt to the end.
A watch on the parent ends dbt for good if it has not exited STOP_SECONDS later.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # linux/prctl.h
# The pid of the process that starts dbt (see SerapanDbtResource.cli): if it is no longer
# the parent once the kernel watches it, it ended before that, and dbt must not start.
PARENT_PID = "SERAPAN_DBT_PARENT_PID"
STOP_SECONDS = 20  # for dbt to cancel its queries after SIGINT


def main() -> None:
    _stop_with_parent()
    from dbt.cli.main import cli

    sys.exit(cli())


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
