"""The inputs serapan reads, one module per source; SOURCES is the registry.

SOURCES is built on first use (PEP 562): a module of one source, or a helper such as
pipelines.sources.dates, is then imported without every reader and pandas behind them,
which a command that only reads the warehouse (`serapan template`) does not need."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipelines.sources.base import Source

    SOURCES: dict[str, Source]


def __getattr__(name: str):
    if name != "SOURCES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from pipelines.sources.anggaran import SOURCE as ANGGARAN
    from pipelines.sources.lra import SOURCE as LRA
    from pipelines.sources.rak import SOURCE as RAK
    from pipelines.sources.realisasi import SOURCE as REALISASI
    from pipelines.sources.rfk import SOURCE as RFK
    from pipelines.sources.sidak import SOURCE as SIDAK
    from pipelines.sources.sp2d import SOURCE as SP2D

    registry = {source.name: source for source in (ANGGARAN, RAK, REALISASI, SP2D, RFK, LRA,
                                                   SIDAK)}
    globals()["SOURCES"] = registry
    return registry
