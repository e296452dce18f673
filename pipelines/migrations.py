"""The warehouse's schema, changed in one place: numbered migrations, each applied once.

`migrations/` holds the schema of serapan's own tables (raw, quality, meta, notify and
the BI group's access to marts; the marts themselves are dbt's):

- `NNNN_<what>.sql`: numbered migrations, applied in the order of their numbers, each
  once, in a transaction of its own, and recorded in `meta.schema_migrations` with the
  sha256 of the file. An applied file is never edited: a change to the schema is a new
  file with the next number. An applied file that changed, one no longer there, or a new
  one numbered below one already applied stops `migrate` before it applies anything,
  naming the file.
- `R__<what>.sql`: repeatable files, the functions and views that are replaced whole
  (`create or replace`): the one definition the quality rules and dbt's macros call.
  Applied after the numbered ones, in the order of their names (a file reading another's
  objects sorts after it), and again whenever their content changes: a change to a
  function is an edit of its file, reviewed as a diff of that function. (`create or
  replace view` can only add columns: a view losing one is dropped by a numbered
  migration first.)
- `baseline.sql`: what brings a warehouse made before numbered migrations, whose tables
  the nightly DDL of serapan up to 56fe3d6 made, to the schema of the first ones.

`migrate` holds an advisory lock for the whole of its work: two processes starting at
once (`serapan run` and `serapan dev`) apply each migration once, the second waiting
and then finding nothing left to do.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import psycopg2

from pipelines.config import MIGRATIONS_DIR
from pipelines.warehouse import Warehouse

VERSIONED = re.compile(r"(\d{4})_[a-z0-9_]+\.sql")
REPEATABLE = re.compile(r"R__[a-z0-9_]+\.sql")
BASELINE_FILE = "baseline.sql"
# The numbered migrations that reproduce the schema the nightly DDL of serapan up to
# 56fe3d6 made: over a warehouse made then, they are applied together with
# baseline.sql, in one transaction.
BASELINE_VERSION = 11
# run_lock.LOCK_KEYS' first key (serapan's), and a second key of the migrations' own.
LOCK_KEYS = (0x5E4A, 2)

VERSION_TABLE = """
create schema if not exists meta;
create table meta.schema_migrations (
    name        text primary key,       -- the file in migrations/
    version     integer unique,         -- its number; null for a repeatable file
    sha256      text not null,          -- of the file as it was applied
    applied_at  timestamptz not null default now(),
    -- applied over a warehouse made before numbered migrations (with baseline.sql)
    baseline    boolean not null default false
);
comment on table meta.schema_migrations is
    'The schema migrations applied to this warehouse (pipelines/migrations.py).';
"""


class MigrationError(RuntimeError):
    pass


@dataclass(frozen=True)
class Migration:
    name: str  # the file's
    version: int | None  # None: a repeatable file
    sql: str
    sha256: str  # of the file's bytes

    @classmethod
    def read(cls, path: Path, version: int | None) -> Migration:
        content = path.read_bytes()
        return cls(path.name, version, content.decode(), hashlib.sha256(content).hexdigest())


@dataclass(frozen=True)
class Applied:
    name: str
    version: int | None
    sha256: str
    applied_at: datetime
    baseline: bool


# What status() says of a file; the last three stop migrate(), with their message.
APPLIED, PENDING, CHANGED, MISSING, OUT_OF_ORDER = (
    "diterapkan / applied", "tertunda / pending", "berubah / changed",
    "tidak ada lagi / missing", "nomor di bawah yang diterapkan / numbered below an applied one")
PROBLEMS = {
    CHANGED: "migrasi / migration {} sudah diterapkan tetapi isinya berubah / was applied but "
             "its file has changed since: kembalikan isinya, dan tulis perubahannya sebagai "
             "migrasi bernomor baru / restore it, and write the change as a new numbered "
             "migration",
    MISSING: "migrasi / migration {} sudah diterapkan di gudang ini tetapi tidak ada di "
             "migrations/ / was applied to this warehouse but is not in migrations/: serapan "
             "ini lebih lama dari gudangnya / this serapan is older than its warehouse",
    OUT_OF_ORDER: "migrasi / migration {} bernomor di bawah migrasi yang sudah diterapkan / is "
                  "numbered below one already applied: beri nomor berikutnya / give it the "
                  "next number",
}


@dataclass(frozen=True)
class State:
    name: str
    state: str  # one of APPLIED .. OUT_OF_ORDER
    applied_at: datetime | None = None
    baseline: bool = False

    @property
    def problem(self) -> str | None:
        """What stops migrate() at this file, or None."""
        message = PROBLEMS.get(self.state)
        return message.format(self.name) if message else None


def migrations_in(folder: Path = MIGRATIONS_DIR) -> list[Migration]:
    """The numbered migrations in order, then the repeatable files in name order."""
    versioned, repeatable, unknown = {}, [], []
    for path in sorted(folder.iterdir()):
        if (found := VERSIONED.fullmatch(path.name)):
            version = int(found.group(1))
            if version in versioned:
                raise MigrationError(
                    f"dua migrasi bernomor sama / two migrations numbered alike: "
                    f"{versioned[version].name}, {path.name}")
            versioned[version] = Migration.read(path, version)
        elif REPEATABLE.fullmatch(path.name):
            repeatable.append(Migration.read(path, None))
        elif path.name != BASELINE_FILE:
            unknown.append(path.name)
    if unknown:
        raise MigrationError(
            f"file tak dikenal di / unknown files in {folder}: {', '.join(unknown)} (nama "
            "migrasi / migration names: NNNN_apa.sql, R__apa.sql)")
    return [versioned[v] for v in sorted(versioned)] + repeatable


def migrate(warehouse: Warehouse, folder: Path = MIGRATIONS_DIR) -> list[str]:
    """Apply what is pending, under the migrations' advisory lock; returns the names of
    the files applied. Over a warehouse made before numbered migrations (raw.files there,
    none recorded) the first BASELINE_VERSION migrations and baseline.sql go in one
    transaction, recorded as its baseline."""
    migrations = migrations_in(folder)
    conn = warehouse.connect()
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("select pg_advisory_lock(%s, %s)", LOCK_KEYS)
            cur.execute("select to_regclass('meta.schema_migrations') is null")
            if cur.fetchone()[0]:
                cur.execute(VERSION_TABLE)
            applied = _applied(cur)
            states = _compare(migrations, applied)
            problems = [state.problem for state in states if state.problem]
            if problems:
                raise MigrationError("; ".join(problems))
            pending = [m for m, state in zip(migrations, states) if state.state == PENDING]
            done = []
            if not applied and _made_before_migrations(cur):
                first = [m for m in pending
                         if m.version is not None and m.version <= BASELINE_VERSION]
                _apply(conn, first, baseline=(folder / BASELINE_FILE).read_text())
                done += [m.name for m in first]
                pending = [m for m in pending if m not in first]
            for migration in pending:
                _apply(conn, [migration])
                done.append(migration.name)
            # a session lent on (warehouse.one_session) is not closed here
            cur.execute("select pg_advisory_unlock(%s, %s)", LOCK_KEYS)
    finally:
        conn.close()  # and the lock with it, after an error
    return done


def migrated(warehouse: Warehouse, folder: Path = MIGRATIONS_DIR) -> bool:
    """Whether every migration is applied, and nothing stops them (migrate has nothing
    to do): a build takes the warehouse alone to migrate only when not."""
    states, _ = status(warehouse, folder)
    return all(state.state == APPLIED for state in states)


def status(warehouse: Warehouse, folder: Path = MIGRATIONS_DIR) -> tuple[list[State], bool]:
    """Each migration's state in this warehouse, applying nothing; and whether the
    warehouse was made before numbered migrations and is yet to be baselined."""
    conn = warehouse.connect()
    try:
        with conn, conn.cursor() as cur:
            cur.execute("select to_regclass('meta.schema_migrations') is not null")
            applied = _applied(cur) if cur.fetchone()[0] else []
            return _compare(migrations_in(folder), applied), (
                not applied and _made_before_migrations(cur))
    finally:
        conn.close()


def _compare(migrations: list[Migration], applied: list[Applied]) -> list[State]:
    """The state of each file (in the order of `migrations`), then of each applied
    numbered migration no longer among them."""
    by_version = {a.version: a for a in applied if a.version is not None}
    by_name = {a.name: a for a in applied if a.version is None}
    last_applied = max(by_version, default=0)
    states = []
    for migration in migrations:
        if migration.version is None:
            record = by_name.get(migration.name)
        else:
            record = by_version.get(migration.version)
        if record is None:
            late = migration.version is not None and migration.version < last_applied
            states.append(State(migration.name, OUT_OF_ORDER if late else PENDING))
        elif record.sha256 == migration.sha256:
            states.append(State(migration.name, APPLIED, record.applied_at, record.baseline))
        elif migration.version is None:  # a repeatable file, changed: applied again
            states.append(State(migration.name, PENDING, record.applied_at))
        else:
            states.append(State(migration.name, CHANGED, record.applied_at, record.baseline))
    present = {m.version for m in migrations}
    states += [State(a.name, MISSING, a.applied_at, a.baseline)
               for version, a in sorted(by_version.items()) if version not in present]
    return states


def _applied(cur) -> list[Applied]:
    cur.execute("select name, version, sha256, applied_at, baseline "
                "from meta.schema_migrations order by version nulls last, name")
    return [Applied(*row) for row in cur.fetchall()]


def _made_before_migrations(cur) -> bool:
    cur.execute("select to_regclass('raw.files') is not null")
    return cur.fetchone()[0]


def _apply(conn, migrations: list[Migration], baseline: str | None = None) -> None:
    """The migrations (and baseline.sql after them) in one transaction, recorded in it."""
    conn.autocommit = False
    try:
        with conn, conn.cursor() as cur:
            for migration in migrations:
                _execute(cur, migration.name, migration.sql)
            if baseline is not None:
                _execute(cur, BASELINE_FILE, baseline)
            for migration in migrations:
                cur.execute(
                    "insert into meta.schema_migrations (name, version, sha256, baseline) "
                    "values (%s, %s, %s, %s) on conflict (name) do update "
                    "set sha256 = excluded.sha256, applied_at = now()",
                    (migration.name, migration.version, migration.sha256,
                     baseline is not None))
    finally:
        conn.autocommit = True


def _execute(cur, name: str, text: str) -> None:
    try:
        cur.execute(text)  # no parameters: a '%' in the file is sent as it is
    except psycopg2.Error as exc:
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise MigrationError(f"migrasi / migration {name} gagal / failed: {reason}") from exc
