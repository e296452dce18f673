"""How fast serapan reads a Rekap 5 budget export, against openpyxl on the same file.

    python bench/rekap5_read.py [FILE.xlsx]

Without a file it uses the real Kab. Buru export kept in tests/data/sipd-ri. Prints a table and writes
bench/results/rekap5_read.json.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import openpyxl

from pipelines.inbox import FileMeta
from pipelines.sources.anggaran.read import read_rekap5

ROOT = Path(__file__).resolve().parent.parent
REAL_EXPORT = ROOT / "tests" / "data" / "sipd-ri" / "buru-2025-rekap5-murni.xlsx"
REPEATS = 5


def bench_file() -> Path:
    if len(sys.argv) > 1:
        return Path(sys.argv[1])
    return REAL_EXPORT


def timed(function) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def read_with_openpyxl(path: Path) -> int:
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    return rows


def main() -> None:
    path = bench_file()
    meta = FileMeta("anggaran", "00.00", None, "murni", date(2025, 1, 2))
    rows = len(read_rekap5(path, meta).rows)
    serapan_s = timed(lambda: read_rekap5(path, meta))
    openpyxl_s = timed(lambda: read_with_openpyxl(path))
    figures = {
        "file": path.name,
        "rows": rows,
        "serapan_reader_seconds": round(serapan_s, 4),
        "serapan_rows_per_second": round(rows / serapan_s),
        "openpyxl_read_only_seconds": round(openpyxl_s, 4),
        "openpyxl_rows_per_second": round(rows / openpyxl_s),
        "speedup_vs_openpyxl": round(openpyxl_s / serapan_s, 2),
        "repeats": REPEATS,
    }
    width = max(map(len, figures))
    for name, value in figures.items():
        print(f"{name:<{width}}  {value}")
    out = ROOT / "bench" / "results" / "rekap5_read.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
