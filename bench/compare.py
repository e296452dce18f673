"""What the benches that measure a git revision against this checkout share: the
revision's package, exported, and their results file."""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import tarfile
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def export_revision(ref: str, into: Path) -> Path:
    """The package (and what it reads beside itself) as it is at `ref`."""
    archive = subprocess.run(["git", "archive", "--format=tar", ref, "pipelines",
                              "dagster.yaml", "dbt_project", "expectations"],
                             cwd=ROOT, check=True, stdout=subprocess.PIPE).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        # The extraction filters came with Python 3.11.4; this is our own repository's tar.
        tar.extractall(into, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    return into


def write_result(name: str, load_before: tuple, load_after: tuple, **figures) -> None:
    """bench/results/<name>.json: the figures, with the machine's cores and load."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps({
        "cores": os.cpu_count(),
        "load_average_before": [round(v, 2) for v in load_before],
        "load_average_after": [round(v, 2) for v in load_after],
        "measured_at": datetime.now().isoformat(timespec="seconds"),
        **figures,
    }, indent=2) + "\n")


def add_rounds_and_port(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds, baseline and this checkout alternating; the table "
                             "shows each one's median")
    parser.add_argument("--port", type=int,
                        default=int(os.environ.get("SERAPAN_PG_PORT", "55432")),
                        help="of the warehouse (a free one for a fresh warehouse)")
