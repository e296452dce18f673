"""A file's pemda is never guessed: given, named by the file, or configured, and always a
pemda of the Kemendagri list; a file landed for the wrong pemda is withdrawn, and its rows
leave every mart on the next run while its bytes stay in the archive."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipelines.inbox import FileMeta, MetadataError, read_meta, sidecar_path
from pipelines.pemda import (code_of, government_named_in, government_title, known_pemda,
                             with_pemda)
from tests import workbooks_sp2d_register as registers
from tests.conftest import run_cli
from tests.db import query

pytestmark = pytest.mark.long  # handed out first (tests/conftest.py)

WRONG_PEMDA, RIGHT_PEMDA = "99.61", "99.62"  # the withdrawal's pemda; no other test's


# --- the list and what files name ---------------------------------------------------------


def test_codes_are_checked_against_the_kemendagri_list():
    assert known_pemda("81.04", "x") == "81.04"
    assert known_pemda("51", "x") == "51"  # Provinsi Bali
    for wrong in ("00.00", "81.99", "81.4", " 81.04"):
        with pytest.raises(MetadataError, match="daftar Kemendagri"):
            known_pemda(wrong, "f.xlsx.meta.json")
    with pytest.raises(MetadataError, match="harus teks"):
        known_pemda(81.1, "f.xlsx.meta.json")  # "kode_pemda": 81.10 in JSON


@pytest.mark.parametrize("title, kode", [
    ("PEMERINTAH KABUPATEN BURU", "81.04"),
    ("Pemerintah Kab. Buru", "81.04"),
    ("PEMERINTAH KOTA AMBON", "81.71"),
    ("PEMERINTAH PROVINSI BALI", "51"),
    ("PEMERINTAH DAERAH KOTA BANJARMASIN", "63.71"),
])
def test_a_title_row_names_its_pemda(title, kode):
    named = government_named_in(["LAPORAN REALISASI ANGGARAN", title, "PERIODE 1 JANUARI 2025"])
    assert code_of(named) == kode


def test_titles_naming_no_pemda_or_two_are_told_apart():
    assert government_named_in(["LAPORAN REALISASI ANGGARAN", "PERIODE 1 JANUARI 2025"]) is None
    assert code_of(government_named_in(["PEMERINTAH KABUPATEN TOBA SAMOSIR"])) is None
    with pytest.raises(MetadataError, match="beberapa pemda"):
        government_named_in(["PEMERINTAH KABUPATEN BURU", "PEMERINTAH KOTA AMBON"])


def test_the_pemda_is_the_sidecars_else_the_files_else_the_default(tmp_path, monkeypatch):
    path = tmp_path / "laporan.xlsx"
    monkeypatch.delenv("SERAPAN_KODE_PEMDA", raising=False)
    meta = FileMeta("realisasi")
    buru = lambda p: "KABUPATEN BURU"  # noqa: E731
    assert with_pemda(meta, path, buru).kode_pemda == "81.04"
    assert with_pemda(FileMeta("realisasi", "81.04"), path, buru).kode_pemda == "81.04"
    with pytest.raises(MetadataError, match="sidecar menyebut pemda 81.71"):
        with_pemda(FileMeta("realisasi", "81.71"), path, buru)
    with pytest.raises(MetadataError, match="pemda tidak diketahui.*--pemda"):
        with_pemda(meta, path, lambda p: None)
    # A name the list does not know (Toba's name before 2020) tells nothing, and
    # contradicts no sidecar.
    toba_samosir = lambda p: "KABUPATEN TOBA SAMOSIR"  # noqa: E731
    with pytest.raises(MetadataError, match="'Kabupaten Toba Samosir'.*tidak ada di daftar"):
        with_pemda(meta, path, toba_samosir)
    assert with_pemda(FileMeta("realisasi", "12.12"), path, toba_samosir).kode_pemda == "12.12"
    monkeypatch.setenv("SERAPAN_KODE_PEMDA", "81.04")
    assert with_pemda(meta, path, None).kode_pemda == "81.04"
    monkeypatch.setenv("SERAPAN_KODE_PEMDA", "00.00")
    with pytest.raises(MetadataError, match="SERAPAN_KODE_PEMDA"):
        with_pemda(meta, path, None)


# --- sidecars: each field of the right type, or the sidecar names the field --------------


@pytest.mark.parametrize("text, problem", [
    ('{"source": "anggaran", "tahun": "abc", "versi": "murni", "tanggal_versi": "2025-01-02"}',
     "tahun harus"),
    ('{"source": "anggaran", "versi": "murni", "tanggal_versi": 20250901}', "tanggal_versi harus"),
    ('{"source": "anggaran", "kode_pemda": 81.10, "versi": "murni", '
     '"tanggal_versi": "2025-01-02"}', "kode_pemda harus teks"),
    ('{"source": "anggaran", "versi": ["murni"], "tanggal_versi": "2025-01-02"}', "versi harus teks"),
    ('["anggaran"]', "objek JSON"),
    ('{"source": "anggaran", "versi": "murni", "tanggal_versi": "2025-01-02", "extra": [1]}',
     "extra harus"),
])
def test_a_sidecar_of_wrong_types_is_refused_naming_the_field(tmp_path, text, problem):
    path = tmp_path / "anggaran" / "rekap.xlsx"
    path.parent.mkdir()
    path.write_bytes(b"x")
    sidecar_path(path).write_text(text)
    with pytest.raises(MetadataError, match=problem) as raised:
        read_meta(path)
    assert str(sidecar_path(path)) in str(raised.value)


def test_a_sidecar_saved_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "anggaran" / "rekap.xlsx"
    path.parent.mkdir()
    path.write_bytes(b"x")
    sidecar_path(path).write_text('{"source": "anggaran", "kode_pemda": "81.04", "tahun": 2025, '
                                  '"versi": "murni", "tanggal_versi": "2025-01-02"}',
                                  encoding="utf-8-sig")
    assert read_meta(path) == FileMeta("anggaran", "81.04", 2025, "murni", date(2025, 1, 2))


# --- landing ---------------------------------------------------------------------------------


def test_ingest_without_a_pemda_anywhere_is_refused_and_lands_nothing(
        nightly_run, warehouse, tmp_path, monkeypatch):
    monkeypatch.delenv("SERAPAN_KODE_PEMDA", raising=False)
    from pipelines.config import settings

    sp2d = registers.write_register(tmp_path / "register-tanpa-pemda.xlsx", [registers.bud_row(
        1, "00001/SP2D/LS/2025", pembuatan="2 April 2025", pencairan="3 April 2025")])
    [(files_before,)] = query(warehouse, "select count(*) from raw.files")
    status, output = run_cli("ingest", str(sp2d), "--source", "sp2d", "--tahun", "2025")
    output = " ".join(output.split())
    assert status == 1
    assert "pemda tidak diketahui / unknown pemda" in output and "--pemda 81.04" in output
    assert "SERAPAN_KODE_PEMDA" in output
    assert not (settings().inbox / "sp2d" / sp2d.name).exists()
    assert query(warehouse, "select count(*) from raw.files") == [(files_before,)]


def test_ingest_takes_the_pemda_a_realization_export_names(nightly_run, warehouse, tmp_path,
                                                          monkeypatch):
    monkeypatch.delenv("SERAPAN_KODE_PEMDA", raising=False)
    from datetime import date

    from pipelines.sample.realisasi_dokumen import write_realisasi_dokumen
    from tests.workbooks_realisasi_dokumen import line

    export = write_realisasi_dokumen(tmp_path / "realisasi-tual-maret.xlsx",
                                     [line(1, 250_000, tanggal=date(2025, 3, 14))],
                                     pemda="PEMERINTAH KOTA TUAL")
    status, output = run_cli("ingest", str(export), "--source", "realisasi")
    assert status == 0, output
    assert query(warehouse, "select kode_pemda, status from raw.files where original_name = %s",
                 (export.name,)) == [("81.72", "loaded")]


def test_a_file_in_the_inbox_naming_no_pemda_is_quarantined_with_the_reason(
        nightly_run, warehouse, tmp_path, monkeypatch):
    monkeypatch.delenv("SERAPAN_KODE_PEMDA", raising=False)
    from pipelines.config import settings
    from pipelines.landing.load import ingest_file

    path = registers.write_register(settings().inbox / "sp2d" / "register-tanpa-sidecar.xlsx",
                                    [registers.bud_row(1, "00077/SP2D/LS/2025",
                                                       pembuatan="2 April 2025",
                                                       pencairan="3 April 2025")])
    outcome = ingest_file(warehouse, path)
    assert outcome.status == "quarantined" and "pemda tidak diketahui" in outcome.error
    assert query(warehouse, "select kode_pemda, status from raw.files where file_id = %s",
                 (outcome.file_id,)) == [(None, "quarantined")]
    path.unlink()


# --- withdrawing a file ----------------------------------------------------------------------


def _marts_with_rows_of(warehouse, kode_pemda: str) -> dict[str, int]:
    tables = [table for (table,) in query(warehouse, """
        select table_name from information_schema.columns
        where table_schema = 'marts' and column_name = 'kode_pemda' order by 1""")]
    assert len(tables) >= 10
    counts = {table: query(warehouse, f"select count(*) from marts.{table} "
                                      "where kode_pemda = %s", (kode_pemda,))[0][0]
              for table in tables}
    return {table: count for table, count in counts.items() if count}


def test_a_file_withdrawn_leaves_every_mart_and_lands_again_for_the_right_pemda(
        nightly_run, warehouse, tmp_path):
    from pipelines.config import settings

    rows = [registers.bud_row(n, f"0009{n}/SP2D/LS/2025", pembuatan="14 April 2025",
                              pencairan="14 April 2025") for n in (1, 2)]
    sp2d = registers.write_register(tmp_path / "register-april.xlsx", rows)
    status, output = run_cli("ingest", str(sp2d), "--source", "sp2d", "--pemda", WRONG_PEMDA,
                             "--tahun", "2025")
    assert status == 0, output
    assert run_cli("run")[0] in (0, 1)
    assert _marts_with_rows_of(warehouse, WRONG_PEMDA).get("fct_sp2d") == 2

    # The same bytes again, for the right pemda: refused while the first is in force.
    status, output = run_cli("ingest", str(sp2d), "--source", "sp2d", "--pemda", RIGHT_PEMDA,
                             "--tahun", "2025")
    [(file_id,)] = query(warehouse, "select file_id from raw.files where kode_pemda = %s",
                         (WRONG_PEMDA,))
    assert f"sudah dimuat sebagai file {file_id}" in " ".join(output.split())
    assert f"serapan withdraw {file_id}" in " ".join(output.split())

    status, output = run_cli("withdraw", str(file_id), "--reason", "pemda salah")
    assert status == 0 and "ditarik / withdrawn" in output, output
    assert not (settings().inbox / "sp2d" / sp2d.name).exists()  # not landed again tonight
    status, output = run_cli("ingest", str(sp2d), "--source", "sp2d", "--pemda", RIGHT_PEMDA,
                             "--tahun", "2025")
    assert status == 0 and "loaded" in output, output
    assert run_cli("run")[0] in (0, 1)

    assert _marts_with_rows_of(warehouse, WRONG_PEMDA) == {}
    assert _marts_with_rows_of(warehouse, RIGHT_PEMDA).get("fct_sp2d") == 2
    [(status_now, reason, archived)] = query(warehouse, """
        select status, withdrawn_reason, archive_path from raw.files where file_id = %s""",
        (file_id,))
    assert (status_now, reason) == ("withdrawn", "pemda salah")
    assert Path(archived).read_bytes() == sp2d.read_bytes()
    status, output = run_cli("files", "--pemda", WRONG_PEMDA, "--format", "csv")
    assert f"{file_id},sp2d,{WRONG_PEMDA}" in output and "withdrawn" in output
    assert "pemda salah" in output


def test_withdrawing_a_correction_puts_the_file_it_replaced_back_in_force(warehouse):
    from pipelines.landing.manifest import WithdrawError, withdraw

    def add(name, status):
        return warehouse.query("""
            insert into raw.files (sha256, source, kode_pemda, original_name, archive_path,
                                   meta, status, supersedes_key)
            values (%s, 'anggaran', '99.63', %s, '-', '{}', %s, 'k-99.63')
            returning file_id""", (f"withdraw-{name}", name, status))[0][0]

    first, correction = add("murni-a.xlsx", "superseded"), add("murni-b.xlsx", "loaded")
    warehouse.execute("update raw.files set superseded_by = %s where file_id = %s",
                      (correction, first))
    done = withdraw(warehouse, correction, "salah versi")
    assert done.back_in_force == first
    assert query(warehouse, "select file_id, status from raw.files where file_id in (%s, %s) "
                 "order by file_id", (first, correction)) == [
        (first, "loaded"), (correction, "withdrawn")]
    with pytest.raises(WithdrawError, match="sudah ditarik"):
        withdraw(warehouse, correction, "lagi")
    with pytest.raises(WithdrawError, match="tidak ada file"):
        withdraw(warehouse, 10**9, "tidak ada")


def test_a_pemda_is_titled_as_its_own_forms_title_it():
    assert government_title("63.71") == "PEMERINTAH KOTA BANJARMASIN"
    assert government_title("51") == "PEMERINTAH PROVINSI BALI"
    assert government_title("98.77") == "PEMERINTAH DAERAH 98.77"  # not in the list
