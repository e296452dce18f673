"""How fast the commands that only read the warehouse answer, against psql running the
same query.

    python bench/cli_latency.py [--rounds 5]

Against the warehouse serapan uses (SERAPAN_HOME, SERAPAN_PG_PORT or WAREHOUSE_URL),
after `make run` (its sample kabupaten, pemda 99.01). Each command runs in a process of
its own, as a user types it, and so does `psql -c` with the queries that command sends,
their parameters filled in (`template` the budget lines and the finance system's
realization, `feedback` the OPD's name and its findings; psql given both in one -c):
what is left is what serapan adds (starting Python, importing, reaching the warehouse,
checking its migrations, formatting, writing the workbook). The rounds alternate, one
of serapan, one of psql, so that a change in the machine's load weighs on both, after
an untimed round of each. serapan runs as Python runs by default, its bytecode cached
in __pycache__: PYTHONDONTWRITEBYTECODE, if this shell sets it, is left out of the
commands' environment (with it every module of serapan is compiled again on every
command, tens of milliseconds that a user's install does not spend). Prints
each one's median round and the ratio, and writes bench/results/cli_latency.json; the
target is a ratio of at most 3.
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


def commands(opd: str, periode: str) -> list[tuple[list[str], list[tuple[str, dict]]]]:
    """(serapan's arguments, the queries it sends: each SQL with its parameters)."""
    from pipelines.landing.manifest import LANDED_FILES_SQL
    from pipelines.quality.findings import FINDINGS_SQL
    from pipelines.reports.feedback_data import OPD_SQL
    from pipelines.rfk_template_data import FINANCE_SQL, TEMPLATE_LINES_SQL

    findings = {"opd": None, "periode": None, "pemda": PEMDA, "rule": None}
    month = {"opd": opd, "periode": periode, "pemda": PEMDA}
    out = Path(tempfile.gettempdir()) / "serapan-bench-cli"
    return [
        (["flags", "--pemda", PEMDA], [(FINDINGS_SQL, findings)]),
        (["files", "--pemda", PEMDA], [(LANDED_FILES_SQL,
                                        {"pemda": PEMDA, "source": None, "status": None})]),
        (["template", "--opd", opd, "--month", periode, "--pemda", PEMDA, "--out",
          str(out / "template.xlsx")], [(TEMPLATE_LINES_SQL, month), (FINANCE_SQL, month)]),
        (["feedback", "--opd", opd, "--month", periode, "--pemda", PEMDA, "--out",
          str(out / "feedback.xlsx")], [(OPD_SQL, {"opd": opd, "pemda": PEMDA}),
                                        (FINDINGS_SQL, {**findings, "opd": opd,
                                                        "periode": periode})]),
        (["warehouse", "url"], [("select 1", {})]),
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
    env = {name: value for name, value in os.environ.items()
           if name != "PYTHONDONTWRITEBYTECODE"} | {"PGPASSWORD": wh.password}
    serapan = str(Path(sys.executable).parent / "serapan")
    psql = shutil.which("psql") or sys.exit("psql tidak ada / not found (apt-get install "
                                            "postgresql-client)")
    conn = wh.connect()
    rows, load_before = [], os.getloadavg()
    try:
        for argv, queries in commands(opd, periode):
            rendered = ";\n".join(conn.cursor().mogrify(query.strip(), params).decode()
                                  for query, params in queries)
            psql_argv = [psql, "-X", "-q", "-h", wh.host, "-p", str(wh.port), "-U", wh.user,
                         "-d", wh.database, "-c", rendered]
            seconds([serapan, *argv], env), seconds(psql_argv, env)  # untimed: the caches
            rounds = [(seconds([serapan, *argv], env), seconds(psql_argv, env))
                      for _ in range(args.rounds)]
            ours = statistics.median(mine for mine, _ in rounds)
            theirs = statistics.median(psql_s for _, psql_s in rounds)
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
