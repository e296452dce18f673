"""How fast serapan lands a "Laporan Realisasi Per Dokumen", against PostgreSQL's COPY.

    python bench/realisasi_dokumen_ingest.py [--lines 100000] [--rounds 3]

Writes an export of that many document lines (all SKPD of one month, as SIPD-RI
Penatausahaan exports it; kept in $TMPDIR/serapan-bench for the next run), then lands
the same lines, one way after the other, into the warehouse serapan uses (SERAPAN_HOME,
SERAPAN_PG_PORT or WAREHOUSE_URL):

    copy_text  the lines as csv, COPY into a table of text columns: the practical ceiling
               (no workbook to read, nothing typed or checked)
    serapan    serapan's ingest of the workbook (hash, archive, read with calamine,
               dates and money typed, the month of each line, the total row checked,
               COPY, manifest)

Each runs in a process of its own, so its peak memory is its own; each runs once a
round, and its figure is its median round. Prints a table and writes
bench/results/realisasi_dokumen_ingest.json. The ratio is within one run, on one
machine; the other figures move with the machine's load (recorded as load_average).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from compare import ROOT, write_result

sys.path.insert(0, str(ROOT))  # the package beside this script, not the virtualenv's
DATA = Path(tempfile.gettempdir()) / "serapan-bench"
METHODS = ("copy_text", "serapan")
PEMDA, TAHUN = "99.98", 2026  # a synthetic pemda of the list


def export_lines(count: int) -> list[dict]:
    """Document lines of January: LS through SPP (a few lines per SP2D) and TBP of GU."""
    rng = random.Random(count)
    lines = []
    for n in range(count):
        skpd = f"1.{n % 40 + 1:02d}.0.00.0.00.01.0000"
        ls = n % 3 == 0
        tanggal = date(TAHUN, 1, 2) + timedelta(days=rng.randrange(25))
        lines.append({
            "nomor": str(n + 1), "kode_skpd": skpd, "nama_skpd": f"Dinas {n % 40 + 1}",
            "kode_sub_skpd": skpd, "nama_sub_skpd": f"Dinas {n % 40 + 1}",
            "kode_sub_kegiatan": f"1.{n % 40 + 1:02d}.02.2.01.{n % 97 + 1:04d}",
            "nama_sub_kegiatan": "Penyediaan Layanan", "kode_rekening":
                f"5.1.02.01.001.{n % 300 + 1:05d}", "nama_rekening": "Belanja Barang",
            "nomor_dokumen": f"{n:06d}/{'SPP-LS' if ls else 'TBP-GU'}",
            "jenis_dokumen": "SPP" if ls else "TBP", "jenis_transaksi": "LS" if ls else "GU",
            "tanggal_dokumen": tanggal, "keterangan_dokumen": "Pembayaran belanja",
            "nilai_realisasi": rng.randrange(100_000, 50_000_000),
            "nomor_sp2d": f"{n // 3:06d}/SP2D" if ls else None,
            "tanggal_sp2d": tanggal + timedelta(days=2) if ls else None,
            "tanggal_transfer": tanggal + timedelta(days=3) if ls else None,
            "nilai_sp2d": 60_000_000 if ls else None,
            "nip_pegawai": "198001012005011001", "nama_pegawai": "Bendahara Pengeluaran",
        })
    return lines


def files(count: int) -> tuple[Path, Path]:
    """The workbook and the same lines as csv, written once."""
    from pipelines.sample.realisasi_dokumen import write_realisasi_dokumen
    from pipelines.sources.realisasi.dokumen import EXPORT_COLUMNS

    workbook, text = (DATA / f"realisasi-dokumen-{count}.xlsx",
                      DATA / f"realisasi-dokumen-{count}.csv")
    if not workbook.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        lines = export_lines(count)
        write_realisasi_dokumen(workbook.with_suffix(".part.xlsx"), lines).replace(workbook)
        with text.open("w", newline="") as handle:
            writer = csv.writer(handle)
            for line in lines:
                writer.writerow(line.get(name) for name in EXPORT_COLUMNS)
    return workbook, text


def warehouse():
    from pipelines import warehouse as wh
    from pipelines.migrations import migrate

    current = wh.current(start=True)
    migrate(current)
    return current


def copy_text(wh, workbook: Path, text: Path) -> int:
    from pipelines.sources.realisasi.dokumen import EXPORT_COLUMNS

    conn = wh.connect()
    with conn, conn.cursor() as cur, text.open("rb") as handle:
        cur.execute("create schema if not exists bench")
        cur.execute("drop table if exists bench.dokumen_text")
        cur.execute(f"create table bench.dokumen_text "
                    f"({', '.join(f'{name} text' for name in EXPORT_COLUMNS)})")
        cur.copy_expert("copy bench.dokumen_text from stdin with (format csv)", handle)
        rows = cur.rowcount
    conn.close()
    return rows


def serapan(wh, workbook: Path, text: Path) -> int:
    from pipelines.inbox import FileMeta, write_meta
    from pipelines.landing.archive import sha256_of
    from pipelines.landing.load import ingest_file

    inbox = DATA / "inbox" / "realisasi"
    inbox.mkdir(parents=True, exist_ok=True)
    target = inbox / workbook.name
    if not target.exists():
        shutil.copyfile(workbook, target)  # a copy: the inbox refuses hard links
    write_meta(target, FileMeta("realisasi", PEMDA, TAHUN, periode=f"{TAHUN}-01"))
    conn = wh.connect()
    with conn, conn.cursor() as cur:  # an earlier round's landing: removed, to land again
        cur.execute("delete from raw.realisasi_dokumen where file_id in (select file_id "
                    "from raw.files where sha256 = %s)", (sha256_of(target),))
        cur.execute("delete from raw.files where sha256 = %s", (sha256_of(target),))
    conn.close()
    outcome = ingest_file(wh, target)
    assert outcome.status == "loaded", outcome
    return outcome.rows


def run_one(method: str, count: int) -> dict:
    return measured(globals()[method], *files(count))


def measured(land, workbook: Path, text: Path) -> dict:
    """land(warehouse, workbook, text) timed: its rows, and this process's peak memory."""
    import resource
    import time

    wh = warehouse()
    started = time.perf_counter()
    rows = land(wh, workbook, text)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"rows": rows, "seconds": round(seconds, 2), "rows_per_second": round(rows / seconds),
            "peak_rss_mib": round(peak / 2**20)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--method", choices=METHODS, help=argparse.SUPPRESS)  # one, here
    args = parser.parse_args()
    if args.method:
        print(json.dumps(run_one(args.method, args.lines)))
        return
    files(args.lines)  # written before any timing
    load_before = os.getloadavg()
    figures = {}
    for method in METHODS:
        runs = [json.loads(subprocess.run(
            [sys.executable, __file__, "--lines", str(args.lines), "--method", method],
            check=True, capture_output=True, text=True).stdout) for _ in range(args.rounds)]
        figures[method] = sorted(runs, key=lambda run: run["seconds"])[(len(runs) - 1) // 2]
    ratio = figures["serapan"]["seconds"] / figures["copy_text"]["seconds"]
    print(f"{'method':<10} {'rows':>9} {'seconds':>8} {'rows/s':>9} {'peak MiB':>9}")
    for method, run in figures.items():
        print(f"{method:<10} {run['rows']:>9} {run['seconds']:>8} {run['rows_per_second']:>9} "
              f"{run['peak_rss_mib']:>9}")
    print(f"serapan / copy_text: {ratio:.1f}x the time")
    write_result("realisasi_dokumen_ingest", load_before, os.getloadavg(), lines=args.lines,
                 methods=figures, serapan_over_copy=round(ratio, 2))


if __name__ == "__main__":
    main()
