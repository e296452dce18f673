"""GX metrics that read a bounded number of rows from a query batch.

serapan validates every batch as a SQL query (see `gx_runner._select_table`), and two
of GX's SQL metrics read a query's rows in full, although they use few or none of them:

- `table.column_types` reads a query batch whole to learn its column names: the nation's
  22 million SP2D lines were held in memory before a single check ran;
- `unexpected_rows_query.table` samples a SQL rule's failing rows with
  `fetchmany(MAX_RESULT_RECORDS)` (a sample the SUMMARY format serapan asks for does not
  even report), after psycopg2's default cursor has taken every row the query returns.

A server-side cursor would send only the rows fetched, but GX closes the connection
before it fetches. So the query itself says how many rows to send.

GX also runs a SQL rule twice: once to count its failing rows
(`unexpected_rows_query.row_count`) and once for the sample, each time in full, even
when the count was 0. One query gives both here (the count as a window over the rows,
the sample as its first rows): the nation's SP2D reconciliation is one pass over 22
million lines, not two. Importing this module registers these metrics in place of GX's.
"""

from __future__ import annotations

import logging
import threading
import weakref

import sqlalchemy as sa
from great_expectations.constants import MAX_RESULT_RECORDS
from great_expectations.core.metric_domain_types import MetricDomainTypes
from great_expectations.execution_engine import SqlAlchemyExecutionEngine
from great_expectations.expectations.metrics.metric_provider import metric_value
from great_expectations.expectations.metrics.query_metrics.query_row_count.unexpected_rows_query_row_count import (  # noqa: E501
    UnexpectedRowsQueryRowCount,
)
from great_expectations.expectations.metrics.query_metrics.query_table.unexpected_rows_query_table import (  # noqa: E501
    UnexpectedRowsQueryTable,
)
from great_expectations.expectations.metrics.table_metrics.table_column_types import (
    ColumnTypes,
    _get_sqlalchemy_column_metadata,
)

COUNT_COLUMN = "serapan_unexpected_count"

# Per execution engine (one per suite and thread): each rule's (count, sample), read by
# one of its metrics and kept until the other takes it.
_failing_reads: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_failing_reads_lock = threading.Lock()


def _count_and_sample(provider, execution_engine, metric_domain_kwargs,
                      metric_value_kwargs, metric_name: str) -> tuple[int, list[dict]]:
    """A SQL rule's failing rows, counted and sampled (MAX_RESULT_RECORDS) by one query
    run the first time either of its two metrics asks for them."""
    batch, _, _ = execution_engine.get_compute_domain(
        metric_domain_kwargs, domain_type=MetricDomainTypes.TABLE)
    query = provider._get_substituted_batch_subquery_from_query_and_batch_selectable(
        query=provider._get_query_from_metric_value_kwargs(metric_value_kwargs),
        batch_selectable=batch, execution_engine=execution_engine)
    key = (metric_domain_kwargs.get("batch_id"), query)
    with _failing_reads_lock:
        reads = _failing_reads.setdefault(execution_engine, {})
        if key in reads and reads[key][0] != metric_name:
            return reads.pop(key)[1]
    rows = [row._asdict() for row in execution_engine.execute_query(sa.text(
        f"select *, count(*) over () as {COUNT_COLUMN} from ({query}) as unexpected "
        f"limit {MAX_RESULT_RECORDS}")).fetchall()]
    read = (rows[0][COUNT_COLUMN] if rows else 0,
            [{k: v for k, v in row.items() if k != COUNT_COLUMN} for row in rows])
    with _failing_reads_lock:
        reads[key] = (metric_name, read)  # for the other metric of the rule
    return read


# GX warns when a metric is registered again: here that is the point. Each class has a
# function of its own: GX keeps the first class registered with the same function.
_registry_log = logging.getLogger("great_expectations.expectations.registry")
_level = _registry_log.level
_registry_log.setLevel(logging.ERROR)
try:
    class QueryColumnNames(ColumnTypes):
        """table.column_types of a query batch: its column names, with no row sent."""

        @metric_value(engine=SqlAlchemyExecutionEngine)
        def _sqlalchemy(cls, execution_engine, metric_domain_kwargs, metric_value_kwargs,
                        metrics, runtime_configuration) -> list[dict]:
            batch_data = execution_engine.batch_manager.batch_data_cache[
                metric_domain_kwargs.get("batch_id")
                or execution_engine.batch_manager.active_batch_data_id]
            selectable = batch_data.selectable
            if not isinstance(selectable, sa.TextClause):
                return _get_sqlalchemy_column_metadata(execution_engine, batch_data)
            no_rows = (sa.select(sa.text("*"))
                       .select_from(selectable.columns().subquery("batch")).limit(0))
            return [{"name": name}
                    for name in execution_engine.execute_query(no_rows).keys()]

    class SampledUnexpectedRows(UnexpectedRowsQueryTable):
        """unexpected_rows_query.table, at most MAX_RESULT_RECORDS rows sent."""

        @metric_value(engine=SqlAlchemyExecutionEngine)
        def _sqlalchemy(cls, execution_engine, metric_domain_kwargs, metric_value_kwargs,
                        metrics, runtime_configuration) -> list[dict]:
            return _count_and_sample(cls, execution_engine, metric_domain_kwargs,
                                     metric_value_kwargs, cls.metric_name)[1]

    class CountedUnexpectedRows(UnexpectedRowsQueryRowCount):
        """unexpected_rows_query.row_count, from the same query as the sample."""

        @metric_value(engine=SqlAlchemyExecutionEngine)
        def _sqlalchemy(cls, execution_engine, metric_domain_kwargs, metric_value_kwargs,
                        metrics, runtime_configuration) -> int:
            return _count_and_sample(cls, execution_engine, metric_domain_kwargs,
                                     metric_value_kwargs, cls.metric_name)[0]
finally:
    _registry_log.setLevel(_level)
