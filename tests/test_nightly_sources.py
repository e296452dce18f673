"""The other sources through the same nightly run: monthly partitions, hostile files."""

from datetime import date
from decimal import Decimal

import openpyxl

from tests.conftest import OTHER_PEMDA
from tests.db import query

REASONS = {
    "zip_bomb": "zip bomb",
    "password": "kata sandi / password-protected",
    "encoding": "UTF-8",
    "wrong_source": "bukan register SP2D / not an SP2D register",
    "empty": "file kosong (0 byte) / empty file",
    "markup": "not a SIPD-RI Anggaran Kas export",
}


def test_every_hostile_file_is_quarantined_with_its_reason(nightly_run, warehouse):
    output = " ".join(nightly_run.output.split())
    for kind, path in nightly_run.hostile_files.items():
        [(status, error, rows)] = query(warehouse, """
            select status, error, rows_loaded from raw.files
            where original_name = %s and kode_pemda = %s""", (path.name, OTHER_PEMDA))
        assert status == "quarantined" and rows == 0, (kind, error)
        assert path.name in error and REASONS[kind] in error, (kind, error)
        assert path.name in output, kind  # and the run says so


def test_valid_files_of_every_source_load_beside_the_hostile_ones(nightly_run, warehouse):
    loaded = dict(query(warehouse, """
        select source, rows_loaded from raw.files
        where kode_pemda = %s and status = 'loaded'""", (OTHER_PEMDA,)))
    assert loaded == {"anggaran": 2, "realisasi": 2, "sp2d": 2, "rfk": 1, "rak": 12}
    assert query(warehouse, """
        select sum(realisasi) from raw.realisasi_dokumen where kode_pemda = %s""",
                 (OTHER_PEMDA,)) == [(Decimal("350000.00"),)]
    assert query(warehouse, """
        select sum(bruto) from raw.sp2d_register where kode_pemda = %s""",
                 (OTHER_PEMDA,)) == [(Decimal("3234567.50"),)]


def test_monthly_files_land_in_their_month(nightly_run, warehouse):
    assert query(warehouse, """
        select distinct periode from staging.stg_realisasi__dokumen where kode_pemda = %s""",
                 (OTHER_PEMDA,)) == [(date(2025, 3, 1),)]
    assert query(warehouse, """
        select kode_opd, bulan, realisasi_keuangan_kumulatif, realisasi_fisik_persen
        from staging.stg_rfk__laporan where kode_pemda = %s""", (OTHER_PEMDA,)) == [
        ("1.02.0.00.0.00.01.0000", date(2025, 3, 1), Decimal("350000.00"), Decimal("40.00"))]


def test_personal_data_stays_in_raw(nightly_run, warehouse):
    """The recipient's bank account of the FMIS print lands as written, and no column
    outside raw carries it or an NPWP."""
    assert query(warehouse, """
        select distinct nomor_rekening_penerima from raw.sp2d_register
        where kode_pemda = %s""", (OTHER_PEMDA,)) == [("0012345678",)]
    assert query(warehouse, """
        select table_schema, table_name, column_name from information_schema.columns
        where table_schema in ('staging', 'intermediate', 'marts')
            and (column_name like '%%npwp%%' or column_name like '%%rekening_penerima%%'
                 or column_name like '%%rekening_bank%%')""") == []


def test_template_is_prefilled_from_the_budget_and_cash_plan_in_force(nightly_run, tmp_path):
    from pipelines.inbox import FileMeta
    from pipelines.sources.rfk import SOURCE as RFK
    from tests.conftest import run_cli

    out = tmp_path / "rfk.xlsx"
    status, output = run_cli("template", "--opd", "1.02.0.00.0.00.01.0000", "--month",
                             "2025-03", "--pemda", OTHER_PEMDA, "--out", str(out))
    assert status == 0, output
    parsed = RFK.read(out, FileMeta("rfk", OTHER_PEMDA, 2025, periode="2025-03",
                                    kode_opd="1.02.0.00.0.00.01.0000"))
    [row] = [dict(zip(("sheet", "row_number", *parsed.columns), r)) for r in parsed.rows]
    # Two budget lines of Rp 1,000,000; the cash plan plans Rp 100,000 a month.
    assert (row["kode_sub_kegiatan"], row["pagu"], row["rak"], row["rak_satuan"]) == (
        "1.02.02.2.01.0001", Decimal("2000000.00"), Decimal("300000.00"), "rupiah")
    assert row["realisasi_keuangan"] is None
    # the title row names the pemda as its own forms do, from the list of pemda
    title = openpyxl.load_workbook(out).worksheets[0]["A2"].value
    assert title == "PEMERINTAH KABUPATEN CONTOH 06"

    status, output = run_cli("template", "--opd", "9.99.0.00.0.00.01.0000", "--month", "2025-03")
    assert status == 1 and "Tidak ada anggaran berlaku" in " ".join(output.split())


def test_links_and_special_files_are_refused_never_read_or_archived(nightly_run, warehouse):
    from pipelines.config import settings
    from pipelines.landing.archive import sha256_of

    output = " ".join(nightly_run.output.split())
    for kind, path in nightly_run.links.items():
        assert f"{path}: ditolak / refused: " in output, kind
    names = [path.name for path in nightly_run.links.values()]
    assert query(warehouse, "select original_name from raw.files "
                            "where original_name = any(%s)", (names,)) == []
    archive = settings().archive_dir
    archived = {path.name.split(".")[0] for path in archive.rglob("*") if path.is_file()}
    outside = [settings().home / "warehouse.json", nightly_run.links["hard_link"],
               nightly_run.links["folder"] / "rak-luar.xlsx", nightly_run.links["sidecar"]]
    assert not archived & {sha256_of(path.resolve()) for path in outside}
    assert "File ditolak / files refused │ 6" in output


def test_the_archive_is_private(nightly_run):
    """It holds unmasked NPWP and bank accounts: folders 0700, files 0600."""
    import stat

    from pipelines.config import settings

    archive = settings().archive_dir
    modes = {path: stat.S_IMODE(path.stat().st_mode)
             for path in [archive, *archive.rglob("*")]}
    assert len(modes) > 100
    assert {mode for path, mode in modes.items() if path.is_dir()} == {0o700}
    assert {mode for path, mode in modes.items() if path.is_file()} == {0o600}


def test_an_archive_an_earlier_version_left_readable_is_made_private_at_start(warehouse):
    import shutil
    import stat

    from pipelines.config import settings
    from tests.conftest import run_cli

    archive = settings().archive_dir
    old = archive / "zz"
    old.mkdir(parents=True)
    (old / "lama.xlsx").write_bytes(b"NPWP")
    for path, mode in ((old / "lama.xlsx", 0o644), (old, 0o755), (archive, 0o755)):
        path.chmod(mode)
    try:
        status, output = run_cli("flags", "--pemda", "98.97")  # any command starts so
        assert status == 0, output
        assert [stat.S_IMODE(path.stat().st_mode) for path in (archive, old,
                                                               old / "lama.xlsx")] == \
            [0o700, 0o700, 0o600]
    finally:
        shutil.rmtree(old)


def test_ingest_replaces_a_link_in_the_inbox_rather_than_write_through_it(warehouse,
                                                                          tmp_path):
    from pipelines.config import settings
    from pipelines.inbox import sidecar_path
    from tests.conftest import run_cli
    from tests.workbooks import budget_row, write_rekap5

    victim, victim_sidecar = tmp_path / "korban.txt", tmp_path / "korban.json"
    victim.write_text("jangan ditimpa")
    victim_sidecar.write_text("{}")
    target = settings().inbox / "anggaran" / "99.41-murni.xlsx"
    target.symlink_to(victim)
    sidecar_path(target).symlink_to(victim_sidecar)
    upload = write_rekap5(tmp_path / target.name, [budget_row(1)])
    status, output = run_cli("ingest", str(upload), "--source", "anggaran", "--pemda", "99.41",
                             "--tahun", "2025", "--version", "murni", "--date", "2025-01-02")
    assert status == 0 and "loaded" in output, output
    assert (victim.read_text(), victim_sidecar.read_text()) == ("jangan ditimpa", "{}")
    assert not target.is_symlink() and target.read_bytes() == upload.read_bytes()
    assert not sidecar_path(target).is_symlink()
