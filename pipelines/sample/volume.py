"""Volume for benchmarks: the SP2D lines and Laporan Realisasi of many pemda, fast.

A whole sample year (write_sample_year) writes some 535 files per pemda, OPD reports
and defects included: right for one kabupaten, hours for 542. The volume that matters
at national scale is the SP2D list and the monthly realization export, so this writes
only those, from the same models (budget, spending, SP2D orders), without defects:

    write_volume(inbox, seed, tahun, kode_pemda)   one pemda's 12 SP2D csv and 12
                                                   realization exports, with sidecars,
                                                   as inbox/<source>/<kode_pemda>-<name>
    write_sp2d_csv(path, pemda, tahun)             many pemda's lines in one csv

One pemda's year is built in memory (some 40,000 lines), written, and let go.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pipelines.inbox import FileMeta, write_meta
from pipelines.sample.budget import build_budget
from pipelines.sample.realisasi_export import (
    ledger,
    realisasi_file_name,
    report_rows,
    write_realisasi,
)
from pipelines.sample.sp2d_export import (
    TITLES,
    Sp2dLine,
    build_sp2d,
    csv_row,
    csv_writer,
    write_sp2d_file,
)
from pipelines.sample.spending import MONTHS, Spending, build_spending


def pemda_year(seed: int, tahun: int,
               kode_pemda: str) -> tuple[Spending, dict[int, list[Sp2dLine]]]:
    """A pemda's spending model and its year of SP2D lines by month."""
    spending = build_spending(build_budget(seed, tahun, kode_pemda), seed)
    return spending, build_sp2d(spending, seed)


def write_volume(inbox: Path, seed: int, tahun: int, kode_pemda: str,
                 realization: bool = True) -> dict[str, int]:
    """One pemda's year of SP2D (every month as csv) and, unless told not to, its
    realization exports (the slow part: an xlsx of some 7,500 rows a month)."""
    spending, sp2d = pemda_year(seed, tahun, kode_pemda)
    nama_pemda = spending.budget.universe.nama_pemda
    realisasi = ledger(spending, {}) if realization else {}
    counts = {"sp2d_lines": 0, "realisasi_rows": 0, "files": 0}
    for month in MONTHS:
        periode = f"{tahun}-{month:02d}"
        sp2d_path = inbox / "sp2d" / f"{kode_pemda}-sp2d-{periode}.csv"
        sp2d_path.parent.mkdir(parents=True, exist_ok=True)
        write_sp2d_file(sp2d_path, sp2d[month], nama_pemda, tahun, month)
        write_meta(sp2d_path, FileMeta("sp2d", kode_pemda, tahun, periode=periode))
        counts["sp2d_lines"] += len(sp2d[month])
        counts["files"] += 1
        if not realization:
            continue
        rows = report_rows(spending, realisasi, month)
        name = f"{kode_pemda}-{realisasi_file_name(tahun, month)}"
        realisasi_path = inbox / "realisasi" / name
        realisasi_path.parent.mkdir(parents=True, exist_ok=True)
        write_realisasi(realisasi_path, rows, nama_pemda, tahun, month)
        write_meta(realisasi_path, FileMeta("realisasi", kode_pemda, tahun, periode=periode))
        counts["realisasi_rows"] += len(rows)
        counts["files"] += 1
    return counts


def write_sp2d_csv(path: Path, pemda: Iterable[tuple[int, str]], tahun: int,
                   limit: int | None = None) -> int:
    """The year's lines of each (seed, kode_pemda) in one csv, as the export writes it,
    up to `limit` lines; returns the number of lines."""
    written = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv_writer(handle)
        writer.writerow(TITLES)
        for seed, kode_pemda in pemda:
            _, sp2d = pemda_year(seed, tahun, kode_pemda)
            lines = [line for month in MONTHS for line in sp2d[month]]
            if limit is not None:
                lines = lines[:limit - written]
            writer.writerows(csv_row(line) for line in lines)
            written += len(lines)
            if written == limit:
                break
    return written
