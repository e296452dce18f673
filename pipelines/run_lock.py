"""One run at a time per warehouse.

Two nightly runs at once on one warehouse land the same files twice over (a false
"quarantined: duplicate key"), race for the archive, and rebuild the same dbt views and
the quality step's batch tables under each other. So a run (and
`serapan ingest`, `serapan retry`, each step of a Dagster run) holds a PostgreSQL
advisory lock on the warehouse's database, on a connection of its own, from its start
to its end; another waits for it, saying who holds it and since when. A process holding
the lock holds it for everything it calls (the steps of `serapan run`'s jobs).
"""

from __future__ import annotations

import contextlib
import os
import time
from typing import Callable, Iterator

import psycopg2

from pipelines import warehouse as warehouses
from pipelines.config import Settings
from pipelines.warehouse import Warehouse, WarehouseError

# The lock's two keys: serapan's, and which of its locks (PostgreSQL keeps locks of two
# keys apart from those of one, such as the loader's lock per supersede key).
LOCK_KEYS = (0x5E4A, 1)
WAIT_SECONDS = 1.0  # how often a waiting process asks again (Ctrl+C stops it between)

_held: dict[tuple, int] = {}  # (pid, host, port, database) -> depth, in this process


@contextlib.contextmanager
def one_run_at_a_time(what: str, on_wait: Callable[[str], None],
                      warehouse: Warehouse | None = None) -> Iterator[None]:
    """Hold the warehouse's run lock for the block (`what` names the holder to those
    who wait); `on_wait` gets the message, once, if another holds it."""
    warehouse = warehouse or reachable_warehouse()
    key = (os.getpid(), warehouse.host, warehouse.port, warehouse.database)
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    conn = warehouse.connect()
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            # Named first: who waits reads the name of who holds the lock.
            cur.execute("select set_config('application_name', %s, false)",
                        (f"serapan {what} (pid {os.getpid()})",))
            _acquire(cur, on_wait)
        _held[key] = 1
        try:
            yield
        finally:
            del _held[key]
    finally:
        conn.close()  # and the lock with it


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


def _acquire(cur, on_wait: Callable[[str], None]) -> None:
    told = False
    while True:
        cur.execute("select pg_try_advisory_lock(%s, %s)", LOCK_KEYS)
        if cur.fetchone()[0]:
            return
        if not told:
            on_wait(_holder(cur))
            told = True
        time.sleep(WAIT_SECONDS)


def _holder(cur) -> str:
    cur.execute("""
        select activity.application_name, activity.backend_start
        from pg_locks as lock
        join pg_stat_activity as activity using (pid)
        where lock.locktype = 'advisory' and lock.granted and lock.objsubid = 2
            and lock.classid = %s and lock.objid = %s""", LOCK_KEYS)
    name, since = cur.fetchone() or (None, None)
    holder, holder_en = (name, name) if name else ("run lain", "another run")
    if since:
        holder += f" sejak {since:%Y-%m-%d %H:%M:%S}"
        holder_en += f" since {since:%Y-%m-%d %H:%M:%S}"
    return (f"Menunggu {holder} selesai: satu run sekali jalan per gudang data / "
            f"waiting for {holder_en} to finish: one run at a time per warehouse")
