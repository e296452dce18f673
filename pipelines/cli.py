"""`serapan`: the command line of the data team."""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from pipelines.sources import SOURCE_NAMES


class _ConsoleOnFirstUse:
    """rich's console on stderr, made when a command first prints through it: importing
    rich takes about 30 ms, which the commands that only read the warehouse, printing
    plain lines (`_say`), would spend for nothing."""

    def __getattr__(self, name: str):
        from rich.console import Console

        real = Console(stderr=True)
        globals()["console"] = real
        return getattr(real, name)


console = _ConsoleOnFirstUse()


def escape(text: str) -> str:
    """Text shown as written by rich's console, not read as its markup."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def _say(text: str) -> None:
    """A plain line on stderr, where the console writes too."""
    print(text, file=sys.stderr)
# What a code or month must look like before it names a file or reaches the warehouse:
# '--opd ../../x' would write the feedback workbook outside the working folder.
_KODE_OPD = re.compile(r"^\d\.\d{2}\.\d\.\d{2}\.\d\.\d{2}\.\d{2}\.\d{4}$")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _kode_opd(text: str) -> str:
    if not _KODE_OPD.match(text):
        raise argparse.ArgumentTypeError(
            f"kode OPD {text!r} tidak sah / invalid OPD code: bentuk / format "
            "X.XX.X.XX.X.XX.XX.XXXX, mis./e.g. 1.02.0.00.0.00.01.0000")
    return text


def _month(text: str) -> str:
    if not _MONTH.match(text):
        raise argparse.ArgumentTypeError(
            f"bulan {text!r} tidak sah / invalid month: bentuk / format YYYY-MM")
    return text


def main(argv: list[str] | None = None) -> int:
    args = _parser(sys.argv[1:] if argv is None else argv).parse_args(argv)
    if getattr(args, "inbox", None):
        os.environ["SERAPAN_INBOX"] = str(Path(args.inbox).resolve())
    try:
        return args.handler(args) or 0
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader stopped early (`serapan files | head`), as psql's would: no error, and
        # none at exit either, when Python flushes into the closed pipe
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # the user gets the reason, not a traceback
        if os.environ.get("SERAPAN_DEBUG"):
            raise
        from pipelines.warehouse import explain_database_error

        _say(f"Gagal / failed: {explain_database_error(exc) or exc}")
        return 1


class _NotAsked:
    """A command that argv does not name: listed with its help all the same (`serapan
    --help`), its arguments left undefined, since nothing would read them (building them
    all, bi_access imported for grant-bi's defaults, cost a reading command milliseconds
    against psql's 50)."""

    def add_argument(self, *args, **kwargs) -> None:
        pass

    def set_defaults(self, **kwargs) -> None:
        pass

    def add_subparsers(self, **kwargs) -> _NotAsked:
        return self


def _parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """serapan's arguments; given argv, those of the command it names (and the names and
    help of every command), else those of every command."""
    words = []
    for word in argv or []:
        if word.startswith("-"):
            break
        words.append(word)

    def asked(*path: str) -> bool:
        return argv is None or list(path[:len(words)]) == words[:len(path)]

    def command(subparsers, *path: str, **kwargs):
        if isinstance(subparsers, _NotAsked):
            return subparsers
        made = subparsers.add_parser(path[-1], **kwargs)
        return made if asked(*path) else _NotAsked()

    parser = argparse.ArgumentParser(
        prog="serapan",
        description="Pemantauan penyerapan anggaran Pemda / budget absorption monitoring.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH")

    run = command(commands, "run", help="Jalankan job malam sekali / run the nightly job once")
    run.add_argument("--inbox", help="folder inbox (bawaan/default: ./inbox)")
    run.add_argument("--full-refresh", action="store_true",
                     help="periksa semua pemda dan bangun ulang semua model, bukan hanya pemda "
                     "dengan file baru / check every pemda and rebuild every model, not only "
                     "the pemda with new files")
    run.set_defaults(handler=_run)

    dev = command(commands, "dev", help="Buka UI Dagster / open the Dagster UI")
    dev.add_argument("--port", type=int, default=3000)
    dev.set_defaults(handler=_dev)

    ingest = command(
        commands, "ingest", help="Tambah file ekspor dengan metadatanya / add an export by hand"
    )
    ingest.add_argument("files", nargs="+", type=Path, metavar="FILE")
    ingest.add_argument("--source", required=True, choices=SOURCE_NAMES,
                        help="sumber data / source")
    ingest.add_argument("--version", dest="versi",
                        help="versi anggaran: murni, pergeseran_N, perubahan, penyesuaian")
    ingest.add_argument("--date", dest="tanggal", type=date.fromisoformat,
                        help="tanggal berlaku versi / date the version took effect (YYYY-MM-DD)")
    ingest.add_argument("--pemda",
                        help="kode pemda Kemendagri, mis./e.g. 81.04 (bawaan/default: yang "
                        "disebut file, lalu SERAPAN_KODE_PEMDA / what the file names, then "
                        "SERAPAN_KODE_PEMDA)")
    ingest.add_argument("--tahun", type=int, help="tahun anggaran / fiscal year")
    ingest.add_argument("--month", dest="periode",
                        help="bulan laporan / month reported (YYYY-MM): realisasi, rfk, lra")
    ingest.add_argument("--opd", dest="kode_opd",
                        help="kode OPD pelapor / reporting OPD (rfk, lra, sidak)")
    ingest.add_argument("--inbox", help="folder inbox (bawaan/default: ./inbox)")
    ingest.set_defaults(handler=_ingest)

    retry = command(
        commands, "retry", help="Muat lagi file yang dikarantina / land quarantined files again")
    retry.add_argument("files", nargs="*", type=Path, metavar="FILE",
                       help="file di inbox / files in the inbox")
    retry.add_argument("--all", action="store_true",
                       help="semua file karantina yang masih di inbox / every quarantined "
                       "file still in the inbox")
    retry.add_argument("--inbox", help="folder inbox (bawaan/default: ./inbox)")
    retry.set_defaults(handler=_retry)

    files = command(
        commands, "files", help="Daftar file yang diterima / list the files received")
    files.add_argument("--pemda", help="kode pemda")
    files.add_argument("--source", choices=SOURCE_NAMES, help="sumber data / source")
    files.add_argument("--status", choices=("loaded", "quarantined", "superseded", "retried",
                                            "withdrawn"))
    files.add_argument("--format", choices=("table", "csv"), default="table")
    files.set_defaults(handler=_files)

    withdraw = command(
        commands, "withdraw", help="Tarik file yang sudah dimuat / withdraw a landed file")
    withdraw.add_argument("file_ids", nargs="+", type=int, metavar="FILE_ID",
                          help="nomor file dari / file number from `serapan files`")
    withdraw.add_argument("--reason", required=True,
                          help="alasan, disimpan bersama file / why, kept with the file")
    withdraw.set_defaults(handler=_withdraw)

    template = command(
        commands, "template",
        help="Tulis template laporan RFK OPD / write an OPD's RFK report template")
    template.add_argument("--opd", required=True, dest="kode_opd", type=_kode_opd,
                          help="kode SKPD/OPD")
    template.add_argument("--month", required=True, dest="periode", type=_month,
                          help="YYYY-MM")
    template.add_argument("--pemda", help="kode pemda (bila gudang berisi beberapa / if several)")
    template.add_argument("--nama-pemda", default=os.environ.get("SERAPAN_NAMA_PEMDA"),
                          help="nama pemda di judul / pemda name in the title")
    template.add_argument("--out", type=Path, help="file keluaran / output file")
    template.set_defaults(handler=_template)

    sidak = command(
        commands, "sidak", help="Pilih OPD untuk sidak dan tulis lembar kunjungannya / choose OPDs "
        "for an unannounced visit and write their visit workbooks")
    sidak.add_argument("--month", required=True, dest="periode", type=_month,
                       help="bulan laporan yang diverifikasi / month of the reports, YYYY-MM")
    sidak.add_argument("--n", type=int, default=4, help="jumlah OPD / how many OPDs (4)")
    sidak.add_argument("--seed", type=int,
                       help="seed pilihan acak, untuk mengulang pilihan yang sama / seed of "
                            "the random choice, to make the same choice again")
    sidak.add_argument("--risk", action="store_true",
                       help="pilih risiko tertinggi (bobot: seed bobot_risiko_sidak) / the "
                            "highest risk instead of at random")
    sidak.add_argument("--pemda", help="kode pemda (bila beberapa / if several)")
    sidak.add_argument("--nama-pemda", default=os.environ.get("SERAPAN_NAMA_PEMDA"),
                       help="nama pemda di judul / pemda name in the title")
    sidak.add_argument("--out", type=Path, help="folder keluaran / output folder "
                       "(bawaan/default: ./sidak-YYYY-MM)")
    sidak.set_defaults(handler=_sidak)

    verifikasi = command(
        commands, "verifikasi", help="Tandai laporan OPD terverifikasi atau dikembalikan / mark an "
        "OPD's report verified or returned")
    verifikasi.add_argument("--opd", required=True, dest="kode_opd", type=_kode_opd,
                            help="kode OPD")
    verifikasi.add_argument("--month", required=True, dest="periode", type=_month,
                            help="YYYY-MM")
    verifikasi.add_argument("--status", required=True,
                            choices=("terverifikasi", "dikembalikan"))
    verifikasi.add_argument("--oleh", required=True,
                            help="nama verifikator / the verifier's name")
    verifikasi.add_argument("--catatan", help="catatan verifikator (wajib bila dikembalikan) / "
                            "the verifier's note (required to return a report)")
    verifikasi.add_argument("--pemda", help="kode pemda (bila beberapa / if several)")
    verifikasi.set_defaults(handler=_verifikasi)

    flags = command(
        commands, "flags", help="Temuan kualitas data / data quality findings"
    )
    flags.add_argument("--opd", dest="kode_opd", type=_kode_opd, help="kode OPD")
    flags.add_argument("--month", dest="periode", type=_month, help="YYYY-MM")
    flags.add_argument("--pemda", help="kode pemda")
    flags.add_argument("--rule", help="satu aturan saja / one rule only, e.g. RFK-004")
    flags.add_argument("--all", action="store_true",
                       help="setiap tempat temuan, bukan lima per aturan / every place, "
                            "not five per rule")
    flags.add_argument("--format", choices=("table", "csv"), default="table",
                       help="table: per aturan / by rule; csv: satu baris per temuan, "
                            "kolom quality.flags / a line per finding, its columns")
    flags.set_defaults(handler=_flags)

    feedback = command(
        commands, "feedback", help="Umpan balik untuk OPD / feedback workbook for an OPD"
    )
    feedback.add_argument("--opd", required=True, dest="kode_opd", type=_kode_opd,
                          help="kode OPD")
    feedback.add_argument("--month", required=True, dest="periode", type=_month,
                          help="YYYY-MM")
    feedback.add_argument("--pemda", help="kode pemda")
    feedback.add_argument("--out", type=Path, help="file keluaran / output file")
    feedback.set_defaults(handler=_feedback)

    briefing = command(
        commands, "briefing", help="Bahan Rakor untuk pimpinan / leadership briefing for the Rakor"
    )
    briefing.add_argument("--month", required=True, dest="periode", type=_month,
                          help="YYYY-MM")
    briefing.add_argument("--pemda", help="kode pemda (bila beberapa / if several)")
    briefing.add_argument("--format", choices=("html", "pdf"), default="html")
    briefing.add_argument("--out", type=Path, help="file keluaran / output file")
    briefing.add_argument("--penyusun", default=os.environ.get("SERAPAN_PENYUSUN"),
                          help="penyusun yang ditulis di kop, mis. \"Bidang Anggaran BPKAD\" / "
                          "who prepared it (bawaan/default: SERAPAN_PENYUSUN)")
    briefing.set_defaults(handler=_briefing)

    sample = command(
        commands, "sample",
        help="Tulis satu tahun data contoh kabupaten sintetis / write a synthetic kabupaten's "
        "year")
    sample.add_argument("--seed", type=int, default=2025)
    sample.add_argument("--inbox", help="folder inbox (bawaan/default: ./inbox)")
    sample.set_defaults(handler=_sample)

    wh = command(commands, "warehouse", help="Gudang data / the warehouse")
    wh_commands = wh.add_subparsers(dest="action", required=True, metavar="AKSI")
    url = command(
        wh_commands, "warehouse", "url",
        help="cetak URL admin, tanpa kata sandi / print the admin URL, without the password "
        "(BI: grant-bi)")
    url.add_argument("--with-password", action="store_true",
                     help="dengan kata sandi superuser / with the superuser's password")
    url.set_defaults(handler=_wh_url)
    start = command(
        wh_commands, "warehouse", "start",
        help="jalankan gudang tertanam dan terapkan migrasi skema yang tertunda / "
        "start the embedded warehouse and apply the pending schema migrations")
    start.add_argument(
        "--listen", default=os.environ.get("SERAPAN_PG_LISTEN"), metavar="ALAMAT",
        help="juga dengarkan di alamat ini (0.0.0.0: semua), untuk login BI dari mesin lain; "
        "superuser tetap hanya dari mesin ini / also listen on this address (0.0.0.0: all), "
        "for BI logins from other machines; the superuser still from this machine only "
        "(bawaan/default: SERAPAN_PG_LISTEN)")
    start.set_defaults(handler=_wh_start)
    for name, text, handler in (
        ("stop", "hentikan gudang tertanam / stop the embedded warehouse", _wh_stop),
        ("migrate", "terapkan migrasi skema yang tertunda (migrations/), masing-masing sekali "
                    "/ apply the pending schema migrations (migrations/), each once",
         _wh_migrate),
        ("status", "migrasi skema yang sudah diterapkan dan yang tertunda / the schema "
                   "migrations applied and pending", _wh_status),
    ):
        command(wh_commands, "warehouse", name, help=text).set_defaults(handler=handler)
    grant = command(
        wh_commands, "warehouse", "grant-bi",
        help="buat login baca-saja untuk BI / create a read-only BI login")
    if not isinstance(grant, _NotAsked):
        from pipelines import bi_access

        grant.add_argument("user")
        grant.add_argument("--password", help="bawaan: dibuat acak / default: generated")
        grant.add_argument(
            "--statement-timeout", default=bi_access.STATEMENT_TIMEOUT,
            help="batas waktu satu query / time limit of one query, mis./e.g. 30s, 1h "
            f"(bawaan/default {bi_access.STATEMENT_TIMEOUT})")
        grant.add_argument(
            "--connection-limit", type=int, default=bi_access.CONNECTION_LIMIT,
            help="koneksi serentak maksimum / most connections at once "
            f"(bawaan/default {bi_access.CONNECTION_LIMIT})")
    grant.set_defaults(handler=_wh_grant_bi)

    docs = command(
        commands, "docs",
        help="Dokumentasi dbt dan Data Docs GX / the dbt docs and the GX Data Docs")
    docs.set_defaults(handler=_docs)

    rules = command(
        commands, "rules",
        help="Daftar aturan kualitas dan artinya / every quality rule and what it checks")
    rules.add_argument("--suite", help="satu suite saja / one suite only, e.g. rfk")
    rules.add_argument("--rule", help="satu aturan saja / one rule only, e.g. RFK-004")
    rules.set_defaults(handler=_rules)

    rules_doc = command(
        commands, "rules-doc",
        help="Tulis daftar aturan kualitas dari suite / write docs/rules.md, the quality "
        "rules, from the suites")
    rules_doc.add_argument("--out", type=Path,
                           help="file keluaran / output file (bawaan/default: docs/rules.md)")
    rules_doc.set_defaults(handler=_rules_doc)
    return parser


def _run(args) -> int:
    from pipelines import progress
    from pipelines.config import settings
    from pipelines.nightly import run_nightly
    from pipelines.run_lock import one_run_at_a_time

    log_path = settings().home / "logs" / "last-run.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with one_run_at_a_time("run", _say_waiting), log_path.open("w") as log, \
            progress.showing_progress(log):
        summary = run_nightly(full_refresh=args.full_refresh)
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Ringkasan / summary", show_header=False)
    for label, value in (
        ("File dibaca / files read", summary.files_seen),
        ("File dimuat / files loaded", summary.files_loaded),
        ("File dikarantina / files quarantined", summary.files_quarantined),
        ("File ditolak / files refused", summary.files_refused),
        ("Baris dimuat / rows loaded", f"{summary.rows_loaded:,}".replace(",", ".")),
        ("Temuan berlaku / findings in force", summary.findings_in_force),
        ("Temuan run ini / found this run", summary.findings_found),
        ("Model dan seed dbt dibangun / dbt models and seeds built", summary.models_built),
        ("Aset dimaterialisasi / assets materialized", _by_kind(
            {kind: len(keys) for kind, keys in summary.assets_materialized.items()})),
        ("Pemeriksaan aset / asset checks", _by_kind(summary.checks_evaluated)
         + f"; {len(summary.checks_failed)} gagal / failed"),
        ("Pemda diperiksa / pemda checked", summary.pemda_checked),
        ("Detik memuat / landing seconds", f"{summary.step_seconds['landing']:.1f}"),
        ("Detik pemeriksaan / check seconds", f"{summary.step_seconds['quality']:.1f}"),
        ("Detik dbt / dbt seconds", f"{summary.step_seconds['dbt']:.1f}"),
        ("Detik total / total seconds", f"{summary.seconds:.1f}"),
    ):
        table.add_row(label, escape(str(value)))
    Console().print(table)
    _print_held_back(summary.held_back)
    _announce_sample()
    for check in summary.checks_failed:
        console.print(f"[yellow]Pemeriksaan gagal / check failed:[/yellow] {escape(check)}")
    for run_id in summary.runs_marked_failed:
        console.print(f"Run {run_id} terputus, ditandai gagal / interrupted, marked failed")
    for failure in summary.failures:
        console.print(f"[red]{escape(failure)}[/red]")
    for held in summary.mostly_held_back:
        console.print(f"[red]Sebagian besar ditahan / mostly held back:[/red] {escape(held)}")
    console.print(f"Log dbt / dbt log: {escape(str(log_path))}")
    return summary.exit_status


# How the run summary names each kind of Dagster step (pipelines.nightly.STEP_KINDS).
STEP_KIND_LABELS = {"landing": "memuat/landing", "quality": "kualitas/quality (GX)",
                    "dbt": "dbt", "lain": "lain/other"}


def _by_kind(counts: dict[str, int]) -> str:
    """"84: memuat/landing 7, kualitas/quality (GX) 1, dbt 75, lain/other 1": a total and
    its parts, by the kind of step."""
    parts = ", ".join(f"{STEP_KIND_LABELS[kind]} {counts[kind]}"
                      for kind in STEP_KIND_LABELS if counts.get(kind))
    return f"{sum(counts.values())}: {parts}" if parts else "0"


def _print_held_back(files) -> None:
    """Per pemda and source, the rows and rupiah error findings keep from the leadership
    marts, and what share of the files in force that is."""
    from pipelines.quality.held_back import by_pemda_and_source
    from pipelines.reports.formatting import persen, rupiah

    if not files:
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Ditahan dari mart pimpinan / held back from the leadership marts")
    for column in ("pemda", "sumber", "file", "baris / rows", "rupiah", "bagian / share"):
        table.add_column(column, overflow="fold")
    for held, group in by_pemda_and_source(files):
        mostly = sum(1 for f in group if f.mostly_held)
        table.add_row(held.kode_pemda, held.source, str(len(group)),
                      f"{held.rows_held} / {held.rows}",
                      f"{rupiah(held.rupiah_held)} / {rupiah(held.rupiah)}",
                      persen(held.share * 100) + (f", {mostly} file > 50%" if mostly else ""))
    Console().print(table)


def _announce_sample() -> None:
    """The sample's findings are its injected defects: say so, and where they are listed."""
    from pipelines.config import settings
    from pipelines.sample.defects import GROUND_TRUTH_NAME

    ground_truth = settings().inbox / GROUND_TRUTH_NAME
    if ground_truth.exists():
        console.print(
            "[cyan]Data contoh / sample data:[/cyan] inbox ini berisi cacat yang sengaja "
            f"disisipkan, tercantum di {escape(str(ground_truth))}; temuan dan baris yang "
            "ditahan di atas adalah cacat itu / this inbox holds defects injected on purpose, "
            "listed there: the findings and held-back rows above are those. Lihat / see: "
            "serapan flags")


def _say_waiting(message: str) -> None:
    console.print(f"[yellow]{escape(message)}[/yellow]")


def _dev(args) -> int:
    import shutil

    from dagster import DagsterInstance

    from pipelines.config import PROJECT_ROOT, settings
    from pipelines.interrupted_runs import stop_interrupted_runs
    from pipelines.nightly import prepare
    from pipelines.supervised import run_supervised

    prepare()
    with DagsterInstance.get() as instance:
        for run_id in stop_interrupted_runs(instance, settings()):
            console.print(f"Run {run_id} terputus, ditandai gagal / interrupted, marked failed")
    dagster = shutil.which("dagster", path=str(Path(sys.executable).parent)) or "dagster"
    # stopped with this process, webserver, daemon and code server alike
    return run_supervised(
        [dagster, "dev", "-w", str(PROJECT_ROOT / "workspace.yaml"), "-p", str(args.port)]
    )


def _ingest(args) -> int:
    from pipelines.config import settings
    from pipelines.inbox import FileMeta
    from pipelines.nightly import prepare
    from pipelines.run_lock import one_run_at_a_time

    meta = FileMeta(
        source=args.source, kode_pemda=args.pemda, tahun=args.tahun,
        versi=args.versi, tanggal_versi=args.tanggal, periode=args.periode,
        kode_opd=args.kode_opd,
    ).validate("serapan ingest")
    folder = settings().inbox / args.source
    folder.mkdir(parents=True, exist_ok=True)
    with one_run_at_a_time("ingest", _say_waiting):
        status = _ingest_files(prepare(), args.files, folder, meta)
    console.print("Jalankan / run `serapan run` untuk membangun mart / to build the marts.")
    return status


def _ingest_files(wh, files: list[Path], folder: Path, meta) -> int:
    """Each file, its pemda settled, into the inbox with its sidecar; then landed in a
    Dagster run of its source's asset (pipelines/landing/by_hand.py)."""
    from pipelines.landing.by_hand import land_in_runs

    status, placed = _place_in_inbox(files, folder, meta)
    for landed in land_in_runs(wh, meta.source, placed) if placed else []:
        if landed.status == "quarantined":
            console.print(f"[red]Karantina / quarantined:[/red] {escape(landed.error)}")
            status = 1
        elif landed.status == "failed":
            console.print(f"[red]{escape(landed.error)}[/red]")
            status = 1
        elif landed.status == "duplicate":
            console.print(escape(
                f"{landed.path.name}: sudah dimuat sebagai file {landed.file_id} "
                f"({landed.original_name}, pemda {landed.kode_pemda}), 0 baris / already landed "
                f"as file {landed.file_id}. Bila salah, tarik dulu / if wrong, withdraw it "
                f"first: serapan withdraw {landed.file_id} --reason ..."))
        else:
            console.print(escape(f"{landed.path.name}: {landed.status}, pemda "
                                 f"{landed.kode_pemda}, {landed.rows} baris / rows"))
    return status


def _place_in_inbox(files: list[Path], folder: Path, meta) -> tuple[int, list[Path]]:
    """The files copied into the inbox folder with their sidecars, refused before anything
    is copied when no pemda can be told; the exit status so far, and the copies."""
    import shutil

    from pipelines.inbox import MetadataError, sidecar_path, write_meta
    from pipelines.pemda import with_pemda
    from pipelines.sources import SOURCES

    status, placed = 0, []
    for file in files:
        if not file.is_file():
            console.print(f"[red]{escape(str(file))}: file tidak ada / no such file[/red]")
            status = 1
            continue
        try:  # refused here, before anything is copied, when no pemda can be told
            file_meta = with_pemda(meta, file, SOURCES[meta.source].pemda_of)
        except MetadataError as exc:
            console.print(f"[red]Ditolak / refused:[/red] {escape(str(exc))}")
            status = 1
            continue
        target = folder / file.name
        # New entries, never a write through what was there: a link or a hard link in
        # the inbox would carry the copy, or its sidecar, elsewhere.
        sidecar_path(target).unlink(missing_ok=True)
        if not (target.exists() and os.path.samefile(file, target)):
            target.unlink(missing_ok=True)
            shutil.copyfile(file, target)
        write_meta(target, file_meta)
        placed.append(target)
    return status, placed


def _files(args) -> int:
    import csv

    from pipelines import warehouse
    from pipelines.landing.manifest import landed_files

    # one query, one login: a server found running is not asked for its databases
    found = landed_files(warehouse.current(start=True, ensure_databases=False),
                         kode_pemda=args.pemda, source=args.source, status=args.status)
    columns = ("file_id", "source", "kode_pemda", "tahun", "label", "original_name", "status",
               "rows_loaded", "received_at", "note")
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([getattr(f, c) for c in columns] for f in found)
        return 0
    # Plain aligned text, not a rich Table: hundreds of files render in milliseconds.
    print(f"File / files: {len(found)}")
    titles = ("no", "sumber", "pemda", "tahun", "versi/bulan", "status", "baris", "file")
    rows = [tuple(str(value) for value in (
        f.file_id, f.source, f.kode_pemda or "-", f.tahun or "-", f.label or "-", f.status,
        f.rows_loaded, f.original_name)) for f in found]
    widths = [max(len(row[i]) for row in [titles, *rows]) for i in range(len(titles) - 1)]
    for row, f in zip([titles, *rows], [None, *found]):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)), row[-1])
        if f is not None and f.note:
            print(f"    catatan / note: {' '.join(f.note.split())}")
    return 0


def _withdraw(args) -> int:
    from pipelines import warehouse
    from pipelines.landing.manifest import WithdrawError, withdraw
    from pipelines.migrations import migrate
    from pipelines.run_lock import one_run_at_a_time

    wh = warehouse.current(start=True)
    status = 0
    with one_run_at_a_time("withdraw", _say_waiting):
        migrate(wh)
        for file_id in args.file_ids:
            try:
                done = withdraw(wh, file_id, args.reason)
            except WithdrawError as exc:
                console.print(f"[red]{escape(str(exc))}[/red]")
                status = 1
                continue
            console.print(escape(
                f"File {done.file_id} ({done.original_name}, pemda {done.kode_pemda or '-'}) "
                "ditarik / withdrawn; tetap di arsip / kept in the archive."))
            if done.back_in_force:
                console.print(f"  File {done.back_in_force} yang digantikannya berlaku lagi / "
                              "the file it had replaced is in force again.")
            for path in done.removed_from_inbox:
                console.print(f"  Dihapus dari inbox / removed from the inbox: "
                              f"{escape(str(path))}")
    console.print("Jalankan / run `serapan run`: mart pemda itu dibangun ulang / rebuilds the "
                  "marts of that pemda.")
    return status


def _retry(args) -> int:
    """The files landed again in Dagster runs of their sources' assets, the runs' config
    naming them (pipelines/landing/by_hand.py)."""
    from pipelines.config import settings
    from pipelines.inbox_entries import scan_inbox
    from pipelines.landing.attempts import quarantined
    from pipelines.landing.by_hand import land_in_runs
    from pipelines.nightly import prepare
    from pipelines.run_lock import one_run_at_a_time

    if bool(args.files) == args.all:
        raise ValueError("sebutkan FILE atau --all / name FILEs or --all")
    inbox = settings().inbox
    with one_run_at_a_time("retry", _say_waiting):
        wh = prepare()
        scan = scan_inbox(inbox)
        if args.all:
            paths = quarantined(wh, scan.files)
        else:
            paths = _inbox_files(args.files, scan)
            if len(paths) < len(args.files):
                return 1
        if not paths:
            console.print("Tidak ada file karantina di inbox / no quarantined files in the "
                          "inbox")
            return 0
        by_source: dict[str, list[Path]] = {}
        for path in paths:
            by_source.setdefault(path.relative_to(inbox).parts[0], []).append(path)
        landed = {outcome.path: outcome for source, files in by_source.items()
                  if source in SOURCE_NAMES
                  for outcome in land_in_runs(wh, source, files, retry=True)}
    status = 0
    for path in paths:
        name, outcome = escape(str(path.relative_to(inbox))), landed.get(path)
        if outcome is None:  # no source's asset lands it: no night's run reads it
            console.print(f"[red]{name}: bukan di folder sumber data / not in a source's "
                          "folder[/red]")
            status = 1
        elif outcome.status == "loaded":
            console.print(f"{name}: dimuat / loaded, {outcome.rows} baris / rows")
        elif outcome.status == "duplicate":
            console.print(f"{name}: sudah dimuat / already loaded")
        else:
            console.print(f"[red]{escape(outcome.error)}[/red]")
            status = 1
    console.print("Jalankan / run `serapan run` untuk membangun mart / to build the marts.")
    return status


def _inbox_files(files: list[Path], scan) -> list[Path]:
    """The named files as the inbox scan found them; each that is not one is named."""
    found = {path.absolute(): path for path in scan.files}
    refused = {entry.path.absolute(): entry for entry in scan.refused}
    paths = []
    for file in files:
        where = file.parent.resolve() / file.name  # the inbox's own path, links and all
        if where in found:
            paths.append(found[where])
        elif where in refused:
            console.print(f"[red]{escape(str(refused[where]))}[/red]")
        else:
            console.print(f"[red]{escape(str(file))}: bukan file di inbox / not a file in "
                          "the inbox[/red]")
    return paths


def _template(args) -> int:
    from pipelines.nightly import reading_warehouse
    from pipelines.pemda import government_title
    from pipelines.rfk_template import write_rfk_template
    from pipelines.rfk_template_data import template_data

    with reading_warehouse() as wh:
        data = template_data(wh, args.kode_opd, args.periode, args.pemda)
    out = args.out or Path(f"rfk-{data.kode_opd}-{data.periode}.xlsx")
    write_rfk_template(
        out, nama_pemda=args.nama_pemda or government_title(data.kode_pemda),
        kode_opd=data.kode_opd, nama_opd=data.nama_opd, periode=data.periode, lines=data.lines,
    )
    _say(f"ditulis / written: {out} ({len(data.lines)} sub kegiatan)")
    if all(line.realisasi_sistem is None for line in data.lines):
        _say(f"realisasi sistem keuangan bulan {data.periode} belum dimuat: kolom 18 kosong / "
             "the finance system's realization of the month is not loaded: column 18 empty")
    return 0


def _sidak(args) -> int:
    from pipelines.nightly import open_warehouse
    from pipelines.sidak.plan import plan_sidak

    if args.risk and args.seed is not None:
        raise ValueError("--seed untuk pilihan acak, bukan --risk / --seed is for the "
                         "random choice, not --risk")
    plan = plan_sidak(open_warehouse(), periode=args.periode, n=args.n, seed=args.seed,
                      by_risk=args.risk, kode_pemda=args.pemda, nama_pemda=args.nama_pemda,
                      out_dir=args.out or Path(f"sidak-{args.periode}"))
    how = ("risiko tertinggi / highest risk" if plan.seed is None else
           f"acak, seed {plan.seed} (ulangi dengan / repeat with --seed {plan.seed})")
    print(f"Sidak pemda {plan.kode_pemda} bulan {plan.periode}: {len(plan.visits)} OPD, {how}")
    for number, visit in enumerate(plan.visits, 1):
        opd = visit.chosen.candidate
        print(f"{number}. {opd.kode_opd} {opd.nama_opd or ''}".rstrip())
        print(f"   alasan / why: {visit.chosen.alasan}")
        print(f"   lembar kunjungan / workbook: {visit.workbook}")
    print("Isi lembarnya di lapangan, lalu taruh bersama .meta.json-nya di inbox/sidak/ / "
          "fill them in on site, then put each with its .meta.json in inbox/sidak/")
    return 0


def _verifikasi(args) -> int:
    from pipelines.nightly import open_warehouse
    from pipelines.verifikasi import give_verdict

    verdict = give_verdict(open_warehouse(), kode_opd=args.kode_opd, periode=args.periode,
                           status=args.status, oleh=args.oleh, catatan=args.catatan,
                           kode_pemda=args.pemda)
    print(f"Laporan OPD {verdict.kode_opd} bulan {args.periode} ({verdict.original_name}, file "
          f"{verdict.file_id}): {verdict.status} oleh {args.oleh.strip()}, "
          f"{verdict.pada:%Y-%m-%d %H:%M}")
    return 0


def _flags(args) -> int:
    import shutil

    from pipelines.nightly import reading_warehouse
    from pipelines.quality.findings import findings, write_csv
    from pipelines.quality.findings_text import findings_text

    with reading_warehouse() as wh:
        found = findings(wh, kode_opd=args.kode_opd, periode=args.periode,
                         kode_pemda=args.pemda, rule_id=args.rule)
    if args.format == "csv":
        write_csv(found, sys.stdout)
        return 0
    width = shutil.get_terminal_size().columns
    for line in findings_text(found, width=width, show_all=args.all):
        print(line)
    return 0


def _feedback(args) -> int:
    from pipelines.config import settings
    from pipelines.nightly import reading_warehouse
    from pipelines.reports.feedback import write_feedback
    from pipelines.reports.feedback_data import feedback_data

    with reading_warehouse() as wh:
        data = feedback_data(wh, args.kode_opd, args.periode, args.pemda)
    out = args.out or Path(f"umpan-balik-{args.kode_opd}-{args.periode}.xlsx")
    alamat = settings().alamat_laporan
    write_feedback(out, data, alamat=alamat)
    _say(f"ditulis / written: {out} ({data.count()} temuan / findings)")
    if not alamat:
        _say("SERAPAN_ALAMAT_LAPORAN belum diatur: umpan balik meminta OPD mengirim perbaikan "
             "ke \"tim data\" tanpa alamat / not set: the workbook names no address for "
             "corrected reports")
    return 0


def _briefing(args) -> int:
    from pipelines.nightly import prepare
    from pipelines.reports.briefing import write_briefing

    out = args.out or Path(f"briefing-{args.periode}.{args.format}")
    write_briefing(prepare(), periode=args.periode, kode_pemda=args.pemda, out=out,
                   fmt=args.format, penyusun=args.penyusun)
    console.print(f"ditulis / written: {escape(str(out))}")
    return 0


def _sample(args) -> int:
    from pipelines.config import settings
    from pipelines.sample import write_sample_year

    year = write_sample_year(settings().inbox, seed=args.seed)
    for source, paths in sorted(year.files.items()):
        console.print(f"ditulis / written: {len(paths)} file {source} di / in "
                      f"{escape(str(settings().inbox / source))}")
    console.print(f"Cacat yang disisipkan / injected defects: {sum(year.defects.values())} "
                  f"({escape(str(year.ground_truth))})")
    return 0


def _wh_url(args) -> int:
    from pipelines import warehouse

    wh = warehouse.current(start=True)
    if args.with_password:
        _say("URL admin (superuser) dengan kata sandinya: jangan untuk alat BI / "
             "the superuser's URL with its password: not for BI tools")
        print(wh.libpq_url())
        return 0
    _say("URL admin (superuser) tanpa kata sandi / without its password "
         "(`--with-password`); login baca-saja untuk BI / a read-only BI login: "
         "`serapan warehouse grant-bi NAMA`")
    print(replace(wh, password="").libpq_url())
    return 0


def _wh_start(args) -> int:
    from pipelines import warehouse
    from pipelines.config import settings

    if args.listen:
        os.environ["SERAPAN_PG_LISTEN"] = args.listen
    wh = warehouse.current(start=True)
    console.print(f"Gudang data berjalan / warehouse running on {wh.host}:{wh.port}")
    if args.listen and not settings().warehouse_url:
        asked = warehouse.embedded().listen_addresses()
        [(listening,)] = wh.query("show listen_addresses")
        if listening != asked:
            raise warehouse.WarehouseError(
                f"gudang sudah berjalan dengan / already running with listen_addresses "
                f"{listening!r}, bukan / not {asked!r}: `serapan warehouse stop`, lalu / "
                "then start lagi / again")
        console.print(f"Mendengarkan di / listening on {listening}:{wh.port}: login BI "
                      "(grant-bi) dari mesin lain, superuser hanya dari mesin ini / BI logins "
                      "from other machines, the superuser from this machine only")
    return _wh_migrate(args, wh)


def _wh_migrate(args, wh=None) -> int:
    from pipelines import warehouse
    from pipelines.migrations import migrate

    applied = migrate(wh or warehouse.current(start=True))
    for name in applied:
        console.print(f"Migrasi diterapkan / migration applied: {escape(name)}")
    if not applied:
        console.print("Skema gudang sudah terbaru / the warehouse's schema is up to date")
    return 0


def _wh_status(args) -> int:
    from pipelines import warehouse
    from pipelines.migrations import PENDING, status

    states, made_before = status(warehouse.current(start=True))
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Migrasi skema / schema migrations")
    for column in ("file", "status", "diterapkan / applied at"):
        table.add_column(column, overflow="fold")
    for state in states:
        when = f"{state.applied_at:%Y-%m-%d %H:%M}" if state.applied_at else "-"
        table.add_row(escape(state.name), state.state + (" (baseline)" if state.baseline else ""),
                      when)
    Console().print(table)
    if made_before:
        console.print("Gudang ini dibuat sebelum migrasi bernomor: `serapan warehouse migrate` "
                      "menjadikannya baseline, datanya tetap / this warehouse was made before "
                      "numbered migrations: `serapan warehouse migrate` baselines it, keeping "
                      "its data")
    problems = [state.problem for state in states if state.problem]
    for problem in problems:
        console.print(f"[red]{escape(problem)}[/red]")
    if problems:
        return 1
    pending = sum(state.state == PENDING for state in states)
    console.print(f"Tertunda / pending: {pending} (`serapan warehouse migrate`)" if pending
                  else "Skema gudang sudah terbaru / the warehouse's schema is up to date")
    return 0


def _wh_grant_bi(args) -> int:
    from pipelines.bi_access import grant_bi
    from pipelines.nightly import prepare

    wh = prepare()
    password = grant_bi(wh, args.user, args.password, args.statement_timeout,
                        args.connection_limit)
    url = replace(wh, user=args.user, password=password).libpq_url()
    console.print(f"Login BI / BI login '{args.user}' dapat membaca / can read: marts.* "
                  f"(statement_timeout {args.statement_timeout}, maks./at most "
                  f"{args.connection_limit} koneksi / connections)")
    print(url)
    return 0


def _docs(args) -> int:
    from pipelines.config import DBT_PROJECT_DIR, DBT_TARGET_DIR
    from pipelines.dbt_invoke import invoke_dbt
    from pipelines.nightly import prepare

    warehouse = prepare()
    result = invoke_dbt(["docs", "generate", "--static", "--quiet",
                         "--project-dir", str(DBT_PROJECT_DIR),
                         "--profiles-dir", str(DBT_PROJECT_DIR)])
    if not result.success:
        raise RuntimeError(f"dbt docs generate gagal / failed: {result.exception}")
    docs = DBT_TARGET_DIR / "static_index.html"
    console.print(f"Dokumentasi / docs: {escape(str(docs))}")
    console.print(f"Data Docs GX / quality docs: {escape(str(_quality_docs(warehouse)))}")
    return 0


def _rules(args) -> int:
    import shutil
    import textwrap

    from pipelines.quality.rules_doc import suite_rules
    from pipelines.quality.step import suite_names

    width = shutil.get_terminal_size().columns
    names = [args.suite] if args.suite else suite_names()
    if args.suite and args.suite not in suite_names():
        raise ValueError(f"tidak ada suite / no suite {args.suite!r}: "
                         f"{', '.join(suite_names())}")
    shown = 0
    for name in names:
        rules = [rule for rule in suite_rules(name)
                 if args.rule is None or rule.rule_id == args.rule.upper()]
        if not rules:
            continue
        print(f"== {name} ({len(rules)} aturan / rules)")
        for rule in rules:
            shown += 1
            print(f"{rule.rule_id} · {rule.severity}")
            for label, text in (("memeriksa / checks", rule.checks),
                                ("perbaikan / fix", rule.pesan)):
                print(textwrap.fill(f"{label}: {' '.join(text.split())}", width=width,
                                    initial_indent="  ", subsequent_indent="    "))
        print()
    if shown == 0:
        raise ValueError(f"tidak ada aturan / no rule {args.rule!r} (lihat / see serapan rules)")
    return 0


def _rules_doc(args) -> int:
    from pipelines.quality.rules_doc import RULES_DOC, write_rules_doc

    out = write_rules_doc(args.out or RULES_DOC)
    console.print(f"ditulis / written: {escape(str(out))}")
    return 0


def _quality_docs(warehouse) -> Path:
    """Validate every suite against the warehouse as it is now and write GX Data Docs;
    the flags are left as the last nightly run wrote them."""
    from pipelines.config import settings
    from pipelines.quality.step import all_suites, batches, validate_suites

    docs_dir = settings().quality_docs_dir
    with batches(warehouse, all_suites()) as suites:
        validate_suites(warehouse, suites, data_docs_dir=docs_dir)
    return docs_dir / "index.html"


def _wh_stop(args) -> int:
    from pipelines import warehouse
    from pipelines.config import settings

    if settings().warehouse_url:
        console.print("WAREHOUSE_URL dipakai: server itu bukan milik serapan / "
                      "not serapan's server to stop")
        return 1
    stopped = warehouse.embedded().stop()
    console.print("Dihentikan / stopped" if stopped else "Tidak berjalan / not running")
    return 0


if __name__ == "__main__":
    sys.exit(main())
