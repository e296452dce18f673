"""One throwaway embedded warehouse and one nightly run (one dbt build) per session."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import socket
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "sipd-ri"
BURU_MURNI = SHARED_DATA / "buru-2025-rekap5-murni.xlsx"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
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


@dataclass
class NightlyRun:
    status: int
    output: str
    sample_files: list[Path]
    broken_files: dict[str, Path]
    second_run_metadata: dict


@pytest.fixture(scope="session")
def nightly_run(warehouse, serapan_env) -> NightlyRun:
    """The sample budget, the real export, broken files and a correction, run once."""
    from pipelines.config import settings
    from pipelines.inbox import FileMeta, write_meta
    from pipelines.sample import write_budget_sample
    from tests.workbooks import budget_row, write_empty_workbook, write_rekap5

    inbox = settings().inbox
    sample_files = write_budget_sample(inbox, seed=7, tahun=2025, kode_pemda="99.01")
    folder = inbox / "anggaran"

    def add(name: str, pemda: str, rows=None, versi="murni", **layout) -> Path:
        path = write_rekap5(folder / name, rows or [budget_row(1), budget_row(2)], **layout)
        write_meta(path, FileMeta("anggaran", pemda, 2025, versi, date(2025, 1, 2)))
        return path

    if BURU_MURNI.exists():
        shutil.copyfile(BURU_MURNI, folder / BURU_MURNI.name)
        write_meta(folder / BURU_MURNI.name, FileMeta("anggaran", "81.04", 2025, "murni",
                                                       date(2025, 1, 2)))
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

    status, output = run_cli("run")

    # Run the landing again, as a second night would: nothing may load twice.
    import dagster as dg

    from pipelines.landing.assets import raw_asset
    from pipelines.resources import WarehouseResource
    from pipelines.sources import SOURCES

    result = dg.materialize([raw_asset(SOURCES["anggaran"])],
                            resources={"warehouse": WarehouseResource()})
    second = result.asset_materializations_for_node("raw__anggaran_rekap5")[0].metadata
    return NightlyRun(status, output, sample_files, broken,
                      {k: v.value for k, v in second.items()})

