"""GX samples a failing SQL rule's rows with a LIMIT in the query: a rule failing on
every row of a big batch no longer brings every row into serapan's memory."""

import great_expectations as gx
import sqlalchemy as sa
from great_expectations.constants import MAX_RESULT_RECORDS

from pipelines.quality import gx_runner  # noqa: F401  (registers the sample metric)

FAILING = 5000


def test_a_rule_failing_on_many_rows_sends_only_its_sample(warehouse):
    rows_sent = []

    def count_rows(conn, cursor, statement, parameters, context, executemany):
        if cursor.description is not None:
            rows_sent.append(cursor.rowcount)  # what psycopg2 holds in memory

    context = gx.get_context(mode="ephemeral")
    source = context.data_sources.add_postgres(
        "sample", connection_string=warehouse.sqlalchemy_url())
    asset = source.add_query_asset(
        "numbers", query=f"select n from generate_series(1, {FAILING}) as n")
    batch = asset.add_batch_definition_whole_table("whole").get_batch()
    rule = gx.expectations.UnexpectedRowsExpectation(
        unexpected_rows_query="select * from {batch} where n > 0")
    sa.event.listen(sa.engine.Engine, "after_cursor_execute", count_rows)
    try:
        result = batch.validate(rule, result_format="SUMMARY")
    finally:
        sa.event.remove(sa.engine.Engine, "after_cursor_execute", count_rows)
    assert not result.success
    assert result.result["observed_value"] == FAILING  # counted in full, in SQL
    assert rows_sent and max(rows_sent) == MAX_RESULT_RECORDS
