"""serapan end to end at three scales: a full nightly run, then an incremental one.

    python bench/scale.py --scale kabupaten|provinsi|nasional [--pemda N] [--workers 2]

    kabupaten  one pemda's whole sample year (write_sample_year: 535 files, every source,
               injected defects)
    provinsi   25 such pemda (the first 25 of Jawa Tengah, 33.01 .., a seed each)
    nasional   542 pemda, the finance volume only (pipelines.sample.volume: twelve SP2D
               registers and twelve "Laporan Realisasi Per Dokumen" exports each, no
               defects); --pemda N writes the first N only, for a run of minutes.

The inbox is generated once into $TMPDIR/serapan-bench/<scale>/inbox and reused. Each
run starts from an empty warehouse of its own (SERAPAN_HOME=<that folder>/home, on
SERAPAN_PG_PORT, default 55432: pick a free one) and times `serapan run` over the whole
inbox (the full refresh: everything landed, checked and built from scratch), then adds
one new day of the SP2D register for one pemda and times `serapan run` again (the
nightly increment).
For each run: wall time, peak memory of serapan's processes (the CLI and dbt) and of
PostgreSQL (proportional set size, so shared buffers count once), the disk its home
took at the end and the least free disk seen, and time per step from Dagster's run
records (landing, quality checks, dbt models); after the full run, the warehouse's disk
by schema and the bytes per line of the SP2D and realization tables. Prints a table and
writes bench/results/scale_<scale>[_<N>].json; a failed run is reported as failed, with
its log.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DATA = Path(tempfile.gettempdir()) / "serapan-bench"
TAHUN = 2025
PEMDA = {"kabupaten": 1, "provinsi": 25, "nasional": 542}


def kode_pemda(scale: str, index: int) -> str:
    """Real pemda codes, as landing accepts no other: the kabupaten and kota of Jawa
    Tengah (35) for a province, the nation's pemda in the reference list's order."""
    from pipelines.pemda import pemda_list

    codes = [kode for kode in pemda_list() if not kode.startswith("99")]
    if scale != "nasional":
        codes = [kode for kode in codes if kode.startswith("33.")]
    return codes[index]


# --- generating the inbox ---------------------------------------------------------------


def _sample_year(inbox: Path, index: int, kode: str) -> dict:
    """One pemda's sample year; its files (and sidecars) go to inbox/<source>/ with the
    kode pemda in front of their names, as the sample writes the same names for all."""
    from pipelines.sample import write_sample_year

    scratch = inbox.parent / "scratch" / kode
    shutil.rmtree(scratch, ignore_errors=True)
    year = write_sample_year(scratch, seed=TAHUN + index, tahun=TAHUN, kode_pemda=kode)
    for path in scratch.glob("*/*"):
        target = inbox / path.parent.name / f"{kode}-{path.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        path.replace(target)
    shutil.rmtree(scratch)
    return year.counts


def _volume(inbox: Path, index: int, kode: str) -> dict:
    from pipelines.sample.volume import write_volume

    return write_volume(inbox, TAHUN + index, TAHUN, kode)


def generate(scale: str, pemda: int, workers: int) -> tuple[Path, dict]:
    folder = DATA / (scale if pemda == PEMDA[scale] else f"{scale}-{pemda}")
    inbox, done = folder / "inbox", folder / "inbox.json"
    if done.exists():
        return inbox, json.loads(done.read_text())
    shutil.rmtree(inbox, ignore_errors=True)
    started = time.perf_counter()
    totals: dict[str, int] = defaultdict(int)
    if scale == "nasional":  # the volume writer is one process a pemda
        with ProcessPoolExecutor(workers) as pool:
            years = [pool.submit(_volume, inbox, i, kode_pemda(scale, i))
                     for i in range(pemda)]
            _tally(totals, (year.result() for year in years))
    else:  # a sample year runs a pool of processes of its own
        _tally(totals, (_sample_year(inbox, i, kode_pemda(scale, i))
                        for i in range(pemda)))
    counts = {"pemda": pemda, **totals,
              "files": sum(1 for p in inbox.rglob("*") if p.is_file()
                           and not p.name.endswith(".meta.json")),
              "bytes": sum(p.stat().st_size for p in inbox.rglob("*") if p.is_file()),
              "generate_seconds": round(time.perf_counter() - started)}
    done.write_text(json.dumps(counts, indent=2) + "\n")
    return inbox, counts


def _tally(totals: dict[str, int], counts) -> None:
    for number, pemda in enumerate(counts, 1):
        for name, value in pemda.items():
            totals[name] += value
        print(f"\rgenerated {number} pemda", end="", file=sys.stderr)
    print(file=sys.stderr)


def add_sp2d_day(inbox: Path, scale: str) -> Path:
    """The first pemda's last day of SP2D cashed, its register exported once more on its
    own (as a daily export overlapping the monthly one): the night's one new file."""
    from pipelines.inbox import FileMeta, write_meta
    from pipelines.sample.register_sp2d import write_register
    from pipelines.sample.volume import pemda_exports

    kode = kode_pemda(scale, 0)
    _, exports = pemda_exports(TAHUN, TAHUN, kode)
    last = max(row.tanggal_pencairan for row in exports.register[12])
    path = inbox / "sp2d" / f"{kode}-register-sp2d-harian-{last:%Y-%m-%d}.xlsx"
    write_register(path, [row for row in exports.register[12] if row.tanggal_pencairan == last],
                   last)
    write_meta(path, FileMeta("sp2d", kode, TAHUN, periode=f"{last:%Y-%m}",
                              batch=f"harian-{last}"))
    return path


# --- running ----------------------------------------------------------------------------


class Peaks:
    """Polls the memory of a process tree and of the PostgreSQL server, and the disk left
    where the warehouse lives, until stopped."""

    def __init__(self, root: psutil.Process, postgres: psutil.Process | None, home: Path):
        self.root, self.postgres, self.home = root, postgres, home
        self.serapan = self.database = 0
        self.disk_free = shutil.disk_usage(home).free
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        while not self._stop.wait(0.5):
            self.serapan = max(self.serapan, _sum(self.root, "rss"))
            if self.postgres is not None:
                self.database = max(self.database, _sum(self.postgres, "pss"))
            self.disk_free = min(self.disk_free, shutil.disk_usage(self.home).free)

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join()
        return {"serapan_peak_rss_mib": round(self.serapan / 2**20),
                "postgres_peak_pss_mib": round(self.database / 2**20),
                "disk_free_min_gib": round(self.disk_free / 2**30, 1),
                "home_gib": round(_size(self.home) / 2**30, 1)}


def _size(folder: Path) -> int:
    """Bytes of the files under `folder` (the archive and the warehouse's data)."""
    total = 0
    for path in folder.rglob("*"):
        try:
            if path.is_file() and not path.is_symlink():
                total += path.stat().st_size
        except OSError:  # PostgreSQL's temporary files come and go
            pass
    return total


def _sum(root: psutil.Process, field: str) -> int:
    total = 0
    for process in [root, *root.children(recursive=True)]:
        try:
            info = process.memory_full_info() if field == "pss" else process.memory_info()
            total += getattr(info, field)
        except psutil.Error:
            pass
    return total


def serapan(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipelines.cli", *args], env=env, cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def postmaster(home: Path) -> psutil.Process | None:
    try:
        return psutil.Process(int((home / "pg" / "postmaster.pid").read_text().split()[0]))
    except (FileNotFoundError, psutil.Error):
        return None


def timed_run(env: dict, home: Path) -> dict:
    since = datetime.now(timezone.utc)
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "pipelines.cli", "run"], env=env,
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    peaks = Peaks(psutil.Process(process.pid), postmaster(home), home)
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    figures = {"seconds": round(seconds, 1), "exit_status": process.returncode,
               **peaks.stop(), **steps(env, since)}
    log = home / f"run-{since:%H%M%S}.log"
    log.write_text(output)
    if process.returncode != 0:
        # The figures of a failed run are not a result: say so, and why (the run's log).
        print(f"serapan run GAGAL / FAILED (exit {process.returncode}), log: {log}\n"
              + "\n".join(line for line in output.splitlines() if "gagal/failed" in line),
              file=sys.stderr)
    return figures


def steps(env: dict, since: datetime) -> dict:
    """Seconds per kind of step of the Dagster runs started since `since`, read from
    the run records in a process of its own (Dagster's home is the run's)."""
    code = f"""
import json, os
from datetime import datetime
from collections import defaultdict
from pipelines.nightly import prepare
prepare()
from dagster import DagsterInstance, RunsFilter
since = datetime.fromisoformat({since.isoformat()!r})
seconds = defaultdict(float)
with DagsterInstance.get() as instance:
    for record in instance.get_run_records(filters=RunsFilter(created_after=since)):
        for step in instance.get_run_step_stats(record.dagster_run.run_id):
            if step.start_time and step.end_time:
                key = step.step_key
                kind = ("landing" if key.startswith("raw") else
                        "quality" if key.startswith("quality") else
                        "dbt" if "dbt" in key or key.startswith(("staging", "marts")) else
                        key)
                seconds[kind] += step.end_time - step.start_time
print(json.dumps({{f"{{k}}_seconds": round(v, 1) for k, v in seconds.items()}}))
"""
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines = result.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines else {}


FOOTPRINT = """
import json
from pipelines.nightly import prepare
warehouse = prepare()
sizes = dict(warehouse.query(
    "select namespace.nspname || '.' || class.relname, pg_total_relation_size(class.oid) "
    "from pg_class as class join pg_namespace as namespace "
    "on namespace.oid = class.relnamespace where class.relkind = 'r' "
    "and namespace.nspname in ('raw', 'intermediate', 'marts', 'quality')"))
lines = {name: warehouse.query(f"select count(*) from {name}")[0][0]
         for name in LINE_TABLES if name in sizes}  # a failed run may not have built some
print(json.dumps({
    "schema_gib": {schema: round(sum(size for name, size in sizes.items()
                                     if name.startswith(schema + ".")) / 2**30, 2)
                   for schema in ("raw", "intermediate", "marts", "quality")},
    "lines": lines,
    "bytes_per_line": {name: round(sizes[name] / count) if count else None
                       for name, count in lines.items()}}))
"""
# The tables of the SP2D and realization lines, which carry the nasional volume: their
# bytes per line, measured at provinsi, tell the disk a nasional warehouse takes.
LINE_TABLES = ("raw.sp2d_register", "marts.fct_sp2d", "raw.realisasi_dokumen",
               "marts.fct_realisasi_bulanan")


def footprint(env: dict) -> dict:
    """The warehouse's disk by schema (tables with their indexes), and bytes per line of
    the SP2D and realization tables, read in a process of its own."""
    code = FOOTPRINT.replace("LINE_TABLES", repr(LINE_TABLES))
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines = result.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines else {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", choices=PEMDA, required=True)
    parser.add_argument("--pemda", type=int,
                        help="the first N pemda of the scale only (default: all of it)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes generating the nasional volume")
    args = parser.parse_args()
    pemda = args.pemda or PEMDA[args.scale]
    if not 0 < pemda <= PEMDA[args.scale]:
        parser.error(f"--pemda: 1 to {PEMDA[args.scale]} for {args.scale}")
    inbox, counts = generate(args.scale, pemda, args.workers)
    home = inbox.parent / "home"
    env = {**os.environ, "SERAPAN_HOME": str(home), "SERAPAN_INBOX": str(inbox),
           "GX_ANALYTICS_ENABLED": "false", "PYTHONPATH": str(ROOT)}
    serapan(env, "warehouse", "stop")
    shutil.rmtree(home, ignore_errors=True)
    serapan(env, "warehouse", "start")  # a fresh, empty warehouse; not timed
    load_before = os.getloadavg()

    def record(**runs) -> dict:
        return {"scale": args.scale, "inbox": counts, "cores": os.cpu_count(),
                "load_average": [round(v, 2) for v in load_before],
                "measured_at": datetime.now().isoformat(timespec="seconds"), **runs}

    full = timed_run(env, home)
    out = RESULTS / f"scale_{args.scale}{'' if pemda == PEMDA[args.scale] else f'_{pemda}'}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    full["footprint"] = footprint(env)
    if full["exit_status"] != 0:  # an increment after it would check everything again
        serapan(env, "warehouse", "stop")
        out.write_text(json.dumps(record(full=full), indent=2) + "\n")
        print(json.dumps(full, indent=2))
        sys.exit(1)
    day = add_sp2d_day(inbox, args.scale)
    try:
        incremental = timed_run(env, home)
    finally:
        day.unlink()
        day.with_name(day.name + ".meta.json").unlink(missing_ok=True)
    serapan(env, "warehouse", "stop")
    figures = record(full=full, incremental=incremental, incremental_share_of_full=round(
        incremental["seconds"] / full["seconds"], 3))
    print(f"\n{args.scale}: {counts['pemda']} pemda, {counts['files']:,} files, "
          f"{counts.get('sp2d', 0):,} SP2D, {counts.get('realisasi_lines', 0):,} realization "
          f"lines; {os.cpu_count()} cores, "
          f"load average {load_before[0]:.1f}")
    names = sorted({k for run in (full, incremental) for k in run} - {"footprint"})
    print(f"{'':<24} {'full':>10} {'incremental':>12}")
    for name in names:
        print(f"{name:<24} {full.get(name, ''):>10} {incremental.get(name, ''):>12}")
    print(f"incremental / full: {figures['incremental_share_of_full']:.1%}")
    print("warehouse after the full run, GiB: " + ", ".join(
        f"{schema} {gib}" for schema, gib in full["footprint"].get("schema_gib", {}).items()))
    for name, size in full["footprint"].get("bytes_per_line", {}).items():
        print(f"{name:<40} {full['footprint']['lines'][name]:>12,} lines {size!s:>6} bytes each")
    out.write_text(json.dumps(figures, indent=2) + "\n")
    if incremental["exit_status"] != 0:
        sys.exit(1)


if __name__ == "__main__":
    main()
