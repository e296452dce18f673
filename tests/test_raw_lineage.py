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


@pytest.mark.parametrize("staging", ["stg_sp2d__register", "stg_realisasi__dokumen"])
def test_staging_lines_carry_their_file_sha256_and_load_time(nightly_run, warehouse,
                                                              staging):
    [(lines, with_their_file)] = query(warehouse, f"""
        select count(*), count(*) filter (where lines.file_sha256 = files.sha256
                                           and lines.loaded_at = files.received_at)
        from staging.{staging} as lines join raw.files as files using (file_id)""")
    assert lines > 0 and with_their_file == lines
