"""The warehouse's schema from numbered migrations (pipelines/migrations.py), in databases
of their own on the session's server: a fresh warehouse ends where the nightly DDL of
before left one (tests/data/warehouse_before_migrations.sql, made by that code), a
warehouse made then is baselined keeping its rows, each migration is applied once."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path

import psycopg2
import pytest

from pipelines.config import MIGRATIONS_DIR
from pipelines.migrations import (
    APPLIED, BASELINE_VERSION, CHANGED, MISSING, OUT_OF_ORDER, MigrationError, migrate,
    migrations_in, status)
from pipelines.warehouse import with_database
from tests.conftest import run_cli
from tests.db import query

BEFORE_MIGRATIONS = Path(__file__).parent / "data" / "warehouse_before_migrations.sql"
SCHEMAS = ("raw", "quality", "meta", "notify", "marts")
VERSION_TABLE = "meta.schema_migrations"


def new_database(warehouse, name: str):
    conn = warehouse.connect("postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            cur.execute(f"drop database if exists {name} with (force)")
            cur.execute(f"create database {name}")
    finally:
        conn.close()
    return with_database(warehouse, name)


def made_before_migrations(warehouse, name: str):
    """A database whose schema the nightly DDL of before made."""
    wh = new_database(warehouse, name)
    wh.execute(BEFORE_MIGRATIONS.read_text())
    return wh


def schema_of(wh, positions: bool = True) -> dict[str, set]:
    """serapan's schemas as the catalog describes them: columns (in their order, unless
    `positions` is False), constraints, indexes, triggers, functions, views, comments,
    sequences and the schemas' privileges."""
    listed = "(" + ", ".join(f"'{schema}'" for schema in SCHEMAS) + ")"
    position = ("row_number() over (partition by table_schema, table_name "
                "order by ordinal_position)" if positions else "0")
    catalog = {
        "columns": f"""
            select table_schema || '.' || table_name, {position}, column_name, data_type,
                character_maximum_length, numeric_precision, numeric_scale, is_nullable,
                column_default
            from information_schema.columns where table_schema in {listed}""",
        "constraints": f"""
            select conrelid::regclass::text, conname, pg_get_constraintdef(oid)
            from pg_constraint where connamespace::regnamespace::text in {listed}""",
        "indexes": f"""
            select schemaname || '.' || tablename, indexname, indexdef
            from pg_indexes where schemaname in {listed}""",
        "triggers": f"""
            select tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) from pg_trigger
            where not tgisinternal
                and tgrelid::regclass::text ~ '^({"|".join(SCHEMAS)})\\.'""",
        "functions": f"""
            select pronamespace::regnamespace::text || '.' || proname,
                pg_get_function_identity_arguments(oid), pg_get_functiondef(oid)
            from pg_proc where pronamespace::regnamespace::text in {listed}""",
        "views": f"""
            select schemaname || '.' || viewname, definition
            from pg_views where schemaname in {listed}""",
        "comments": f"""
            select objoid::regclass::text, coalesce((
                    select attname from pg_attribute
                    where attrelid = objoid and attnum = objsubid), ''), description
            from pg_description
            where classoid = 'pg_class'::regclass
                and objoid::regclass::text ~ '^({"|".join(SCHEMAS)})\\.'""",
        "sequences": f"""
            select schemaname || '.' || sequencename, data_type::text, increment_by
            from pg_sequences where schemaname in {listed}""",
        "privileges": f"""
            select nspname, nspacl::text from pg_namespace where nspname in {listed}""",
    }
    described = {kind: set(query(wh, sql.replace("%", "%%"))) for kind, sql in catalog.items()}
    # the version table is the migrations' own
    return {kind: {row for row in rows if not str(row[0]).startswith(VERSION_TABLE)}
            for kind, rows in described.items()}


@pytest.fixture(scope="module")
def fresh(warehouse):
    wh = new_database(warehouse, "migrasi_baru")
    applied = migrate(wh)
    return wh, applied


@pytest.fixture(scope="module")
def fresh_schema(fresh):
    return schema_of(fresh[0])


def test_a_fresh_warehouse_has_the_schema_the_nightly_ddl_made(fresh, warehouse, tmp_path):
    """pg_dump of a warehouse migrated up to the baseline against pg_dump of one the
    nightly DDL made: every table, column, constraint, index, trigger, function, view,
    comment and grant. (The migrations after the baseline add to it.)"""
    _, applied = fresh
    assert applied == [migration.name for migration in migrations_in()]
    wh = new_database(warehouse, "migrasi_sampai_baseline")
    migrate(wh, baseline_folder(tmp_path / "migrations"))
    # The views and functions of the repeatable files are replaced whole whenever their
    # file changes, on a warehouse of before as on any other: its dump is compared with
    # them as they are now.
    made_before = made_before_migrations(warehouse, "ddl_malam_sebelum")
    for migration in migrations_in():
        if migration.version is None:
            made_before.execute(migration.sql)
    before = pg_dump(made_before)
    # The helper the nightly DDL made its triggers with, where missing, is not needed.
    helper = re.search(r"CREATE FUNCTION raw\.keep_files_with_rows_of\(.*?\$\$;\n", before,
                       re.DOTALL)
    assert helper is not None
    assert statements(pg_dump(wh)) == statements(before.replace(helper.group(0), ""))


def pg_dump(wh) -> str:
    """The warehouse's schema as pg_dump writes it, without the version table."""
    from pipelines.warehouse import _postgres_bin

    return subprocess.run(
        [str(_postgres_bin() / "pg_dump"), "--schema-only", "--no-owner",
         f"--exclude-table={VERSION_TABLE}", "--dbname", wh.libpq_url()],
        capture_output=True, text=True, check=True).stdout


def statements(dump: str) -> list[str]:
    """A dump's lines without its comments, blank lines and psql's \\restrict lines."""
    return [line for line in dump.splitlines()
            if line.strip() and not line.startswith(("--", "\\"))]


def test_migrating_again_applies_nothing(fresh, fresh_schema):
    wh, _ = fresh
    recorded = query(wh, f"select name, sha256, applied_at from {VERSION_TABLE} order by name")
    assert migrate(wh) == []
    assert query(wh, f"select name, sha256, applied_at from {VERSION_TABLE} "
                     "order by name") == recorded
    assert schema_of(wh) == fresh_schema
    states, made_before = status(wh)
    assert {state.state for state in states} == {APPLIED} and not made_before


ROWS = """
    insert into raw.files (file_id, sha256, source, kode_pemda, tahun, original_name,
                           archive_path, meta, status, rows_loaded, error)
    values (1, 'a1', 'rak', '99.09', 2025, 'rak.xlsx', '-', '{}', 'loaded', 1, null),
           (2, 'b2', 'rfk', null, null, 'rfk.xlsx', '-', '{}', 'quarantined', 0, 'rusak');
    select setval('raw.files_file_id_seq', 2);
    insert into raw.rak_anggaran_kas (file_id, kode_pemda, tahun, sheet, row_number, bulan,
                                      kode_skpd, kode_sub_kegiatan, kode_rekening, nilai)
    values (1, '99.09', 2025, 'RAK', 5, 3, '1.02.0.00.0.00.01.0000', '1.02.02.2.01.0001',
            '5.1.02.01.01.0024', 1250000.50);
    insert into raw.rfk_laporan (file_id, kode_pemda, kode_opd, tahun, sheet, row_number,
                                 periode, realisasi_keuangan, layout, satuan_uang)
    values (1, '99.09', '1.02.0.00.0.00.01.0000', 2025, 'FORM', 9, '2025-03-01', 300000,
            'form_rfk', 'ribu rupiah');
    insert into quality.flags (suite, rule_id, severity, source, kode_pemda, file_id, pesan)
    values ('rak', 'RAK-001', 'error', 'rak', '99.09', 1, 'salah');
    insert into meta.watermarks (consumer, last_file_id, fingerprint, last_redo_id)
    values ('dbt', 1, 'f', 0);
    insert into notify.peringatan_terkirim (kode_pemda, bulan, saluran, sha256)
    values ('99.09', '2025-03-01', 'email', 'c3');
"""


# Tables a later migration drops: what they held now lives elsewhere (0015: Dagster's
# build runs, pipelines/build_plan.py).
DROPPED_TABLES = {"meta.build_scope", "meta.watermarks"}


def rows_of(wh) -> dict[str, list[dict]]:
    tables = query(wh, f"""
        select table_schema || '.' || table_name from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema in {"('raw', 'quality', 'meta', 'notify')"}
            and table_schema || '.' || table_name <> '{VERSION_TABLE}'""")
    return {table: [row for (row,) in query(wh, f"select to_jsonb(t) from {table} as t")]
            for (table,) in tables}


def in_columns_of(rows: list[dict], before: list[dict]) -> list[str]:
    """The rows in the columns the rows of before have (later migrations add columns), in
    one order."""
    columns = {column for row in before for column in row}
    return sorted(json.dumps({column: row[column] for column in columns}, sort_keys=True)
                  for row in rows)


def test_a_warehouse_made_before_is_baselined_keeping_its_rows(warehouse, fresh_schema):
    wh = made_before_migrations(warehouse, "migrasi_sebelum")
    wh.execute(ROWS)
    rows = rows_of(wh)
    assert status(wh)[1]  # made before: the next migrate baselines it

    applied = migrate(wh)
    assert applied == [migration.name for migration in migrations_in()]
    after = rows_of(wh)
    assert set(rows) - set(after) == DROPPED_TABLES
    kept = {table: before for table, before in rows.items() if table not in DROPPED_TABLES}
    assert {table: in_columns_of(after[table], before) for table, before in kept.items()} == \
        {table: in_columns_of(before, before) for table, before in kept.items()}
    assert all(after[table] == [] for table in set(after) - set(rows))  # the later tables
    assert schema_of(wh) == fresh_schema
    assert query(wh, f"select version, baseline from {VERSION_TABLE} "
                     "where version is not null order by version") == [
        (version, True) for version in range(1, BASELINE_VERSION + 1)] + [
        (migration.version, False) for migration in migrations_in()
        if migration.version is not None and migration.version > BASELINE_VERSION]
    assert migrate(wh) == []
    # the trigger that stands for the foreign key still keeps a file with rows
    with pytest.raises(psycopg2.errors.ForeignKeyViolation,
                       match="still has rows in raw.rak_anggaran_kas"):
        wh.execute("delete from raw.files where file_id = 1")


LINE_TABLES = ("anggaran_rekap5", "rak_anggaran_kas", "realisasi_dokumen", "rfk_laporan",
               "sp2d_register")


def test_a_warehouse_of_older_releases_is_brought_up_to_date(warehouse, fresh):
    """Shapes the nightly DDL of before still upgraded: a manifest of before retries and
    withdrawals (one row per bytes, no 'retried', a pemda always), cash plan lines with a
    foreign key and without the real export's figures, lines repeating their file's
    sha256 and load time (with a view reading them, as dbt's staging did), OPD reports
    without the forms' columns, the cumulative realization layout, flags holding amounts
    back, watermarks without redo."""
    wh = made_before_migrations(warehouse, "migrasi_lama")
    wh.execute("".join(f"alter table raw.{table} add column file_sha256 text, "
                       "add column loaded_at timestamptz default now();"
                       for table in LINE_TABLES))
    wh.execute("""
        drop index raw.files_sha256_source_in_force;
        alter table raw.files
            drop column sidecar_sha256, drop column retried_by, drop column withdrawn_at,
            drop column withdrawn_reason, alter column kode_pemda set not null,
            drop constraint files_status_check,
            add constraint files_status_check
                check (status in ('loaded', 'quarantined', 'superseded')),
            add constraint files_sha256_source_key unique (sha256, source);
        insert into raw.files (sha256, source, kode_pemda, original_name, archive_path,
                               meta, status, error)
        values ('abc', 'rfk', '99.46', 'x.xlsx', '-', '{}', 'quarantined', 'lama');

        alter table raw.rak_anggaran_kas
            drop column total_rak, drop column selisih, drop column nilai_realisasi,
            drop column triwulan,
            add constraint rak_anggaran_kas_file_id_fkey
                foreign key (file_id) references raw.files (file_id);
        alter table raw.rfk_laporan drop column satuan_uang, drop column layout;
        create view public.lines_with_their_file as
            select file_sha256, loaded_at from raw.sp2d_register;

        create table raw.realisasi_laporan (file_id bigint);
        create function raw.realisasi_per_dokumen(text, integer) returns integer
            language sql as 'select 1';
        create trigger keep_files_with_realisasi_rows before delete on raw.files
            for each row execute function raw.keep_files_with_rows('raw.realisasi_laporan');

        alter table quality.flags add column ditahan_kumulatif numeric,
            add column ditahan_sampai date;
        alter table meta.watermarks drop column last_redo_id;""")

    migrate(wh)
    # what was dropped and added back is at the end of its table: the columns alike,
    # not their order
    assert schema_of(wh, positions=False) == schema_of(fresh[0], positions=False)
    assert query(wh, "select to_regclass('public.lines_with_their_file')") == [(None,)]
    assert query(wh, "select sha256, status, error, sidecar_sha256, retried_by "
                     "from raw.files") == [("abc", "quarantined", "lama", None, None)]
    wh.execute("update raw.files set status = 'retried'")
    wh.execute("update raw.files set status = 'withdrawn', kode_pemda = null")


@pytest.fixture
def folder(tmp_path) -> Path:
    """A copy of migrations/ as of the baseline (the numbered files after it left out),
    to change."""
    return baseline_folder(tmp_path / "migrations")


def baseline_folder(path: Path) -> Path:
    """migrations/ without the numbered files after BASELINE_VERSION, copied to path."""
    def after_baseline(_, names):
        return [name for name in names if name[:4].isdigit() and int(name[:4]) > BASELINE_VERSION]

    return Path(shutil.copytree(MIGRATIONS_DIR, path, ignore=after_baseline))


def test_a_changed_migration_is_refused_naming_it(warehouse, folder):
    wh = new_database(warehouse, "migrasi_berubah")
    migrate(wh, folder)
    rak = folder / "0003_raw_rak.sql"
    rak.write_text(rak.read_text().replace("triwulan           numeric(20, 2),",
                                           "triwulan           numeric(20, 2),\n    catatan text,"))
    (folder / "0012_contoh.sql").write_text("create table raw.contoh (id integer);")

    with pytest.raises(MigrationError, match=r"0003_raw_rak\.sql sudah diterapkan tetapi isinya "
                       r"berubah / was applied but its file has changed"):
        migrate(wh, folder)
    assert query(wh, "select to_regclass('raw.contoh')") == [(None,)]  # nothing applied
    states = {state.name: state.state for state in status(wh, folder)[0]}
    assert states["0003_raw_rak.sql"] == CHANGED


def test_an_applied_migration_missing_or_a_new_one_numbered_below_is_refused(warehouse, folder):
    wh = new_database(warehouse, "migrasi_hilang")
    (folder / "0013_kedua.sql").write_text("create table raw.kedua (id integer);")
    migrate(wh, folder)
    (folder / "0013_kedua.sql").unlink()
    (folder / "0012_pertama.sql").write_text("create table raw.pertama (id integer);")

    with pytest.raises(MigrationError) as refused:
        migrate(wh, folder)
    assert "0013_kedua.sql sudah diterapkan di gudang ini tetapi tidak ada" in str(refused.value)
    assert "0012_pertama.sql bernomor di bawah migrasi yang sudah diterapkan" in str(
        refused.value)
    states = {state.name: state.state for state in status(wh, folder)[0]}
    assert (states["0013_kedua.sql"], states["0012_pertama.sql"]) == (MISSING, OUT_OF_ORDER)


def test_each_migration_has_a_transaction_of_its_own(warehouse, folder):
    wh = new_database(warehouse, "migrasi_gagal")
    migrate(wh, folder)
    (folder / "0012_baik.sql").write_text("create table raw.baik (id integer);")
    (folder / "0013_rusak.sql").write_text("create table raw.rusak (id integer);\n"
                                           "select 1 / 0;")

    with pytest.raises(MigrationError, match=r"0013_rusak\.sql gagal / failed: division by zero"):
        migrate(wh, folder)
    assert query(wh, "select to_regclass('raw.baik') is not null, "
                     "to_regclass('raw.rusak') is not null") == [(True, False)]
    (folder / "0013_rusak.sql").write_text("create table raw.rusak (id integer);")
    assert migrate(wh, folder) == ["0013_rusak.sql"]


def test_a_migration_added_after_the_baseline_is_applied_once(warehouse, folder):
    """A column added later (to the OPD reports, say) is a numbered file of its own:
    a warehouse made before gets it after its baseline, as a fresh one does."""
    wh = made_before_migrations(warehouse, "migrasi_sesudah")
    (folder / "0012_rfk_laporan_contoh.sql").write_text(
        "alter table raw.rfk_laporan add column contoh text;")
    assert "0012_rfk_laporan_contoh.sql" in migrate(wh, folder)
    assert query(wh, f"select baseline from {VERSION_TABLE} "
                     "where name = '0012_rfk_laporan_contoh.sql'") == [(False,)]
    assert query(wh, "select count(*) from information_schema.columns "
                     "where table_name = 'rfk_laporan' and column_name = 'contoh'") == [(1,)]
    assert migrate(wh, folder) == []


def test_a_repeatable_file_is_applied_again_when_it_changes(warehouse, folder):
    wh = new_database(warehouse, "migrasi_ulang")
    migrate(wh, folder)
    fold = folder / "R__raw_fold.sql"
    fold.write_text(fold.read_text().replace("select nullif(upper(regexp_replace(nomor,",
                                             "select nullif(lower(regexp_replace(nomor,"))
    assert migrate(wh, folder) == ["R__raw_fold.sql"]
    assert query(wh, "select raw.fold_nomor_sp2d(' 12/SP2D ')") == [("12/sp2d",)]
    assert migrate(wh, folder) == []


def test_two_processes_migrating_at_once_apply_each_migration_once(warehouse):
    wh = new_database(warehouse, "migrasi_serentak")
    start = threading.Barrier(4)
    applied, failed = [], []

    def migrate_at_once():
        start.wait()
        try:
            applied.extend(migrate(wh))
        except Exception as exc:  # noqa: BLE001 - every failure is the test's finding
            failed.append(exc)

    threads = [threading.Thread(target=migrate_at_once) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failed == []
    assert sorted(applied) == sorted(migration.name for migration in migrations_in())
    assert query(wh, f"select count(*) from {VERSION_TABLE}") == [(len(migrations_in()),)]


@pytest.mark.parametrize("name", ["0012-contoh.sql", "catatan.txt", "0003_lagi.sql"])
def test_a_file_that_is_no_migration_is_refused_naming_it(folder, name):
    (folder / name).write_text("select 1;")
    with pytest.raises(MigrationError, match=name.replace(".", r"\.")):
        migrations_in(folder)


def test_the_commands_say_the_schema_is_up_to_date(warehouse):
    for command in ("start", "migrate"):
        status_code, output = run_cli("warehouse", command)
        assert status_code == 0, output
        assert "Skema gudang sudah terbaru / the warehouse's schema is up to date" in output
    status_code, output = run_cli("warehouse", "status")
    assert status_code == 0, output
    assert "0001_raw_files.sql" in output and "diterapkan / applied" in output


def test_a_dagster_run_migrates_before_its_first_step(warehouse):
    """A run the schedule starts in `serapan dev` runs the code as it is now: the warehouse
    resource applies what that code brought since `serapan dev` started (here a
    repeatable file, as if changed)."""
    import dagster as dg

    from pipelines.resources import WarehouseResource

    fold = f"select count(*) from {VERSION_TABLE} where name = 'R__raw_fold.sql'"
    warehouse.execute(f"delete from {VERSION_TABLE} where name = 'R__raw_fold.sql'")
    assert query(warehouse, fold) == [(0,)]
    # configured with the values its EnvVars read in a run
    resource = WarehouseResource(home=os.environ["SERAPAN_HOME"],
                                 port=os.environ["SERAPAN_PG_PORT"])

    @dg.asset(required_resource_keys={"warehouse"})
    def step(context):
        assert query(context.resources.warehouse.get(), fold) == [(1,)]

    # a run (a context without one is a sensor's tick: no lock, no migration)
    with dg.DagsterInstance.ephemeral() as instance:
        assert dg.materialize([step], resources={"warehouse": resource},
                              instance=instance).success
