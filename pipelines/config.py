"""Settings read from the environment, in one place.

Every knob has a default that works on a fresh machine; docs/operations.md lists them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Mapping  # not typing: the reading commands import none

# Indonesia's three time zones, as a pemda names them.
TIMEZONES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
MIGRATIONS_DIR = PROJECT_ROOT / "migrations"
# dbt's own variable, read the way dbt reads it (relative to the project, or absolute):
# where dbt writes its manifest and its runs' files, so that a read-only code image can
# point it at a writable volume, and each test worker has its own (tests/conftest.py).
DBT_TARGET_DIR = DBT_PROJECT_DIR / os.environ.get("DBT_TARGET_PATH", "target")

# The month of the sample's first realization export and OPD report (pipelines/sample
# writes fiscal year 2025): the first month partition unless SERAPAN_FIRST_MONTH names
# the pemda's own. Months before it would show in the Dagster UI as missing, though no
# file of theirs ever existed (tests/test_definitions.py holds the two together).
DEFAULT_FIRST_MONTH = "2025-01"


@dataclass(frozen=True)
class Settings:
    home: Path
    inbox: Path
    warehouse_url: str | None
    embedded_port: int
    timezone_code: str
    nightly_hour: int
    first_month: str  # YYYY-MM: the first month partition of the monthly sources
    kode_pemda: str | None  # the pemda of files that name none (SERAPAN_KODE_PEMDA)
    # where OPDs send their reports, as the feedback workbook tells them (an e-mail
    # address, a shared folder, a portal): SERAPAN_ALAMAT_LAPORAN
    alamat_laporan: str | None = None
    # the embedded warehouse's addresses besides 127.0.0.1, for BI tools on other
    # machines (SERAPAN_PG_LISTEN: "192.168.1.10", "0.0.0.0" for all)
    listen: str | None = None

    @property
    def timezone(self) -> str:
        return TIMEZONES[self.timezone_code]

    @property
    def archive_dir(self) -> Path:
        return self.home / "archive"

    @property
    def quality_docs_dir(self) -> Path:
        """GX Data Docs of the latest quality step: quality_docs_dir / index.html."""
        return self.home / "gx-docs"


def settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings read now (tests change the environment between sessions), from the
    process's environment, or from `environ` (a Dagster resource's configuration,
    pipelines/resources.py): what it does not give takes its default."""
    env = os.environ if environ is None else environ
    home = Path(env.get("SERAPAN_HOME", ".serapan")).resolve()
    tz = env.get("SERAPAN_TIMEZONE", "WIB").upper()
    if tz not in TIMEZONES:
        raise ValueError(
            f"SERAPAN_TIMEZONE={tz!r} tidak dikenal / unknown: pakai WIB, WITA atau WIT"
        )
    return Settings(
        home=home,
        inbox=Path(env.get("SERAPAN_INBOX", "inbox")).resolve(),
        warehouse_url=env.get("WAREHOUSE_URL") or None,
        embedded_port=int(env.get("SERAPAN_PG_PORT", "55432")),
        timezone_code=tz,
        nightly_hour=int(env.get("SERAPAN_NIGHTLY_HOUR", "1")),
        first_month=_month(env.get("SERAPAN_FIRST_MONTH") or DEFAULT_FIRST_MONTH),
        kode_pemda=env.get("SERAPAN_KODE_PEMDA") or None,
        alamat_laporan=env.get("SERAPAN_ALAMAT_LAPORAN") or None,
        listen=env.get("SERAPAN_PG_LISTEN") or None,
    )


def _month(value: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        raise ValueError(
            f"SERAPAN_FIRST_MONTH={value!r} bukan bulan YYYY-MM / is no month YYYY-MM, "
            "mis./e.g. 2025-01"
        )
    return value
