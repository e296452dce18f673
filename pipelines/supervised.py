"""A child program that stops with the process that started it: `serapan dev`'s Dagster.

`dagster dev` starts the webserver, the daemon and a code server as processes of its
own. Python's default answer to SIGTERM is to die at once, so a SIGTERM to `serapan dev`
(systemd's stop, `kill`, a container's stop) used to leave `dagster dev` and all its
children running, the UI still up and the daemon still starting runs. Here the child is
started in a process group of its own; a SIGTERM, SIGINT (Ctrl-C) or SIGHUP to this
process reaches that whole group as SIGINT, as a terminal's Ctrl-C would, and whatever
of the child's processes is still alive GRACE_SECONDS later (or at once, on a second
signal) is killed. (`dagster dev` 1.13, so told, stopped its daemon's threads and then
waited on, its processes alive ten minutes later: the kill is what ends it.) The child's own descendants are remembered when the signal
comes, so one that has left the group (a code server in a session of its own) is not
missed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time

import psutil

GRACE_SECONDS = 30  # for Dagster to stop its webserver, daemon and runs in progress
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def run_supervised(argv: list[str], *, grace_seconds: float = GRACE_SECONDS,
                   env: dict[str, str] | None = None) -> int:
    """Run argv until it exits or this process is told to stop; returns its exit status
    (128 + the signal's number when a signal ended it). No process of the child's is left
    running when this returns."""
    child = subprocess.Popen(argv, env=env, start_new_session=True)
    family: dict[int, psutil.Process] = {}
    received: list[float] = []  # when each stop signal came

    def stop(signum, _frame) -> None:
        family.update(_family(child.pid))
        # SIGINT whatever the signal: what a terminal's Ctrl-C sends the whole group, and
        # what `dagster dev` shuts down on
        _signal_group(child.pid, signal.SIGKILL if received else signal.SIGINT)
        received.append(time.monotonic())

    previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}
    try:
        while True:
            # A short wait, again and again: a wait without a timeout, interrupted by the
            # signal, would be resumed without one, and `dagster dev` told to stop has
            # been seen not to end, its processes alive ten minutes on.
            try:
                status = child.wait(timeout=0.2)
                break
            except subprocess.TimeoutExpired:
                if len(received) == 1 and time.monotonic() - received[0] > grace_seconds:
                    stop(signal.SIGKILL, None)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        family.update(_family(child.pid))
        _end(family.values(), child.pid, grace_seconds if received else 0)
    return 128 - status if status < 0 else status


def _family(pid: int) -> dict[int, psutil.Process]:
    """The process and its descendants now, by pid."""
    try:
        root = psutil.Process(pid)
        return {p.pid: p for p in [root, *root.children(recursive=True)]}
    except psutil.NoSuchProcess:
        return {}


def _signal_group(pid: int, signum: int) -> None:
    try:
        os.killpg(pid, signum)  # the child leads its group (start_new_session)
    except ProcessLookupError:
        pass


def _end(processes, group: int, grace_seconds: float) -> None:
    """Wait up to grace_seconds for the remembered processes and the child's group to
    end, then kill what is left. psutil.Process knows a pid given to a later process
    is not the one remembered."""
    deadline = time.monotonic() + grace_seconds
    alive = [p for p in processes if _alive(p)]
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [p for p in alive if _alive(p)]
    for process in alive:
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass
    _signal_group(group, signal.SIGKILL)


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
