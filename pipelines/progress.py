"""Progress bars for `serapan run`, and silence everywhere else (Dagster UI, tests).

Assets report progress through `step()`; the command line turns the bars on with
`showing_progress()`. Under the Dagster UI nothing is shown, as there is no terminal.
"""

from __future__ import annotations

import logging
import sys
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from typing import Iterator, TextIO

_bars = None  # the active rich Progress, when a command line shows progress


class Step:
    def __init__(self, description: str, total: int | None):
        self._task = _bars.add_task(description, total=total) if _bars is not None else None

    def advance(self, amount: int = 1) -> None:
        if self._task is not None:
            _bars.advance(self._task, amount)

    def finish(self) -> None:
        if self._task is not None:
            task = _bars.tasks[self._task]
            _bars.update(self._task, total=task.completed or 1, completed=task.completed or 1)


def step(description: str, total: int | None = None) -> Step:
    return Step(description, total)


@contextmanager
def showing_progress(log: TextIO) -> Iterator[None]:
    """The bars on the screen (stderr); into `log`, everything else printed meanwhile:
    dbt's log lines, and what Dagster and the database driver say while they retry a lost
    connection (the command says in one line what went wrong)."""
    global _bars
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    screen = Console(file=sys.stderr)  # bound now, before stderr goes to the log
    # Libraries that log through the root logger without configuring it would otherwise
    # have logging configure a handler on stderr (the log while this lasts) for good.
    to_log = logging.StreamHandler(log)
    logging.getLogger().addHandler(to_log)
    try:
        with redirect_stdout(log), redirect_stderr(log), Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=screen, transient=False,
            redirect_stdout=False, redirect_stderr=False,
        ) as bars:
            _bars = bars
            try:
                yield
            finally:
                _bars = None
    finally:
        logging.getLogger().removeHandler(to_log)
