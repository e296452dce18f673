"""Who may write to the warehouse at once: builds of different pemda together, anything
else alone.

Two runs that land at once on one warehouse land the same files twice over (a false
"quarantined: duplicate key") and race for the archive; two builds of one pemda replace
each other's rows. So each run (and `serapan ingest`, `serapan retry`, each step of a
Dagster run) holds PostgreSQL advisory locks on the warehouse's database, on a
connection of its own, from its start to its end; another waits for them, saying who
holds them and since when:

- the warehouse's run lock, exclusively: everything but a build (the landings, `serapan
  run` for the whole night, ingest, retry, withdraw). Such a run is alone on the warehouse.
- the same lock shared, and an exclusive lock per pemda it covers: each step of a `build`
  run (pipelines/build_plan.py). Builds of different pemda run side by side (Dagster's
  run queue starts them, dagster.yaml); each writes its own pemda's rows. A build that
  must rebuild what every pemda shares (every table in full, the views, the seeds) first
  waits to hold the warehouse alone (`RunLock.alone`).

A waiting process waits in PostgreSQL's queue: a landing waiting for builds to end goes
before builds that ask after it. A process holding a lock holds it for everything it
calls (the steps of `serapan run`'s jobs).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Collection
from typing import Callable, Iterator

import psycopg2
import psycopg2.errors

from pipelines import warehouse as warehouses
from pipelines.config import Settings
from pipelines.warehouse import Warehouse, WarehouseError

# The run lock's two keys: serapan's, and which of its locks (PostgreSQL keeps locks of
# two keys apart from those of one, such as the loader's lock per supersede key; the
# migrations' is (0x5E4A, 2), pipelines/migrations.py).
LOCK_KEYS = (0x5E4A, 1)
# Held by one transaction at a time while it replaces quality flags (pipelines/quality/
# flags.py): a scoped step also rewrites the flags of no pemda, which two at once would
# both insert.
FLAGS_KEYS = (0x5E4A, 3)
# Held while the quality step's Data Docs replace the previous ones (quality/step.py).
DATA_DOCS_KEYS = (0x5E4A, 4)
# Held while the early warnings are sent (pipelines/alerts.py): each build sends them.
ALERTS_KEYS = (0x5E4A, 5)
# The first key of the lock per pemda; the second is hashtext(kode_pemda), in PostgreSQL.
PEMDA_LOCK_CLASS = 0x5E4B
# The first key of the lock a quality step holds on its batch tables' token
# (pipelines/quality/step.py); the second is the token.
BATCH_LOCK_CLASS = 0x5E4C
WAIT_SECONDS = 1.0  # how long a wait lasts before it starts again (Ctrl+C stops it between)

_held: dict[tuple, RunLock] = {}  # (pid, host, port, database) -> the lock this process holds


class RunLock:
    """The locks one process holds on one warehouse: the run lock alone (`pemda` None),
    or shared with the locks of `pemda`."""

    def __init__(self, cur, pemda: tuple[str, ...] | None):
        self._cur = cur
        self.pemda = pemda
        self.depth = 1

    @property
    def is_alone(self) -> bool:
        return self.pemda is None

    def covers(self, pemda: tuple[str, ...] | None) -> bool:
        return self.is_alone or (pemda is not None and set(pemda) <= set(self.pemda))

    def alone(self, on_wait: Callable[[str], None]) -> None:
        """Hold the warehouse alone from now on (it keeps the pemda's locks): wait for the
        other builds to end, and keep those that would start out, as a landing does. (A
        session waiting for these pemda holds no run lock: one_run_at_a_time.)"""
        if self.is_alone:
            return
        self._cur.execute("select pg_advisory_unlock_shared(%s, %s)", LOCK_KEYS)
        _acquire(self._cur, "pg_advisory_lock", LOCK_KEYS, on_wait)
        self.pemda = None


@contextlib.contextmanager
def one_run_at_a_time(what: str, on_wait: Callable[[str], None],
                      warehouse: Warehouse | None = None,
                      pemda: Collection[str] | None = None) -> Iterator[RunLock]:
    """Hold the warehouse's run lock for the block: alone, or with `pemda` shared with the
    builds of other pemda and exclusively for these pemda (module docstring). `what`
    names the holder to those who wait; `on_wait` gets the message, once per lock, if
    another holds it."""
    warehouse = warehouse or reachable_warehouse()
    wanted = None if pemda is None else tuple(sorted(set(pemda)))
    key = (os.getpid(), warehouse.host, warehouse.port, warehouse.database)
    if key in _held:
        held = _held[key]
        if not held.covers(wanted):
            raise RuntimeError(f"{what}: holds the run lock for {held.pemda}, asks for "
                               f"{'the warehouse alone' if wanted is None else wanted}")
        held.depth += 1
        try:
            yield held
        finally:
            held.depth -= 1
        return
    conn = warehouse.connect()
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            # Named first: who waits reads the name of who holds the lock.
            cur.execute("select set_config('application_name', %s, false)",
                        (f"serapan {what} (pid {os.getpid()})",))
            # The pemda first, in one order, then the warehouse: no session holds the run
            # lock while it waits for another lock, so none waits in a circle (two ranges
            # that overlap; a step waiting for its pemda while a step of its run holding
            # them waits, in RunLock.alone, for every shared holder to go).
            for kode in wanted or ():
                _acquire(cur, "pg_advisory_lock", (PEMDA_LOCK_CLASS, kode), on_wait)
            _acquire(cur, "pg_advisory_lock" if wanted is None else "pg_advisory_lock_shared",
                     LOCK_KEYS, on_wait)
            _held[key] = RunLock(cur, wanted)
            try:
                yield _held[key]
            finally:
                del _held[key]
                _let_go(cur)
    finally:
        conn.close()  # and the locks with it, if still held


@contextlib.contextmanager
def exclusively(warehouse: Warehouse, keys: tuple[int, int]) -> Iterator[None]:
    """Hold the advisory lock `keys` (DATA_DOCS_KEYS, ALERTS_KEYS) for the block, waiting
    for whoever holds it: a short part of a step that another step must not do at once."""
    conn = warehouse.connect()
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("select pg_advisory_lock(%s, %s)", keys)
            try:
                yield
            finally:
                _let_go(cur)
    finally:
        conn.close()  # and the lock with it, if still held


def _let_go(cur) -> None:
    """Release the session's locks now: the server ends a closed session's process (and
    releases its locks) a moment after the client has gone on."""
    try:
        cur.execute("select pg_advisory_unlock_all()")
    except psycopg2.Error:
        pass  # the session is lost, and its locks with it


def reachable_warehouse(s: Settings | None = None) -> Warehouse:
    """The warehouse (as the environment, or `s`, says), started only if it is not
    running: a start sets up its databases, which two processes must not do at once, and
    does it again under the lock."""
    try:
        warehouse = warehouses.current(start=False, s=s)
        warehouse.connect().close()
    except (WarehouseError, psycopg2.OperationalError):
        warehouse = warehouses.current(start=True, s=s)
    return warehouse


def _acquire(cur, function: str, keys: tuple, on_wait: Callable[[str], None]) -> None:
    """Take the advisory lock `keys` (a pemda's: its class and kode_pemda) with
    `function`; if another holds it, tell `on_wait` who, and wait in PostgreSQL's queue, a
    second at a time (lock_timeout), so Ctrl+C stops the wait between two."""
    call = _call(function, keys)
    try_call = _call(function.replace("pg_", "pg_try_", 1), keys)
    cur.execute(try_call, keys)
    if cur.fetchone()[0]:
        return
    on_wait(_holder(cur, keys))
    cur.execute("select set_config('lock_timeout', %s, false)",
                (f"{int(WAIT_SECONDS * 1000)}ms",))
    try:
        while True:
            try:
                cur.execute(call, keys)
                return
            except psycopg2.errors.LockNotAvailable:
                continue
    finally:
        cur.execute("select set_config('lock_timeout', '0', false)")


def _call(function: str, keys: tuple) -> str:
    if isinstance(keys[1], str):  # a pemda's: its kode hashed in PostgreSQL
        return f"select {function}(%s, hashtext(%s))"
    return f"select {function}(%s, %s)"


def _holder(cur, keys: tuple) -> str:
    """Who holds the lock `keys` (each holder of a shared one), in Indonesian and English."""
    second = "hashtext(%s)::bigint & 4294967295" if isinstance(keys[1], str) else "%s"
    cur.execute(f"""
        select activity.application_name, activity.backend_start
        from pg_locks as lock
        join pg_stat_activity as activity using (pid)
        where lock.locktype = 'advisory' and lock.granted and lock.objsubid = 2
            and lock.classid = %s and lock.objid::bigint = {second}
            and lock.pid <> pg_backend_pid()
        order by activity.backend_start""", keys)
    holders = cur.fetchall()
    names = [(name, f"{name} sejak {since:%Y-%m-%d %H:%M:%S}",
              f"{name} since {since:%Y-%m-%d %H:%M:%S}") for name, since in holders if name]
    holder = ", ".join(id_ for _, id_, _ in names) or "run lain"
    holder_en = ", ".join(en for _, _, en in names) or "another run"
    if isinstance(keys[1], str):
        return (f"Menunggu {holder} selesai: satu build per pemda sekali jalan (pemda "
                f"{keys[1]}) / waiting for {holder_en} to finish: one build of a pemda at a "
                f"time (pemda {keys[1]})")
    return (f"Menunggu {holder} selesai: satu run sekali jalan per gudang data / "
            f"waiting for {holder_en} to finish: one run at a time per warehouse")
