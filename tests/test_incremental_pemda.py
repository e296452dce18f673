"""Tables rebuilt by pemda: with the session's pemda loaded, one pemda's raw data changes,
and `dbt build` runs incrementally for it (`--vars '{pemda: [..]}'`), leaving the views
and seeds as they stand, as a Dagster build run of a pemda does; every intermediate and
mart table must then equal a full rebuild, row for row and to the rupiah, while the rows
of every other pemda were not rewritten. An empty scope changes nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipelines.config import DBT_PROJECT_DIR
from pipelines.dbt import shared_nodes_args
from tests.db import query, run_dbt
from tests.workbooks import budget_row, write_rekap5

pytestmark = pytest.mark.long  # handed out first (tests/conftest.py)

LAYERS = ("intermediate", "marts")
PEMDA = "99.11"  # its own, beside the session's: the other tests' figures stay as they are


# The seeds among those tables (a pemda's settings: thresholds, risk weights) are loaded
# whole by every build that selects them, not rebuilt by pemda.
SEEDS = sorted(path.stem for path in (DBT_PROJECT_DIR / "seeds").rglob("*.csv"))


def incremental_tables(warehouse) -> list[str]:
    return [f"{schema}.{name}" for schema, name in query(warehouse, """
        select table_schema, table_name from information_schema.tables
        where table_schema = any(%s) and table_type = 'BASE TABLE'
            and table_name <> all(%s)
        order by 1, 2""", (list(LAYERS), SEEDS))]


def contents(warehouse, tables: list[str]) -> dict[str, tuple]:
    """Per table: row count and a digest of every row as text (money as written)."""
    return {table: query(warehouse, f"""
        select count(*), md5(coalesce(string_agg(t::text, '|' order by t::text), ''))
        from {table} as t""")[0] for table in tables}


def row_versions(warehouse, tables: list[str]) -> dict[tuple[str, str], tuple]:
    """(table, pemda) -> the transaction ids that wrote its rows, and how many rows."""
    found = {}
    for table in tables:
        for pemda, xmins, rows in query(warehouse, f"""
                select kode_pemda, array_agg(distinct xmin::text order by xmin::text), count(*)
                from {table} group by kode_pemda"""):
            found[(table, pemda)] = (tuple(xmins), rows)
    return found


def build(target: Path, *args: str, pemda: list[str] | None = None) -> None:
    assert run_dbt(target, "build", "--select", *LAYERS, *args, pemda=pemda) == []


def build_as_dagster(target: Path, pemda: list[str]) -> None:
    """As a Dagster build run of `pemda` asks dbt (pipelines/dbt.py, dagster-dbt adding
    `--select fqn:*`): the incremental models and every test, the views and seeds left
    as they stand."""
    assert run_dbt(target, "build", "--exclude-resource-type", "unit_test",
                   *shared_nodes_args(), "--select", "fqn:*", pemda=pemda) == []


@pytest.fixture(scope="module")
def rebuilt(nightly_run, warehouse, tmp_path_factory):
    """The session's tables, then the same after a new budget version of one pemda built
    incrementally, then after a full rebuild."""
    from pipelines.inbox import FileMeta, write_meta
    from pipelines.landing.load import ingest_file

    folder = tmp_path_factory.mktemp("inbox") / "anggaran"
    target = tmp_path_factory.mktemp("dbt_incremental")

    def land(name: str, versi: str, since: date, rows: list) -> None:
        path = write_rekap5(folder / name, rows)
        write_meta(path, FileMeta("anggaran", PEMDA, 2025, versi, since))
        assert ingest_file(warehouse, path).status == "loaded"

    land("murni.xlsx", "murni", date(2025, 1, 2), [budget_row(1, pagu=900_000), budget_row(2)])
    tables = incremental_tables(warehouse)
    build(target)  # the tables as every pemda's sources stand now
    before = row_versions(warehouse, tables)

    # One pemda's budget shifts: a line up, a line added. Every budget model of the
    # pemda changes, and with it its monthly facts and absorption from May on.
    land("pergeseran-1.xlsx", "pergeseran_1", date(2025, 5, 10),
         [budget_row(1, pagu=1_250_000), budget_row(2),
          budget_row(3, rekening="5.1.02.01.01.0025", pagu=333_333.33)])
    build_as_dagster(target, pemda=[PEMDA])
    incremental = contents(warehouse, tables)
    after = row_versions(warehouse, tables)

    build_as_dagster(target, pemda=[])
    untouched = row_versions(warehouse, tables)

    build(target, "--full-refresh")
    return {"tables": tables, "before": before, "after": after, "untouched": untouched,
            "incremental": incremental, "full": contents(warehouse, tables)}


def test_every_table_rebuilt_for_one_pemda_equals_a_full_rebuild(rebuilt):
    assert len(rebuilt["tables"]) >= 20  # every mart and the intermediate tables
    differing = [table for table in rebuilt["tables"]
                 if rebuilt["incremental"][table] != rebuilt["full"][table]]
    assert differing == []


def test_the_pemda_in_scope_is_rebuilt_and_no_other(rebuilt):
    before, after = rebuilt["before"], rebuilt["after"]
    pemda = {key[1] for key in before}
    assert len(pemda) >= 3
    rewritten = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    assert rewritten and {kode for _, kode in rewritten} == {PEMDA}
    # the new version reached the budget facts
    assert ("marts.fct_anggaran", PEMDA) in rewritten
    assert ("marts.fct_anggaran_perubahan", PEMDA) in rewritten


def test_the_new_budget_version_is_counted_to_the_rupiah(rebuilt, warehouse):
    [(lines, total)] = query(warehouse, """
        select count(*), sum(pagu) from marts.fct_anggaran
        where kode_pemda = %s and versi = 'pergeseran_1'""", (PEMDA,))
    assert (lines, str(total)) == (3, "2583333.33")


def test_every_table_built_has_the_statistics_of_its_rows(rebuilt, warehouse):
    """dbt analyzes each table it builds (dbt_project.yml's post-hook), marts included:
    autovacuum would do it later, and a plan made before on other rows can take minutes."""
    analyzed = {name for (name,) in query(warehouse, """
        select schemaname || '.' || relname from pg_stat_user_tables
        where last_analyze is not null""")}
    assert [table for table in rebuilt["tables"] if table not in analyzed] == []


def test_an_empty_scope_changes_nothing(rebuilt):
    assert rebuilt["untouched"] == rebuilt["after"]


def test_a_staging_test_on_an_incremental_build_examines_the_pemda_in_scope(
        nightly_run, warehouse, tmp_path):
    """A staging view's rows of a pemda are its raw rows: with one pemda in scope its
    tests examine that pemda's rows alone, and a fault there still fails them."""
    [(sp2d_pemda,)] = query(warehouse, "select min(kode_pemda) from raw.sp2d_register")
    assert sp2d_pemda != PEMDA
    # an SP2D of the pemda again, on another row of its file: two rows for one number
    duplicate = """insert into raw.sp2d_register
        select (jsonb_populate_record(null::raw.sp2d_register,
                                      to_jsonb(register) || '{"row_number": 99999}')).*
        from raw.sp2d_register as register where kode_pemda = %s
        order by file_id, row_number limit 1 returning file_id"""
    [(file_id,)] = warehouse.query(duplicate, (sp2d_pemda,))

    def failing_tests(scope: list[str] | None) -> list[str]:
        return [failure.split(":")[0] for failure in
                run_dbt(tmp_path, "test", "--select", "stg_sp2d__register", pemda=scope)]

    try:
        in_scope = failing_tests([sp2d_pemda])
        out_of_scope = failing_tests([PEMDA])
        everything = failing_tests(None)
    finally:
        warehouse.execute("delete from raw.sp2d_register where file_id = %s "
                          "and row_number = 99999", (file_id,))
    [unique_test] = in_scope
    assert unique_test.startswith("unique_combination_stg_sp2d__register_kode_pemda")
    assert out_of_scope == []
    assert everything == in_scope
    assert failing_tests(None) == []


def test_a_scope_that_is_not_a_kode_pemda_is_refused(nightly_run, tmp_path):
    """The scope is written into the models' SQL as literals: anything but a kode_pemda
    stops the build before a model runs."""
    [failure] = run_dbt(tmp_path, "run", "--select", "dim_opd", pemda=["99.01' or 'x"])
    assert "kode pemda tidak sah / invalid kode_pemda in var('pemda'): 99.01' or 'x" in failure


def test_a_build_of_some_pemda_leaves_the_views_and_seeds_and_runs_every_test(tmp_path):
    """What a Dagster build run of some pemda asks dbt for: dagster-dbt selects every dbt
    asset with `--select fqn:*` after the arguments serapan gives (pipelines/dbt.py).
    The views and seeds every pemda shares are left as they stand (builds of other pemda
    run beside it); every test still runs, those of the staging views on the pemda in
    scope."""
    import json

    from pipelines.dbt_invoke import invoke_dbt

    def listed(*args: str) -> dict[str, tuple[str, str]]:
        result = invoke_dbt([
            "ls", *args, "--select", "fqn:*", "--exclude-resource-type", "unit_test",
            "--output", "json", "--output-keys", "unique_id", "resource_type", "config",
            "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
            "--target-path", str(tmp_path), "--log-path", str(tmp_path), "--quiet"])
        assert result.success, result.exception
        return {node["unique_id"]: (node["resource_type"], node["config"]["materialized"])
                for node in map(json.loads, result.result)}

    every, scoped = listed(), listed(*shared_nodes_args())
    left = {kind for key, kind in every.items() if key not in scoped}
    assert left == {("model", "view"), ("seed", "seed")}
    assert {kind for kind in scoped.values()} == {("model", "incremental"), ("test", "test")}
    assert [key for key, kind in every.items() if kind[0] == "test"] == [
        key for key, kind in scoped.items() if kind[0] == "test"]
