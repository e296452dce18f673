"""Querying the test warehouse, and running dbt on it."""

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
    all went well)."""
    from dbt.cli.main import dbtRunner

    from pipelines.config import DBT_PROJECT_DIR
    from pipelines.dbt import scope_vars

    result = dbtRunner().invoke([
        *args, *scope_vars(pemda), "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
        "--target-path", str(target), "--log-path", str(target), "--quiet",
    ])
    if result.success:
        return []
    if result.exception is not None:
        return [str(result.exception)]
    return [f"{node.node.name}: {node.message}" for node in result.result
            if node.status in ("error", "fail")]


def with_staging_views(warehouse, target: Path) -> None:
    """The staging views, for a module run without the session's nightly run, which
    makes them (the same views); nothing when they are there."""
    if query(warehouse, "select to_regclass('staging.stg_sidak__kunjungan')") == [(None,)]:
        assert run_dbt(target, "run", "--select", "staging") == []


def compiled_test(target: Path) -> str:
    """The select of the masking test as dbt compiled it into `target`: what it found."""
    return (target / "compiled" / "serapan" / "tests" /
            "assert_marts_hold_no_unmasked_personal_data.sql").read_text()
