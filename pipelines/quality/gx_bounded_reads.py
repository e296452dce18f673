"""GX metrics that read a bounded number of rows from a query batch.

serapan validates every batch as a SQL query (see `gx_runner._select_table`), and two
of GX's SQL metrics read a query's rows in full, although they use few or none of them:

- `table.column_types` reads a query batch whole to learn its column names: the nation's
  22 million SP2D lines held 12 GiB before a single check ran;
- `unexpected_rows_query.table` samples a SQL rule's failing rows with
  `fetchmany(MAX_RESULT_RECORDS)` (a sample the SUMMARY format serapan asks for does not
  even report), after psycopg2's default cursor has taken every row the query returns.

A server-side cursor would send only the rows fetched, but GX closes the connection
before it fetches. So the query itself says how many rows to send. Importing this
module registers both metrics in place of GX's.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from great_expectations.constants import MAX_RESULT_RECORDS
from great_expectations.core.metric_domain_types import MetricDomainTypes
from great_expectations.execution_engine import SqlAlchemyExecutionEngine
from great_expectations.expectations.metrics.metric_provider import metric_value
from great_expectations.expectations.metrics.query_metrics.query_table.unexpected_rows_query_table import (  # noqa: E501
    UnexpectedRowsQueryTable,
)
from great_expectations.expectations.metrics.table_metrics.table_column_types import (
    ColumnTypes,
    _get_sqlalchemy_column_metadata,
)

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
            batch, _, _ = execution_engine.get_compute_domain(
                metric_domain_kwargs, domain_type=MetricDomainTypes.TABLE)
            query = cls._get_substituted_batch_subquery_from_query_and_batch_selectable(
                query=cls._get_query_from_metric_value_kwargs(metric_value_kwargs),
                batch_selectable=batch, execution_engine=execution_engine)
            return cls._get_sqlalchemy_records_from_substituted_batch_subquery(
                substituted_batch_subquery=f"select * from ({query}) as unexpected "
                f"limit {MAX_RESULT_RECORDS}",
                execution_engine=execution_engine)
finally:
    _registry_log.setLevel(_level)
