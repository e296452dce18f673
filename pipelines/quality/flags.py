"""Row-level findings from the reviewed suites, computed in PostgreSQL.

GX validates a suite and says how many rows fail each rule; leadership and the OPDs need
to know which rows. Each rule's failing rows of the suite's relation are selected by the
very query GX counted, and become `quality.flags`: the rule, its severity, where the row
came from (file, sheet, row), the values involved (an NPWP or bank account typed into a
text masked, as everywhere outside raw) and the rule's message to the OPD.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from psycopg2 import sql

from pipelines.quality.column_rules import UnsupportedRule
from pipelines.quality.gx_runner import (
    relation_sql,
    rule_query,
    suite_document,
    suite_path,
    with_rows_of_suites,
)
from pipelines.run_lock import FLAGS_KEYS
from pipelines.warehouse import Warehouse

LINEAGE = ("file_id", "sheet", "row_number")
# Columns that say whose and which month a row is, where the relation has them.
OPD_COLUMNS = ("kode_opd", "kode_skpd")
PERIOD_COLUMNS = ("periode", "bulan", "periode_akhir")


@dataclass(frozen=True)
class Rule:
    rule_id: str
    severity: str
    pesan: str
    expectation_type: str
    kwargs: dict


@dataclass(frozen=True)
class Suite:
    name: str
    source: str
    relation: str  # a schema-qualified table or view, or a SELECT
    rules: tuple[Rule, ...]
    models: tuple[str, ...] = ()  # the dbt models its relation and rules read
    # what its rules' {model:<name>} read, by "model:<name>", where not the model itself
    reads: Mapping[str, str] = field(default_factory=dict)

    @property
    def relation_sql(self) -> str:
        return relation_sql(self.relation)


def load_suite_rules(name: str) -> Suite:
    document = suite_document(suite_path(name))
    meta = document.get("meta", {})
    if "relation" not in meta or "source" not in meta:
        raise UnsupportedRule(f"{suite_path(name)}: meta.relation dan meta.source wajib / required")
    rules = tuple(
        Rule(e["meta"]["rule_id"], e["meta"]["severity"], e["meta"]["pesan"], e["type"],
             e["kwargs"])
        for e in document["expectations"]
    )
    return Suite(name, meta["source"], meta["relation"], rules, tuple(meta["models"]))


def failing_rows_sql(rule: Rule, relation: str,
                     relations: Mapping[str, str] | None = None) -> str:
    """SELECT of the rows of `relation` that break `rule` (all their columns): the query
    GX counts (a column rule's from column_rules), formatted as GX formats it, its
    `{batch}` the relation; the rows of other suites and models it reads are those of
    `relations` (see gx_runner.with_rows_of_suites)."""
    return with_rows_of_suites(rule_query(rule.expectation_type, rule.kwargs),
                               relations or {}).format(batch=f"({relation})")


def refresh_flags(warehouse: Warehouse, suites: list[Suite],
                  pemda: list[str] | None = None, clean: set[str] = frozenset()) -> dict[str, int]:
    """Replace these suites' flags with what their rules find now, of every pemda or of
    `pemda` alone. Some rules find what is missing (a report never sent) rather than rows
    of the batch, so the scope bounds what is inserted too. The rules in `clean` are
    known to find nothing (GX counted no failing row): their old flags go, and their
    rows are not selected again. Returns the flags in force per rule, of every pemda."""
    counts = {rule.rule_id: 0 for suite in suites for rule in suite.rules}
    relations = {name: relation for suite in suites for name, relation in suite.reads.items()}
    relations.update({suite.name: suite.relation_sql for suite in suites})
    conn = warehouse.connect()
    try:
        with conn, conn.cursor() as cur:
            # One step's flags at a time: every scoped step rewrites the findings of no
            # pemda, which two steps at once would both insert (pipelines/run_lock.py).
            cur.execute("select pg_advisory_xact_lock(%s, %s)", FLAGS_KEYS)
            for suite in suites:
                cur.execute(sql.SQL("delete from quality.flags where suite = {suite} and {scope}")
                            .format(suite=sql.Literal(suite.name),
                                    scope=_in_scope(sql.SQL("kode_pemda"), pemda)))
                for rule in suite.rules:
                    if rule.rule_id not in clean:
                        cur.execute(_insert_flags_sql(suite, rule, pemda, relations))
            cur.execute("select rule_id, count(*) from quality.flags where suite = any(%s) "
                        "group by rule_id", ([suite.name for suite in suites],))
            counts.update(dict(cur.fetchall()))
    finally:
        conn.close()
    return counts


def _in_scope(kode_pemda: sql.Composable, pemda: list[str] | None) -> sql.Composable:
    if pemda is None:
        return sql.SQL("true")
    return sql.SQL("({kode} = any({pemda}) or {kode} is null)").format(
        kode=kode_pemda, pemda=sql.Literal(list(pemda)))


def _insert_flags_sql(suite: Suite, rule: Rule, pemda: list[str] | None,
                      relations: Mapping[str, str]) -> sql.Composed:
    failing = failing_rows_sql(rule, suite.relation_sql, relations)
    row = "to_jsonb(failing)"

    def first_of(columns, cast):
        options = " ".join(
            f"when {row} ? '{c}' then ({row} ->> '{c}')::{cast}" for c in columns
        )
        return f"case {options} end"

    return sql.SQL("""
        insert into quality.flags (suite, rule_id, severity, source, kode_pemda, kode_opd,
            periode, file_id, source_file, sheet, row_number, nilai, pesan)
        select {suite}, {rule_id}, {severity}, {source},
            {row} ->> 'kode_pemda',
            {opd},
            date_trunc('month', {period})::date,
            ({row} ->> 'file_id')::bigint,
            files.original_name,
            {row} ->> 'sheet',
            ({row} ->> 'row_number')::integer,
            raw.mask_personal_numbers({row} - 'file_id' - 'sheet' - 'row_number'),
            {pesan}
        from ({failing}) as failing
        left join raw.files as files on files.file_id = ({row} ->> 'file_id')::bigint
        where {scope}
    """).format(scope=_in_scope(sql.SQL(f"({row} ->> 'kode_pemda')"), pemda),
        suite=sql.Literal(suite.name), rule_id=sql.Literal(rule.rule_id),
        severity=sql.Literal(rule.severity), source=sql.Literal(suite.source),
        pesan=sql.Literal(rule.pesan), failing=sql.SQL(failing),
        row=sql.SQL(row), opd=sql.SQL(first_of(OPD_COLUMNS, "text")),
        period=sql.SQL(first_of(PERIOD_COLUMNS, "date")),
    )
