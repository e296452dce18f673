"""Querying the test warehouse, and running dbt on it."""

import functools
from decimal import Decimal
from pathlib import Path


def query(warehouse, sql: str, params=()) -> list[tuple]:
    conn = warehouse.connect()
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()
    finally:
        conn.close()


def file_totals(path) -> tuple[int, Decimal]:
    """Budgeted lines and PAGU total of a Rekap 5 file, read apart from serapan's reader."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    header = [str(c).strip().upper() for c in rows[0]]
    pagu, rekening = header.index("PAGU"), header.index("KODE REKENING")
    lines = [r for r in rows[1:] if r[rekening] not in ("", None)]
    return len(lines), sum((Decimal(repr(r[pagu])) for r in lines), Decimal(0))


def run_dbt(target: Path, *args: str, pemda: list[str] | None = None) -> list[str]:
    """dbt in process against the session warehouse, its files under `target`, its build
    scoped to `pemda` (every pemda when None); what failed, as dbt says it (empty when
    all went well). The views that stood before stand after: dbt replaces a view by
    dropping it, and PostgreSQL drops the views reading it along, outside the selection
    (a build run builds those again, pipelines/dbt.py shared_nodes_stand; a test's
    selection would leave them missing for the modules after it)."""
    from pipelines.dbt import scope_vars
    from pipelines.warehouse import current

    warehouse = current(start=False)
    views = _views(warehouse)
    result = _invoke(target, [*args, *scope_vars(pemda)])
    if gone := views - _views(warehouse):
        restored = _invoke(target, ["run", "--select", *sorted(gone)])
        assert restored.success, f"views not built again / tidak dibangun lagi: {gone}"
    if result.success:
        return []
    if result.exception is not None:
        return [str(result.exception)]
    return [f"{node.node.name}: {node.message}" for node in result.result
            if node.status in ("error", "fail")]


def _invoke(target: Path, args: list[str]):
    from pipelines.config import DBT_PROJECT_DIR

    return invoke_parsed([
        *args, "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
        "--target-path", str(target), "--log-path", str(target), "--quiet",
    ])


def _views(warehouse) -> set[str]:
    return {name for (name,) in warehouse.query("""
        select table_name from information_schema.views
        where table_schema in ('staging', 'intermediate', 'quality', 'marts')""")}


def invoke_parsed(args: list[str]):
    """dbt in process for `args`, given the project as parsed once a session: dbt skips
    parsing (dbt's "programmatic invocations"), which a new target folder or another
    `pemda` variable would have it do in full, 8 s each time. The models read the variable as
    they compile, not as they are parsed (tests/test_dbt_parse.py): serapan's builds of
    some pemda skip the parse so too (pipelines/dbt_child.py)."""
    from pipelines.dbt_invoke import invoke_dbt

    return invoke_dbt(args, manifest=_parsed_project())


@functools.cache
def _parsed_project():
    import tempfile

    from pipelines.config import DBT_PROJECT_DIR
    from pipelines.dbt_invoke import invoke_dbt

    with tempfile.TemporaryDirectory(prefix="dbt-parse-") as target:
        result = invoke_dbt([
            "parse", "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
            "--target-path", target, "--log-path", target, "--quiet"])
    assert result.success, result.exception
    return result.result


def with_staging_views(warehouse, target: Path) -> None:
    """The staging views, for a module run without the session's nightly run, which
    makes them (the same views); nothing when they are there."""
    if query(warehouse, "select to_regclass('staging.stg_sidak__kunjungan')") == [(None,)]:
        assert run_dbt(target, "run", "--select", "staging") == []


def compiled_test(target: Path) -> str:
    """The select of the masking test as dbt compiled it into `target`: what it found."""
    return (target / "compiled" / "serapan" / "tests" /
            "assert_marts_hold_no_unmasked_personal_data.sql").read_text()
