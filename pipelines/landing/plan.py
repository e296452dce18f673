"""Which inbox files are new, and for the monthly sources, which month each reports.

The nightly schedule, the inbox sensor and `serapan run` all start here: one run per
month that has new monthly files, then one run for everything else.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.config import settings
from pipelines.inbox import MetadataError, read_meta
from pipelines.inbox_entries import Refused, scan_inbox
from pipelines.landing.archive import sha256_of
from pipelines.landing.attempts import in_force, sidecar_sha256_of
from pipelines.sources import SOURCES
from pipelines.sources.base import Source
from pipelines.sources.errors import SourceFileError
from pipelines.warehouse import Warehouse


@dataclass
class InboxPlan:
    monthly: dict[str, dict[str, list[Path]]] = field(default_factory=dict)  # source→month→files
    other: dict[str, list[Path]] = field(default_factory=dict)  # source → files
    undated: list[Path] = field(default_factory=list)  # monthly files of no telling month
    refused: list[Refused] = field(default_factory=list)  # entries never read (scan_inbox)

    @property
    def months(self) -> list[str]:
        return sorted({month for by_month in self.monthly.values() for month in by_month})

    def files_for(self, source: str, month: str | None = None) -> list[Path]:
        if month is None:
            return self.other.get(source, [])
        return self.monthly.get(source, {}).get(month, [])


def plan_inbox(warehouse: Warehouse, inbox: Path, sources: list[str] | None = None,
               first_month: str | None = None) -> InboxPlan:
    """The inbox's files not in raw.files yet (or quarantined, their sidecar changed
    since), by source and, for the monthly sources, by month from `first_month` (the
    settings' first month unless given) on."""
    plan = InboxPlan()
    monthly: dict[str, dict[str, list[Path]]] = defaultdict(lambda: defaultdict(list))
    first_month = first_month or settings().first_month
    for name in sources or list(SOURCES):
        source = SOURCES[name]
        landed = in_force(warehouse, name)
        scan = scan_inbox(inbox, name)
        plan.refused.extend(scan.refused)
        for path in scan.files:
            sha256 = sha256_of(path)
            if sha256 in landed and landed[sha256].settled(sidecar_sha256_of(path)):
                continue  # these bytes are in already (or quarantined, nothing changed)
            if not source.monthly:
                plan.other.setdefault(name, []).append(path)
                continue
            month = month_partition(source, path, first_month, sha256)
            if month is None:  # landed by the inbox run, quarantined if no month is told
                plan.undated.append(path)
                continue
            monthly[name][month].append(path)
    plan.monthly = {name: dict(by_month) for name, by_month in monthly.items()}
    return plan


def month_partition(source: Source, path: Path, first_month: str,
                    sha256: str | None = None) -> str | None:
    """The month partition a monthly source's file lands in; None where the inbox run
    lands it: no month told (the loader quarantines it, with the reason), or a month
    before `first_month`."""
    try:
        month = _month_of(source, path, sha256 or sha256_of(path))
    except (MetadataError, SourceFileError):
        return None
    return month if month >= first_month else None


# The month a file reports, where only reading the file tells (no periode in its
# sidecar): read once per process, as the inbox is planned again for each month.
_MONTH_READ: dict[tuple[str, str], str] = {}


def _month_of(source: Source, path: Path, sha256: str) -> str:
    meta = read_meta(path)
    if meta.periode:
        return source.month_of(path, meta)
    key = (source.name, sha256)
    if key not in _MONTH_READ:
        _MONTH_READ[key] = source.month_of(path, meta)
    return _MONTH_READ[key]
