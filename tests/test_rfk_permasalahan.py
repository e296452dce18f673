"""The problems of Kota Banjarmasin's real 2023 recap, landed and built into
fct_permasalahan_bulanan: every problem with a category by the seed's keyword rules (a
hand-labelled sample read as an Indonesian reader would), who must act, and each problem
followed across the recap's June, September and December Permasalahan sheets.

No budget of Banjarmasin is public: the small budget here names five of its SKPD as the
recap writes them (one, BPKPAD, in the longer form its budget would use). The June and
September sheets are copied, values only, into workbooks of their own: the same workbook
landed again under another month would be a retry of the first. Everything landed is
deleted at the end, so the session's other tests see a warehouse as before."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from pipelines.inbox import FileMeta, write_meta
from tests.db import query, run_dbt
from tests.test_rfk_forms_landing import line, write_budget

DATA = Path(__file__).resolve().parent / "data" / "rfk"
RECAP = DATA / "banjarmasin-laporan_rfk.xlsx"
BANJARMASIN = "63.71"
DISDIK, DPRKP, BAKESBANGPOL, DISHUB, BPKPAD = (
    "1.01.0.00.0.00.01.0000", "1.04.0.00.0.00.01.0000", "8.01.0.00.0.00.01.0000",
    "2.15.0.00.0.00.01.0000", "5.02.0.00.0.00.01.0000")
BUDGET = [
    line(DISDIK, "Dinas Pendidikan", "1.01.01.2.01.0001", "Penyusunan Dokumen Perencanaan"),
    line(DPRKP, "Dinas Perumahan Rakyat dan Kawasan Permukiman", "1.04.01.2.01.0001",
         "Penyusunan Dokumen Perencanaan"),
    line(BAKESBANGPOL, "Badan Kesatuan Bangsa dan Politik", "8.01.01.2.01.0001",
         "Penyusunan Dokumen Perencanaan"),
    line(DISHUB, "Dinas Perhubungan", "2.15.01.2.01.0001", "Penyusunan Dokumen Perencanaan"),
    line(BPKPAD, "Badan Pengelolaan Keuangan, Pendapatan dan Aset Daerah", "5.02.01.2.01.0001",
         "Penyusunan Dokumen Perencanaan"),
]
EARLIER_SHEETS = {"2023-06": "Permasalahan (2)", "2023-09": "Permasalahan September"}


def one_sheet_copy(sheet: str, path: Path) -> Path:
    """The recap's sheet, its values only, as a workbook of its own."""
    rows = CalamineWorkbook.from_path(str(RECAP)).get_sheet_by_name(sheet).to_python(
        skip_empty_area=False)
    workbook = openpyxl.Workbook()
    copy = workbook.active
    copy.title = sheet
    for row in rows:
        copy.append([None if value == "" else value for value in row])
    workbook.save(path)
    return path


@pytest.fixture(scope="module")
def built(warehouse, tmp_path_factory):
    from pipelines.landing.load import ingest_file

    inbox = tmp_path_factory.mktemp("inbox")
    budget = write_budget(inbox / "anggaran" / "rekap5-banjarmasin-2023.xlsx", BUDGET)
    write_meta(budget, FileMeta("anggaran", BANJARMASIN, 2023, "murni", date(2023, 1, 2)))
    assert ingest_file(warehouse, budget).status == "loaded"
    (inbox / "rfk").mkdir()
    reports = {"2023-12": shutil.copyfile(RECAP, inbox / "rfk" / RECAP.name)}
    for periode, sheet in EARLIER_SHEETS.items():
        reports[periode] = one_sheet_copy(sheet, inbox / "rfk" / f"permasalahan-{periode}.xlsx")
    outcomes = {}
    for periode, path in reports.items():
        write_meta(path, FileMeta("rfk", BANJARMASIN, 2023, periode=periode))
        outcomes[periode] = ingest_file(warehouse, path)
        assert outcomes[periode].status == "loaded", outcomes[periode].error
    target = tmp_path_factory.mktemp("target")
    failed = run_dbt(target, "seed", "--select", "kategori_permasalahan pihak_permasalahan")
    failed += run_dbt(target, "run", "--select", "+fct_permasalahan_bulanan",
                      pemda=[BANJARMASIN])
    # the models' data tests and unit tests, on the rows landed here
    failed += run_dbt(target, "test", "--select",
                      "stg_rfk__permasalahan int_rfk__permasalahan fct_permasalahan_bulanan "
                      "kategori_permasalahan pihak_permasalahan", pemda=[BANJARMASIN])
    yield outcomes, failed
    _delete(warehouse)


def _delete(warehouse) -> None:
    conn = warehouse.connect()
    try:
        with conn, conn.cursor() as cur:
            for table in ("marts.fct_permasalahan_bulanan", "intermediate.int_rfk__permasalahan",
                          "intermediate.int_opd__kode", "quality.flags", "raw.rfk_laporan",
                          "raw.rfk_rekap", "raw.rfk_permasalahan", "raw.rfk_baris_lain",
                          "raw.anggaran_rekap5"):
                cur.execute(f"delete from {table} where kode_pemda = %s", (BANJARMASIN,))
            cur.execute("update raw.files set superseded_by = null where kode_pemda = %s",
                        (BANJARMASIN,))
            cur.execute("delete from raw.files where kode_pemda = %s", (BANJARMASIN,))
    finally:
        conn.close()


def december(warehouse, columns: str) -> dict[int, tuple]:
    """The December recap's problems in the mart, by their row in its Permasalahan sheet."""
    return {row[0]: row[1:] for row in query(warehouse, f"""
        select row_number, {columns} from marts.fct_permasalahan_bulanan
        where kode_pemda = %s and bulan = '2023-12-01' and sheet = 'Permasalahan'
            and status <> 'selesai'""", (BANJARMASIN,))}


def test_the_models_and_their_tests_build(built):
    _, failed = built
    assert failed == []


def test_every_problem_of_the_recap_is_in_the_mart_with_a_category(built, warehouse):
    """The Permasalahan sheet's 221 rows: the 172 that name a problem or its remedy are
    each in the mart once, with a category; the other 49 are accounted for by the reader
    (the OPDs that wrote '-', the legend of codes, titles, blanks)."""
    outcomes, _ = built
    december_file = outcomes["2023-12"].file_id
    [(skipped,)] = query(warehouse, """
        select sum(jumlah_baris)::int from raw.rfk_baris_lain
        where file_id = %s and sheet = 'Permasalahan'""", (december_file,))
    rows = december(warehouse, "kategori, sub_kategori, file_id")
    assert len(rows) == 172 and len(rows) + skipped == 221
    assert {file_id for *_, file_id in rows.values()} == {december_file}
    assert all(kategori and sub_kategori for kategori, sub_kategori, _ in rows.values())
    counts = Counter(kategori for kategori, _, _ in rows.values())
    # one problem no rule recognises ('Pembayaran langanan surat kabar': a payment, with
    # no trouble said) is kept as lainnya, counted, not dropped
    assert counts == {"keuangan": 138, "administrasi": 25, "fisik": 8, "lainnya": 1}
    assert rows[110][:2] == ("lainnya", "lainnya")


# Rows of the December Permasalahan sheet, labelled by reading them (the text in brief).
SAMPLE = {
    10: ("administrasi", "pengadaan/tender"),  # spesifikasi DPA tidak tersedia di e-katalog
    12: ("fisik", "pihak ketiga"),  # Pihak ke-3 tidak bersedia mengeluarkan dana talangan
    16: ("keuangan", "pencairan/pembayaran"),  # penyaluran dana TDF ke Kasda terlambat
    22: ("keuangan", "pencairan/pembayaran"),  # belum realisasi keuangan bulan Desember
    34: ("keuangan", "pencairan/pembayaran"),  # masih dalam proses pencairan
    49: ("keuangan", "ketersediaan anggaran"),  # pembebasan lahan: dana tidak tersedia
    50: ("keuangan", "sisa anggaran/efisiensi"),  # sisa anggaran = sisa harga satuan
    53: ("administrasi", "koordinasi"),  # terkendala dengan pihak BPN, SK Tim
    61: ("keuangan", "ketersediaan anggaran"),  # harga pompa naik melebihi pagu
    63: ("keuangan", "sisa anggaran/efisiensi"),  # pemeliharaan disesuaikan dengan keperluan
    69: ("administrasi", "regulasi/juknis"),  # berakhirnya Program KOTAKU
    81: ("administrasi", "perencanaan"),  # tidak ada jadwal bimtek dan diklat
    85: ("administrasi", "perencanaan"),  # kasus insidentil
    86: ("administrasi", "koordinasi"),  # harus mengundang pihak luar
    102: ("administrasi", "regulasi/juknis"),  # perjalanan dinas 50% SBU menurut perwal
    106: ("keuangan", "pencairan/pembayaran"),  # only its remedy: pembayaran 100% nilai SPK
    113: ("administrasi", "aplikasi/kode rekening"),  # kesalahan di aplikasi
    130: ("administrasi", "SDM"),  # pergantian kepala seksi
    133: ("keuangan", "pencairan/pembayaran"),  # gagal bayar DED Data Center
    149: ("administrasi", "aplikasi/kode rekening"),  # kesalahan kode rekening
    155: ("fisik", "lahan/lokasi"),  # keterbatasan luas bangunan MPP
    160: ("keuangan", "ketersediaan anggaran"),  # tempat acara tidak teranggarkan
    162: ("administrasi", "SDM"),  # SDM pokdarwis kurang, sopir tidak sesuai kualifikasi
    164: ("fisik", "pelaksanaan kegiatan"),  # jasa influencer dan plakat tidak terlaksana
    199: ("fisik", "cuaca/alam"),  # fokus ke status karhutla
}


def test_a_hand_labelled_sample_reads_right(built, warehouse):
    rows = december(warehouse, "kategori, sub_kategori")
    assert {number: rows[number] for number in SAMPLE} == SAMPLE


def test_who_is_expected_to_help_is_resolved_or_said(built, warehouse):
    rows = december(warehouse, "kode_opd, pihak_jenis, pihak_kode_opd, kode_opd_bertindak")
    # 'BPKPAD (Badan Pengelola Keuangan, ...)': the seed's abbreviation, the budget's SKPD
    assert rows[16] == (DISDIK, "opd", BPKPAD, BPKPAD)
    # 'Dinas Pendidikan berkoordinasi dengan BPKPAD', by Disdik: the other OPD acts
    assert rows[22] == (DISDIK, "opd", BPKPAD, BPKPAD)
    # 'PPTK', 'Kabid Lalin': the OPD's own officers; it acts itself
    assert rows[12] == (DISDIK, "opd_sendiri", None, DISDIK)
    assert rows[130] == (DISHUB, "opd_sendiri", None, DISHUB)
    # nothing written
    assert rows[50] == (DPRKP, "tidak_disebut", None, DPRKP)
    # an OPD no budget line of this test names: found by no name, said so
    [(status_opd, kode_opd)] = query(warehouse, """
        select distinct status_opd, kode_opd from marts.fct_permasalahan_bulanan
        where kode_pemda = %s and nama_opd = 'Dinas Sosial'""", (BANJARMASIN,))
    assert (status_opd, kode_opd) == ("nama_tidak_cocok", None)
    kinds = Counter(kind for _, kind, _, _ in rows.values())
    assert kinds["tidak_dikenali"] == 0


def test_a_problem_is_followed_across_the_recaps_months(built, warehouse):
    statuses = dict(query(warehouse, """
        select bulan || ' ' || status, count(*)::int from marts.fct_permasalahan_bulanan
        where kode_pemda = %s group by 1""", (BANJARMASIN,)))
    assert set(statuses) >= {"2023-06-01 baru", "2023-09-01 baru", "2023-09-01 masih_terbuka",
                             "2023-09-01 selesai", "2023-12-01 baru",
                             "2023-12-01 masih_terbuka", "2023-12-01 selesai"}
    assert "2023-06-01 masih_terbuka" not in statuses  # June is the first report

    def status(bulan: str, opd: str, uraian: str) -> set[str]:
        return {found for (found,) in query(warehouse, """
            select status from marts.fct_permasalahan_bulanan
            where kode_pemda = %s and bulan = %s and kode_opd = %s
                and raw.fold_name(uraian_kegiatan) = raw.fold_name(%s)""",
            (BANJARMASIN, bulan, opd, uraian))}

    # DPRKP's meeting held up by the BPN: in September and again in December
    assert status("2023-12-01", DPRKP, "Pengamanan Barang Milik SKPD") == {"masih_terbuka"}
    # Disdik's BOS report: in September, not in December
    assert status("2023-12-01", DISDIK, "Pengelolaan Dana BOS SD") == {"selesai"}
    # Disdik's new classrooms: in September ('Penambahan Ruang Kelas Baru / ') and December
    assert status("2023-12-01", DISDIK, "Penambahan Ruang Kelas Baru") == {"masih_terbuka"}
