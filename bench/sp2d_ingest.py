"""How fast serapan lands an SP2D csv, against PostgreSQL's COPY, pandas and dlt.

    python bench/sp2d_ingest.py [--lines 1000000] [--only NAME ...]

Writes a csv of that many SP2D lines with the sample generator (several pemda's years,
as the finance system exports them; kept in $TMPDIR/serapan-bench for the next run),
then lands the same file, one way after the other, into the warehouse serapan uses
(SERAPAN_HOME, SERAPAN_PG_PORT or WAREHOUSE_URL):

    copy_text      COPY of the file into a table of text columns: the practical ceiling
    copy_typed     COPY into text, then INSERT ... SELECT typing dates and Indonesian
                   amounts into a table shaped like raw.sp2d_rincian (no checks at all)
    serapan        serapan's ingest of the file (hash, archive, streamed COPY, manifest)
    python_reader  serapan before the streamed COPY: read_sp2d, then COPY of its rows
    pandas_to_sql  pandas.read_csv, typing, DataFrame.to_sql (what many scripts do)
    dlt            a dlt pipeline into PostgreSQL, typed rows (skipped if dlt is absent:
                   pip install -e '.[bench]')

Each runs in a process of its own, so its peak memory is its own; every method runs once
a round (--rounds, 3 by default), and its figure is its median round. Prints a table and
writes bench/results/sp2d_ingest.json. Ratios are within one run, on one machine; the
other figures move with the machine's load (recorded as load_average).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from decimal import Decimal
from itertools import count
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The package of this checkout, not whichever one the virtualenv installed (worktrees
# share one): the figures are of the code beside the script.
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
DATA = Path(tempfile.gettempdir()) / "serapan-bench"
METHODS = ("copy_text", "copy_typed", "serapan", "python_reader", "pandas_to_sql", "dlt")
TITLES = ("nomor_sp2d", "tanggal_sp2d", "jenis_sp2d", "nomor_spm", "kode_skpd", "nama_skpd",
          "kode_sub_unit", "kode_sub_kegiatan", "kode_rekening", "uraian", "nilai",
          "potongan", "nama_penerima", "npwp", "bank", "nomor_rekening_bank")
TAHUN = 2025


def sp2d_csv(lines: int) -> Path:
    """The bench file: pemda after pemda (seeds 2026.., codes 82.01..) up to `lines`."""
    from pipelines.sample.volume import write_sp2d_csv

    path = DATA / f"sp2d-{lines}.csv"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        partial = path.with_suffix(".part")
        write_sp2d_csv(partial, ((TAHUN + i, f"82.{i:02d}") for i in count(1)), TAHUN, lines)
        partial.replace(path)
        print(f"wrote {path} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def warehouse():
    from pipelines import warehouse as wh
    from pipelines.landing.load import ensure_raw_schema

    current = wh.current(start=True)
    ensure_raw_schema(current)
    return current


def execute(wh, *statements: str) -> None:
    conn = wh.connect()
    with conn, conn.cursor() as cur:
        for statement in statements:
            cur.execute(statement)
    conn.close()


def text_table(name: str) -> str:
    return f"create table {name} ({', '.join(f'{title} text' for title in TITLES)})"


# --- the methods: each lands the file once and returns the rows it landed -------------


def copy_text(wh, path: Path) -> int:
    execute(wh, "create schema if not exists bench", "drop table if exists bench.sp2d_text",
            text_table("bench.sp2d_text"))
    conn = wh.connect()
    with conn, conn.cursor() as cur, path.open("rb") as handle:
        cur.copy_expert("copy bench.sp2d_text from stdin "
                        "with (format csv, delimiter ';', header true)", handle)
        rows = cur.rowcount
    conn.close()
    return rows


def copy_typed(wh, path: Path) -> int:
    execute(wh, "create schema if not exists bench", "drop table if exists bench.sp2d_typed",
            "create table bench.sp2d_typed (like raw.sp2d_rincian including all)")
    typed = ", ".join(
        "to_date(tanggal_sp2d, 'DD/MM/YYYY')" if title == "tanggal_sp2d"
        else f"replace(replace({title}, '.', ''), ',', '.')::numeric(20, 2)"
        if title in ("nilai", "potongan") else title for title in TITLES)
    conn = wh.connect()
    with conn, conn.cursor() as cur, path.open("rb") as handle:
        cur.execute(text_table("pg_temp.sp2d_text"))
        cur.copy_expert("copy pg_temp.sp2d_text from stdin "
                        "with (format csv, delimiter ';', header true)", handle)
        cur.execute(f"""
            insert into bench.sp2d_typed (file_id, kode_pemda, sheet,
                row_number, {', '.join(TITLES)})
            select 0, '', 'csv', row_number() over (), {typed} from pg_temp.sp2d_text""")
        rows = cur.rowcount
    conn.close()
    return rows


def _inbox_copy(path: Path) -> Path:
    """The file in an inbox of its own, with its metadata sidecar (a hard link)."""
    from pipelines.inbox import FileMeta, write_meta

    inbox = DATA / "inbox" / "sp2d"
    inbox.mkdir(parents=True, exist_ok=True)
    target = inbox / path.name
    if not target.exists():
        os.link(path, target)
    write_meta(target, FileMeta("sp2d", "00.99", TAHUN))
    return target


def _forget(wh, path: Path) -> None:
    """Earlier runs' landing of these bytes: removed, so they land again."""
    from pipelines.landing.load import sha256_of

    execute(wh, f"""
        delete from raw.sp2d_rincian where file_id in (
            select file_id from raw.files where sha256 = '{sha256_of(path)}')""",
            f"delete from raw.files where sha256 = '{sha256_of(path)}'")


def serapan(wh, path: Path) -> int:
    from pipelines.landing.load import ingest_file

    outcome = ingest_file(wh, _inbox_copy(path))
    assert outcome.status == "loaded", outcome
    return outcome.rows


def python_reader(wh, path: Path) -> int:
    from pipelines.landing import load
    from pipelines.sources.sp2d import SOURCE

    target = _inbox_copy(path)
    meta = load.read_meta(target)
    sha256 = load.sha256_of(target)
    parsed = SOURCE.read(target, meta)
    conn = wh.connect()
    try:
        outcome = load._load(conn, SOURCE, load.Attempt(target, sha256, None), meta,
                             load.archive(target, sha256), parsed)
    finally:
        conn.close()
    return outcome.rows


def _typed_frame(path: Path):
    import pandas as pd

    frame = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    frame.columns = TITLES
    frame["tanggal_sp2d"] = pd.to_datetime(frame["tanggal_sp2d"], format="%d/%m/%Y").dt.date
    for column in ("nilai", "potongan"):
        frame[column] = frame[column].str.replace(".", "", regex=False) \
            .str.replace(",", ".", regex=False).astype(float)
    return frame


def pandas_to_sql(wh, path: Path) -> int:
    from sqlalchemy import create_engine

    execute(wh, "create schema if not exists bench")
    engine = create_engine(wh.sqlalchemy_url())
    frame = _typed_frame(path)
    frame.to_sql("sp2d_pandas", engine, schema="bench", if_exists="replace", index=False,
                 chunksize=10_000)
    engine.dispose()
    return len(frame)


def dlt(wh, path: Path) -> int:
    import dlt as dlt_library

    def lines():
        with path.open(encoding="utf-8-sig", newline="") as handle:
            records = csv.reader(handle, delimiter=";")
            next(records)
            for record in records:
                row = dict(zip(TITLES, record))
                row["tanggal_sp2d"] = datetime.strptime(row["tanggal_sp2d"], "%d/%m/%Y").date()
                for column in ("nilai", "potongan"):
                    row[column] = Decimal(row[column].replace(".", "").replace(",", "."))
                yield row

    pipeline = dlt_library.pipeline(
        pipeline_name="serapan_bench", dataset_name="bench_dlt",
        destination=dlt_library.destinations.postgres(credentials=wh.libpq_url()),
        pipelines_dir=str(DATA / "dlt"),
    )
    pipeline.run(lines(), table_name="sp2d", write_disposition="replace")
    return pipeline.last_trace.last_normalize_info.row_counts["sp2d"]


# --- running ----------------------------------------------------------------------------


def settle(wh) -> None:
    """Every method starts from the same server state: the previous method's dead rows
    vacuumed and its WAL checkpointed, not left to autovacuum and forced checkpoints in
    the middle of the next one's timing."""
    conn = wh.connect()
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("vacuum raw.sp2d_rincian")
        cur.execute("vacuum raw.files")
        cur.execute("checkpoint")
    conn.close()


def run_one(method: str, path: Path) -> dict:
    """One method in this process: its figures as JSON on stdout."""
    wh = warehouse()
    _forget(wh, path)
    settle(wh)
    started = time.perf_counter()
    rows = globals()[method](wh, path)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"rows": rows, "seconds": round(seconds, 2), "rows_per_second": round(rows / seconds),
            "peak_rss_mib": round(peak / 2**20)}


def median_run(runs: list[dict]) -> dict:
    """The round of median time, with every round's seconds beside it."""
    middle = sorted(runs, key=lambda run: run["seconds"])[(len(runs) - 1) // 2]
    return {**middle, "rounds_seconds": [run["seconds"] for run in runs]}


def missing(method: str) -> str | None:
    if method == "dlt":
        try:
            import dlt  # noqa: F401
        except ImportError:
            return "dlt is not installed (pip install -e '.[bench]')"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--only", nargs="+", choices=METHODS, default=METHODS)
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of every method; each figure is its median round")
    parser.add_argument("--method", choices=METHODS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    path = sp2d_csv(args.lines)
    if args.method:
        print(json.dumps(run_one(args.method, path)))
        return

    warehouse()  # started once, before any timing
    load_before = os.getloadavg()
    runs: dict[str, list[dict]] = {method: [] for method in args.only}
    skipped: dict[str, str] = {}
    # Rounds of every method in turn: a spell of load on the machine slows one round of
    # each, not every round of one; the median round is the figure.
    for _ in range(args.rounds):
        for method in args.only:
            reason = skipped.get(method) or missing(method)
            if reason:
                skipped[method] = reason
                continue
            result = subprocess.run(
                [sys.executable, __file__, "--lines", str(args.lines), "--method", method],
                stdout=subprocess.PIPE, text=True)
            if result.returncode != 0:
                skipped[method] = f"failed (exit status {result.returncode})"
                continue
            runs[method].append(json.loads(result.stdout.strip().splitlines()[-1]))
    figures = {method: {"skipped": skipped[method]} if method in skipped
               else median_run(runs[method]) for method in args.only}
    ceiling = figures.get("copy_text", {}).get("rows_per_second")
    for result in figures.values():
        if ceiling and "rows_per_second" in result:
            result["share_of_copy_text"] = round(result["rows_per_second"] / ceiling, 2)

    print(f"\nSP2D csv of {args.lines:,} lines ({path.stat().st_size / 2**20:.0f} MiB), "
          f"{os.cpu_count()} cores, load average {load_before[0]:.1f}, "
          f"median of {args.rounds} rounds")
    print(f"{'method':<15} {'seconds':>8} {'rows/s':>9} {'of COPY':>8} {'peak RSS':>9}")
    for method, result in figures.items():
        if "skipped" in result:
            print(f"{method:<15} skipped: {result['skipped']}")
            continue
        share = result.get("share_of_copy_text")
        print(f"{method:<15} {result['seconds']:>8.1f} {result['rows_per_second']:>9,} "
              f"{f'{share:.0%}' if share else '':>8} {result['peak_rss_mib']:>6} MiB")
    speed = {m: r["rows_per_second"] for m, r in figures.items() if "rows_per_second" in r}
    ratios = {}
    if "serapan" in speed:
        for other in ("copy_text", "copy_typed", "python_reader", "pandas_to_sql", "dlt"):
            if other in speed:
                ratios[f"serapan_vs_{other}"] = round(speed["serapan"] / speed[other], 2)
        print("\n" + "  ".join(f"{name} {value}" for name, value in ratios.items()))
    out = RESULTS / "sp2d_ingest.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "lines": args.lines, "file_mib": round(path.stat().st_size / 2**20),
        "cores": os.cpu_count(), "load_average": [round(v, 2) for v in load_before],
        "rounds": args.rounds,
        "measured_at": datetime.now().isoformat(timespec="seconds"),
        "methods": figures, "ratios": ratios,
    }, indent=2) + "\n")


if __name__ == "__main__":
    main()
