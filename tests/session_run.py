"""The session's pipeline run made once when the tests run in several processes.

`make test` runs two pytest-xdist workers, each with a warehouse of its own. The tests
through the session's pipeline run (the sample year written, landed, checked and built:
tests/conftest.py `nightly_run`) would have each worker make that run, two minutes of a
core each, the same run twice. Instead the controller starts this module in a process of
its own as the session begins (`start`), in a folder of its own; the workers meanwhile
run the tests that do not need the run (conftest orders them first). A worker needing it
waits for it, then takes a copy into its own warehouse (`adopt`): the server's data
folder, the archive, Dagster's files and the inbox, with the paths in them moved to its
own folder. The run itself is the one a single process makes (`conftest.run_night`).

    python -m tests.session_run FOLDER     (as `start` runs it)
"""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SESSION_RUN = "SERAPAN_TEST_SESSION_RUN"  # the folder, for the workers
READY, FAILED, LOG, RESULT, PID = "siap", "gagal", "run.log", "run.pickle", "pid"
CONTROL = {READY, FAILED, LOG, RESULT, PID}
WAIT_SECONDS = 1200


def start() -> Path:
    """The run started in a process of its own; its folder."""
    folder = Path(tempfile.mkdtemp(prefix="serapan-sesi-"))
    folder.chmod(0o755)  # the embedded server's own user reaches its data folder
    env = {**os.environ, **environment(folder)}
    for name in ("WAREHOUSE_URL", "DAGSTER_HOME", "PYTEST_XDIST_WORKER"):
        env.pop(name, None)
    with (folder / LOG).open("w") as log:
        process = subprocess.Popen([sys.executable, "-m", "tests.session_run", str(folder)],
                                   cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    (folder / PID).write_text(str(process.pid))
    return folder


def environment(folder: Path) -> dict[str, str]:
    """What tests/conftest.py `serapan_env` sets for a worker, for the run's folder; its
    own dbt files, as each worker has."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return {"SERAPAN_HOME": str(folder / ".serapan"), "SERAPAN_INBOX": str(folder / "inbox"),
            "SERAPAN_PG_PORT": str(port), "GX_ANALYTICS_ENABLED": "false", "COLUMNS": "200",
            "DBT_TARGET_PATH": "target/sesi",
            "DBT_LOG_PATH": str(ROOT / "dbt_project" / "logs" / "sesi")}


def main(folder: Path) -> None:
    from pipelines.nightly import prepare
    from pipelines.sample import write_sample_year
    from pipelines.warehouse import embedded
    from tests.conftest import SAMPLE_PEMDA, run_night

    try:
        warehouse = prepare()
        sample = write_sample_year(folder / "inbox", seed=2025, tahun=2025,
                                   kode_pemda=SAMPLE_PEMDA)
        night = run_night(warehouse, folder, sample)
        embedded().stop()  # a data folder to copy, not one being written
        (folder / RESULT).write_bytes(pickle.dumps((sample, night)))
        (folder / READY).touch()
    except BaseException:
        (folder / FAILED).write_text(traceback.format_exc())
        embedded().stop()
        raise


def adopt(folder: Path, root: Path, warehouse):
    """The run of `folder` copied into this worker's folder `root` and its warehouse
    (the server stopped, its data replaced, started again and given this worker's
    password); the sample year and the run's outcome, their paths moved to `root`."""
    from pipelines.nightly import prepare
    from pipelines.warehouse import embedded

    _wait(folder)
    server = embedded()
    server.stop()
    own_password_file = server.credentials_file.read_bytes()
    _copy([entry for entry in folder.iterdir() if entry.name not in CONTROL], root)
    _relink(root, folder)
    server.start(ensure_databases=False)  # the copy, with the run's password file
    _take_over(warehouse, json.loads(server.credentials_file.read_text())["password"],
               folder, root)
    server.credentials_file.write_bytes(own_password_file)
    prepare()
    sample, night = pickle.loads((folder / RESULT).read_bytes())
    return _moved(sample, folder, root), _moved(night, folder, root)


def discard(folder: Path) -> None:
    """The run's process ended (with its server) and its folder removed."""
    try:
        os.killpg(int((folder / PID).read_text()), signal.SIGKILL)
    except (FileNotFoundError, ProcessLookupError, ValueError):
        pass
    from pipelines.warehouse import EmbeddedPostgres

    home = folder / ".serapan"
    if (home / "pg" / "postmaster.pid").exists():
        EmbeddedPostgres(home, 0).stop()
    shutil.rmtree(folder, ignore_errors=True)


def _wait(folder: Path) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not (folder / READY).exists():
        if (folder / FAILED).exists() or time.monotonic() > deadline:
            log = (folder / LOG).read_text()[-6000:] if (folder / LOG).exists() else ""
            raise RuntimeError(f"the session's pipeline run ({folder}) failed or did not "
                               f"end:\n{log}\n{(folder / FAILED).read_text() if (folder / FAILED).exists() else ''}")
        time.sleep(0.5)


def _copy(entries: list[Path], root: Path) -> None:
    """`entries` in place of those of the same names in `root`, in one `cp -a`: the
    server's data folder keeps its owner (the server's own user), and a file linked
    from two folders (the inbox's hard link, conftest.add_links) stays one file."""
    for entry in entries:
        target = root / entry.name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()
    subprocess.run(["cp", "-a", *map(str, entries), str(root)], check=True)


def _relink(root: Path, folder: Path) -> None:
    """The copied symbolic links that named a path in the run's folder (the inbox's links
    to a secret and to a folder outside it, conftest.add_links) name its copy."""
    for top, folders, files in os.walk(root):
        folders[:] = [name for name in folders if name != "pg"]  # the server's own files
        for name in folders + files:
            link = Path(top) / name
            if link.is_symlink() and Path(os.readlink(link)).is_relative_to(folder):
                target = root / Path(os.readlink(link)).relative_to(folder)
                link.unlink()
                link.symlink_to(target)


def _take_over(warehouse, password: str, folder: Path, root: Path) -> None:
    """The copied server answers to this worker's password, and the files its rows name
    are this worker's copies: the archive's in raw.files, and every path in Dagster's
    records (the events' metadata)."""
    old, new = str(folder), str(root)
    with _cursor(warehouse, password, warehouse.database) as cur:
        cur.execute("update raw.files set archive_path = replace(archive_path, %s, %s) "
                    "where starts_with(archive_path, %s)", (old, new, old))
    with _cursor(warehouse, password, warehouse.dagster_database) as cur:
        cur.execute("""
            select table_name, column_name from information_schema.columns
            join information_schema.tables using (table_schema, table_name)
            where table_schema = 'public' and table_type = 'BASE TABLE'
                and data_type in ('text', 'character varying')""")
        for table, column in cur.fetchall():
            cur.execute(f'update "{table}" set "{column}" = replace("{column}", %s, %s) '
                        f'where strpos("{column}", %s) > 0', (old, new, old))
    with _cursor(warehouse, password, warehouse.database) as cur:
        cur.execute("alter role current_user password %s", (warehouse.password,))


@contextmanager
def _cursor(warehouse, password: str, database: str):
    import psycopg2

    conn = psycopg2.connect(host=warehouse.host, port=warehouse.port, user=warehouse.user,
                            password=password, dbname=database)
    try:
        with conn, conn.cursor() as cur:
            yield cur
    finally:
        conn.close()


def _moved(value, folder: Path, root: Path):
    """`value` with every path (and path in a text) under `folder` moved to `root`."""
    if isinstance(value, Path):
        return root / value.relative_to(folder) if value.is_relative_to(folder) else value
    if isinstance(value, str):
        return value.replace(str(folder), str(root))
    if isinstance(value, dict):
        return {_moved(k, folder, root): _moved(v, folder, root) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_moved(v, folder, root) for v in value)
    if dataclasses.is_dataclass(value):
        return dataclasses.replace(value, **{field.name: _moved(getattr(value, field.name),
                                                                folder, root)
                                             for field in dataclasses.fields(value)})
    return value


if __name__ == "__main__":
    main(Path(sys.argv[1]))
