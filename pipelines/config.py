"""Settings read from the environment, in one place.

Every knob has a default that works on a fresh machine; docs/operations.md lists them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# Indonesia's three time zones, as a pemda names them.
TIMEZONES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
MIGRATIONS_DIR = PROJECT_ROOT / "migrations"


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


def settings() -> Settings:
    """Read settings now (tests change the environment between sessions)."""
    home = Path(os.environ.get("SERAPAN_HOME", ".serapan")).resolve()
    tz = os.environ.get("SERAPAN_TIMEZONE", "WIB").upper()
    if tz not in TIMEZONES:
        raise ValueError(
            f"SERAPAN_TIMEZONE={tz!r} tidak dikenal / unknown: pakai WIB, WITA atau WIT"
        )
    return Settings(
        home=home,
        inbox=Path(os.environ.get("SERAPAN_INBOX", "inbox")).resolve(),
        warehouse_url=os.environ.get("WAREHOUSE_URL") or None,
        embedded_port=int(os.environ.get("SERAPAN_PG_PORT", "55432")),
        timezone_code=tz,
        nightly_hour=int(os.environ.get("SERAPAN_NIGHTLY_HOUR", "1")),
        first_month=os.environ.get("SERAPAN_FIRST_MONTH", "2024-01"),
        kode_pemda=os.environ.get("SERAPAN_KODE_PEMDA") or None,
    )
