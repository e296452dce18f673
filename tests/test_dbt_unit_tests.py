"""dbt's unit tests (`unit_tests:` in the models' yml): the models' logic on given rows,
against the session's warehouse (dbt reads the column types of a model's inputs there,
so they run after the session's nightly build). The nightly build itself leaves them
out (pipelines/dbt.py)."""

from pipelines.config import DBT_PROJECT_DIR
from pipelines.dbt_invoke import invoke_dbt


def test_every_dbt_unit_test_passes(nightly_run):
    result = invoke_dbt(["test", "--select", "test_type:unit", "--quiet",
                         "--project-dir", str(DBT_PROJECT_DIR),
                         "--profiles-dir", str(DBT_PROJECT_DIR)])
    outcomes = {r.node.name: (r.status, r.message) for r in result.result or []}
    assert outcomes, f"no unit test ran: {result.exception}"
    failed = {name: outcome for name, outcome in outcomes.items() if outcome[0] != "pass"}
    assert not failed and result.success, failed
