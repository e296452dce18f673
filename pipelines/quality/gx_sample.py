"""GX's sample of a SQL rule's failing rows, read with a LIMIT in the query.

`UnexpectedRowsExpectation` counts a rule's failing rows in SQL, then takes a sample of
them with `fetchmany(MAX_RESULT_RECORDS)` (which the SUMMARY format serapan asks for does
not even report). psycopg2's default cursor has by then taken
every row the query returns into memory: a rule failing for every account of the
nation's 22 million SP2D lines held 12 GiB. A server-side cursor would send only the
rows fetched, but GX closes the connection before it fetches. So the query itself says
how many rows to send. Importing this module registers the metric in place of GX's.
"""

from __future__ import annotations

import logging

from great_expectations.constants import MAX_RESULT_RECORDS
from great_expectations.core.metric_domain_types import MetricDomainTypes
from great_expectations.execution_engine import SqlAlchemyExecutionEngine
from great_expectations.expectations.metrics.metric_provider import metric_value
from great_expectations.expectations.metrics.query_metrics.query_table.unexpected_rows_query_table import (  # noqa: E501
    UnexpectedRowsQueryTable,
)

# GX warns when a metric is registered again: here that is the point.
_registry_log = logging.getLogger("great_expectations.expectations.registry")
_level = _registry_log.level
_registry_log.setLevel(logging.ERROR)
try:
    class SampledUnexpectedRows(UnexpectedRowsQueryTable):
        """unexpected_rows_query.table, at most MAX_RESULT_RECORDS rows sent. (A function
        of its own: GX keeps the first class registered with the same function.)"""

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
