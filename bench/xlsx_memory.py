"""Peak memory of landing a large "Laporan Realisasi Per Dokumen" workbook: streamed, as
serapan lands it now, against the same rows as csv and the path that held it whole.

    python bench/xlsx_memory.py [--lines 300000] [--baseline 50e469b]

Writes an export of that many document lines (bench/realisasi_dokumen_ingest.py's lines,
all SKPD of one month, the title block, the header on row 5, the total row; written row
by row with xlsxwriter's constant_memory, so its texts are inline strings rather than a
shared-strings part; kept in $TMPDIR/serapan-bench), then lands it, each way in a
process of its own, into the warehouse serapan uses (SERAPAN_HOME, SERAPAN_PG_PORT or
WAREHOUSE_URL), and reads that process's peak resident memory (ru_maxrss):

    copy_text  the same lines as csv, COPY into a table of text columns: the floor
    held       serapan at --baseline (before workbooks streamed): calamine reads the
               sheet whole, the lines are a list, the COPY text one buffer
    streamed   serapan as checked out: the sheet read row by row, lines landed in COPY
               blocks as they are read

Prints a table and writes bench/results/xlsx_memory.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

from compare import export_revision, write_result
from realisasi_dokumen_ingest import DATA, PEMDA, TAHUN, copy_text, export_lines, measured

METHODS = ("copy_text", "held", "streamed")


def files(count: int) -> tuple[Path, Path]:
    """The workbook and the same lines as csv, written once, a row at a time."""
    import csv

    import xlsxwriter

    from pipelines.sources.dates import MONTH_NAMES
    from pipelines.sources.realisasi.dokumen import DATES, EXPORT_COLUMNS, MONEY, SHEET, TITLES

    workbook_path = DATA / f"xlsx-memory-{count}.xlsx"
    text = DATA / f"xlsx-memory-{count}.csv"
    if workbook_path.exists() and text.exists():
        return workbook_path, text
    DATA.mkdir(parents=True, exist_ok=True)
    lines = export_lines(count)
    part = workbook_path.with_suffix(".part.xlsx")
    workbook = xlsxwriter.Workbook(str(part), {"constant_memory": True})
    sheet = workbook.add_worksheet(SHEET)
    sheet.write_string(0, 0, "LAPORAN REALISASI PER DOKUMEN")
    sheet.write_row(4, 0, [TITLES[name][0] for name in EXPORT_COLUMNS])
    total = Decimal(0)
    for row, line in enumerate(lines, 5):
        for position, name in enumerate(EXPORT_COLUMNS):
            value = line.get(name)
            if value is None:
                continue
            if name in DATES:  # as SIPD-RI prints them: '15 Januari 2026'
                sheet.write_string(row, position,
                                   f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}")
            elif name in MONEY:
                sheet.write_number(row, position, float(value))
            else:
                sheet.write_string(row, position, str(value))
        total += line["nilai_realisasi"]
    sheet.write_string(5 + len(lines), 0, "Total")
    sheet.write_number(5 + len(lines), EXPORT_COLUMNS.index("nilai_realisasi"), float(total))
    workbook.close()
    part.replace(workbook_path)
    with text.open("w", newline="") as handle:
        writer = csv.writer(handle)
        for line in lines:
            writer.writerow(line.get(name) for name in EXPORT_COLUMNS)
    return workbook_path, text


def serapan(wh, workbook: Path, text: Path) -> int:
    """serapan's ingest of the workbook (hash, archive, read, COPY, manifest), the
    bench pemda's earlier landings removed first."""
    import shutil

    from pipelines.inbox import FileMeta, write_meta
    from pipelines.landing.load import ingest_file

    target = DATA / "inbox" / "realisasi" / workbook.name
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        shutil.copyfile(workbook, target)  # a copy: the inbox refuses hard links
    write_meta(target, FileMeta("realisasi", PEMDA, TAHUN, periode=f"{TAHUN}-01"))
    conn = wh.connect()
    with conn, conn.cursor() as cur:
        cur.execute("delete from raw.realisasi_dokumen where kode_pemda = %s", (PEMDA,))
        cur.execute("delete from raw.files where kode_pemda = %s", (PEMDA,))
    conn.close()
    outcome = ingest_file(wh, target)
    assert outcome.status == "loaded", outcome
    return outcome.rows


def run_one(method: str, count: int) -> dict:
    return measured(copy_text if method == "copy_text" else serapan, *files(count))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=300_000)
    parser.add_argument("--baseline", default="50e469b",
                        help="the revision of the held path (before workbooks streamed)")
    parser.add_argument("--method", choices=(*METHODS, "write"),
                        help=argparse.SUPPRESS)  # one, here
    parser.add_argument("--package", help=argparse.SUPPRESS)  # the baseline's, for held
    args = parser.parse_args()
    if args.method == "write":
        files(args.lines)
        return
    if args.method:
        if args.package:  # before this checkout's package, which the imports above put first
            sys.path.insert(0, args.package)
        print(json.dumps(run_one(args.method, args.lines)))
        return
    # Written before any measuring, by a process of its own: a child's ru_maxrss starts
    # from its parent's peak (Linux keeps it across fork and exec), and the lines of a
    # million-line export take a GB to write.
    subprocess.run([sys.executable, __file__, "--lines", str(args.lines), "--method", "write"],
                   check=True)
    load_before = os.getloadavg()
    figures = {}
    with tempfile.TemporaryDirectory() as baseline:
        export_revision(args.baseline, Path(baseline))
        for method in METHODS:
            command = [sys.executable, __file__, "--lines", str(args.lines), "--method", method]
            if method == "held":
                command += ["--package", baseline]
            figures[method] = json.loads(subprocess.run(
                command, check=True, capture_output=True, text=True).stdout)
    print(f"{args.lines:,} document lines, {DATA / f'xlsx-memory-{args.lines}.xlsx'}: "
          f"{(DATA / f'xlsx-memory-{args.lines}.xlsx').stat().st_size / 2**20:.0f} MiB")
    print(f"{'method':<10} {'rows':>9} {'seconds':>8} {'peak MiB':>9}")
    for method, run in figures.items():
        print(f"{method:<10} {run['rows']:>9} {run['seconds']:>8} {run['peak_rss_mib']:>9}")
    write_result("xlsx_memory", load_before, os.getloadavg(), lines=args.lines,
                 baseline=args.baseline, methods=figures)


if __name__ == "__main__":
    main()
