"""The session's run made once for the test processes (tests/session_run.py): what a
worker takes of it names the worker's own copies, never the run's folder."""

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from tests.db import query
from tests.session_run import _moved


@dataclass(frozen=True)
class _Outcome:
    files: dict[str, list[Path]]
    output: str
    counts: tuple[int, int]


def test_every_path_of_the_run_names_the_workers_copy():
    run, worker = Path("/tmp/serapan-sesi-x"), Path("/tmp/pytest/popen-gw1/serapan0")
    outcome = _Outcome(files={"rfk": [run / "inbox" / "rfk" / "a.xlsx", Path("/etc/shadow")]},
                       output=f"dikarantina / quarantined: {run}/inbox/rak/b.xlsx",
                       counts=(548, 377125))
    assert _moved(outcome, run, worker) == _Outcome(
        files={"rfk": [worker / "inbox" / "rfk" / "a.xlsx", Path("/etc/shadow")]},
        output=f"dikarantina / quarantined: {worker}/inbox/rak/b.xlsx", counts=(548, 377125))


def test_the_warehouse_names_no_folder_of_the_run_it_was_copied_from(nightly_run, warehouse):
    """Whether this process made the session's run or took a copy of it, neither the
    archived files nor Dagster's records name the folder of a run made elsewhere."""
    elsewhere = f"{Path(tempfile.gettempdir()) / 'serapan-sesi-'}%"
    assert query(warehouse, "select count(*) from raw.files where archive_path like %s",
                 (elsewhere,)) == [(0,)]
    dagster = replace(warehouse, database=warehouse.dagster_database)
    for table, column in query(dagster, """
            select table_name, column_name from information_schema.columns
            join information_schema.tables using (table_schema, table_name)
            where table_schema = 'public' and table_type = 'BASE TABLE'
                and data_type in ('text', 'character varying')"""):
        assert query(dagster, f'select count(*) from "{table}" where "{column}" like %s',
                     (f"%{elsewhere}",)) == [(0,)], (table, column)
