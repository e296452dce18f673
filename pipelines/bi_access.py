"""Read-only access for BI tools: the `marts` schema and nothing else.

A group role, `serapan_bi`, holds the grants; dbt re-grants SELECT on every mart it
builds (`+grants` in dbt_project.yml), so rebuilt tables stay readable. Each BI login
is a member of the group.
"""

from __future__ import annotations

import secrets

from psycopg2 import sql

from pipelines.warehouse import Warehouse

BI_GROUP = "serapan_bi"


def ensure_bi_group(warehouse: Warehouse) -> None:
    """The group role dbt grants to; created once, before the first dbt build."""
    conn = warehouse.connect()
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("select 1 from pg_roles where rolname = %s", (BI_GROUP,))
            if cur.fetchone() is None:
                cur.execute(sql.SQL("create role {} nologin").format(sql.Identifier(BI_GROUP)))
            cur.execute("create schema if not exists marts")
            cur.execute(sql.SQL("grant usage on schema marts to {}").format(
                sql.Identifier(BI_GROUP)))
            cur.execute(sql.SQL("grant select on all tables in schema marts to {}").format(
                sql.Identifier(BI_GROUP)))
    finally:
        conn.close()


def grant_bi(warehouse: Warehouse, user: str, password: str | None = None) -> str:
    """Create (or update) a login that can read the marts; returns its password."""
    password = password or secrets.token_urlsafe(16)
    ensure_bi_group(warehouse)
    conn = warehouse.connect()
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute("select 1 from pg_roles where rolname = %s", (user,))
            verb = "alter" if cur.fetchone() else "create"
            cur.execute(sql.SQL(verb + " role {} login password {}").format(
                sql.Identifier(user), sql.Literal(password)))
            cur.execute(sql.SQL("grant {} to {}").format(
                sql.Identifier(BI_GROUP), sql.Identifier(user)))
            cur.execute(sql.SQL("grant connect on database {} to {}").format(
                sql.Identifier(warehouse.database), sql.Identifier(user)))
            # Every role may connect to every database by default; Dagster's is not for BI.
            cur.execute(sql.SQL("revoke connect on database {} from public").format(
                sql.Identifier(warehouse.dagster_database)))
    finally:
        conn.close()
    return password
