"""Read-only access for BI tools: the `marts` schema and nothing else.

A group role, `serapan_bi`, holds the grants; dbt re-grants SELECT on every mart it
builds (`+grants` in dbt_project.yml), so rebuilt tables stay readable. Each BI login
is a member of the group and carries BI_LOGIN_COMMENT: `grant-bi` creates such logins and
renews their passwords, and touches no other role (the superuser, serapan's own roles, a
login someone made by hand). Each has a statement timeout, a connection limit and an
idle-in-transaction timeout: a dashboard's runaway query or forgotten transaction must
not hold the connections or the locks the nightly dbt build needs.
"""

from __future__ import annotations

import secrets

from psycopg2 import sql

from pipelines.warehouse import Warehouse

BI_GROUP = "serapan_bi"  # made by migrations/0011_marts_bi_group.sql
BI_LOGIN_COMMENT = "serapan: login BI baca-saja / read-only BI login (serapan warehouse grant-bi)"
STATEMENT_TIMEOUT = "5min"
CONNECTION_LIMIT = 20  # Metabase's pool holds up to 15 connections per database
IDLE_IN_TRANSACTION_TIMEOUT = "10min"


class RefusedRole(ValueError):
    pass


def grant_bi(warehouse: Warehouse, user: str, password: str | None = None,
             statement_timeout: str = STATEMENT_TIMEOUT,
             connection_limit: int = CONNECTION_LIMIT) -> str:
    """Create a login that can read the marts, or renew the password and limits of one
    this function created; returns its password."""
    password = password or secrets.token_urlsafe(16)
    role = sql.Identifier(user)
    conn = warehouse.connect()
    try:
        with conn, conn.cursor() as cur:  # one transaction: checked and changed together
            verb = "alter" if _existing_bi_login(cur, warehouse, user) else "create"
            cur.execute(sql.SQL(verb + " role {} login password {} connection limit {}").format(
                role, sql.Literal(password), sql.Literal(connection_limit)))
            cur.execute(sql.SQL("comment on role {} is {}").format(
                role, sql.Literal(BI_LOGIN_COMMENT)))
            for setting, value in (("statement_timeout", statement_timeout),
                                   ("idle_in_transaction_session_timeout",
                                    IDLE_IN_TRANSACTION_TIMEOUT)):
                cur.execute(sql.SQL("alter role {} set {} = {}").format(
                    role, sql.Identifier(setting), sql.Literal(value)))
            cur.execute(sql.SQL("grant {} to {}").format(sql.Identifier(BI_GROUP), role))
            cur.execute(sql.SQL("grant connect on database {} to {}").format(
                sql.Identifier(warehouse.database), role))
            # Every role may connect to every database by default; Dagster's is not for BI.
            cur.execute(sql.SQL("revoke connect on database {} from public").format(
                sql.Identifier(warehouse.dagster_database)))
    finally:
        conn.close()
    return password


def _existing_bi_login(cur, warehouse: Warehouse, user: str) -> bool:
    """Whether `user` is a BI login made here (False: it does not exist yet); refuses
    serapan's own roles, the owners of its databases, reserved names and every other
    existing role."""
    cur.execute("select pg_get_userbyid(datdba) from pg_database where datname in (%s, %s)",
                (warehouse.database, warehouse.dagster_database))
    own = {warehouse.user, BI_GROUP} | {owner for (owner,) in cur.fetchall()}
    if user in own or user.startswith("pg_"):
        raise RefusedRole(
            f"'{user}' adalah peran milik serapan atau PostgreSQL; grant-bi tidak "
            f"mengubahnya / is a role of serapan's or PostgreSQL's own, which grant-bi "
            "leaves alone: pilih nama lain / pick another name")
    cur.execute("""
        select rolsuper or rolcreaterole or rolcreatedb or rolreplication or rolbypassrls,
               coalesce(shobj_description(oid, 'pg_authid'), '') = %s
               and pg_has_role(oid, %s, 'member')
        from pg_roles where rolname = %s""", (BI_LOGIN_COMMENT, BI_GROUP, user))
    row = cur.fetchone()
    if row is None:
        return False
    privileged, made_here = row
    if privileged or not made_here:
        raise RefusedRole(
            f"peran '{user}' sudah ada dan bukan login BI buatan grant-bi / role '{user}' "
            "exists and is not a BI login made by grant-bi: pilih nama lain / pick another name")
    return True
