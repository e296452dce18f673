"""The quality schema (flags.sql), apart from the rules: a command that only reads the
flags creates it without importing GX, which takes seconds."""

from __future__ import annotations

from pathlib import Path

from pipelines.warehouse import Warehouse

FLAGS_DDL = Path(__file__).with_name("flags.sql")


def ensure_flags_table(warehouse: Warehouse) -> None:
    warehouse.execute(FLAGS_DDL.read_text())
