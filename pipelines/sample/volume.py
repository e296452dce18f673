"""Volume for benchmarks: the finance exports of many pemda, fast.

A whole sample year (write_sample_year) writes some 535 files per pemda, OPD reports
and defects included: right for one kabupaten, hours for 542. The volume that matters
at national scale is the finance system's monthly exports, so this writes only those,
in the real layouts, from the same models (budget, spending, SP2D orders, documents),
without defects:

    write_volume(inbox, seed, tahun, kode_pemda)   one pemda's 12 SP2D registers and 12
                                                   "Laporan Realisasi Per Dokumen"
                                                   exports, with sidecars, as
                                                   inbox/<source>/<kode_pemda>-<name>

One pemda's year is built in memory, written, and let go.
"""

from __future__ import annotations

from pathlib import Path

from pipelines.inbox import FileMeta, write_meta
from pipelines.sample.budget import build_budget
from pipelines.sample.documents import FinanceExports, build_exports, number_lines
from pipelines.sample.orders import build_sp2d
from pipelines.sample.realisasi_dokumen import dokumen_file_name, write_month
from pipelines.sample.register_sp2d import register_file_name, write_register
from pipelines.sample.spending import MONTHS, build_spending, month_end


def pemda_exports(seed: int, tahun: int, kode_pemda: str) -> tuple[str, FinanceExports]:
    """A pemda's name and its year's document lines and register rows, by month."""
    spending = build_spending(build_budget(seed, tahun, kode_pemda), seed)
    universe = spending.budget.universe
    exports = build_exports(build_sp2d(spending, seed), universe, seed)
    number_lines(exports)
    return universe.nama_pemda, exports


def write_volume(inbox: Path, seed: int, tahun: int, kode_pemda: str,
                 realization: bool = True) -> dict[str, int]:
    """One pemda's year of SP2D registers and, unless told not to, its per-document
    realization (the slow part: an xlsx of some 5,000 lines a month)."""
    nama_pemda, exports = pemda_exports(seed, tahun, kode_pemda)
    counts = {"sp2d": 0, "realisasi_lines": 0, "files": 0}
    for month in MONTHS:
        periode = f"{tahun}-{month:02d}"
        register = inbox / "sp2d" / f"{kode_pemda}-{register_file_name(tahun, month)}"
        register.parent.mkdir(parents=True, exist_ok=True)
        write_register(register, exports.register[month], month_end(tahun, month))
        write_meta(register, FileMeta("sp2d", kode_pemda, tahun, periode=periode))
        counts["sp2d"] += len(exports.register[month])
        counts["files"] += 1
        if not realization:
            continue
        dokumen = inbox / "realisasi" / f"{kode_pemda}-{dokumen_file_name(tahun, month)}"
        dokumen.parent.mkdir(parents=True, exist_ok=True)
        write_month(dokumen, exports.lines[month], nama_pemda, tahun, month)
        write_meta(dokumen, FileMeta("realisasi", kode_pemda, tahun, periode=periode))
        counts["realisasi_lines"] += len(exports.lines[month])
        counts["files"] += 1
    return counts
