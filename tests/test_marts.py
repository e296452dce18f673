"""The leadership marts, figure by figure, against files whose numbers are known by hand.

The session run (tests/conftest.py) gives pemda 99.06 a budget of 2 lines of Rp 1,000,000
(sub kegiatan 1.02.02.2.01.0001, SKPD 1.02.0.00.0.00.01.0000, the SKPD as its own sub
unit), a cash plan of Rp 100,000 a month, a March per-document realization export of
Rp 250,000 + Rp 100,000 on sub unit ...0001, which no budget has: the quality rules flag
those rows as errors and the marts hold them back; and the FMIS print of two SP2D the BUD
paid, which land whole. Figures of a clean
pemda are checked on 99.07, whose files the tests land themselves; its steps also drive
the incremental marts through new, corrected and superseding files, with dbt called
directly, and compare the result with a full rebuild.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.sample.realisasi_dokumen import write_realisasi_dokumen
from tests import workbooks_rak as rak
from tests import workbooks_realisasi_dokumen as dokumen
from tests import codes as exports
from tests import workbooks_sp2d_register as registers
from tests.conftest import OTHER_PEMDA
from tests.db import compiled_test, query, run_dbt
from tests.workbooks import budget_row, write_rekap5

pytestmark = pytest.mark.long  # handed out first (tests/conftest.py)

PEMDA = "99.07"  # the files these tests land; the session's figures stay as they are
SKPD = "1.02.0.00.0.00.01.0000"  # Dinas Kesehatan
SKPD_2 = "2.08.0.00.0.00.01.0000"  # Dinas PPPA, a second OPD to rank against
SUB_KEGIATAN, SUB_KEGIATAN_2 = "1.02.02.2.01.0001", "2.08.02.2.01.0001"
A, B, C, D, E, F = ("5.1.02.01.01.0024", "5.1.02.01.01.0025", "5.1.02.01.01.0026",
                    "5.1.02.01.01.0027", "5.2.02.01.01.0001", "5.1.02.01.01.0052")
# Every account of 99.07 belongs to Dinas Kesehatan, except F (Dinas PPPA).
OWNER = {F: (SKPD_2, SUB_KEGIATAN_2)}
MARCH = date(2025, 3, 1)


def opd_months(warehouse, pemda: str, bulan: date) -> dict:
    """kode_opd -> its fct_penyerapan_opd_bulanan row that month."""
    return {row["kode_opd"]: row for (row,) in query(warehouse, """
        select row_to_json(f)::jsonb from marts.fct_penyerapan_opd_bulanan f
        where kode_pemda = %s and bulan = %s""", (pemda, bulan))}


def pick(row: dict, *columns: str) -> tuple:
    return tuple(row[column] for column in columns)


# --- the session's figures -----------------------------------------------------------


def test_error_rows_are_held_back_from_absorption(nightly_run, warehouse):
    # Both realization lines (Rp 350,000) are on a sub unit no budget has (RLD-009).
    assert query(warehouse, """
        select count(*), sum(dokumen.realisasi)
        from quality.flags as flags
        join raw.realisasi_dokumen as dokumen using (file_id, sheet, row_number)
        where flags.kode_pemda = %s and flags.rule_id = 'RLD-009'
            and flags.severity = 'error'""", (OTHER_PEMDA,)) == [(2, Decimal("350000.00"))]
    march = opd_months(warehouse, OTHER_PEMDA, MARCH)[SKPD]
    # the export is in, so 0 rather than unknown; 300,000 / 2,000,000 planned
    assert pick(march, "pagu", "rak_kumulatif", "realisasi_kumulatif", "realisasi_bulan",
                "penyerapan_persen", "rak_persen", "deviasi_persen",
                "capaian_rencana_persen") == (2_000_000, 300_000, 0, 0, 0, 15, 100, 0)
    assert pick(march, "lampu_capaian", "lampu_penyerapan", "penyerapan_bulan_target",
                "penyerapan_batas_bawah", "penyerapan_batas_atas") == (
        "merah", "merah", 3, 3, 7)
    # the OPD's report (40 % on a pagu of 1,000,000) has warnings only: it counts; but
    # the month's finance lines of the OPD were held back, so its data is not valid
    assert pick(march, "realisasi_fisik_persen", "is_laporan_ada", "is_data_valid",
                "nama_opd") == (40, True, False, "Dinas Kesehatan")


def test_the_sp2d_paid_land_whole_with_the_skpd_code_of_their_name(nightly_run, warehouse):
    # The FMIS print names its OPD "Dinas Kesehatan", the budget's name of SKPD 1.02...
    assert query(warehouse, """
        select nomor_sp2d, tanggal, bruto, neto, kode_skpd, status_skpd, is_uang_keluar
        from marts.fct_sp2d where kode_pemda = %s order by 1""", (OTHER_PEMDA,)) == [
        ("00001/SP2D/LS/2025", date(2025, 3, 14), Decimal("1234567.00"),
         Decimal("1234567.00"), SKPD, "cocok", True),
        ("00002/SP2D/LS/2025", date(2025, 3, 17), Decimal("2000000.50"),
         Decimal("2000000.50"), SKPD, "cocok", True)]


def test_months_without_export_or_report_stay_unknown(nightly_run, warehouse):
    february = opd_months(warehouse, OTHER_PEMDA, date(2025, 2, 1))[SKPD]
    assert pick(february, "pagu", "rak_kumulatif", "rak_persen") == (2_000_000, 200_000, 10)
    for column in ("realisasi_kumulatif", "realisasi_bulan", "penyerapan_persen",
                   "deviasi_persen", "capaian_rencana_persen", "lampu_capaian",
                   "lampu_penyerapan", "peringkat", "realisasi_fisik_persen"):
        assert february[column] is None, column  # unknown, never 0
    assert pick(february, "is_laporan_ada", "is_data_valid") == (False, False)
    june = opd_months(warehouse, OTHER_PEMDA, date(2025, 6, 1))[SKPD]
    assert pick(june, "penyerapan_batas_bawah", "penyerapan_batas_atas") == (10, 30)
    assert query(warehouse, """
        select count(*), count(distinct bulan) from marts.fct_penyerapan_opd_bulanan
        where kode_pemda = %s""", (OTHER_PEMDA,)) == [(12, 12)]


def test_realisasi_bulanan_lines_by_hand(nightly_run, warehouse):
    # The budget names the SKPD as its own sub unit, the plan names sub unit ...0001:
    # two lines at this grain, which add up per OPD. The export's two lines on ...0001
    # are held back (RLD-009): counted 0, and their Rp 250,000 and Rp 100,000 said held.
    assert query(warehouse, """
        select kode_sub_unit, kode_rekening, pagu, rak_bulan, rak_kumulatif,
            realisasi_bulan, realisasi_kumulatif, realisasi_ditahan_kumulatif
        from marts.fct_realisasi_bulanan
        where kode_pemda = %s and bulan = %s order by 1, 2""", (OTHER_PEMDA, MARCH)) == [
        (SKPD, A, 2_000_000, 0, 0, 0, 0, 0),
        (exports.SUB_UNIT, A, 0, 100_000, 300_000, 0, 0, 250_000),
        (exports.SUB_UNIT, "5.1.02.01.01.0025", 0, 0, 0, 0, 0, 100_000),
    ]
    by_month = query(warehouse, """
        select bulan, sum(pagu), sum(rak_kumulatif), sum(realisasi_kumulatif)
        from marts.fct_realisasi_bulanan where kode_pemda = %s
        group by bulan order by bulan""", (OTHER_PEMDA,))
    assert [(m.month, p, r, x) for m, p, r, x in by_month] == [
        (n, 2_000_000, 100_000 * n, 0 if n == 3 else None) for n in range(1, 13)]


def test_the_payment_mart_holds_every_sp2d_of_the_sample_registers(nightly_run, warehouse):
    """One row per SP2D the sample's registers carry, to the rupiah; each with the SKPD
    code its name has in the budget, but the names the sample spelt to match none."""
    landed = query(warehouse, """
        select count(distinct raw.fold_nomor_sp2d(register.nomor_sp2d)), sum(register.bruto)
        from raw.sp2d_register as register join raw.files using (file_id)
        where files.status = 'loaded' and files.kode_pemda = '99.01'""")
    [(rows, bruto, unmatched, without_code, advances)] = query(warehouse, """
        select count(*), sum(bruto), count(*) filter (where status_skpd = 'tidak_cocok'),
            count(*) filter (where kode_skpd is null), count(*) filter (where jenis_sp2d = 'UP')
        from marts.fct_sp2d where kode_pemda = '99.01'""")
    assert [(rows, bruto)] == landed
    assert unmatched > 0 and without_code == unmatched and advances > 0
    assert query(warehouse, """
        select table_name, column_name from information_schema.columns
        where table_schema = 'marts'
            and (column_name like '%%npwp%%' or column_name like '%%rekening_penerima%%')""") == []


def test_the_nations_big_marts_are_indexed_by_pemda_once(nightly_run, warehouse):
    # BI tools and an incremental build read one pemda of them; each build runs the hook
    assert query(warehouse, """
        select indrelid::regclass::text, count(*)
        from pg_index join pg_attribute on attrelid = indrelid and attnum = indkey[0]
        where attname = 'kode_pemda'
            and indrelid in ('marts.fct_sp2d'::regclass, 'marts.fct_realisasi_bulanan'::regclass)
        group by 1 order by 1""") == [("marts.fct_realisasi_bulanan", 1), ("marts.fct_sp2d", 1)]


def test_dimensions(nightly_run, warehouse):
    assert query(warehouse, """
        select kode_opd, kode_skpd, is_skpd, is_dianggarkan from marts.dim_opd
        where kode_pemda = %s order by kode_opd""", (OTHER_PEMDA,)) == [
        (SKPD, SKPD, True, True), (exports.SUB_UNIT, SKPD, False, False)]
    [(all_named_kecamatan, kecamatan)] = query(warehouse, """
        select bool_and(nama_opd like 'Kecamatan %%'), count(*) from marts.dim_opd
        where kode_pemda = '99.01' and is_kecamatan""")
    assert all_named_kecamatan and kecamatan > 0
    assert query(warehouse, """
        select kode_akun, kode_kelompok, kode_jenis, kode_objek, kode_rincian_objek,
            kode_sub_rincian_objek, nama_sub_rincian_objek, kelompok_belanja,
            nama_kelompok_belanja
        from marts.dim_rekening where kode_pemda = %s and kode_rekening = %s""",
                 (OTHER_PEMDA, A)) == [
        ("5", "5.1", "5.1.02", "5.1.02.01", "5.1.02.01.01", A, "Belanja Alat Tulis Kantor",
         "operasi", "Belanja Operasi")]
    assert dict(query(warehouse, """
        select left(kode_rekening, 3), min(kelompok_belanja) from marts.dim_rekening
        where kode_pemda = '99.01' group by 1""")).get("5.2") == "modal"
    assert query(warehouse, """
        select kode_program, kode_kegiatan, nama_sub_kegiatan, kode_bidang_urusan, kode_urusan
        from marts.dim_sub_kegiatan where kode_pemda = %s""", (OTHER_PEMDA,)) == [
        ("1.02.02", "1.02.02.2.01", "Pengadaan Alat Kesehatan", "1.02", "1")]
    assert query(warehouse, """
        select kode_sumber_dana, nama_sumber_dana, kode_induk, tingkat from marts.dim_sumber_dana
        where kode_pemda = %s and tahun = 2025""", (OTHER_PEMDA,)) == [
        ("1.2.01.08", "Dana Alokasi Umum (DAU)", "1.2.01", 4)]
    assert query(warehouse, """
        select bulan_ke, triwulan, semester, nama_bulan, akhir_bulan, is_ada_realisasi
        from marts.dim_periode where kode_pemda = %s and bulan_ke in (3, 12)
        order by bulan_ke""", (OTHER_PEMDA,)) == [
        (3, 1, 1, "Maret", date(2025, 3, 31), True),
        (12, 4, 2, "Desember", date(2025, 12, 31), False)]


def test_budget_changes_add_up_to_the_version_differences(nightly_run, warehouse):
    """In the sample's versions, the changes between two versions are their difference."""
    transitions = query(warehouse, """
        with versions as (
            select kode_versi, sum(pagu) as total, count(*) as lines
            from marts.fct_anggaran where kode_pemda = '99.01' group by kode_versi
        )
        select changes.kode_versi_sesudah, sum(changes.selisih),
            max(later.total) - max(earlier.total),
            count(*) filter (where status = 'added') - count(*) filter (where status = 'dropped'),
            max(later.lines) - max(earlier.lines)
        from marts.fct_anggaran_perubahan as changes
        join versions as later on later.kode_versi = changes.kode_versi_sesudah
        join versions as earlier on earlier.kode_versi = changes.kode_versi_sebelum
        group by 1""")
    assert len(transitions) == 3
    for version, selisih, difference, net_lines, line_difference in transitions:
        assert (selisih, net_lines) == (difference, line_difference), version


# --- pemda 99.07: by hand, and the incremental marts step by step ---------------------


def ingest(warehouse, path: Path, **meta) -> Path:
    from pipelines.inbox import FileMeta, write_meta
    from pipelines.landing.load import ingest_file

    write_meta(path, FileMeta(path.parent.name, PEMDA, 2025, **meta))
    outcome = ingest_file(warehouse, path)
    assert outcome.status == "loaded", outcome.error
    return path


def owned(row: list, rekening: str, skpd_column: int, sub_unit_column: int) -> list:
    """The row on its OPD's codes, the SKPD as its own sub unit as in the budget."""
    skpd, _ = OWNER.get(rekening, (SKPD, SUB_KEGIATAN))
    row[skpd_column] = row[sub_unit_column] = skpd
    return row


def budget(folder: Path, name: str, lines: dict[str, int]) -> Path:
    rows = [owned(budget_row(n, sub_kegiatan=OWNER.get(rekening, (SKPD, SUB_KEGIATAN))[1],
                             rekening=rekening, pagu=pagu), rekening, 4, 6)
            for n, (rekening, pagu) in enumerate(lines.items(), 1)]
    return write_rekap5(folder / "anggaran" / name, rows)


def cash_plan(folder: Path, monthly: dict[str, int]) -> Path:
    rows = [owned(rak.rak_line((amount,) * 12, rekening=rekening,
                               sub_kegiatan=OWNER.get(rekening, (SKPD, SUB_KEGIATAN))[1]),
                  rekening, 0, 2)
            for rekening, amount in monthly.items()]
    return rak.write_rak(folder / "rak" / "rak.xlsx", rows)


def realisasi(folder: Path, name: str, month: int, lines: dict[str, int]) -> Path:
    """A month's per-document export: a TBP line per account, on its OPD's codes."""
    rows = [dokumen.line(n, amount, rekening=rekening, nomor=f"{n:04d}/TBP/{name}",
                         skpd=OWNER.get(rekening, (SKPD, SUB_KEGIATAN))[0],
                         sub_kegiatan=OWNER.get(rekening, (SKPD, SUB_KEGIATAN))[1],
                         tanggal=date(2025, month, 10))
            for n, (rekening, amount) in enumerate(lines.items(), 1)]
    return write_realisasi_dokumen(folder / "realisasi" / name, rows)


def report(folder: Path) -> Path:
    """Dinas Kesehatan's March report: 40 % on Rp 1,500,000 and 10 % on Rp 500,000."""
    from pipelines.rfk_template import TemplateLine, write_rfk_template

    lines = [TemplateLine(SUB_KEGIATAN, "Pengadaan Alat Kesehatan", Decimal(1_500_000),
                          Decimal(300_000), Decimal(155_000), Decimal(40)),
             TemplateLine("1.02.02.2.01.0002", "Pemeliharaan Alat Kesehatan",
                          Decimal(500_000), Decimal(0), Decimal(0), Decimal(10))]
    return write_rfk_template(folder / "rfk" / "rfk-maret.xlsx", nama_pemda="KABUPATEN UJI",
                              kode_opd=SKPD, nama_opd="Dinas Kesehatan", periode="2025-03",
                              lines=lines)


def register(folder: Path, name: str, lines: list[tuple[str, str, int]]) -> Path:
    """The FMIS print of SP2D cashed (number, Tanggal Cair dd/mm/yyyy, Jumlah Kotor), the
    bendahara having typed the recipient's account and NPWP into each Keperluan."""
    rows = []
    for no, (nomor, cair, kotor) in enumerate(lines, 1):
        row = registers.fmis_row(no, f"{nomor}/SP2D/{SKPD}/2025", terbit=cair, cair=cair,
                                 kotor=kotor, pph=0, ppn=0, bersih=kotor)
        row[registers.FMIS_TITLES.index("Keperluan")] = exports.URAIAN_WITH_NUMBERS
        rows.append(row)
    return registers.write_register(folder / "sp2d" / name, rows, titles=registers.FMIS_TITLES)


def sp2d_records(folder: Path) -> Path:
    """SIPD-RI's record of an SP2D transferred in March, with the recipient's NPWP."""
    return registers.write_records(folder / "sp2d" / "sp2d-sipd.json", [registers.sp2d_record(
        f"05/SP2D/{SKPD}/2025", tanggal="2025-03-10", nilai="30", kode_skpd=SKPD,
        header={"pihak_ketiga": "CV Maju Jaya", "npwp": exports.NPWP,
                "no_rek": exports.REKENING_BANK})])


def realisasi_rows(warehouse) -> dict:
    """(month, account) -> (pagu, realisasi_bulan, realisasi_kumulatif) of 99.07."""
    return {(bulan.month, rekening): (pagu, bulan_ini, kumulatif)
            for bulan, rekening, pagu, bulan_ini, kumulatif in query(warehouse, """
                select bulan, kode_rekening, pagu, realisasi_bulan, realisasi_kumulatif
                from marts.fct_realisasi_bulanan where kode_pemda = %s""", (PEMDA,))}


def row_versions(warehouse, pemda: str) -> dict:
    """month -> the transaction ids of its rows: unchanged unless the month is rebuilt."""
    return {bulan.month: xmins for bulan, xmins in query(warehouse, """
        select bulan, array_agg(xmin::text order by kode_sub_unit, kode_sub_kegiatan,
                                kode_rekening)
        from marts.fct_realisasi_bulanan where kode_pemda = %s group by bulan""", (pemda,))}


def sp2d_rows(warehouse) -> dict:
    """SP2D number -> (file it comes from, gross amount) of 99.07."""
    return {nomor.split("/")[0]: (name, bruto)
            for nomor, name, bruto in query(warehouse, """
                select s.nomor_sp2d, f.original_name, s.bruto
                from marts.fct_sp2d s join raw.files f using (file_id)
                where s.kode_pemda = %s""", (PEMDA,))}


def flag_april_line(warehouse, rekening: str) -> None:
    """An error flag on the account's line of 99.07's April export."""
    warehouse.execute("""
        insert into quality.flags (suite, rule_id, severity, source, kode_pemda, file_id,
            sheet, row_number, pesan)
        select 'test_marts', 'TEST-001', 'error', 'realisasi', dokumen.kode_pemda,
            dokumen.file_id, dokumen.sheet, dokumen.row_number, 'ditahan untuk uji'
        from raw.realisasi_dokumen as dokumen
        join raw.files as files using (file_id)
        where files.original_name = 'april.xlsx' and dokumen.kode_pemda = %s
            and dokumen.kode_rekening = %s""", (PEMDA, rekening))


def table_digests(warehouse) -> dict:
    return {table: query(warehouse, f"""
        select count(*), md5(string_agg(t::text, '|' order by t::text))
        from marts.{table} as t""")[0] for table in ("fct_realisasi_bulanan", "fct_sp2d")}


@pytest.fixture(scope="module")
def steps(nightly_run, warehouse, tmp_path_factory):
    """Each step lands files, runs the models, and records what the marts then hold."""
    folder = tmp_path_factory.mktemp("marts_inbox")
    target = tmp_path_factory.mktemp("dbt_target")
    recorded = {"before": {"session": row_versions(warehouse, OTHER_PEMDA)}}

    def step(name: str, *marts: str) -> None:
        # The marts and the intermediate models under them, as the nightly rebuilds them
        # (some are tables); the staging views read the new raw rows as they are. Only
        # 99.07's files change, so only 99.07 is in the build scope.
        selected = [f"+{mart}" for mart in marts]
        assert run_dbt(target, "run", "--select", *selected, "--exclude", "staging",
                       pemda=[PEMDA]) == [], name
        recorded[name] = {"realisasi": realisasi_rows(warehouse),
                          "versions": row_versions(warehouse, PEMDA),
                          "session": row_versions(warehouse, OTHER_PEMDA),
                          "sp2d": sp2d_rows(warehouse),
                          "opd": opd_months(warehouse, PEMDA, MARCH),
                          "fisik": query(warehouse, """
                              select kode_sub_kegiatan, pagu_berlaku, realisasi_fisik_persen,
                                  alasan_tidak_ditimbang, bobot_persen, realisasi_fisik_ttb
                              from marts.fct_fisik_bulanan
                              where kode_pemda = %s order by row_number""", (PEMDA,))}

    # March: budget, plan, export (A, B budgeted; D not), report; the register of 01 and
    # 02, SIPD-RI's record of 05
    ingest(warehouse, budget(folder, "murni.xlsx", {A: 1_000_000, B: 500_000, F: 1_000_000}),
           versi="murni", tanggal_versi=date(2025, 1, 2))
    ingest(warehouse, cash_plan(folder, {A: 100_000, F: 50_000}))
    ingest(warehouse, realisasi(folder, "maret.xlsx", 3,
                                {A: 100_000, B: 50_000, D: 5_000, F: 450_000}),
           periode="2025-03")
    ingest(warehouse, report(folder), periode="2025-03", kode_opd=SKPD)
    ingest(warehouse, register(folder, "register-1.xlsx", [("01", "03/03/2025", 100),
                                                           ("02", "04/03/2025", 50)]))
    ingest(warehouse, sp2d_records(folder))
    step("march", "fct_realisasi_bulanan", "fct_sp2d", "fct_penyerapan_opd_bulanan",
         "fct_fisik_bulanan")
    # April arrives; a later register of March (another batch: both stay) takes 01 over
    # with another amount.
    ingest(warehouse, realisasi(folder, "april.xlsx", 4, {A: 80_000, F: 20_000}),
           periode="2025-04")
    ingest(warehouse, register(folder, "register-2.xlsx", [("01", "03/03/2025", 110),
                                                           ("03", "20/03/2025", 70)]),
           batch="susulan")
    step("april", "fct_realisasi_bulanan", "fct_sp2d")
    # March re-exported: A changes, B and D are gone, C appears. The second register is
    # re-sent (same batch: it supersedes) without 01, which the first still carries.
    ingest(warehouse, realisasi(folder, "maret-koreksi.xlsx", 3,
                                {A: 120_000, C: 30_000, F: 450_000}),
           periode="2025-03")
    ingest(warehouse, register(folder, "register-2-koreksi.xlsx",
                               [("04", "03/03/2025", 80), ("03", "20/03/2025", 70)]),
           batch="susulan")
    step("correction", "fct_realisasi_bulanan", "fct_sp2d")
    # A quality rule holds back April's F line (as the nightly's quality step would).
    flag_april_line(warehouse, F)
    step("flagged", "fct_realisasi_bulanan")
    # A budget shift from 10 May: A up, B dropped, E added, F as it was; the flag cleared.
    warehouse.execute("delete from quality.flags where rule_id = 'TEST-001'")
    ingest(warehouse, budget(folder, "pergeseran-1.xlsx",
                             {A: 1_200_000, E: 300_000, F: 1_000_000}),
           versi="pergeseran_1", tanggal_versi=date(2025, 5, 10))
    step("shift", "fct_realisasi_bulanan", "fct_anggaran_perubahan")
    recorded["incremental_tables"] = table_digests(warehouse)
    # the tests after the rebuild examine every pemda
    assert run_dbt(target, "run", "--select", "fct_realisasi_bulanan", "fct_sp2d",
                   "--full-refresh") == []
    recorded["full_refresh_tables"] = table_digests(warehouse)
    recorded["test_failures"] = run_dbt(target, "test", "--select", "fct_realisasi_bulanan",
                                     "fct_sp2d", "fct_anggaran_perubahan",
                                     "fct_penyerapan_opd_bulanan")
    return recorded


def test_opd_absorption_in_march_by_hand(steps):
    kesehatan, pppa = steps["march"]["opd"][SKPD], steps["march"]["opd"][SKPD_2]
    # 100,000 + 50,000 + 5,000 spent of 1,500,000 (10.33 %); planned 3 x 100,000 (20 %):
    # (20 - 10.33) / 20 = 48.33 % behind plan, 51.67 % of it: yellow from 50.
    assert pick(kesehatan, "pagu", "rak_kumulatif", "realisasi_kumulatif", "realisasi_bulan",
                "penyerapan_persen", "rak_persen", "deviasi_persen",
                "capaian_rencana_persen") == (
        1_500_000, 300_000, 155_000, 155_000, 10.33, 20, 48.33, 51.67)
    assert pick(kesehatan, "lampu_capaian", "lampu_penyerapan") == ("kuning", "hijau")
    # physical: 40 % on 1.02.02.2.01.0001, whose pagu in force is 1,500,000; the report's
    # 10 % on 1.02.02.2.01.0002 weighs nothing, no budget having that sub kegiatan (it
    # reports a pagu of 500,000 for it: weighed by that, the OPD would be at 32.5 %)
    assert pick(kesehatan, "realisasi_fisik_persen", "is_laporan_ada", "is_data_valid",
                "cakupan_fisik_persen") == (40, True, True, 100)
    # the report gives no physical plan: none is made up, and nothing is judged
    assert pick(kesehatan, "rencana_fisik_persen", "is_ada_rencana_fisik", "deviasi_fisik_poin",
                "lampu_fisik") == (None, False, None, None)
    assert steps["march"]["fisik"] == [
        (SUB_KEGIATAN, 1_500_000, 40, None, 100, 40),
        ("1.02.02.2.01.0002", None, 10, "tanpa_pagu_berlaku", None, None)]
    # PPPA: 450,000 of 1,000,000 against a plan of 150,000: 300 % of plan, ranked first
    assert pick(pppa, "penyerapan_persen", "rak_persen", "deviasi_persen",
                "capaian_rencana_persen", "lampu_capaian", "lampu_penyerapan") == (
        45, 15, -200, 300, "hijau", "hijau")
    assert pick(pppa, "realisasi_fisik_persen", "is_laporan_ada", "is_data_valid") == (
        None, False, False)  # no report: unknown, not 0
    assert (pppa["peringkat"], kesehatan["peringkat"]) == (1, 2)


def test_a_new_month_builds_only_itself(steps):
    march, april = steps["march"], steps["april"]
    assert march["realisasi"][(3, A)] == (1_000_000, 100_000, 100_000)
    assert march["realisasi"][(3, D)] == (0, 5_000, 5_000)  # spent without a budget line
    assert march["realisasi"][(2, A)] == (1_000_000, None, None)  # no export: unknown
    # April: A spent 80,000 in the month; B and D, without April documents, keep March's.
    assert april["realisasi"][(4, A)] == (1_000_000, 80_000, 180_000)
    assert april["realisasi"][(4, B)] == (500_000, 0, 50_000)
    assert april["realisasi"][(4, D)] == (0, 0, 5_000)
    rebuilt = {m for m in range(1, 13) if march["versions"][m] != april["versions"][m]}
    assert rebuilt == {4}
    # nothing of the session's pemda was rewritten along the way
    assert march["session"] == april["session"] == steps["before"]["session"]


def test_a_corrected_month_replaces_itself_and_the_month_after(steps):
    april, corrected = steps["april"], steps["correction"]
    rows = corrected["realisasi"]
    assert rows[(3, A)] == (1_000_000, 120_000, 120_000)
    assert rows[(3, B)] == (500_000, 0, 0)  # still budgeted, no longer spent
    assert rows[(3, C)] == (0, 30_000, 30_000)
    assert (3, D) not in rows and (4, D) not in rows  # gone with the superseded file
    # April's figures add up from the corrected March
    assert (rows[(4, A)], rows[(4, B)], rows[(4, C)]) == (
        (1_000_000, 80_000, 200_000), (500_000, 0, 0), (0, 0, 30_000))
    rebuilt = {m for m in range(1, 13) if april["versions"][m] != corrected["versions"][m]}
    assert rebuilt == {3, 4}
    assert corrected["session"] == steps["before"]["session"]


def test_a_flag_raised_rebuilds_the_month_it_holds_back(steps):
    corrected, flagged = steps["correction"], steps["flagged"]
    # April's F line held back: F keeps March's figure, and the month adds nothing (not
    # a reversal of March's spending, which no export shows)
    assert flagged["realisasi"][(4, F)] == (1_000_000, 0, 450_000)
    assert flagged["realisasi"][(3, F)] == corrected["realisasi"][(3, F)]
    rebuilt = {m for m in range(1, 13) if corrected["versions"][m] != flagged["versions"][m]}
    assert rebuilt == {4}


def test_a_new_budget_version_rebuilds_the_months_it_governs(steps):
    flagged, shifted = steps["flagged"], steps["shift"]
    rows = shifted["realisasi"]
    assert rows[(4, A)][0] == 1_000_000 and rows[(5, A)][0] == 1_200_000
    assert rows[(5, E)] == (300_000, None, None) and (5, B) not in rows
    assert rows[(4, F)] == (1_000_000, 20_000, 470_000)  # the flag cleared
    rebuilt = {m for m in range(1, 13) if flagged["versions"][m] != shifted["versions"][m]}
    # April as its flag is cleared; May on as the new version governs from 10 May
    assert rebuilt == set(range(4, 13))


def test_sp2d_keeps_each_order_from_the_latest_file_in_force(steps):
    record = ("sp2d-sipd.json", Decimal("30.00"))
    assert steps["march"]["sp2d"] == {"01": ("register-1.xlsx", Decimal("100.00")),
                                      "02": ("register-1.xlsx", Decimal("50.00")),
                                      "05": record}
    # a later file that carries 01 too takes it over
    assert steps["april"]["sp2d"] == {"01": ("register-2.xlsx", Decimal("110.00")),
                                      "02": ("register-1.xlsx", Decimal("50.00")),
                                      "03": ("register-2.xlsx", Decimal("70.00")),
                                      "05": record}
    # its correction drops 01: the first file's 01 is in force again
    assert steps["correction"]["sp2d"] == {
        "01": ("register-1.xlsx", Decimal("100.00")),
        "02": ("register-1.xlsx", Decimal("50.00")),
        "03": ("register-2-koreksi.xlsx", Decimal("70.00")),
        "04": ("register-2-koreksi.xlsx", Decimal("80.00")),
        "05": record}


def test_incremental_runs_equal_a_full_rebuild(steps):
    assert steps["incremental_tables"] == steps["full_refresh_tables"]
    assert steps["test_failures"] == []  # grains, reconciliations to the rupiah, masking


def test_budget_changes_read_as_sentences(steps, warehouse):
    assert query(warehouse, """
        select kode_rekening, status, pagu_sebelum, pagu_sesudah, selisih, uraian_perubahan
        from marts.fct_anggaran_perubahan where kode_pemda = %s order by kode_rekening""",
                 (PEMDA,)) == [
        (A, "changed", 1_000_000, 1_200_000, 200_000,
         ("Pagu naik Rp 200.000,00 dari Rp 1.000.000,00 menjadi Rp 1.200.000,00 "
         "di pergeseran_1")),
        (B, "dropped", 500_000, None, -500_000,
         "Baris dihapus di pergeseran_1 (sebelumnya Rp 500.000,00)"),
        (E, "added", None, 300_000, 300_000, "Baris baru di pergeseran_1: Rp 300.000,00"),
    ]


def test_the_masking_test_finds_a_number_written_into_a_mart(steps, warehouse, tmp_path):
    """The dbt test that guards personal data fails once a raw NPWP or account number
    reaches a mart, in a long text or in a code (each mart is read once, all its text
    columns side by side, each distinct text once): as a number the masking rule masks,
    and as the number an SP2D register or record carries."""
    npwp = " NPWP 01.234.567.8-901.000"  # exports.NPWP, as a person would type it
    rekening = f" rek. {exports.REKENING_BANK[:4]} {exports.REKENING_BANK[4:]}"
    leaks = [("fct_sp2d", "keterangan", npwp),
             ("fct_realisasi_bulanan", "kode_rekening", rekening)]
    for mart, column, leak in leaks:
        warehouse.execute(f"update marts.{mart} set {column} = {column} || %s "
                          "where kode_pemda = %s", (leak, PEMDA))
        assert query(warehouse, f"select count(*) from marts.{mart} where {column} like %s",
                     (f"%{leak}",))[0][0] > 0
    try:
        found = run_dbt(tmp_path, "test", "--select",
                        "assert_marts_hold_no_unmasked_personal_data")
        leaked = query(warehouse, f"select relasi, kolom, jenis from ({compiled_test(tmp_path)}) "
                       "as found order by relasi, jenis")
    finally:
        for mart, column, leak in leaks:
            warehouse.execute(f"update marts.{mart} set {column} = replace({column}, %s, '') "
                              "where kode_pemda = %s", (leak, PEMDA))
    realisasi, sp2d = '"serapan"."marts"."fct_realisasi_bulanan"', '"serapan"."marts"."fct_sp2d"'
    assert leaked == [(realisasi, "kode_rekening", "nomor_pribadi"),
                      (realisasi, "kode_rekening", "nomor_rekening_penerima"),
                      (sp2d, "keterangan", "nomor_pribadi"), (sp2d, "keterangan", "npwp")]
    assert found == [("assert_marts_hold_no_unmasked_personal_data: Got 4 results, "
                     "configured to fail if != 0")]
    assert run_dbt(tmp_path, "test", "--select",
                   "assert_marts_hold_no_unmasked_personal_data") == []


def test_the_payment_mart_is_written_with_the_typed_numbers_masked(steps, warehouse):
    """The bendahara typed the recipient's account and NPWP into every Keperluan of
    99.07's registers: each step's `dbt run` (no dbt test in between) wrote fct_sp2d with
    them masked, while raw keeps them as typed."""
    assert query(warehouse, """
        select distinct keterangan from marts.fct_sp2d
        where kode_pemda = %s and keterangan is not null""", (PEMDA,)) == [
        (exports.URAIAN_MASKED,)]
    assert query(warehouse, """
        select distinct keterangan from raw.sp2d_register
        where kode_pemda = %s and keterangan is not null""", (PEMDA,)) == [
        (exports.URAIAN_WITH_NUMBERS,)]


def test_the_sp2d_reconciliation_finds_a_rupiah_off(steps, warehouse, tmp_path):
    """The dbt test that reconciles fct_sp2d with the landed SP2D fails once one SP2D
    of the mart is a rupiah off its raw row (the scope is taken on raw.files)."""
    [(file_id, sheet, row_number)] = query(warehouse, """
        select file_id, sheet, row_number from marts.fct_sp2d where kode_pemda = %s
        order by file_id, sheet, row_number limit 1""", (PEMDA,))
    line = "file_id = %s and sheet = %s and row_number = %s"
    warehouse.execute(f"update marts.fct_sp2d set bruto = bruto + 1 where {line}",
                      (file_id, sheet, row_number))
    try:
        found = run_dbt(tmp_path, "test", "--select", "assert_fct_sp2d_reconciles_with_raw")
    finally:
        warehouse.execute(f"update marts.fct_sp2d set bruto = bruto - 1 where {line}",
                          (file_id, sheet, row_number))
    assert found == [("assert_fct_sp2d_reconciles_with_raw: Got 1 result, "
                      "configured to fail if != 0")]
    assert run_dbt(tmp_path, "test", "--select", "assert_fct_sp2d_reconciles_with_raw") == []


def budget_state(warehouse) -> tuple[dict, dict]:
    """99.07's budget lines, (versi, account) -> pagu, and its history of changes,
    (version after, account) -> (status, pagu before, pagu after)."""
    lines = {(versi, rekening): pagu for versi, rekening, pagu in query(warehouse, """
        select versi, kode_rekening, pagu from marts.fct_anggaran where kode_pemda = %s""",
                                                                        (PEMDA,))}
    changes = {(version.split("/")[-1], rekening): (status, before, after)
               for version, rekening, status, before, after in query(warehouse, """
                   select kode_versi_sesudah, kode_rekening, status, pagu_sebelum,
                       pagu_sesudah
                   from marts.fct_anggaran_perubahan where kode_pemda = %s""", (PEMDA,))}
    return lines, changes


def test_a_corrected_budget_file_changes_only_its_line_and_history(steps, warehouse,
                                                                   tmp_path):
    """Run last: it re-sends 99.07's pergeseran_1 with one line changed."""
    def build() -> tuple[dict, dict]:
        assert run_dbt(tmp_path / "target", "run", "--select", "+fct_anggaran",
                       "+fct_anggaran_perubahan", "--exclude", "staging", pemda=[PEMDA]) == []
        return budget_state(warehouse)

    lines, changes = build()
    ingest(warehouse, budget(tmp_path, "pergeseran-1-koreksi.xlsx",
                             {A: 1_250_000, E: 300_000, F: 1_000_000}),
           versi="pergeseran_1", tanggal_versi=date(2025, 5, 10))
    corrected_lines, corrected_changes = build()

    def differing(before: dict, after: dict) -> set:
        return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}

    assert differing(lines, corrected_lines) == {("pergeseran_1", A)}
    assert corrected_lines[("pergeseran_1", A)] == 1_250_000
    assert differing(changes, corrected_changes) == {("pergeseran_1", A)}
    assert corrected_changes[("pergeseran_1", A)] == ("changed", 1_000_000, 1_250_000)
