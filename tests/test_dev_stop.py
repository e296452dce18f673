"""`serapan dev` stops with its process: what it started is gone when it has been told
to stop (pipelines/supervised.py). A real process tree stands in for `dagster dev`: a
parent that ends on the signal and leaves its children behind, as a crashed or stubborn
Dagster would, one child in the parent's group and one in a session of its own that
ignores SIGTERM."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

TREE = r"""
import os, signal, subprocess, sys, time
stubborn = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(600)"
children = [
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"]),
    subprocess.Popen([sys.executable, "-c", stubborn], start_new_session=True),
]
for signum in (signal.SIGTERM, signal.SIGINT):
    if sys.argv[2] == "leaves":  # gone, its children left behind
        signal.signal(signum, lambda *_: os._exit(0))
    else:  # "stays": told to stop, it does not (as `dagster dev` was seen to)
        signal.signal(signum, signal.SIG_IGN)
with open(sys.argv[1], "w") as out:
    out.write(" ".join(str(p) for p in [os.getpid(), *(c.pid for c in children)]))
time.sleep(600)
"""

SUPERVISOR = ("import sys; from pipelines.supervised import run_supervised; "
              "sys.exit(run_supervised(sys.argv[2:], grace_seconds=float(sys.argv[1])))")


def _running(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _tree_pids(pid_file: Path) -> list[int]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        text = pid_file.read_text() if pid_file.exists() else ""
        if len(text.split()) == 3:
            return [int(pid) for pid in text.split()]
        time.sleep(0.1)
    raise AssertionError("the process tree did not start")


@pytest.mark.parametrize("signum, child, status", [
    (signal.SIGTERM, "leaves", 0), (signal.SIGINT, "leaves", 0),
    (signal.SIGTERM, "stays", 128 + signal.SIGKILL),  # killed after the grace time
])
def test_a_signalled_supervisor_leaves_no_process_of_its_child(tmp_path, signum, child,
                                                               status):
    pid_file = tmp_path / "pids"
    supervisor = subprocess.Popen([sys.executable, "-c", SUPERVISOR, "1", sys.executable,
                                   "-c", TREE, str(pid_file), child])
    pids = _tree_pids(pid_file)
    assert all(_running(pid) for pid in pids)
    supervisor.send_signal(signum)
    assert supervisor.wait(timeout=30) == status  # the child's exit status, passed on
    assert [pid for pid in pids if _running(pid)] == []


def test_a_child_that_ends_by_itself_ends_the_supervisor_with_its_status(tmp_path):
    done = subprocess.run([sys.executable, "-c", SUPERVISOR, "1", sys.executable, "-c",
                           "import sys; sys.exit(7)"], timeout=30)
    assert done.returncode == 7
