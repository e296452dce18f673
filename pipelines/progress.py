"""Progress bars for `serapan run`, and silence everywhere else (Dagster UI, tests).

Assets report progress through `step()`; the command line turns the bars on with
`showing_progress()`. Under the Dagster UI nothing is shown, as there is no terminal.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

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
def showing_progress(console) -> Iterator[None]:
    global _bars
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=False,
    ) as bars:
        _bars = bars
        try:
            yield
        finally:
            _bars = None
