"""Dagster resources: how assets reach the warehouse."""

from __future__ import annotations

import contextlib
from typing import Iterator, Self

import dagster as dg

from pipelines import warehouse
from pipelines.migrations import migrate
from pipelines.run_lock import one_run_at_a_time
from pipelines.warehouse import Warehouse


class WarehouseResource(dg.ConfigurableResource):
    """The warehouse in use (WAREHOUSE_URL or the embedded server), held for one run at a
    time (run_lock.py) while a step of a Dagster run uses it, its schema the one the
    step's code expects: a run the schedule starts in `serapan dev` runs the code as it
    is now, which may have brought migrations since `serapan dev` started."""

    def get(self) -> Warehouse:
        return warehouse.current()

    @contextlib.contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator[Self]:
        say = context.log.warning if context.log is not None else print
        with one_run_at_a_time("Dagster run", say):
            migrate(self.get())
            yield self
