"""Which pemda the next dbt build rebuilds: `meta.build_scope`, one row per pemda.

Every intermediate and mart table is incremental by pemda: an incremental run deletes
the rows of the pemda listed here and builds them again from their sources, leaving the
other pemda's rows as they are (the `build_scope` macros in dbt_project/macros). Whoever
knows what changed since the last successful build sets the scope before `dbt build`;
`dbt build --full-refresh` (and the first build) rebuilds every pemda whatever it says.
"""

from __future__ import annotations

from pipelines.warehouse import Warehouse

# Every pemda, as the sources stand when the build runs: a pemda whose first files land
# after the scope was set is built too (dbt run by hand after a night, for one).
EVERY_PEMDA = "*"


def set_build_scope(warehouse: Warehouse, pemda: list[str] | None) -> None:
    """Replace the scope: `None` every pemda (a full rebuild), `[]` none (nothing
    changed: an incremental build then leaves every table as it is)."""
    conn = warehouse.connect()
    try:
        with conn, conn.cursor() as cur:
            cur.execute("delete from meta.build_scope")
            if pemda is None:
                cur.execute("insert into meta.build_scope values (%s)", (EVERY_PEMDA,))
            elif pemda:
                cur.execute("insert into meta.build_scope select distinct unnest(%s::text[])",
                            (list(pemda),))
    finally:
        conn.close()

