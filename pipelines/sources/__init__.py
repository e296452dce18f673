"""The inputs serapan reads, one module per source; SOURCE_NAMES says which, SOURCES is
the registry.

SOURCE_NAMES is the one list of source names: the inbox's folders (pipelines/inbox.py),
the commands' `--source` choices and the registry all read it. Each name is also the
module of its source here (pipelines/sources/<name>/, its SOURCE).

SOURCES is built on first use (PEP 562): a module of one source, or a helper such as
pipelines.sources.dates, is then imported without every reader and pandas behind them,
which a command that only reads the warehouse (`serapan template`) does not need."""

from __future__ import annotations

from importlib import import_module

# In the order the nightly lands them, and the registry lists them.
SOURCE_NAMES = ("anggaran", "rak", "realisasi", "sp2d", "rfk", "lra", "sidak")


def __getattr__(name: str):
    """SOURCES, {name: pipelines.sources.base.Source}, on first use (no `typing` import
    for its annotation: the reading commands import none)."""
    if name != "SOURCES":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    registry = {}
    for source_name in SOURCE_NAMES:
        source = import_module(f"{__name__}.{source_name}").SOURCE
        registry[source.name] = source
    globals()["SOURCES"] = registry
    return registry
