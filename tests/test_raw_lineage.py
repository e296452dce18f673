"""Raw rows keep the file they came from. The cash plan and realization tables have no
foreign key checked row by row (it cost a third of their COPY); a trigger on raw.files
refuses to delete a file that still has rows there instead."""

from __future__ import annotations

from datetime import date

import psycopg2
import pytest

from tests.db import query

PEMDA = "99.32"
TABLES = {"rak": "rak_anggaran_kas", "realisasi": "realisasi_dokumen"}


def write_file(source: str, folder):
    from pipelines.inbox import FileMeta, write_meta
    from pipelines.sample.realisasi_dokumen import write_realisasi_dokumen
    from tests import workbooks_rak as rak
    from tests.workbooks_realisasi_dokumen import line

    if source == "rak":
        path = rak.write_rak(folder / "rak" / "rak.xlsx", [rak.rak_line()])
    else:
        path = write_realisasi_dokumen(folder / "realisasi" / "dokumen.xlsx",
                                       [line(1, 250_000, tanggal=date(2025, 3, 14))])
    write_meta(path, FileMeta(source, PEMDA, 2025))
    return path


@pytest.mark.parametrize("source", TABLES)
def test_a_file_with_rows_cannot_be_deleted(warehouse, tmp_path, source):
    from pipelines.landing.load import ingest_file

    outcome = ingest_file(warehouse, write_file(source, tmp_path))
    assert outcome.status == "loaded" and outcome.rows > 0
    table = f"raw.{TABLES[source]}"
    conn = warehouse.connect()
    try:
        with pytest.raises(psycopg2.errors.ForeignKeyViolation,
                           match=f"raw.files {outcome.file_id} still has rows in {table}"):
            with conn, conn.cursor() as cur:
                cur.execute("delete from raw.files where file_id = %s", (outcome.file_id,))
        assert query(warehouse, f"select count(*) from {table} where file_id = %s",
                     (outcome.file_id,)) == [(outcome.rows,)]
        # Its rows gone, the file goes (and leaves the session's warehouse as it was).
        with conn, conn.cursor() as cur:
            cur.execute(f"delete from {table} where file_id = %s", (outcome.file_id,))
            cur.execute("delete from raw.files where file_id = %s", (outcome.file_id,))
    finally:
        conn.close()
    assert query(warehouse, "select count(*) from raw.files where kode_pemda = %s",
                 (PEMDA,)) == [(0,)]


def test_a_warehouse_made_with_the_foreign_keys_loses_them(warehouse):
    from pipelines.landing.load import ensure_raw_schema

    conn = warehouse.connect()
    try:
        with conn, conn.cursor() as cur:  # as a warehouse made before has it
            cur.execute("""
                alter table raw.rak_anggaran_kas add constraint rak_anggaran_kas_file_id_fkey
                foreign key (file_id) references raw.files (file_id)""")
    finally:
        conn.close()
    ensure_raw_schema(warehouse)
    assert query(warehouse, """
        select conrelid::regclass::text from pg_constraint
        where contype = 'f' and conrelid = 'raw.rak_anggaran_kas'::regclass""") == []


LINE_TABLES = ("anggaran_rekap5", "rak_anggaran_kas", "realisasi_dokumen", "rfk_laporan",
               "sp2d_register")


def test_a_warehouse_whose_lines_repeat_their_file_loses_those_columns(warehouse):
    """Lines of a warehouse made before carried their file's sha256 and load time; the
    columns go, with a view that reads them (as dbt's staging views did)."""
    from pipelines.landing.load import ensure_raw_schema

    conn = warehouse.connect()
    try:
        with conn, conn.cursor() as cur:
            for table in LINE_TABLES:
                cur.execute(f"alter table raw.{table} add column file_sha256 text, "
                            "add column loaded_at timestamptz default now()")
            cur.execute("create view public.lines_with_their_file as "
                        "select file_sha256, loaded_at from raw.sp2d_register")
    finally:
        conn.close()
    ensure_raw_schema(warehouse)
    assert query(warehouse, """
        select attrelid::regclass::text, attname from pg_attribute
        where attrelid = any(%s::regclass[]) and attname in ('file_sha256', 'loaded_at')
            and not attisdropped""", ([f"raw.{table}" for table in LINE_TABLES],)) == []
    assert query(warehouse, "select to_regclass('public.lines_with_their_file')") == [(None,)]


@pytest.mark.parametrize("staging", ["stg_sp2d__register", "stg_realisasi__dokumen"])
def test_staging_lines_carry_their_file_sha256_and_load_time(nightly_run, warehouse,
                                                              staging):
    [(lines, with_their_file)] = query(warehouse, f"""
        select count(*), count(*) filter (where lines.file_sha256 = files.sha256
                                           and lines.loaded_at = files.received_at)
        from staging.{staging} as lines join raw.files as files using (file_id)""")
    assert lines > 0 and with_their_file == lines
