"""How fast the commands that only read the warehouse answer, against psql running the
same query.

    python bench/cli_latency.py [--rounds 5]

Against the warehouse serapan uses (SERAPAN_HOME, SERAPAN_PG_PORT or WAREHOUSE_URL),
after `make run` (its sample kabupaten, pemda 99.01). Each command runs in a process of
its own, as a user types it, and so does `psql -c` with the query that command sends,
its parameters filled in: what is left is what serapan adds (starting Python, importing,
reaching the warehouse, formatting). Prints each one's median round and the ratio, and
writes bench/results/cli_latency.json; the target is a ratio of at most 3.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from compare import ROOT, write_result

sys.path.insert(0, str(ROOT))  # the package beside this script, not the virtualenv's
PEMDA = "99.01"


def commands(opd: str, periode: str) -> list[tuple[list[str], str, dict]]:
    """(serapan's arguments, the SQL it sends, its parameters)."""
    from pipelines.landing.manifest import LANDED_FILES_SQL
    from pipelines.quality.findings import FINDINGS_SQL
    from pipelines.rfk_template_data import TEMPLATE_LINES_SQL

    findings = {"opd": None, "periode": None, "pemda": PEMDA, "rule": None}
    out = Path(tempfile.gettempdir()) / "serapan-bench-cli"
    return [
        (["flags", "--pemda", PEMDA], FINDINGS_SQL, findings),
        (["files", "--pemda", PEMDA], LANDED_FILES_SQL,
         {"pemda": PEMDA, "source": None, "status": None}),
        (["template", "--opd", opd, "--month", periode, "--pemda", PEMDA, "--out",
          str(out / "template.xlsx")], TEMPLATE_LINES_SQL,
         {"opd": opd, "periode": periode, "pemda": PEMDA}),
        (["feedback", "--opd", opd, "--month", periode, "--pemda", PEMDA, "--out",
          str(out / "feedback.xlsx")], FINDINGS_SQL,
         {**findings, "opd": opd, "periode": periode}),
        (["warehouse", "url"], "select 1", {}),
    ]


def seconds(argv: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()

    from pipelines import warehouse

    wh = warehouse.current(start=True)
    [(opd, periode)] = wh.query(
        "select kode_opd, to_char(periode, 'YYYY-MM') from quality.flags "
        "where kode_pemda = %s and kode_opd is not null and periode is not null "
        "group by 1, 2 order by count(*) desc limit 1", (PEMDA,))
    env = {**os.environ, "PGPASSWORD": wh.password}
    serapan = str(Path(sys.executable).parent / "serapan")
    psql = shutil.which("psql") or sys.exit("psql tidak ada / not found (apt-get install "
                                            "postgresql-client)")
    conn = wh.connect()
    rows, load_before = [], os.getloadavg()
    try:
        for argv, query, params in commands(opd, periode):
            rendered = conn.cursor().mogrify(query, params).decode()
            psql_argv = [psql, "-X", "-q", "-h", wh.host, "-p", str(wh.port), "-U", wh.user,
                         "-d", wh.database, "-c", rendered]
            ours = statistics.median(seconds([serapan, *argv], env) for _ in range(args.rounds))
            theirs = statistics.median(seconds(psql_argv, env) for _ in range(args.rounds))
            rows.append({"command": " ".join(argv[:2]) if argv[0] == "warehouse" else argv[0],
                         "serapan_s": round(ours, 3), "psql_s": round(theirs, 3),
                         "ratio": round(ours / theirs, 1)})
    finally:
        conn.close()
    print(f"{'command':<16}{'serapan s':>11}{'psql s':>9}{'ratio':>7}")
    for row in rows:
        print(f"{row['command']:<16}{row['serapan_s']:>11.3f}{row['psql_s']:>9.3f}"
              f"{row['ratio']:>7.1f}")
    write_result("cli_latency", load_before, os.getloadavg(), rounds=args.rounds,
                 commands=rows)


if __name__ == "__main__":
    main()
