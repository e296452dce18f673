"""One throwaway embedded warehouse per test process, and one nightly run (one dbt build)
per session: in the process, or, with processes side by side, made once by a process of
its own and copied into each (tests/session_run.py)."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import socket
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

# Run in parallel (`make test`: pytest-xdist), each worker has its own warehouse (the
# session fixtures below) and its own dbt files: dbt writes its manifest, partial parse
# and logs into the project. Set before pipelines/config.py reads it.
if worker := os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ["DBT_TARGET_PATH"] = f"target/{worker}"
    os.environ["DBT_LOG_PATH"] = str(Path(__file__).resolve().parent.parent / "dbt_project"
                                     / "logs" / worker)

from tests.session_run import SESSION_RUN
from tests.workbooks import budget_row, encrypt_with_password, write_empty_workbook, write_rekap5

# The real public Rekap 5 export of Kab. Buru (../shared/data/sipd-ri), kept with the
# tests so that every checkout, CI's fresh clone too, lands a real export.
REAL_EXPORTS = Path(__file__).resolve().parent / "data" / "sipd-ri"
BURU_MURNI = REAL_EXPORTS / "buru-2025-rekap5-murni.xlsx"
BURU_2024_MURNI = REAL_EXPORTS / "buru-2024-rekap-apbd-murni-21-kolom.xlsx"  # no PAKET columns
BURU_2024 = REAL_EXPORTS / "buru-2024-rekap5.xlsx"  # a later 2024 version, 23 columns


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# For every test, from the first: Dagster's resources take their settings from the
# variables set as the definitions load (pipelines/resources.py), whichever test loads them.
@pytest.fixture(scope="session", autouse=True)
def serapan_env(tmp_path_factory):
    """Environment of a fresh install: its own home, inbox and warehouse port."""
    root = tmp_path_factory.mktemp("serapan")
    patch = pytest.MonkeyPatch()
    patch.setenv("SERAPAN_HOME", str(root / ".serapan"))
    patch.setenv("SERAPAN_INBOX", str(root / "inbox"))
    patch.setenv("SERAPAN_PG_PORT", str(_free_port()))
    patch.setenv("GX_ANALYTICS_ENABLED", "false")
    patch.setenv("COLUMNS", "200")  # the CLI's messages on one line each, as a wide terminal
    patch.delenv("WAREHOUSE_URL", raising=False)
    patch.delenv("DAGSTER_HOME", raising=False)
    yield root
    from pipelines import warehouse

    warehouse.embedded().stop()
    patch.undo()


@pytest.fixture(scope="session")
def warehouse(serapan_env):
    from pipelines.nightly import prepare

    return prepare()


def run_cli(*args: str) -> tuple[int, str]:
    """`serapan ARGS` in process; returns the exit status and everything it printed."""
    from pipelines import cli

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = cli.main(list(args))
    return status, out.getvalue()


def grant_bi(user: str) -> str:
    """A read-only BI login made by `serapan warehouse grant-bi`; returns its URL."""
    status, output = run_cli("warehouse", "grant-bi", user, "--password", "rahasia-bi")
    assert status == 0, output
    return output.strip().splitlines()[-1]


SAMPLE_PEMDA = "99.01"  # the synthetic kabupaten year of the session run


@pytest.fixture(scope="session")
def sample_year(serapan_env, request):
    """The whole synthetic year (every source, injected defects), written once."""
    if os.environ.get(SESSION_RUN):  # written by the session's run (tests/session_run.py)
        return request.getfixturevalue("session_run_copy")[0]
    from pipelines.sample import write_sample_year

    return write_sample_year(serapan_env / "inbox", seed=2025, tahun=2025,
                             kode_pemda=SAMPLE_PEMDA)


@pytest.fixture(scope="session")
def session_run_copy(warehouse, serapan_env):
    """The sample year and the run, as the session's run process made them, copied into
    this process's warehouse and folder."""
    from tests import session_run

    return session_run.adopt(Path(os.environ[SESSION_RUN]), serapan_env, warehouse)


@dataclass
class NightlyRun:
    status: int
    output: str
    sample_files: list[Path]
    broken_files: dict[str, Path]
    second_run_metadata: dict
    monthly_files: dict[str, Path]
    hostile_files: dict[str, Path]
    files_and_rows: tuple[int, int]  # raw.files the run added: files, rows landed
    buru_budgets: dict[str, Path]  # kode_versi -> the Kab. Buru export of that version
    buru_2026_realisasi: Path
    links: dict[str, Path]  # inbox entries that are not regular files of its own


@pytest.fixture(scope="session")
def nightly_run(warehouse, serapan_env, sample_year, request) -> NightlyRun:
    """The sample year, the real export, broken files and a correction, run once: here,
    or, in processes side by side, once by a process of its own and copied here."""
    if os.environ.get(SESSION_RUN):
        return request.getfixturevalue("session_run_copy")[1]
    return run_night(warehouse, serapan_env, sample_year)


def run_night(warehouse, root: Path, sample_year) -> NightlyRun:
    """`serapan run` over the sample year and the session's other files, written into
    the inbox under `root` (the session's folder), and the landing again."""
    from pipelines.config import settings
    from pipelines.inbox import FileMeta, write_meta

    inbox = settings().inbox
    sample_files = sample_year.files["anggaran"]
    folder = inbox / "anggaran"

    def add(name: str, pemda: str, rows=None, versi="murni", **layout) -> Path:
        path = write_rekap5(folder / name, rows or [budget_row(1), budget_row(2)], **layout)
        write_meta(path, FileMeta("anggaran", pemda, 2025, versi, date(2025, 1, 2)))
        return path

    buru_budgets = add_buru_budgets(folder)
    buru_2026_realisasi = add_buru_2026_realisasi(inbox)
    not_xlsx = folder / "99.02-bukan-excel.xlsx"
    not_xlsx.write_bytes(b"PK\x03\x04 this is not really a zip")
    write_meta(not_xlsx, FileMeta("anggaran", "99.02", 2025, "murni", date(2025, 1, 2)))
    broken = {
        "not_xlsx": not_xlsx,
        "wrong_columns": add("99.02-kolom-salah.xlsx", "99.02", versi="pergeseran_1",
                             titles=["NO", "URAIAN", "JUMLAH"] + [""] * 20),
        "text_in_pagu": add("99.02-pagu-teks.xlsx", "99.02", versi="pergeseran_2",
                            rows=[budget_row(1), budget_row(2), budget_row(3, pagu="lima juta")]),
        "empty_sheet": write_empty_workbook(folder / "99.02-kosong.xlsx"),
    }
    write_meta(broken["empty_sheet"], FileMeta("anggaran", "99.02", 2025, "perubahan",
                                               date(2025, 10, 1)))
    # A correction: the second export of the same version supersedes the first.
    add("99.04-murni-a.xlsx", "99.04", rows=[budget_row(1, pagu=100), budget_row(2, pagu=200)])
    add("99.04-murni-b.xlsx", "99.04", rows=[budget_row(1, pagu=100), budget_row(2, pagu=250)])
    # Well-formed file, malformed code: it loads, and the GX check flags it.
    add("99.03-kode-salah.xlsx", "99.03",
        rows=[budget_row(1, sub_kegiatan="1.02.02.2.01.1"), budget_row(2)])
    add("99.06-murni.xlsx", OTHER_PEMDA, rows=[budget_row(1), budget_row(2)])
    monthly_files = add_monthly_sources(inbox)
    hostile = add_hostile_files(inbox)
    links = add_links(inbox, root / "di-luar", settings().home / "warehouse.json")

    [(landed_before,)] = warehouse.query("select coalesce(max(file_id), 0) from raw.files")
    status, output = run_cli("run")
    [files_and_rows] = warehouse.query(
        "select count(*), sum(rows_loaded) from raw.files where file_id > %s", (landed_before,))

    # Run the landing again, as a second night would: nothing may load twice.
    import dagster as dg

    from pipelines.landing.assets import raw_asset
    from pipelines.resources import InboxResource, WarehouseResource
    from pipelines.sources import SOURCES

    result = dg.materialize([raw_asset(SOURCES["anggaran"])],
                            resources={"warehouse": WarehouseResource.from_environment(),
                                       "inbox": InboxResource.from_environment()})
    second = result.asset_materializations_for_node("raw__anggaran_rekap5")[0].metadata
    return NightlyRun(status, output, sample_files, broken,
                      {k: v.value for k, v in second.items()}, monthly_files, hostile,
                      files_and_rows, buru_budgets, buru_2026_realisasi, links)


def add_buru_budgets(folder: Path) -> dict[str, Path]:
    """Kab. Buru's real Rekap 5 exports of 2024 (two versions, 21 and 23 columns) and 2025,
    and its 2025 export as SIPD-RI writes a 2026 one (accounts in the new format)."""
    from pipelines.inbox import FileMeta, write_meta
    from tests.workbooks import as_2026_export

    budgets = {
        "81.04/2024/murni": (BURU_2024_MURNI, date(2024, 1, 2)),
        # The file does not name its version: landed here as the year's perubahan.
        "81.04/2024/perubahan": (BURU_2024, date(2024, 10, 1)),
        "81.04/2025/murni": (BURU_MURNI, date(2025, 1, 2)),
    }
    paths = {}
    for key, (source, tanggal) in budgets.items():
        pemda, tahun, versi = key.split("/")
        paths[key] = shutil.copyfile(source, folder / source.name)
        write_meta(paths[key], FileMeta("anggaran", pemda, int(tahun), versi, tanggal))
    paths["81.04/2026/murni"] = as_2026_export(BURU_MURNI, folder / "buru-2026-rekap5-murni.xlsx")
    write_meta(paths["81.04/2026/murni"],
               FileMeta("anggaran", "81.04", 2026, "murni", date(2026, 1, 2)))
    return paths


# A line of Kab. Buru's budget: the last of its 2025 export, and in 2026's account format.
BURU_SKPD = "8.01.0.00.0.00.01.0000"
BURU_SUB_KEGIATAN = "8.01.01.2.09.0010"
BURU_REKENING_2026, BURU_REKENING_2025 = "5.1.02.03.003.00001", "5.1.02.03.03.0001"


def add_buru_2026_realisasi(inbox: Path) -> Path:
    """January 2026's per-document realization against the 2026 budget: one line in the
    account format of the year, one in the old format, which no 2026 budget line has."""
    from datetime import date

    from pipelines.inbox import FileMeta, write_meta
    from pipelines.sample.realisasi_dokumen import write_realisasi_dokumen
    from tests.workbooks_realisasi_dokumen import line

    def buru(n, rekening, realisasi):
        return line(n, realisasi, rekening=rekening, skpd=BURU_SKPD,
                    sub_kegiatan=BURU_SUB_KEGIATAN, tanggal=date(2026, 1, 20),
                    nama_skpd="Badan Bina Kesatuan Bangsa dan Politik")

    path = write_realisasi_dokumen(
        inbox / "realisasi" / "buru-realisasi-2026-01.xlsx",
        [buru(1, BURU_REKENING_2026, 5_000_000), buru(2, BURU_REKENING_2025, 1_000_000)],
        pemda="PEMERINTAH KABUPATEN BURU")
    write_meta(path, FileMeta("realisasi", "81.04", 2026, periode="2026-01"))
    return path


OTHER_PEMDA = "99.06"  # the monthly and payment sources' files of the session run
# Tables tests want a reader to see in every run (CI logs too), printed after the results.
SUMMARY_SECTIONS: list[str] = []


# The tests that go through the session's whole pipeline run (the sample year written,
# landed, checked and built; fixtures needing it need it too): marked e2e, so that
# `pytest -m "not e2e"` runs the rest without the run.
END_TO_END_FIXTURES = {"nightly_run", "sample_year"}


def pytest_configure(config) -> None:
    if _controller_of_workers(config):
        from tests import session_run

        os.environ[SESSION_RUN] = str(session_run.start())
        # The modules in the order pytest_collection_modifyitems gives them, not
        # pytest-xdist's (the modules with most tests first).
        config.option.loadscopereorder = False


def pytest_unconfigure(config) -> None:
    if _controller_of_workers(config) and SESSION_RUN in os.environ:
        from tests import session_run

        session_run.discard(Path(os.environ.pop(SESSION_RUN)))


def _controller_of_workers(config) -> bool:
    """Whether this process hands the tests out to pytest-xdist's workers."""
    return bool(config.pluginmanager.hasplugin("xdist") and config.getoption("numprocesses")
                and not hasattr(config, "workerinput"))


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if END_TO_END_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.e2e)
    # The modules through the pipeline run first, or, when a process of its own makes
    # the run meanwhile (tests/session_run.py), last, the others running while it is.
    # Within each, the long modules first, then those with more tests: run in parallel
    # (`--dist loadfile`, a module to a process), the short ones then fill the
    # processes' ends instead of one process finishing a long module alone.
    end_to_end = {item.module for item in items if item.get_closest_marker("e2e")}
    tests = Counter(item.module for item in items)
    last_group = bool(os.environ.get(SESSION_RUN))

    def order(item) -> tuple:
        return (item.module in end_to_end) == last_group, \
            not item.get_closest_marker("long"), -tests[item.module]

    items.sort(key=order)  # stable: a module's tests stay together, in their order


def pytest_sessionfinish(session) -> None:
    if hasattr(session.config, "workeroutput"):  # an xdist worker: to the controller
        session.config.workeroutput["serapan_summary"] = SUMMARY_SECTIONS


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    SUMMARY_SECTIONS.extend(getattr(node, "workeroutput", {}).get("serapan_summary", []))


def pytest_terminal_summary(terminalreporter) -> None:
    for section in SUMMARY_SECTIONS:
        terminalreporter.write_sep("-", "serapan")
        terminalreporter.write_line(section)


def add_monthly_sources(inbox: Path) -> dict[str, Path]:
    """Valid files of the other sources, in the layouts DOMAIN.md describes."""
    from datetime import date
    from decimal import Decimal

    from pipelines.inbox import FileMeta, write_meta
    from pipelines.rfk_template import TemplateLine, write_rfk_template
    from pipelines.sample.realisasi_dokumen import write_realisasi_dokumen
    from tests import workbooks_rak as rak
    from tests import workbooks_realisasi_dokumen as dokumen
    from tests import codes as exports
    from tests import workbooks_sp2d_register as register

    files = {
        # No periode in the sidecar: the month comes from the document lines.
        "realisasi": write_realisasi_dokumen(
            inbox / "realisasi" / "realisasi-dokumen-maret.xlsx",
            [dokumen.line(1, 250_000, rekening=exports.REKENING, sub_skpd=exports.SUB_UNIT,
                          sub_kegiatan=exports.SUB_KEGIATAN, tanggal=date(2025, 3, 14)),
             dokumen.line(2, 100_000, rekening="5.1.02.01.01.0025", sub_skpd=exports.SUB_UNIT,
                          sub_kegiatan=exports.SUB_KEGIATAN, tanggal=date(2025, 3, 21))],
            pemda="PEMERINTAH KABUPATEN CONTOH"),
        # The FMIS print: its recipient's bank account stays in raw.
        "sp2d": register.write_register(
            inbox / "sp2d" / "register-sp2d-maret.xlsx",
            [register.fmis_row(1, "00001/SP2D/LS/2025", terbit="12/03/2025", cair="14/03/2025",
                               kotor=1_234_567, pph=0, ppn=0, bersih=1_234_567),
             register.fmis_row(2, "00002/SP2D/LS/2025", terbit="13/03/2025", cair="17/03/2025",
                               kotor=2_000_000.5, pph=0, ppn=0, bersih=2_000_000.5)],
            titles=register.FMIS_TITLES, sheet="Sheet1"),
        "rfk": write_rfk_template(
            inbox / "rfk" / "rfk-1.02-2025-03.xlsx", nama_pemda="KABUPATEN CONTOH",
            kode_opd=exports.SKPD, nama_opd="Dinas Kesehatan", periode="2025-03",
            lines=[TemplateLine(exports.SUB_KEGIATAN, "Pengadaan Alat Kesehatan",
                                Decimal("1000000"), Decimal("300000"), Decimal("350000"),
                                Decimal("40"))],
        ),
        "rak": rak.write_rak(inbox / "rak" / "rak-2025.xlsx", [rak.rak_line()]),
    }
    extra = {"rfk": {"periode": "2025-03", "kode_opd": exports.SKPD,
                     "extra": {"diterima": "2025-04-08"}}}
    for source, path in files.items():
        write_meta(path, FileMeta(source, OTHER_PEMDA, 2025, **extra.get(source, {})))
    return files


def add_hostile_files(inbox: Path) -> dict[str, Path]:
    """Files no reader can use, one per kind of trouble, across the sources."""
    import zipfile

    from pipelines.inbox import FileMeta, write_meta
    from tests import codes as exports
    from tests import workbooks_sp2d_register as register

    bomb = inbox / "realisasi" / "lra-bom.xlsx"  # no month can be told: quarantined at once
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    plain = write_rekap5(inbox.parent / "plain.xlsx", [budget_row(1)])
    files = {
        "zip_bomb": bomb,
        "password": encrypt_with_password(plain, inbox / "rfk" / "rfk-sandi.xlsx"),
        # SP2D records saved as Windows-1252: the recipient's name would land misspelt
        "encoding": _write_cp1252(inbox / "sp2d" / "sp2d-ansi.json", [register.sp2d_record(
            "A/1/LS/2025", tanggal="2025-03-14", header={"pihak_ketiga": "CV Lüdtke"})]),
        "wrong_source": write_rekap5(inbox / "sp2d" / "salah-sumber.xlsx", [budget_row(1)]),
        # rich markup in the name: the run's summary must print it as written
        "markup": write_rekap5(inbox / "rak" / "[bold red]rak-[link=evil.example]klik.xlsx",
                               [budget_row(2)]),
    }
    empty = inbox / "rak" / "rak-kosong.xlsx"
    empty.write_bytes(b"")
    files["empty"] = empty
    extra = {"password": {"periode": "2025-03", "kode_opd": exports.SKPD}}
    for kind, path in files.items():
        write_meta(path, FileMeta(path.parent.name, OTHER_PEMDA, 2025, **extra.get(kind, {})))
    return files



def _write_cp1252(path: Path, records: list) -> Path:
    import json

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(json.dumps(records, ensure_ascii=False).encode("cp1252"))
    return path


def add_links(inbox: Path, outside: Path, secret: Path) -> dict[str, Path]:
    """What an attacker with write access to the inbox can put there to have serapan read
    and archive files elsewhere: links to a secret (the warehouse's password) and to
    /etc/shadow, a fifo, a hard link, a linked folder and a linked sidecar."""
    import os

    from pipelines.inbox import FileMeta, sidecar_path, write_meta
    from tests import workbooks_rak as rak
    from tests import workbooks_sp2d_register as register

    outside.mkdir()
    sidecar = outside / "sidecar.json"
    write_meta(outside / "x", FileMeta("sp2d", OTHER_PEMDA, 2025))
    sidecar_path(outside / "x").rename(sidecar)
    entries = {
        "password": inbox / "sp2d" / "leak.xlsx",
        "shadow": inbox / "rfk" / "shadow.xlsx",
        "fifo": inbox / "realisasi" / "pipa.xlsx",
        "hard_link": inbox / "rak" / "keras.xlsx",
        "folder": inbox / "rak" / "luar",
        "sidecar": register.write_register(inbox / "sp2d" / "sidecar-tautan.xlsx",
                                           [register.bud_row(1, "1/SP2D", bruto=7_000)]),
    }
    for path in entries.values():
        path.parent.mkdir(parents=True, exist_ok=True)
    entries["password"].symlink_to(secret)
    entries["shadow"].symlink_to("/etc/shadow")
    os.mkfifo(entries["fifo"])
    os.link(rak.write_rak(outside / "rak-keras.xlsx", [rak.rak_line((111_111,) * 12)]),
            entries["hard_link"])
    write_meta(entries["hard_link"], FileMeta("rak", OTHER_PEMDA, 2025))
    rak.write_rak(outside / "rak" / "rak-luar.xlsx", [rak.rak_line((222_222,) * 12)])
    write_meta(outside / "rak" / "rak-luar.xlsx", FileMeta("rak", OTHER_PEMDA, 2025))
    entries["folder"].symlink_to(outside / "rak", target_is_directory=True)
    sidecar_path(entries["sidecar"]).symlink_to(sidecar)
    return entries
