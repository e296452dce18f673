"""GX reads a query batch's columns and a failing SQL rule's sample with bounded
queries: a batch of many rows, with a rule failing on each, no longer brings its rows
into serapan's memory. And a SQL rule is run once, for its count and its sample."""

import great_expectations as gx
import sqlalchemy as sa
from great_expectations.constants import MAX_RESULT_RECORDS

from pipelines.quality import gx_runner  # noqa: F401  (registers the bounded reads)

ROWS = 5000


def _validate_numbers(warehouse, expectations: list, on_execute) -> list:
    """GX's results of `expectations` on a query batch of the numbers 1 to ROWS, with
    `on_execute` told of every statement that runs meanwhile."""
    context = gx.get_context(mode="ephemeral")
    source = context.data_sources.add_postgres(
        "numbers", connection_string=warehouse.sqlalchemy_url())
    asset = source.add_query_asset(
        "numbers", query=f"select n from generate_series(1, {ROWS}) as n")
    batch = asset.add_batch_definition_whole_table("whole").get_batch()
    suite = gx.ExpectationSuite("numbers", expectations=expectations)
    sa.event.listen(sa.engine.Engine, "after_cursor_execute", on_execute)
    try:
        return batch.validate(suite, result_format="SUMMARY").results
    finally:
        sa.event.remove(sa.engine.Engine, "after_cursor_execute", on_execute)


def test_a_query_batch_with_a_rule_failing_on_every_row_sends_only_a_sample(warehouse):
    rows_sent = []

    def count_rows(conn, cursor, statement, parameters, context, executemany):
        if cursor.description is not None:
            rows_sent.append(cursor.rowcount)  # what psycopg2 holds in memory

    not_null, failing_rows = _validate_numbers(warehouse, [
        gx.expectations.ExpectColumnValuesToNotBeNull(column="n"),  # needs the columns
        gx.expectations.UnexpectedRowsExpectation(
            unexpected_rows_query="select * from {batch} where n > 0"),
    ], count_rows)
    assert not_null.success and not_null.result["element_count"] == ROWS
    assert not failing_rows.success
    assert failing_rows.result["observed_value"] == ROWS  # counted in full, in SQL
    assert rows_sent and max(rows_sent) == MAX_RESULT_RECORDS


def test_a_sql_rule_is_run_once_for_its_count_and_its_sample(warehouse):
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    highest, none = _validate_numbers(warehouse, [
        gx.expectations.UnexpectedRowsExpectation(
            unexpected_rows_query="select * from {batch} where n > 4900"),
        gx.expectations.UnexpectedRowsExpectation(
            unexpected_rows_query="select * from {batch} where n < 0"),
    ], record)
    assert not highest.success and highest.result["observed_value"] == ROWS - 4900
    assert none.success and none.result["observed_value"] == 0
    assert sum("n > 4900" in statement for statement in statements) == 1
    assert sum("n < 0" in statement for statement in statements) == 1
