"""The BI login reads every mart and nothing else, and writes nothing."""

import psycopg2
import pytest

from tests.conftest import grant_bi, run_cli
from tests.db import query


@pytest.fixture(scope="module")
def bi_url(nightly_run):
    return grant_bi("metabase")


def test_bi_login_reads_every_mart(bi_url, warehouse):
    marts = [name for (name,) in query(warehouse, """
        select table_name from information_schema.tables where table_schema = 'marts'""")]
    # the old names kept until 0.3.0 too, views over the renamed marts
    assert {"fct_anggaran", "dim_versi_anggaran", "dim_budget_version"} <= set(marts)
    with psycopg2.connect(bi_url) as conn, conn.cursor() as cur:
        for mart in marts:
            cur.execute(f"select count(*) from marts.{mart}")
            assert cur.fetchone()[0] >= 0
    conn.close()


@pytest.mark.parametrize("statement", [
    "select count(*) from raw.files",
    "select count(*) from raw.sp2d_register",
    "select count(*) from staging.stg_sp2d__register",
    "select count(*) from intermediate.int_anggaran__baris",
    "delete from marts.fct_anggaran",
    "insert into marts.dim_versi_anggaran (kode_versi, kode_pemda, versi, berlaku_mulai) "
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


# --- what grant-bi refuses, and the limits it sets ------------------------------------

@pytest.mark.parametrize("role", ["postgres", "serapan_bi", "pg_monitor", "analis",
                                  "kurir_bi"])
def test_grant_bi_leaves_every_role_but_its_own_logins_alone(warehouse, role):
    """The superuser (the warehouse's and Dagster's owner here), serapan's BI group, a
    built-in role, a login someone made by hand, and one made a member of the BI group by
    hand: none gets a new password or is turned into a BI login."""
    warehouse.execute("""
        do $$ begin
            if not exists (select from pg_roles where rolname = 'analis') then
                create role analis login password 'milik-orang-lain';
            end if;
            if not exists (select from pg_roles where rolname = 'kurir_bi') then
                create role kurir_bi login password 'milik-orang-lain' in role serapan_bi;
            end if;
        end $$""")
    before = _role(warehouse, role)

    status, output = run_cli("warehouse", "grant-bi", role, "--password", "dicuri")
    assert status == 1, output
    assert "Gagal / failed:" in output and f"'{role}'" in output
    assert "dicuri" not in output and "postgresql://" not in output
    assert _role(warehouse, role) == before  # password, attributes, comment untouched
    assert warehouse.query("select current_user") == [("postgres",)]  # still its password


def test_grant_bi_renews_the_password_of_its_own_login(warehouse):
    assert run_cli("warehouse", "grant-bi", "superset", "--password", "pertama")[0] == 0
    status, output = run_cli("warehouse", "grant-bi", "superset", "--password", "kedua")
    assert status == 0, output
    url = output.strip().splitlines()[-1]
    assert ":kedua@" in url
    psycopg2.connect(url).close()


def test_bi_login_has_a_statement_timeout_and_a_connection_limit(warehouse):
    status, output = run_cli("warehouse", "grant-bi", "dasbor", "--password", "rahasia",
                             "--statement-timeout", "1s", "--connection-limit", "2")
    assert status == 0, output
    url = output.strip().splitlines()[-1]
    first, second = psycopg2.connect(url), psycopg2.connect(url)
    try:
        with pytest.raises(psycopg2.OperationalError, match="too many connections"):
            psycopg2.connect(url)
        with first.cursor() as cur, pytest.raises(psycopg2.errors.QueryCanceled,
                                                   match="statement timeout"):
            cur.execute("select pg_sleep(3)")
    finally:
        first.close()
        second.close()


def test_bi_login_limits_by_default(warehouse):
    assert run_cli("warehouse", "grant-bi", "looker", "--password", "rahasia")[0] == 0
    [(limit, config)] = query(warehouse, """
        select rolconnlimit, rolconfig from pg_roles where rolname = 'looker'""")
    assert limit == 20
    assert "statement_timeout=5min" in config
    assert "idle_in_transaction_session_timeout=10min" in config


def _role(warehouse, role: str) -> list[tuple]:
    return query(warehouse, """
        select a.rolpassword, r.rolsuper, r.rolcanlogin, r.rolconnlimit, r.rolconfig,
               shobj_description(r.oid, 'pg_authid'),
               pg_has_role(r.oid, 'serapan_bi', 'member')
        from pg_roles r join pg_authid a using (oid) where r.rolname = %s""", (role,))


def test_docs_are_generated_as_one_page(nightly_run):
    from pipelines.config import DBT_TARGET_DIR

    status, output = run_cli("docs")
    assert status == 0, output
    page = (DBT_TARGET_DIR / "static_index.html").read_text()
    assert "fct_anggaran" in page and "dim_versi_anggaran" in page
    # and the GX Data Docs of every suite, validated against the warehouse as it is
    from pipelines.config import settings
    from pipelines.quality.step import suite_names

    index = settings().quality_docs_dir / "index.html"
    assert f"Data Docs GX / quality docs: {index}" in " ".join(output.split())
    assert all(name in index.read_text() for name in suite_names())
