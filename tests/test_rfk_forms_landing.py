"""The real form workbooks landed in the warehouse, and their rows without codes matched to
a budget by name.

No budget of Kota Banjarmasin or Provinsi Bali is public, so the budgets here are small
and made for the test: lines named as drifted copies of real rows' names (case, spaces,
line breaks, '&', 'By.', a 'Sub Kegiatan' in front), one name shared by two lines (the
ambiguous case), and most real rows left without a line of their name (the unmatched
case). Everything landed here is deleted at the end, so the session's other tests see a
warehouse as before.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from pipelines.inbox import FileMeta, write_meta
from pipelines.sources.rfk.read import sheets_of
from tests.conftest import run_cli
from tests.db import query, run_dbt
from tests.workbooks import REKAP5_TITLES

DATA = Path(__file__).resolve().parent / "data" / "rfk"
BANJARMASIN, BALI = "63.71", "51"
DINKES, BPBD, DISDIK = "1.02.0.00.0.00.01.0000", "1.05.0.00.0.00.01.0000", \
    "1.01.0.00.0.00.01.0000"
KOMINFOS = "2.16.2.20.2.21.02.0000"  # as the Bali DPA sheet's ORGANISASI label writes it
REPORTS = {
    "banjarmasin-laporan_rfk.xlsx": FileMeta("rfk", BANJARMASIN, 2023, periode="2023-12"),
    "banjarmasin-februari.xlsx": FileMeta("rfk", BANJARMASIN, 2022, kode_opd=DISDIK),
    "banjarmasin-januari.xlsx": FileMeta("rfk", BANJARMASIN, kode_opd=DISDIK),
    "banjarmasin-rfk_skpd.xlsx": FileMeta("rfk", BANJARMASIN, 2023, kode_opd=DISDIK),
    "bali-realisasi-operasionalisasi.xlsx": FileMeta("rfk", BALI, 2026, periode="2026-01"),
}


def line(skpd, nama_skpd, sub_kegiatan, nama_sub_kegiatan, rekening="5.1.02.01.01.0024",
         nama_rekening="Belanja Alat Tulis Kantor", tahun=2023) -> dict:
    return {"NO": 1, "TAHUN": tahun, "KODE URUSAN": skpd[0], "NAMA URUSAN": "URUSAN",
            "KODE SKPD": skpd, "NAMA SKPD": nama_skpd, "KODE SUB UNIT": skpd,
            "NAMA SUB UNIT": nama_skpd, "KODE BIDANG URUSAN": sub_kegiatan[:4],
            "NAMA BIDANG URUSAN": "BIDANG", "KODE PROGRAM": sub_kegiatan[:7],
            "NAMA PROGRAM": "PROGRAM", "KODE KEGIATAN": sub_kegiatan[:12],
            "NAMA KEGIATAN": "KEGIATAN", "KODE SUB KEGIATAN": sub_kegiatan,
            "NAMA SUB KEGIATAN": nama_sub_kegiatan, "KODE SUMBER DANA": "1.2.01.08",
            "NAMA SUMBER DANA": "DAU", "KODE REKENING": rekening,
            "NAMA REKENING": nama_rekening, "PAKET/KELOMPOK": "Kelompok",
            "NAMA PAKET/KELOMPOK": nama_rekening, "PAGU": 1_000_000}


BUDGETS = {
    (BANJARMASIN, 2023): [
        # the titles and names of the recap's sheets '2 Dinkes' and '33 BPBD', drifted
        line(DINKES, "Dinas  Kesehatan ", "1.02.01.2.01.0001",
             "PENYUSUNAN DOKUMEN PERENCANAAN\nPERANGKAT DAERAH"),
        line(DINKES, "Dinas  Kesehatan ", "1.02.01.2.02.0001",
             "Penyusunan Perencanaan Kebutuhan Barang Milik Daerah SKPD."),
        line(DINKES, "Dinas  Kesehatan ", "1.02.01.2.06.0002",
             "peningkatan sarana & prasarana disiplin pegawai"),
        line(DINKES, "Dinas  Kesehatan ", "1.02.01.2.06.0003",
             "Peningkatan Sarana dan Prasarana Disiplin Pegawai"),
        line(DINKES, "Dinas  Kesehatan ", "1.02.01.2.09.0001",
             "Penyediaan Jasa Pemeliharaan, By. Pemeliharaan, & Pajak Kendaraan Perorangan "
             "Dinas atau Kendaraan Dinas Jabatan"),
        line(BPBD, "Badan Penanggulangan Bencana Daerah", "1.05.01.2.01.0001",
             "Penyusunan Dokumen Perencanaan Perangkat Daerah"),
    ],
    (BANJARMASIN, 2022): [
        # accounts of februari.xlsx's lines, one of them in two sub kegiatan
        line(DISDIK, "Dinas Pendidikan", "1.01.01.2.09.0003",
             "Penyediaan Jasa Pelayanan Umum Kantor", "5.1.02.02.01.0030",
             "Belanja Jasa Tenaga Kebersihan", 2022),
        line(DISDIK, "Dinas Pendidikan", "1.01.01.2.09.0003",
             "Penyediaan Jasa Pelayanan Umum Kantor", "5.1.02.02.01.0031",
             "BELANJA JASA TENAGA KEAMANAN", 2022),
        line(DISDIK, "Dinas Pendidikan", "1.01.01.2.09.0004",
             "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", "5.1.02.02.01.0031",
             "Belanja Jasa Tenaga Keamanan", 2022),
    ],
    (BALI, 2026): [
        # accounts of the Bali workbook's kegiatan 2.21.02.1.02, and one of another
        # kegiatan with the same account code, which the workbook's kegiatan rules out
        line(KOMINFOS, "Dinas Komunikasi, Informatika dan Statistik", "2.21.02.1.02.0001",
             "Penetapan Pola Hubungan Komunikasi Sandi", "5.1.02.01.01.0024",
             "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor", 2026),
        line(KOMINFOS, "Dinas Komunikasi, Informatika dan Statistik", "2.21.02.1.02.0001",
             "Penetapan Pola Hubungan Komunikasi Sandi", "5.2.02.05.002.00006",
             "Belanja Modal Alat Rumah Tangga Lainnya (Home Use)", 2026),
        line(KOMINFOS, "Dinas Komunikasi, Informatika dan Statistik", "2.21.02.1.01.0001",
             "Penyelenggaraan Persandian", "5.1.02.01.01.0024",
             "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor", 2026),
    ],
}


def write_budget(path: Path, lines: list[dict]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(REKAP5_TITLES)
    for number, budget_line in enumerate(lines, start=1):
        sheet.append([number if title == "NO" else budget_line[title] for title in REKAP5_TITLES])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


@pytest.fixture(scope="module")
def landed(warehouse, tmp_path_factory):
    from pipelines.landing.load import ingest_file
    from pipelines.quality.step import run_quality_step

    inbox = tmp_path_factory.mktemp("inbox")
    outcomes = {}
    for (pemda, tahun), lines in BUDGETS.items():
        path = write_budget(inbox / "anggaran" / f"rekap5-{pemda}-{tahun}.xlsx", lines)
        write_meta(path, FileMeta("anggaran", pemda, tahun, "murni", date(tahun, 1, 2)))
        assert ingest_file(warehouse, path).status == "loaded"
    for name, meta in REPORTS.items():
        path = inbox / "rfk" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DATA / name, path)
        write_meta(path, meta)
        outcomes[name] = ingest_file(warehouse, path)
    pemda = [BANJARMASIN, BALI]
    run_quality_step(warehouse, pemda=pemda)
    built = run_dbt(tmp_path_factory.mktemp("target"), "run", "--select",
                    "+int_rfk__kode_dari_nama", "stg_anggaran__rekap5", pemda=pemda)
    yield outcomes, built
    _delete(warehouse, pemda)


def _delete(warehouse, pemda: list[str]) -> None:
    conn = warehouse.connect()
    try:
        with conn, conn.cursor() as cur:
            cur.execute("delete from quality.flags where kode_pemda = any(%s)", (pemda,))
            cur.execute("delete from intermediate.int_rfk__kode_dari_nama "
                        "where kode_pemda = any(%s)", (pemda,))
            for table in ("rfk_laporan", "rfk_rekap", "rfk_permasalahan", "rfk_baris_lain",
                          "anggaran_rekap5"):
                cur.execute(f"delete from raw.{table} where kode_pemda = any(%s)", (pemda,))
            cur.execute("update raw.files set superseded_by = null where kode_pemda = any(%s)",
                        (pemda,))
            cur.execute("delete from raw.files where kode_pemda = any(%s)", (pemda,))
    finally:
        conn.close()


def test_every_real_workbook_lands_and_every_row_is_in_the_warehouse(landed, warehouse):
    outcomes, _ = landed
    for name, outcome in outcomes.items():
        assert outcome.status == "loaded", (name, outcome.error)
        landed_rows = dict(query(warehouse, """
            select sheet, count(*) from (
                select sheet from raw.rfk_laporan where file_id = %(id)s
                union all select sheet from raw.rfk_rekap where file_id = %(id)s
                union all select sheet from raw.rfk_permasalahan where file_id = %(id)s
            ) as rows group by sheet""", {"id": outcome.file_id}))
        other_rows = dict(query(warehouse, """
            select sheet, sum(jumlah_baris)::int from raw.rfk_baris_lain
            where file_id = %s group by sheet""", (outcome.file_id,)))
        for sheet in sheets_of(DATA / name):
            assert landed_rows.get(sheet.name, 0) + other_rows.get(sheet.name, 0) == \
                len(sheet.rows), (name, sheet.name)
        [(rows_loaded, rows_skipped)] = query(
            warehouse, "select rows_loaded, rows_skipped from raw.files where file_id = %s",
            (outcome.file_id,))
        assert rows_loaded == sum(landed_rows.values()) == outcome.rows
    recap = outcomes["banjarmasin-laporan_rfk.xlsx"].file_id
    assert query(warehouse, """
        select sum(pagu), sum(realisasi_keuangan) from raw.rfk_rekap
        where file_id = %s and sheet <> 'pagu'""", (recap,)) == [recap_totals()]


def recap_totals() -> tuple[Decimal, Decimal]:
    """NILAI ANGGARAN and REALISASI Rp of the TOTAL rows of the recap's 41 numbered OPD
    and Camat sheets, read apart from serapan's reader (columns C and H)."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(DATA / "banjarmasin-laporan_rfk.xlsx"))
    totals = []
    for name in workbook.sheet_names:
        if name.split(" ")[0].isdigit():
            rows = workbook.get_sheet_by_name(name).to_python()
            [total] = [row for row in rows if len(row) > 7 and row[1] == "TOTAL"]
            totals.append(total)
    assert len(totals) == 41
    return (sum(Decimal(repr(total[2])) for total in totals),
            sum(Decimal(repr(total[7])) for total in totals))


def status_of(warehouse, sheet: str, row_number: int) -> tuple:
    [found] = query(warehouse, """
        select status, kode_opd, kode_sub_kegiatan, kode_rekening, kandidat
        from raw.rfk_kode_kandidat where kode_pemda = any(%s) and sheet = %s
            and row_number = %s""", ([BANJARMASIN, BALI], sheet, row_number))
    return found


def test_rows_without_codes_are_matched_by_their_folded_names(landed, warehouse):
    # case and a line break; a trailing dot; 'By.' and '&'; 'Sub Kegiatan' in front
    assert status_of(warehouse, "2 Dinkes", 12)[:3] == ("cocok", DINKES, "1.02.01.2.01.0001")
    assert status_of(warehouse, "2 Dinkes", 13)[:3] == ("cocok", DINKES, "1.02.01.2.02.0001")
    assert status_of(warehouse, "2 Dinkes", 24)[:3] == ("cocok", DINKES, "1.02.01.2.09.0001")
    assert status_of(warehouse, "33 BPBD", 12)[:3] == ("cocok", BPBD, "1.05.01.2.01.0001")
    # two lines of one name: none chosen, both named
    assert status_of(warehouse, "2 Dinkes", 14) == (
        "ganda", DINKES, None, None,
        "1.02.01.2.06.0002 peningkatan sarana & prasarana disiplin pegawai; "
        "1.02.01.2.06.0003 Peningkatan Sarana dan Prasarana Disiplin Pegawai")
    # a name the budget does not have
    assert status_of(warehouse, "2 Dinkes", 15) == ("tidak_cocok", DINKES, None, None, None)
    # a sheet whose title names no SKPD of the budget
    assert status_of(warehouse, "3 DPUPR", 12)[:2] == ("opd_tidak_cocok", None)
    # accounts by name in the OPD (februari.xlsx names its kegiatan, not a sub kegiatan)
    assert status_of(warehouse, "RFK", 15)[:4] == (
        "cocok", DISDIK, "1.01.01.2.09.0003", "5.1.02.02.01.0030")
    assert status_of(warehouse, "RFK", 16)[0] == "ganda"
    # accounts by their code typed by hand, in the workbook's kegiatan
    assert status_of(warehouse, "Jan", 21)[:4] == (
        "cocok", KOMINFOS, "2.21.02.1.02.0001", "5.1.02.01.01.0024")
    assert status_of(warehouse, "Jan", 53)[:4] == (  # '5.2.02.05.002.000\n06'
        "cocok", KOMINFOS, "2.21.02.1.02.0001", "5.2.02.05.002.00006")
    counts = dict(query(warehouse, """
        select status, count(*) from raw.rfk_kode_kandidat
        where kode_pemda = %s and tahun = 2023 group by status""", (BANJARMASIN,)))
    # the recap's 2312 lines: '2 Dinkes' 80 (3 + 1 + 76), '33 BPBD' 33 (1 + 32), the rest
    # under titles the small budget has no SKPD of
    assert counts == {"cocok": 4, "ganda": 1, "tidak_cocok": 108, "opd_tidak_cocok": 2199}


def flags(warehouse, rule_id: str) -> dict[tuple, dict]:
    return {(sheet, row): nilai for sheet, row, nilai in query(warehouse, """
        select sheet, row_number, nilai from quality.flags
        where rule_id = %s and kode_pemda = any(%s)""", (rule_id, [BANJARMASIN, BALI]))}


def test_each_row_that_matches_none_or_several_lines_is_a_finding(landed, warehouse):
    ambiguous = flags(warehouse, "RFK-015")
    assert set(ambiguous) == {("2 Dinkes", 14), ("RFK", 16)}
    assert ambiguous[("RFK", 16)]["kandidat"] == (
        "1.01.01.2.09.0003 Penyediaan Jasa Pelayanan Umum Kantor / 5.1.02.02.01.0031 BELANJA "
        "JASA TENAGA KEAMANAN; 1.01.01.2.09.0004 Penyediaan Jasa Komunikasi, Sumber Daya Air "
        "dan Listrik / 5.1.02.02.01.0031 Belanja Jasa Tenaga Keamanan")
    unmatched = flags(warehouse, "RFK-014")
    assert ("2 Dinkes", 15) in unmatched and ("2 Dinkes", 12) not in unmatched
    assert unmatched[("2 Dinkes", 15)]["nama_dicocokkan"] == \
        "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor"
    assert len(unmatched) == 108 + 6 + 5  # the recap's, februari's and Bali's
    assert len(flags(warehouse, "RFK-016")) == 2199
    assert flags(warehouse, "RFK-002") == {}  # every row has a name to match by
    # the one row of the real workbooks that cannot be read (Bali's sheet Jan)
    assert set(flags(warehouse, "RFK-017")) == {("Jan", 50)}


def test_the_findings_reach_the_opd_feedback(landed, warehouse, tmp_path):
    out = tmp_path / "umpan-balik.xlsx"
    status, printed = run_cli("feedback", "--opd", DISDIK, "--month", "2022-08",
                              "--pemda", BANJARMASIN, "--out", str(out))
    assert status == 0, printed
    rows = [[cell for cell in row if cell not in (None, "")]
            for row in openpyxl.load_workbook(out)["Temuan"].iter_rows(values_only=True)]
    headings = {found.group(1): row[0] for row in rows if row and isinstance(row[0], str)
                for found in [re.search(r"; aturan ([A-Z0-9-]+)\): ", row[0])] if found}
    # februari.xlsx's six accounts no line is named after, the one of two lines, the
    # report being late (August 2022, landed now), and its physical % equal to its
    # financial % on every line (the form's FISIK columns repeat KEUANGAN's), which the
    # rules judge on rows without codes as on any other: said once, for the whole report
    assert {rule: heading.split(";")[0].split("(")[1] for rule, heading in headings.items()} \
        == {"RFK-014": "6 baris", "RFK-015": "1 baris", "REL-009": "seluruh laporan",
            "REL-004": "seluruh laporan"}
    assert "lebih dari satu baris DPA" in headings["RFK-015"]
    [ambiguous] = [row for row in rows if len(row) > 1 and str(row[1]).endswith(
        ", sheet RFK, baris 16")]
    assert "1.01.01.2.09.0004 Penyediaan Jasa Komunikasi" in " ".join(map(str, ambiguous))


def test_dbt_keeps_the_codes_the_names_match(landed, warehouse):
    _, built = landed
    assert built == []
    assert query(warehouse, """
        select status, count(*), count(kode_sub_kegiatan) from intermediate.int_rfk__kode_dari_nama
        where kode_pemda = any(%s) group by status order by status""",
                 ([BANJARMASIN, BALI],)) == [
        ("cocok", 7, 7), ("ganda", 2, 0), ("opd_tidak_cocok", 2199, 0),
        ("tidak_cocok", 119, 0)]
