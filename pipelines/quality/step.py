"""The quality step of the night: every suite validated by GX, every finding flagged.

GX tells, per rule, whether the rows pass and how many fail (the asset checks and the
Data Docs); flags.py then writes the failing rows themselves to quality.flags. Both run
in PostgreSQL; Python only carries counts and a few sample values.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import shutil
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from psycopg2 import sql

from pipelines.config import EXPECTATIONS_DIR, MIGRATIONS_DIR
from pipelines.quality.flags import Suite, load_suite_rules, refresh_flags
from pipelines.quality.gx_runner import (
    MODEL,
    MODEL_RELATION,
    SuiteResult,
    model_rows,
    run_suites,
    suite_document,
    suite_path,
)
from pipelines.warehouse import Warehouse

KODE_PEMDA = re.compile(r"[0-9A-Za-z.]+")
# How a finding's values are masked (raw.mask_personal_numbers).
PERSONAL_NUMBERS = MIGRATIONS_DIR / "R__raw_mask_personal_numbers.sql"


@dataclass(frozen=True)
class QualityStep:
    results: list[SuiteResult]
    flags_per_rule: dict[str, int]
    seconds: float
    data_docs_index: Path | None


def suite_names() -> list[str]:
    return sorted(path.stem for path in EXPECTATIONS_DIR.glob("*.json"))


def all_suites() -> list[Suite]:
    return [load_suite_rules(name) for name in suite_names()]


def quality_code_version() -> str:
    """The quality step's code version (quality/flags): it changes when a rule, its SQL
    or a tolerance (with its override) changes, the dbt project whose models the rules
    read, the warehouse's schema (the migrations) or how a finding's values are masked;
    then the night's checks cover every pemda again (pipelines/build_plan.py), and the
    models the rules read are built again before them."""
    from pipelines.dbt import project_files_digest

    documents = {name: suite_document(suite_path(name)) for name in suite_names()}
    documents.update({path.name: path.read_text() for path in sorted(MIGRATIONS_DIR.glob("*.sql"))})
    documents["dbt_project"] = project_files_digest()
    return hashlib.sha256(json.dumps(documents, sort_keys=True).encode()).hexdigest()


@contextmanager
def batches(warehouse: Warehouse, suites: list[Suite], rebuild_models: bool = False,
            before_building: Callable[[], None] | None = None) -> Iterator[list[Suite]]:
    """Each distinct relation of the suites computed once into a table of its own
    (quality.batch_<step>_<its suites>), and analysed: its rules then read it many times
    (GX counts and samples each rule's rows, the flags select them), and the planner knows
    its size instead of guessing through the views. Suites of the same rows (a source's
    validity and reliability suites) share one table: at nasional scale a table of the
    realization lines takes gigabytes (docs/performance.md). Two at a time, one per core.
    Yields the suites reading those tables, and drops the tables after, so the disk they
    take is back for dbt. The tables are this step's (`<step>`, a token it holds while
    they stand): the steps of builds of other pemda make theirs beside them
    (pipelines/run_lock.py). The dbt models the suites read are built first where they
    are missing, or all of them with `rebuild_models` (the project changed), after
    `before_building` (dbt.build_for_checks)."""
    from pipelines.dbt import build_for_checks

    build_for_checks(warehouse, {model for suite in suites for model in suite.models},
                     rebuild=rebuild_models, before_building=before_building)
    groups: dict[str, list[str]] = {}
    for suite in suites:
        groups.setdefault(suite.relation_sql, []).append(suite.name)
    labels = {relation: "__".join(sorted(names)) for relation, names in groups.items()}
    # The models rules read besides their suite's rows, each made a table as a suite's
    # rows are (and for the same reasons), which the rules' {model:<name>} then read.
    models = {model_rows(model): model for model in sorted(
        {model for suite in suites for rule in suite.rules
         for model in MODEL.findall(rule.kwargs.get("unexpected_rows_query", ""))})}
    labels.update({relation: model for relation, model in models.items()
                   if relation not in labels})
    with batch_token(warehouse) as token:
        names = batch_names(token, list(labels.values()))
        tables = {relation: names[label] for relation, label in labels.items()}
        reads = {MODEL_RELATION + model: f"select * from quality.{tables[relation]}"
                 for relation, model in models.items()}

        def materialize(relation: str) -> None:
            warehouse.execute(
                sql.SQL("create unlogged table {table} as {relation}; analyze {table}")
                .format(table=sql.Identifier("quality", tables[relation]),
                        relation=sql.SQL(relation)))

        _drop_batches(warehouse)  # those of steps that died, or of an earlier release
        try:
            with ThreadPoolExecutor(2, thread_name_prefix="batch") as pool:
                list(pool.map(materialize, tables))
            yield [replace(suite, relation=f"quality.{tables[suite.relation_sql]}",
                           reads=reads) for suite in suites]
        finally:
            _drop_batches(warehouse, token)


# A batch table's name: batch_, the token of the step that made it (8 hex digits), _, and
# what it holds (its suites, or the model), cut to PostgreSQL's 63 characters.
BATCH_NAME = re.compile(r"batch_([0-9a-f]{8})_.*")
IDENTIFIER_LENGTH = 63


@contextmanager
def batch_token(warehouse: Warehouse) -> Iterator[str]:
    """A token no live step holds, held (its advisory lock, run_lock.BATCH_LOCK_CLASS) on
    a connection of its own until the block ends: while it is held, its tables are this
    step's; once not (the step ended, or its process died), any step may drop them."""
    from pipelines.run_lock import BATCH_LOCK_CLASS

    conn = warehouse.connect()
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            while True:
                token = secrets.randbits(31)
                cur.execute("select pg_try_advisory_lock(%s, %s)", (BATCH_LOCK_CLASS, token))
                if cur.fetchone()[0]:
                    break
            try:
                yield f"{token:08x}"
            finally:
                cur.execute("select pg_advisory_unlock(%s, %s)", (BATCH_LOCK_CLASS, token))
    finally:
        conn.close()


def batch_names(token: str, labels: list[str]) -> dict[str, str]:
    """Each label's table name: batch_<token>_<label>, cut to fit PostgreSQL's identifiers,
    and numbered where two would be cut alike."""
    names: dict[str, str] = {}
    for number, label in enumerate(labels):
        name = f"batch_{token}_{label}"[:IDENTIFIER_LENGTH]
        if name in names.values():
            name = f"batch_{token}_{number}_{label}"[:IDENTIFIER_LENGTH]
        names[label] = name
    return names


def _drop_batches(warehouse: Warehouse, token: str | None = None) -> None:
    """Drop the batch tables of `token`; with None, those of every step no longer alive
    (its token's lock free) and those of no token (an earlier release's)."""
    from pipelines.run_lock import BATCH_LOCK_CLASS

    tables = [table for (table,) in warehouse.query(
        "select tablename from pg_tables where schemaname = 'quality' and tablename like "
        "'batch\\_%'")]
    if token is not None:
        gone = [table for table in tables if table.startswith(f"batch_{token}_")]
    else:
        tokens = {found.group(1) for table in tables if (found := BATCH_NAME.fullmatch(table))}
        alive = {other for other in tokens if not _free(warehouse, BATCH_LOCK_CLASS, other)}
        gone = [table for table in tables
                if not ((found := BATCH_NAME.fullmatch(table)) and found.group(1) in alive)]
    if gone:
        warehouse.execute(sql.SQL("drop table if exists {}").format(sql.SQL(", ").join(
            sql.Identifier("quality", table) for table in gone)))


def _free(warehouse: Warehouse, lock_class: int, token: str) -> bool:
    """Whether no session holds the token's lock (asked by taking it, then letting go)."""
    [(free,)] = warehouse.query(
        "select case when pg_try_advisory_lock(%(class)s, %(token)s) "
        "then pg_advisory_unlock(%(class)s, %(token)s) else false end",
        {"class": lock_class, "token": int(token, 16)})
    return free


def scoped(warehouse: Warehouse, pemda: list[str] | None) -> Warehouse:
    """The warehouse whose sessions see only `pemda`'s rows through the suites' SQL
    (`quality.in_scope`, migrations/R__quality_scope.sql), or every pemda's with None."""
    if pemda is None:
        return warehouse
    for kode in pemda:
        if not KODE_PEMDA.fullmatch(kode):
            raise ValueError(f"kode pemda tidak sah / invalid: {kode!r}")
    return warehouse.with_settings(serapan__pemda="{" + ",".join(pemda) + "}")


def validate_suites(warehouse: Warehouse, suites: list[Suite], *,
                    data_docs_dir: Path | None = None,
                    on_suite: Callable[[SuiteResult], None] | None = None) -> list[SuiteResult]:
    """GX's verdict on each suite; with `data_docs_dir`, Data Docs of exactly this run,
    written beside it and put in its place once whole (the step of another pemda's build
    may be writing its own at the same time: the last to finish is there)."""
    if data_docs_dir is None:
        return _validate(warehouse, suites, None, on_suite)
    written = data_docs_dir.with_name(f".{data_docs_dir.name}-{secrets.token_hex(4)}")
    try:
        results = _validate(warehouse, suites, written, on_suite)
        from pipelines.run_lock import DATA_DOCS_KEYS, exclusively

        with exclusively(warehouse, DATA_DOCS_KEYS):
            # GX would otherwise keep the pages of earlier runs beside this one's.
            shutil.rmtree(data_docs_dir, ignore_errors=True)
            written.rename(data_docs_dir)
    finally:
        shutil.rmtree(written, ignore_errors=True)
    return [replace(result, data_docs_index=data_docs_dir / "index.html") for result in results]


def _validate(warehouse: Warehouse, suites: list[Suite], data_docs_dir: Path | None,
              on_suite: Callable[[SuiteResult], None] | None) -> list[SuiteResult]:
    return run_suites(warehouse, {suite.name: suite.relation_sql for suite in suites},
                      reads={name: relation for suite in suites
                             for name, relation in suite.reads.items()},
                      data_docs_dir=data_docs_dir, on_result=on_suite)


def run_quality_step(warehouse: Warehouse, *, pemda: list[str] | None = None,
                     rebuild_models: bool = False, data_docs_dir: Path | None = None,
                     on_suite: Callable[[SuiteResult], None] | None = None,
                     before_building: Callable[[], None] | None = None) -> QualityStep:
    """Validate every suite and replace the flags with what the rules find now: of every
    pemda, or with `pemda` of those alone (the others' flags stay as they are). The dbt
    models the rules read are built first where missing, or every one of them with
    `rebuild_models` (the quality step's code version changed), after
    `before_building`."""
    started = time.perf_counter()
    warehouse = scoped(warehouse, pemda)
    with batches(warehouse, all_suites(), rebuild_models, before_building) as suites:
        results = validate_suites(warehouse, suites, data_docs_dir=data_docs_dir,
                                  on_suite=on_suite)
        # A rule GX found no row failing has no flags to select: most rules, most nights.
        # (GX's count and the flags agree rule by rule: tests/test_quality_rules.py.)
        clean = {outcome.rule_id for result in results for outcome in result.outcomes
                 if outcome.error is None and outcome.unexpected_count == 0}
        counts = refresh_flags(warehouse, suites, pemda, clean=clean)
    return QualityStep(
        results=results,
        flags_per_rule=counts,
        seconds=time.perf_counter() - started,
        data_docs_index=data_docs_dir / "index.html" if data_docs_dir is not None else None,
    )
