"""Run a reviewed Great Expectations suite against a warehouse table or query.

Suites live in `expectations/<suite>.json` in GX 1.x's own ExpectationSuite JSON: a `name`
and a list of expectations, each with `type`, `kwargs` and a `meta` that serapan reads:

    {"type": "expect_column_values_to_not_be_null",
     "kwargs": {"column": "kode_skpd"},
     "meta": {"rule_id": "ANG-001", "severity": "error", "pesan": "KODE SKPD kosong. ..."}}

`rule_id` names the rule in reports, `severity` is "error" (the rows cannot be used) or
"warning" (suspicious but usable), and `pesan` tells the OPD or data team, in Indonesian,
what is wrong and how to fix it.

GX validates through SQLAlchemy, so every metric is computed by PostgreSQL; only counts
and a few sample values come back to Python. This is plain Python (dagster-ge does not
support GX 1.x): the quality step calls `run_suites` directly and turns each result
into a Dagster asset check result.
"""

from __future__ import annotations

import json
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable, Mapping

import great_expectations as gx
import great_expectations.exceptions as gx_exceptions
import sqlalchemy as sa
from great_expectations.data_context.types.base import (
    DataContextConfig,
    InMemoryStoreBackendDefaults,
    ProgressBarsConfig,
)
from great_expectations.expectations.expectation_configuration import ExpectationConfiguration
from sqlalchemy.dialects import postgresql

from pipelines.codes import UnknownCodeLevel, with_code_patterns
from pipelines.config import DBT_PROJECT_DIR, EXPECTATIONS_DIR
from pipelines.quality import gx_bounded_reads  # noqa: F401  (registers bounded reads)
from pipelines.quality.column_rules import (
    QUERY_RULE,
    failing_rows_query,
    in_words,
)
from pipelines.quality.offline_docs import make_offline
from pipelines.warehouse import Warehouse

SEVERITIES = ("error", "warning")
SAMPLE_SIZE = 5  # unexpected values kept per expectation: enough to show, small to store
DOCS_SITE = "serapan"


class SuiteFileError(ValueError):
    """A suite file that cannot be turned into a GX ExpectationSuite."""


@dataclass(frozen=True)
class ExpectationOutcome:
    rule_id: str
    severity: str  # "error" | "warning"
    expectation_type: str
    column: str | None  # several columns comma-separated; None for query checks
    success: bool
    unexpected_count: int | None
    unexpected_values: tuple[Any, ...]  # up to SAMPLE_SIZE, JSON-safe
    pesan: str
    error: str | None  # GX could not evaluate the check (e.g. a missing column)


@dataclass(frozen=True)
class SuiteResult:
    suite_name: str
    success: bool  # every expectation passed, whatever its severity
    evaluated: int
    outcomes: tuple[ExpectationOutcome, ...]
    elapsed_seconds: float
    data_docs_index: Path | None

    @property
    def failed(self) -> tuple[ExpectationOutcome, ...]:
        return tuple(o for o in self.outcomes if not o.success)


def suite_path(suite_name: str) -> Path:
    return EXPECTATIONS_DIR / f"{suite_name}.json"


def suite_document(path: Path, environ: Mapping[str, str] = os.environ) -> dict:
    """The suite file as JSON, with SQL kept in reviewed files beside it inlined.

    A query-based rule may name `"unexpected_rows_query_file": "sql/<file>.sql"` instead
    of an inline `unexpected_rows_query`, and `meta.relation` may name a `.sql` file:
    long SQL reads better, and diffs better, in a file of its own. Tolerances are named
    in `meta.parameters` and written `${name}` in the SQL; an installation overrides one
    with the environment variable SERAPAN_<NAME>. A code's format is written
    `{kode:<tingkat>}`, in a rule's regex or SQL (pipelines/codes.py).

    What is written once in dbt is read from its model: `meta.relation` may be
    `model:<name>`, and SQL may read `{model:<name>}`, the rows of that dbt model of the
    pemda in the session's scope (model_rows; a rule's is replaced when it is run, see
    with_rows_of_suites). `meta.models` lists the models a suite reads, which the
    quality step builds before the checks.
    """
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SuiteFileError(f"{path}: berkas suite tidak terbaca / unreadable: {exc}") from exc
    if not isinstance(document, dict):
        return document
    meta = document.get("meta") or {}
    parameters = _parameters(path, meta.get("parameters") or {}, environ)
    models: set[str] = set()
    relation = str(meta.get("relation", ""))
    if relation.startswith(MODEL_RELATION):
        models.add(relation.removeprefix(MODEL_RELATION))
        meta["relation"] = model_rows(relation.removeprefix(MODEL_RELATION), path)
    elif relation.endswith(".sql"):
        meta["relation"] = with_rows_of_suites(
            _read_sql(path, relation, parameters, models), {})
    for item in document.get("expectations") or []:
        kwargs = item.get("kwargs") if isinstance(item, dict) else None
        if not isinstance(kwargs, dict):
            continue
        if "unexpected_rows_query_file" in kwargs:
            kwargs["unexpected_rows_query"] = _read_sql(
                path, kwargs.pop("unexpected_rows_query_file"), parameters, models)
        for name in ("regex", "unexpected_rows_query"):
            if isinstance(kwargs.get(name), str):
                kwargs[name] = _with_code_patterns(path, kwargs[name])
    if "meta" in document:
        meta["models"] = sorted(models)
    return document


def _with_code_patterns(suite: Path, text: str) -> str:
    try:
        return with_code_patterns(text)
    except UnknownCodeLevel as exc:
        raise SuiteFileError(f"{suite}: {exc}") from None


def _parameters(path: Path, defaults: dict, environ: Mapping[str, str]) -> dict[str, str]:
    """Each parameter as the SQL literal of a number: its default, or the environment's.
    Only numbers: a parameter is pasted into SQL."""
    values = {}
    for name, default in defaults.items():
        variable = f"SERAPAN_{name.upper()}"
        text = str(environ.get(variable, default))
        try:
            values[name] = str(Decimal(text))
        except InvalidOperation:
            raise SuiteFileError(f"{path}: {variable if variable in environ else name} = "
                                 f"{text!r} bukan angka / is not a number") from None
    return values


def _read_sql(suite: Path, name: str, parameters: dict[str, str],
              models: set[str] | None = None) -> str:
    """The SQL of file `name` with its tokens replaced, but for `{model:<name>}` and
    `{rows:<suite>}` (with_rows_of_suites); the dbt models it reads are added to
    `models`."""
    models = set() if models is None else models
    try:
        text = (suite.parent / name).read_text(encoding="utf-8").strip().rstrip(";")
    except OSError as exc:
        raise SuiteFileError(f"{suite}: berkas SQL tidak terbaca / unreadable: {name}") from exc

    def value(found: re.Match) -> str:
        if found.group(1) not in parameters:
            raise SuiteFileError(f"{suite}: {name}: ${{{found.group(1)}}} tidak ada di / is "
                                 "not in meta.parameters")
        return parameters[found.group(1)]

    text = re.sub(r"\$\{(\w+)\}", value, text)
    for model in MODEL.findall(text):
        model_rows(model, suite)  # a model dbt does not have is refused here, named
        models.add(model)
    return _with_code_patterns(suite, text)


MODEL = re.compile(r"\{model:(\w+)\}")
MODEL_RELATION = "model:"


def model_rows(name: str, suite: Path = EXPECTATIONS_DIR) -> str:
    """The SELECT of the rows of dbt model `name` of the pemda in the session's scope
    (quality.in_scope, migrations/R__quality_scope.sql), every pemda's outside the quality
    step. A model is in the schema named by its layer's folder (dbt_project.yml,
    macros/generate_schema_name.sql). A model of the quality layer reads its inputs for
    the pemda in scope itself (rows_in_check_scope), even those it joins: it is read as
    it is, as the same condition again would only make the planner expect fewer rows."""
    found = sorted((DBT_PROJECT_DIR / "models").glob(f"*/**/{name}.sql"))
    if len(found) != 1:
        raise SuiteFileError(f"{suite}: model dbt {name!r} tidak ada / there is no dbt model "
                             f"{name!r} in {DBT_PROJECT_DIR / 'models'}")
    schema = found[0].relative_to(DBT_PROJECT_DIR / "models").parts[0]
    if schema == QUALITY_LAYER:
        return f"select * from {schema}.{name}"
    return f"select * from {schema}.{name} where quality.in_scope(kode_pemda)"


QUALITY_LAYER = "quality"  # dbt_project/models/quality: what only the checks read


ROWS_OF_SUITE = re.compile(r"\{rows:(\w+)\}")


def relation_sql(relation: str) -> str:
    """A suite's relation as a SELECT: a SELECT as it is, a table's rows otherwise."""
    return relation if " " in relation.strip() else f"select * from {relation}"


def with_rows_of_suites(query: str, relations: Mapping[str, str]) -> str:
    """`query` with each `{rows:<suite>}` replaced by that suite's rows: its SELECT in
    `relations` (the suites validated with it; in the quality step, their batch tables),
    else the relation its file names. A rule that reads another source's lines (REL-015
    the per-document realization's) then reads the batch the step already made of them,
    in one scan, not the raw lines again, file by file as the planner would guess.
    Likewise each `{model:<name>}`: the SELECT of `relations["model:<name>"]` (in the
    quality step, the model's batch table), else the model's rows (model_rows)."""
    def rows(found: re.Match) -> str:
        name = found.group(1)
        if name not in relations and not suite_path(name).is_file():
            raise SuiteFileError(f"{{rows:{name}}}: tidak ada suite / there is no suite {name!r}")
        if name in relations:
            return f"({relations[name]})"
        return f"({relation_sql(suite_document(suite_path(name))['meta']['relation'])})"

    def model(found: re.Match) -> str:
        key = MODEL_RELATION + found.group(1)
        return f"({relations[key] if key in relations else model_rows(found.group(1))})"

    return MODEL.sub(model, ROWS_OF_SUITE.sub(rows, query))


def load_suite(path: Path,
               relations: Mapping[str, str] | None = None) -> gx.ExpectationSuite:
    """Read a suite file, refusing anything GX or serapan would not understand; its
    rules' `{rows:<suite>}` read `relations` (see with_rows_of_suites).

    GX's own ExpectationSuite constructor only logs an invalid expectation and drops it,
    so each expectation is built here first and any problem raised with the file named.
    """
    document = suite_document(path)
    if not isinstance(document, dict) or not isinstance(document.get("expectations"), list):
        raise SuiteFileError(
            f"{path}: harus objek JSON berisi daftar 'expectations' / "
            "must be a JSON object with an 'expectations' list"
        )
    if document.get("name") != path.stem:
        raise SuiteFileError(
            f"{path}: 'name' harus sama dengan nama berkas / must match the file name: "
            f"{path.stem!r}, not {document.get('name')!r}"
        )

    expectations = []
    rule_ids: set[str] = set()
    for index, item in enumerate(document["expectations"]):
        where = f"{path}: expectations[{index}]"
        rule_id = _check_meta(where, item, rule_ids)
        rule_ids.add(rule_id)
        kwargs = item.get("kwargs") or {}
        try:
            ExpectationConfiguration(**item).to_domain_obj()  # GX's check of the rule
            query = with_rows_of_suites(rule_query(item["type"], kwargs), relations or {})
            expectations.append(ExpectationConfiguration(**_as_query_rule(item, query))
                                .to_domain_obj())
        except (TypeError, ValueError, gx_exceptions.GreatExpectationsError) as exc:
            raise SuiteFileError(
                f"{where} ({rule_id}): ekspektasi tidak valid / invalid expectation: {exc}"
            ) from exc
    return gx.ExpectationSuite(
        name=document["name"], expectations=expectations, meta=document.get("meta")
    )


def rule_query(expectation_type: str, kwargs: dict) -> str:
    """The query of a rule's failing rows of `{batch}`: a query rule's own, a column
    rule's from column_rules. GX counts it, the flags insert its rows."""
    if expectation_type == QUERY_RULE:
        return kwargs["unexpected_rows_query"]
    return failing_rows_query(expectation_type, kwargs)


def _as_query_rule(item: dict, query: str) -> dict:
    """The rule GX evaluates: the query of its failing rows. A column rule keeps what it
    was written as in its meta (`declared`), for its outcome and its Data Docs' words."""
    if item["type"] == QUERY_RULE:
        return {**item, "kwargs": {**item["kwargs"], "unexpected_rows_query": query}}
    return {
        "type": QUERY_RULE,
        "kwargs": {"unexpected_rows_query": query},
        "meta": {**item["meta"], "declared": {"type": item["type"], "kwargs": item["kwargs"]}},
        "description": item.get("description") or in_words(item["type"], item["kwargs"]),
    }


def _check_meta(where: str, item: Any, rule_ids: set[str]) -> str:
    """Check the serapan fields of one expectation's meta and return its rule_id."""
    meta = item.get("meta") if isinstance(item, dict) else None
    if not isinstance(meta, dict):
        raise SuiteFileError(f"{where}: 'meta' (rule_id, severity, pesan) wajib / is required")
    rule_id = meta.get("rule_id")
    if not isinstance(rule_id, str) or not rule_id or rule_id in rule_ids:
        raise SuiteFileError(f"{where}: rule_id kosong/ganda / missing or duplicate: {rule_id!r}")
    if meta.get("severity") not in SEVERITIES:
        raise SuiteFileError(
            f"{where} ({rule_id}): severity harus / must be one of {SEVERITIES}, "
            f"not {meta.get('severity')!r}"
        )
    pesan = meta.get("pesan")
    if not isinstance(pesan, str) or not pesan.strip():
        raise SuiteFileError(f"{where} ({rule_id}): 'pesan' untuk OPD wajib / is required")
    return rule_id


def run_suite(
    warehouse: Warehouse,
    suite_name: str,
    *,
    table: str | None = None,
    query: str | None = None,
    data_docs_dir: Path | None = None,
) -> SuiteResult:
    """Validate `table` ("schema.table") or `query` (a SELECT) against the named suite.

    With `data_docs_dir`, also write GX Data Docs (static HTML) for this run there.
    """
    if (table is None) == (query is None):
        raise ValueError("berikan tepat satu: table atau query / give exactly one of table, query")
    relation = _select_table(table) if query is None else query
    [result] = run_suites(warehouse, {suite_name: relation}, data_docs_dir=data_docs_dir)
    return result


# Suites validated at once: PostgreSQL computes one suite's metrics on one core while GX
# works out the other's in Python, on two cores the step takes some 40% less time.
SUITE_WORKERS = 2


def run_suites(
    warehouse: Warehouse,
    queries: dict[str, str],
    *,
    reads: Mapping[str, str] | None = None,
    data_docs_dir: Path | None = None,
    on_result: Callable[[SuiteResult], None] | None = None,
) -> list[SuiteResult]:
    """Validate each named suite against its SELECT, in one GX context, so that one
    Data Docs site (written to `data_docs_dir` when given) indexes them all. Suites run
    SUITE_WORKERS at a time; `on_result` is called in this thread as each finishes, and
    the results come back in the order of `queries`. A rule's `{rows:<suite>}` reads
    that suite's SELECT here, when it is one of them, and `{model:<name>}` the SELECT
    `reads` gives for "model:<name>", if any (see with_rows_of_suites)."""
    relations = {**queries, **(reads or {})}
    # A fresh in-memory context per call costs milliseconds (importing GX is what is
    # slow, once per process) and keeps calls from seeing each other's results or docs.
    context = gx.get_context(mode="ephemeral", project_config=_context_config(data_docs_dir))
    data_docs_index = data_docs_dir / "index.html" if data_docs_dir is not None else None
    # The context's stores are written here, in one thread; each suite gets a data source
    # of its own, so no execution engine (and its batch state) is shared between threads.
    validations = {
        suite_name: _validation_definition(context, warehouse, suite_name, query, relations)
        for suite_name, query in queries.items()
    }
    results: dict[str, SuiteResult] = {}
    with ThreadPoolExecutor(SUITE_WORKERS, thread_name_prefix="gx") as pool:
        running = {pool.submit(_validate, validation, data_docs_index): name
                   for name, validation in validations.items()}
        for done in as_completed(running):
            result = results[running[done]] = done.result()
            if on_result is not None:
                on_result(result)
    if data_docs_dir is not None:
        context.build_data_docs(site_names=[DOCS_SITE])
        make_offline(data_docs_dir)  # the pages load their scripts from the site itself
    return [results[name] for name in queries]


def _validation_definition(context, warehouse: Warehouse, suite_name: str, query: str,
                           relations: Mapping[str, str]) -> gx.ValidationDefinition:
    source = context.data_sources.add_postgres(
        f"warehouse_{suite_name}", connection_string=warehouse.sqlalchemy_url())
    suite = context.suites.add(load_suite(suite_path(suite_name), relations=relations))
    asset = source.add_query_asset(suite_name, query=_batch_query(query))
    return context.validation_definitions.add(
        gx.ValidationDefinition(
            name=suite_name,
            data=asset.add_batch_definition_whole_table("whole"),
            suite=suite,
        )
    )


def _validate(validation: gx.ValidationDefinition, data_docs_index: Path | None) -> SuiteResult:
    started = time.perf_counter()
    result = validation.run(
        # every rule is a query (load_suite): its sample of rows is bounded
        result_format={"result_format": "COMPLETE"}
    )
    outcomes = tuple(_outcome(r.to_json_dict()) for r in result.results)
    return SuiteResult(
        suite_name=validation.suite.name,
        success=bool(result.success),
        evaluated=len(outcomes),
        outcomes=outcomes,
        elapsed_seconds=time.perf_counter() - started,
        data_docs_index=data_docs_index,
    )


def _context_config(data_docs_dir: Path | None) -> DataContextConfig:
    docs_sites = {}
    if data_docs_dir is not None:
        docs_sites[DOCS_SITE] = {
            "class_name": "SiteBuilder",
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(data_docs_dir),
            },
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        }
    return DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        data_docs_sites=docs_sites,
        progress_bars=ProgressBarsConfig(globally=False),  # tqdm bars would flood Dagster logs
        analytics_enabled=False,
    )


def _select_table(table: str) -> str:
    """A table is validated as a query too, rather than as a TableAsset, whose
    schema_name is deprecated since GX 1.14 in favour of a schema on the connection,
    which a Postgres data source has no field for."""
    schema, _, name = table.rpartition(".")
    select_all = sa.select(sa.text("*")).select_from(sa.table(name, schema=schema or None))
    return str(select_all.compile(dialect=postgresql.dialect()))


def _batch_query(query: str) -> str:
    """GX accepts only queries that start with SELECT, so a caller's query (perhaps a
    WITH) becomes a subquery; PostgreSQL flattens it."""
    return f"select * from ({query.strip().rstrip(';')}) as validated"


def _outcome(result: dict[str, Any]) -> ExpectationOutcome:
    config = result["expectation_config"]
    meta = config["meta"]
    declared = meta.get("declared") or {"type": config["type"], "kwargs": {}}
    kwargs, details = declared["kwargs"], result.get("result") or {}
    columns = kwargs.get("column_list") or [kwargs["column"]] if kwargs else []
    # A query rule reports the rows its query returned as its observed value, and a
    # sample of them (COMPLETE; gx_bounded_reads sends no more): a column rule's values
    # are those of its columns.
    rows = (details.get("details") or {}).get("unexpected_rows") or []
    values = [row[columns[0]] if len(columns) == 1 else {c: row[c] for c in columns}
              for row in rows[:SAMPLE_SIZE]] if columns else []
    return ExpectationOutcome(
        rule_id=meta["rule_id"],
        severity=meta["severity"],
        expectation_type=declared["type"],
        column=", ".join(columns) or None,
        success=bool(result["success"]),
        unexpected_count=details.get("observed_value"),
        unexpected_values=tuple(values),
        pesan=meta["pesan"],
        error=_exception_message(result.get("exception_info") or {}),
    )


def _exception_message(info: dict[str, Any]) -> str | None:
    # GX reports an exception either flat, or keyed by the metric that raised it.
    reports = [info] if "raised_exception" in info else list(info.values())
    messages = [r["exception_message"] for r in reports if r.get("raised_exception")]
    return "; ".join(dict.fromkeys(messages)) or None  # one metric error can repeat
