"""A deterministic synthetic kabupaten: its structure, its budget versions, and the files
its systems export (same seed, same bytes).

    build_universe(seed, tahun, kode_pemda) -> Universe   SKPD, sub units, sub kegiatan, ...
    build_budget(seed, tahun, kode_pemda)   -> Budget     universe + versions -> lines
    write_budget_sample(inbox, ...)         -> [Path]     Rekap 5 exports into the inbox
    write_sample_year(inbox, ...)           -> SampleYear every source's files for a year,
                                                          with known defects and their ground truth
"""

from __future__ import annotations

from pathlib import Path

from pipelines.inbox import FileMeta, write_meta
from pipelines.sample.budget import Budget, BudgetLine, BudgetVersion, build_budget
from pipelines.sample.rekap5 import write_rekap5
from pipelines.sample.universe import Universe, build_universe

__all__ = [
    "Budget", "BudgetLine", "BudgetVersion", "SampleYear", "Universe", "build_budget",
    "build_universe", "write_budget_sample", "write_sample_year",
]


def write_budget_sample(inbox: Path, seed: int = 2025, tahun: int = 2025,
                        kode_pemda: str = "99.01") -> list[Path]:
    """Write every budget version as inbox/anggaran/rekap5-<tahun>-<versi>.xlsx with its
    metadata sidecar; returns the xlsx paths, in version order."""
    budget = build_budget(seed, tahun, kode_pemda)
    folder = Path(inbox) / "anggaran"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for version in budget.versions.values():
        path = write_rekap5(folder / f"rekap5-{tahun}-{version.versi}.xlsx", budget.universe,
                            version)
        write_meta(path, FileMeta(source="anggaran", kode_pemda=kode_pemda, tahun=tahun,
                                  versi=version.versi, tanggal_versi=version.tanggal_versi))
        written.append(path)
    return written


# Last: the year's writer calls write_budget_sample, defined above.
from pipelines.sample.year import SampleYear, write_sample_year
