"""The SP2D register (the BUD's register, the FMIS print) and SIPD-RI's SP2D records in
JSON, as DOMAIN.md describes them: one row per SP2D, to the rupiah, the month never
guessed, errors naming file, sheet and row; then landed, staged and mapped to SKPD codes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from pipelines.inbox import FileMeta
from pipelines.sources.dates import parse_tanggal
from pipelines.sources.errors import SourceFileError
from pipelines.sources.sp2d import SOURCE
from tests.db import query
from tests.workbooks_sp2d_register import (
    FMIS_TITLES,
    NPWP,
    REKENING_PENERIMA,
    bud_row,
    fmis_row,
    sp2d_record,
    write_records,
    write_register,
)

PEMDA = "99.08"  # its 2026: the year these tests land
META = FileMeta("sp2d", PEMDA)
TOTAL_ROW = ["JUMLAH", None, None, None, None, None, None, None, 6_000_000.5, 300_000,
             5_700_000.5]


def as_dicts(parsed) -> list[dict]:
    return [dict(zip(("sheet", "row_number", *parsed.columns), row)) for row in parsed.rows]


def bud_register(path):
    """Three SP2D cashed in January 2026, each date written another way, a total row, a
    note and an SP2D made but not cashed."""
    return write_register(path, [
        bud_row(1, "0001/SP2D/LS/2026", pembuatan="2 Januari 2026", pencairan="5 Januari 2026",
                bruto=1_000_000, potongan=100_000, neto=900_000),
        bud_row(2, "0002/SP2D/GU/2026", pembuatan="06/01/2026", pencairan=46034,  # 12 Jan
                jenis="GU", bruto=2_500_000.25, potongan=0, neto=2_500_000.25),
        bud_row(3, "0003/SP2D/LS/2026", pembuatan=date(2026, 1, 20),
                pencairan=date(2026, 1, 21), bruto=2_000_000.25, potongan=200_000,
                neto=1_800_000.25),
        bud_row(4, "0004/SP2D/LS/2026", pembuatan="30 Januari 2026", pencairan=None,
                bruto=500_000, potongan=0, neto=500_000),
        TOTAL_ROW,
        [],
        ["Dicetak oleh Kuasa BUD"],
    ], title_rows=[["REGISTER SP2D TAHUN 2026"], []], sheets_before=("Rekap",))


# --- the register workbook ------------------------------------------------------------


def test_bud_register_lands_one_row_per_sp2d_to_the_rupiah(tmp_path):
    parsed = SOURCE.read(bud_register(tmp_path / "register.xlsx"), META)
    rows = as_dicts(parsed)

    assert [(r["sheet"], r["row_number"]) for r in rows] == \
        [("Data Realisasi", row) for row in (4, 5, 6, 7)]
    assert {r["layout"] for r in rows} == {"register_bud"}
    assert sum(r["bruto"] for r in rows) == Decimal("6000000.50")  # the file's JUMLAH
    assert sum(r["neto"] for r in rows) == Decimal("5700000.50")
    assert [r["tanggal_pencairan"] for r in rows] == \
        [date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 21), None]
    assert [r["tanggal_pembuatan"] for r in rows] == \
        [date(2026, 1, 2), date(2026, 1, 6), date(2026, 1, 20), date(2026, 1, 30)]
    assert [r["money_out"] for r in rows] == [True, True, True, False]
    assert rows[0]["nama_skpd"] == "Dinas Kesehatan" and rows[1]["jenis_sp2d"] == "GU"
    assert parsed.file_columns == {"kode_pemda": PEMDA, "periode": "2026-01"}
    assert parsed.tahun == 2026 and parsed.rows_skipped == 3
    assert parsed.notes[0] == ("baris dilewati / rows skipped: 1 subtotal, 1 kosong / empty, "
                               "1 judul/catatan / title or note")


def test_fmis_print_is_read_as_the_same_facts(tmp_path):
    path = write_register(tmp_path / "fmis.xlsx", [
        fmis_row(1, "00012/SP2D/2026", terbit="03/02/2026", cair="04/02/2026"),
        fmis_row(2, "00013/SP2D/2026", terbit="2 Februari 2026", cair=46057,  # 4 Feb
                 kotor=1_000_000, pph=15_000, ppn=100_000, potongan=5_000, bersih=880_000),
    ], titles=FMIS_TITLES, sheet="Sheet1")
    rows = as_dicts(SOURCE.read(path, META))

    assert {r["layout"] for r in rows} == {"register_fmis"}
    assert [(r["bruto"], r["pph"], r["ppn"], r["potongan"], r["neto"]) for r in rows] == [
        (Decimal(2_000_000), Decimal(30_000), Decimal(200_000), Decimal(0), Decimal(1_770_000)),
        (Decimal(1_000_000), Decimal(15_000), Decimal(100_000), Decimal(5_000), Decimal(880_000)),
    ]
    assert [r["tanggal_pencairan"] for r in rows] == [date(2026, 2, 4)] * 2
    assert rows[0]["nomor_spm"] == "SPM-1" and rows[0]["nama_penerima"] == "PT Contoh"
    assert rows[0]["nomor_rekening_penerima"] == REKENING_PENERIMA  # as written, zeros kept
    assert rows[0]["kode_rekening"] == "5.2.02.01.01.0001" and rows[0]["jenis_sp2d"] is None


@pytest.mark.parametrize("value", [
    "2 Januari 2026", "02/01/2026", "2-1-2026", "2026-01-02", "2026-01-02 00:00:00",
    46024, 46024.0, date(2026, 1, 2), datetime(2026, 1, 2, 8, 30),
])
def test_every_date_form_parses(value):
    assert parse_tanggal("f.xlsx", "s", 2, value) == date(2026, 1, 2)


@pytest.mark.parametrize(("change", "problem"), [
    ({"pencairan": "31 Februari 2026"}, "Tanggal Pencairan bukan tanggal / not a date: "
                                        "'31 Februari 2026'"),
    ({"pencairan": "5 Janvier 2026"}, "unknown month name 'Janvier'"),
    ({"pembuatan": None}, "Tanggal Pembuatan kosong / empty"),
    ({"bruto": "12,500"}, "Bruto: angka ambigu / ambiguous number"),
    ({"nomor": "0001/sp2d/LS/ 2026"}, "Nomor SP2D '0001/sp2d/LS/ 2026' sudah ada di baris 2"),
])
def test_a_bad_row_names_file_sheet_and_row(tmp_path, change, problem):
    row = {"no": 2, "nomor": "0002/SP2D/LS/2026", **change}
    path = write_register(tmp_path / "bad.xlsx",
                          [bud_row(1, "0001/SP2D/LS/2026"), bud_row(**row)])
    with pytest.raises(SourceFileError) as error:
        SOURCE.read(path, META)
    assert str(error.value).startswith("bad.xlsx, sheet 'Data Realisasi', baris/row 3: ")
    assert problem in str(error.value)


def test_a_row_of_dates_without_its_number_is_refused_not_skipped(tmp_path):
    path = write_register(tmp_path / "merged.xlsx",
                          [bud_row(1, "0001/SP2D/LS/2026"), bud_row(2, None)])
    with pytest.raises(SourceFileError, match="merged.xlsx, sheet 'Data Realisasi', "
                                              r"baris/row 3: Nomor SP2D kosong"):
        SOURCE.read(path, META)


def test_personal_data_is_never_in_a_message(tmp_path):
    path = write_register(tmp_path / "fmis.xlsx", [fmis_row(1, "1/SP2D", kotor="satu juta")],
                          titles=FMIS_TITLES)
    with pytest.raises(SourceFileError) as error:
        SOURCE.read(path, META)
    assert "baris/row 2: Jumlah Kotor: bukan angka / not a number" in str(error.value)
    assert REKENING_PENERIMA not in str(error.value)


# --- what the source does not read ------------------------------------------------------

# The SP2D list serapan read before (one row per SP2D detail line): no system exports it.
LIST_TITLES = ["NOMOR SP2D", "TANGGAL SP2D", "JENIS SP2D", "NOMOR SPM", "KODE SKPD",
               "NAMA SKPD", "KODE SUB KEGIATAN", "KODE REKENING", "URAIAN", "NILAI"]
LIST_LINE = ["00001/LS/2026", "14/01/2026", "LS", "00001/SPM/2026", "1.02.0.00.0.00.01.0000",
             "Dinas Kesehatan", "1.02.02.2.01.0001", "5.1.02.01.01.0024", "ATK", 1_234_567]
READ = ("yang dibaca / what is read: register SP2D BUD atau cetakan FMIS (.xlsx) dan record "
        "SP2D SIPD-RI (.json) / the BUD's SP2D register or the FMIS print (.xlsx) and "
        "SIPD-RI's SP2D records (.json)")


def test_an_sp2d_list_csv_is_refused_saying_what_is_read(tmp_path):
    path = tmp_path / "sp2d-2026-01.csv"
    path.write_text(";".join(LIST_TITLES) + "\r\n" + ";".join(map(str, LIST_LINE)) + "\r\n",
                    encoding="utf-8-sig")
    with pytest.raises(SourceFileError) as error:
        SOURCE.read(path, META)
    assert str(error.value) == (
        f"sp2d-2026-01.csv: format .csv tidak dibaca / not read: {READ}; daftar SP2D per "
        "rincian (csv) bukan ekspor sistem mana pun / an SP2D list of detail lines (csv) is "
        "no system's export")


def test_a_workbook_of_the_sp2d_list_or_of_another_source_is_refused(tmp_path):
    from tests.workbooks import budget_row, write_rekap5

    sp2d_list = write_register(tmp_path / "daftar-sp2d.xlsx", [LIST_LINE], titles=LIST_TITLES,
                               sheet="SP2D")
    with pytest.raises(SourceFileError) as error:
        SOURCE.read(sp2d_list, META)
    assert str(error.value) == (
        f"daftar-sp2d.xlsx: bukan register SP2D / not an SP2D register ({READ}): sheet "
        "'SP2D': kolom tidak ditemukan / columns not found: Tanggal Pembuatan, Tanggal "
        "Pencairan, SKPD, Bruto, Neto")
    budget = write_rekap5(tmp_path / "rekap5.xlsx", [budget_row(1)])
    with pytest.raises(SourceFileError, match=r"^rekap5.xlsx: bukan register SP2D / not an "
                                              r"SP2D register .*columns not found: Nomor SP2D"):
        SOURCE.read(budget, META)


def test_other_formats_and_unreadable_workbooks_are_refused(tmp_path):
    text = tmp_path / "r.txt"
    text.write_text("Nomor SP2D;Bruto\n")
    with pytest.raises(SourceFileError, match=r"^r.txt: format .txt tidak dibaca / not read: "
                                              "yang dibaca"):
        SOURCE.read(text, META)
    not_xlsx = tmp_path / "s.xlsx"
    not_xlsx.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(SourceFileError, match="bukan file spreadsheet"):
        SOURCE.read(not_xlsx, META)
    empty = write_register(tmp_path / "q.xlsx", [], titles=[""])
    with pytest.raises(SourceFileError, match="sheet 'Data Realisasi' kosong / empty"):
        SOURCE.read(empty, META)


# --- the month a file reports -----------------------------------------------------------


def test_the_month_is_the_sidecars_else_its_money_outs_else_refused(tmp_path):
    path = write_register(tmp_path / "dua-bulan.xlsx", [
        bud_row(1, "1/SP2D", pencairan="30 Januari 2026"),
        bud_row(2, "2/SP2D", pencairan="2 Februari 2026"),
    ])
    with pytest.raises(SourceFileError) as error:
        SOURCE.read(path, META)
    assert str(error.value) == (
        "dua-bulan.xlsx: bulan laporan tidak bisa ditentukan / the month reported cannot be "
        "told: SP2D uang keluar di 2 bulan (2026-01, 2026-02) / money-out SP2D in 2 months; "
        "tulis periode (YYYY-MM) di sidecar / write periode (YYYY-MM) in the sidecar "
        'dua-bulan.xlsx.meta.json, mis. / e.g. {"periode": "2026-01"}')
    told = FileMeta("sp2d", PEMDA, periode="2026-02")
    assert SOURCE.read(path, told).file_columns["periode"] == "2026-02"

    nothing_out = write_register(tmp_path / "belum-cair.xlsx", [bud_row(1, "1/SP2D",
                                                                        pencairan=None)])
    with pytest.raises(SourceFileError, match="tidak ada SP2D uang keluar / no money-out SP2D"):
        SOURCE.read(nothing_out, META)


def test_a_re_export_of_the_month_replaces_the_earlier_another_skpds_does_not(tmp_path):
    def key(rows, meta=META):
        parsed = SOURCE.read(write_register(tmp_path / "r.xlsx", rows), meta)
        return SOURCE.supersede_key(meta, parsed)

    january = key([bud_row(1, "1/SP2D"), bud_row(2, "2/SP2D", skpd="Dinas Pendidikan")])
    corrected = key([bud_row(1, "1/SP2D", bruto=5), bud_row(2, "3/SP2D", skpd="Dinas Pendidikan")])
    assert january == corrected and january.startswith(f"sp2d-register|{PEMDA}|2026-01|")
    assert key([bud_row(1, "9/SP2D", skpd="Dinas Pendidikan")]) != january
    batch = FileMeta("sp2d", PEMDA, batch="koreksi-1")
    assert key([bud_row(1, "1/SP2D")], batch) == f"sp2d-register|{PEMDA}|2026-01|koreksi-1"
    with pytest.raises(SourceFileError, match="bulan 2026-01 di luar tahun 2025 di sidecar"):
        key([bud_row(1, "1/SP2D")], FileMeta("sp2d", PEMDA, 2025))


# --- SIPD-RI's records in JSON ----------------------------------------------------------


def json_records(path):
    return write_records(path, [
        sp2d_record("A/1/LS/2026", tanggal="2026-01-07 00:00:00", nilai="116338787"),
        sp2d_record("A/2/LS/2026", tanggal="2026-01-15", nilai=2500000.75),  # a JSON number
        # not money out: a deleted SP2D of February leaves the month January
        sp2d_record("A/3/LS/2026", status="dihapus", tanggal="2026-02-02", nilai="1000"),
        sp2d_record("A/4/LS/2026", status="proses_transfer", tanggal="2026-01-30",
                    nilai="2000", kode_skpd=""),
    ])


def test_json_records_land_every_status_and_only_ditransfer_is_money_out(tmp_path):
    parsed = SOURCE.read(json_records(tmp_path / "sp2d.json"), META)
    rows = as_dicts(parsed)

    assert [(r["sheet"], r["row_number"], r["status"], r["money_out"]) for r in rows] == [
        ("json", 1, "ditransfer", True), ("json", 2, "ditransfer", True),
        ("json", 3, "dihapus", False), ("json", 4, "proses_transfer", False)]
    assert sum(r["bruto"] for r in rows) == Decimal("118841787.75")
    assert sum(r["bruto"] for r in rows if r["money_out"]) == Decimal("118838787.75")
    assert [r["tanggal_pembuatan"] for r in rows[:2]] == [date(2026, 1, 7), date(2026, 1, 15)]
    assert parsed.file_columns["periode"] == "2026-01"
    first = rows[0]
    assert (first["kode_skpd"], first["jenis_sp2d"], first["jenis_ls"], first["is_gaji"]) == \
        ("1.02.0.00.0.00.01.0000", "LS", "gaji", True)
    assert (first["nama_penerima"], first["npwp"], first["nomor_rekening_penerima"]) == \
        ("Bendahara Gaji", NPWP, REKENING_PENERIMA)
    assert rows[3]["kode_skpd"] is None and first["neto"] is None  # nothing derived
    assert parsed.notes == ["2 SP2D belum/tidak dicairkan (bukan uang keluar) / not cashed or "
                            "transferred (not money out)"]


@pytest.mark.parametrize(("records", "problem"), [
    ({"status": "success", "data": []}, "sp2d.json: harus daftar JSON [ ... ] record SP2D / "
                                        "must be a JSON list of SP2D records, bukan objek"),
    ([sp2d_record("A/1"), sp2d_record("A/2", status="terkirim")],
     "sp2d.json, sheet 'json', baris/row 2: status 'terkirim' tidak dikenal / unknown"),
    ([sp2d_record("A/1"), {**sp2d_record("A/2"), "nilai_sp_2_d": "1.234.567"}],
     "sp2d.json, sheet 'json', baris/row 2: nilai_sp_2_d bukan angka / not a number"),
    ([{**sp2d_record("A/1"), "status": None}],
     "sp2d.json, sheet 'json', baris/row 1: kosong atau tidak ada / empty or missing: status"),
    ([], "sp2d.json, sheet 'json': daftar record SP2D kosong / no SP2D records"),
])
def test_json_that_is_not_a_list_of_records_is_refused_clearly(tmp_path, records, problem):
    with pytest.raises(SourceFileError) as error:
        SOURCE.read(write_records(tmp_path / "sp2d.json", records), META)
    assert problem in str(error.value)
    assert NPWP not in str(error.value)


# --- landed, staged, and each SKPD name mapped through the budget in force -----------------


@pytest.fixture(scope="module")
def landed(warehouse, tmp_path_factory):
    """A 2026 budget of one SKPD (Dinas Kesehatan), the BUD register of January naming it
    in other case and punctuation and once by a name the budget has not, and the JSON
    records; landed, checked and built to the payment mart."""
    from pipelines.inbox import write_meta
    from pipelines.landing.load import ingest_file
    from pipelines.quality.step import run_quality_step
    from tests.db import run_dbt
    from tests.workbooks import budget_row, write_rekap5

    inbox = tmp_path_factory.mktemp("inbox")
    budget = write_rekap5(inbox / "anggaran" / "murni-2026.xlsx",
                          [budget_row(1, tahun=2026)])
    write_meta(budget, FileMeta("anggaran", PEMDA, 2026, "murni", date(2026, 1, 2)))
    register = write_register(inbox / "sp2d" / "register-januari.xlsx", [
        bud_row(1, "0001/SP2D/LS/2026", skpd="DINAS KESEHATAN", bruto=1_000_000.5,
                neto=900_000.5),
        bud_row(2, "0002/SP2D/LS/2026", skpd="Dinas  Kesehatan.", pencairan="9/1/2026",
                bruto=2_000_000, neto=1_800_000),
        bud_row(3, "0003/SP2D/LS/2026", skpd="Dinas Kesehatan Hewan", bruto=3_000_000,
                neto=2_700_000),
    ])
    write_meta(register, FileMeta("sp2d", PEMDA))
    records = json_records(inbox / "sp2d" / "sp2d-sipd.json")
    write_meta(records, FileMeta("sp2d", PEMDA))
    outcomes = {path.name: ingest_file(warehouse, path) for path in (budget, register, records)}
    run_quality_step(warehouse, pemda=[PEMDA])  # as its build run would
    target = tmp_path_factory.mktemp("dbt")
    failures = run_dbt(target, "run", "--select", "+fct_sp2d", pemda=[PEMDA])
    # (the masking test reads every mart, of which this builds one)
    failures += run_dbt(target, "test", "--select", "stg_sp2d__register", "int_sp2d__register",
                        "fct_sp2d", "--exclude", "assert_marts_hold_no_unmasked_personal_data",
                        pemda=[PEMDA])
    return outcomes, failures


def test_register_and_records_land_to_the_rupiah(landed, warehouse):
    outcomes, _ = landed
    register, records = outcomes["register-januari.xlsx"], outcomes["sp2d-sipd.json"]
    assert (register.status, register.rows, register.total) == \
        ("loaded", 3, Decimal("6000000.50"))
    assert (records.status, records.rows, records.total) == \
        ("loaded", 4, Decimal("118841787.75"))
    assert query(warehouse, """
        select layout, periode, count(*), sum(bruto), sum(neto), count(*) filter (where money_out)
        from raw.sp2d_register where kode_pemda = %s group by layout, periode order by layout
        """, (PEMDA,)) == [
        ("register_bud", "2026-01", 3, Decimal("6000000.50"), Decimal("5400000.50"), 3),
        ("sipd_ri_json", "2026-01", 4, Decimal("118841787.75"), None, 2)]


def test_each_sp2d_gets_the_skpd_code_its_name_has_in_the_budget(landed, warehouse):
    _, failures = landed
    assert failures == []
    found = query(warehouse, """
        select nomor_sp2d, tanggal, bruto, neto, kode_skpd, status_skpd, is_uang_keluar
        from intermediate.int_sp2d__register where kode_pemda = %s order by nomor_sp2d
        """, (PEMDA,))
    skpd = "1.02.0.00.0.00.01.0000"
    assert found == [
        ("0001/SP2D/LS/2026", date(2026, 1, 5), Decimal("1000000.50"), Decimal("900000.50"),
         skpd, "cocok", True),
        ("0002/SP2D/LS/2026", date(2026, 1, 9), Decimal(2_000_000), Decimal(1_800_000),
         skpd, "cocok", True),
        ("0003/SP2D/LS/2026", date(2026, 1, 5), Decimal(3_000_000), Decimal(2_700_000),
         None, "tidak_cocok", True),
        ("A/1/LS/2026", date(2026, 1, 7), Decimal(116_338_787), None, skpd, "kode_dari_file",
         True),
        ("A/2/LS/2026", date(2026, 1, 15), Decimal("2500000.75"), None, skpd,
         "kode_dari_file", True),
        ("A/3/LS/2026", date(2026, 2, 2), Decimal(1000), None, skpd, "kode_dari_file", False),
        ("A/4/LS/2026", date(2026, 1, 30), Decimal(2000), None, None, "tanpa_skpd", False),
    ]


def test_the_flags_name_the_skpd_name_that_matched_nothing(landed, warehouse):
    assert query(warehouse, """
        select source_file, sheet, row_number, severity, nilai ->> 'nama_skpd'
        from quality.flags where rule_id = 'SP2D-014' and kode_pemda = %s""", (PEMDA,)) == [
        ("register-januari.xlsx", "Data Realisasi", 4, "warning", "Dinas Kesehatan Hewan")]


def test_the_payment_mart_holds_one_row_per_sp2d_to_the_rupiah(landed, warehouse):
    _, failures = landed
    assert failures == []  # its grain, and its reconciliation with raw to the rupiah
    assert query(warehouse, """
        select layout, count(*), sum(bruto), sum(bruto) filter (where is_uang_keluar),
            count(kode_skpd), min(tahun), min(bulan)
        from marts.fct_sp2d where kode_pemda = %s group by layout order by layout""",
                 (PEMDA,)) == [
        ("register_bud", 3, Decimal("6000000.50"), Decimal("6000000.50"), 2, 2026,
         date(2026, 1, 1)),
        ("sipd_ri_json", 4, Decimal("118841787.75"), Decimal("118838787.75"), 3, 2026,
         date(2026, 1, 1))]
