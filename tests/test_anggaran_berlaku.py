"""The budget in force is one rule with two readers: the checks read the spans of
expectations/sql/_anggaran_berlaku.sql (before dbt runs), the marts those of
int_anggaran__versions. On the session's warehouse (several versions a year, versions of
several years) they agree."""

from __future__ import annotations

from pipelines.config import EXPECTATIONS_DIR
from pipelines.quality.gx_runner import _read_sql
from tests.db import query


def test_the_checks_and_the_marts_hold_the_same_budget_in_force(nightly_run, warehouse):
    spans = _read_sql(EXPECTATIONS_DIR / "anggaran.json", "sql/_anggaran_berlaku.sql", {})
    # no parameters: the rule's SQL has a literal % (like 'pergeseran\_%')
    checks = set(warehouse.query(f"""
        select kode_pemda, tahun, versi, berlaku_mulai, berlaku_sampai
        from ({spans}) as spans
        where kode_pemda in (select kode_pemda from marts.dim_budget_version)"""))
    marts = set(query(warehouse, """
        select kode_pemda, tahun, versi, berlaku_mulai, berlaku_sampai
        from marts.dim_budget_version where tahun is not null"""))
    assert len(marts) >= 10 and any(row[0] == "81.04" for row in marts)
    assert checks == marts
