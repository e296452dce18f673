"""The BI login reads every mart and nothing else, and writes nothing."""

import psycopg2
import pytest

from tests.conftest import run_cli
from tests.db import query


@pytest.fixture(scope="module")
def bi_url(nightly_run):
    status, output = run_cli("warehouse", "grant-bi", "metabase", "--password", "rahasia-bi")
    assert status == 0, output
    return output.strip().splitlines()[-1]


def test_bi_login_reads_every_mart(bi_url, warehouse):
    marts = [name for (name,) in query(warehouse, """
        select table_name from information_schema.tables where table_schema = 'marts'""")]
    assert {"fct_anggaran", "dim_budget_version"} <= set(marts)
    with psycopg2.connect(bi_url) as conn, conn.cursor() as cur:
        for mart in marts:
            cur.execute(f"select count(*) from marts.{mart}")
            assert cur.fetchone()[0] >= 0
    conn.close()


@pytest.mark.parametrize("statement", [
    "select count(*) from raw.files",
    "select count(*) from raw.sp2d_rincian",
    "select count(*) from staging.stg_sp2d__rincian",
    "select count(*) from intermediate.int_anggaran__lines",
    "delete from marts.fct_anggaran",
    "insert into marts.dim_budget_version (version_key, kode_pemda, versi, berlaku_mulai) "
    "values ('x', 'x', 'x', current_date)",
    "create table marts.coba (x int)",
])
def test_bi_login_is_refused_outside_reading_the_marts(bi_url, statement):
    conn = psycopg2.connect(bi_url)
    try:
        with conn.cursor() as cur, pytest.raises(psycopg2.errors.InsufficientPrivilege):
            cur.execute(statement)
    finally:
        conn.close()


def test_bi_login_cannot_open_dagsters_database(bi_url):
    dagster_url = bi_url.rsplit("/", 1)[0] + "/dagster"
    with pytest.raises(psycopg2.OperationalError, match="permission denied"):
        psycopg2.connect(dagster_url)


def test_docs_are_generated_as_one_page(nightly_run):
    from pipelines.config import DBT_PROJECT_DIR

    status, output = run_cli("docs")
    assert status == 0, output
    page = (DBT_PROJECT_DIR / "target" / "static_index.html").read_text()
    assert "fct_anggaran" in page and "dim_budget_version" in page
    # and the GX Data Docs of every suite, validated against the warehouse as it is
    from pipelines.config import settings
    from pipelines.quality.step import suite_names

    index = settings().quality_docs_dir / "index.html"
    assert f"Data Docs GX / quality docs: {index}" in " ".join(output.split())
    assert all(name in index.read_text() for name in suite_names())
