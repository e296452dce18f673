"""Dagster resources: how assets reach the warehouse."""

from __future__ import annotations

import dagster as dg

from pipelines import warehouse
from pipelines.warehouse import Warehouse


class WarehouseResource(dg.ConfigurableResource):
    """The warehouse in use (WAREHOUSE_URL or the embedded server)."""

    def get(self) -> Warehouse:
        return warehouse.current()
