"""Every rule of the source and reliability suites fires on a case made to break it and
stays quiet on one made not to; files written by hand show the same rules at work.

The cases live in one throwaway database on the session's server. Each case is a small,
consistent year of one kabupaten (budget, cash plan, SP2D, realization exports and OPD
reports for January and February) under a kode_pemda of its own, changed in one place.
Every rule compares rows within a pemda, so a case can trip rules only through its own
rows, and the quality step runs once for all of them. The suites read the raw tables
(and raw.files) only, so no dbt run is needed: rows are inserted as the loader would land
them. The firing case states every flag the pemda must get, the rule's own and any the
same mistake also raises elsewhere; the passing case is a near miss where there is one.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from psycopg2.extras import execute_values

from pipelines.config import PROJECT_ROOT
from pipelines.migrations import migrate
from pipelines.quality.gx_runner import suite_document, suite_path
from pipelines.quality.step import run_quality_step, suite_names
from pipelines.sample.defects import KINDS
from pipelines.warehouse import with_database

pytestmark = pytest.mark.long  # handed out first (tests/conftest.py)

DATABASE = "quality_rules"
# Suites with their firing and passing cases here; anggaran's are in test_gx_runner.py.
SUITES = [name for name in suite_names() if name != "anggaran"]

TAHUN = 2025
SKPD = "1.02.0.00.0.00.01.0000"
SUB_UNIT = "1.02.0.00.0.00.01.0001"
SK1, SK2, SK3 = "1.02.02.2.01.0001", "1.02.02.2.02.0001", "1.02.02.2.03.0001"
SUB_KEGIATAN = {
    SK1: "Pengadaan Alat Kesehatan",
    SK2: "Pengelolaan Pelayanan Kesehatan",
    SK3: "Penyediaan Layanan Kesehatan Jaringan",
}


@dataclass(frozen=True)
class Account:
    sub_kegiatan: str
    rekening: str
    nama_rekening: str
    pagu: int
    budget_row: int  # its row in the Rekap 5
    rak_row: int


# Two accounts in SK1, one each in SK2 and SK3; C and F spend nothing.
A = Account(SK1, "5.1.02.01.01.0024", "Belanja Alat Tulis Kantor", 120_000_000, 2, 6)
C = Account(SK1, "5.2.02.05.01.0001", "Belanja Modal Peralatan Kantor", 60_000_000, 3, 7)
B = Account(SK2, "5.1.02.02.01.0061", "Belanja Tagihan Listrik", 3_000_000, 4, 8)
F = Account(SK3, "5.1.02.02.01.0063", "Belanja Tagihan Telepon", 12_000_000, 5, 9)
ACCOUNTS = (A, C, B, F)

BUDGET, RAK = "rekap5-murni.xlsx", "anggaran-kas-murni.xlsx"
SP2D_REGISTER, REGISTER_SHEET = "sp2d-register-2025-01.xlsx", "Data Realisasi"
DOK_JAN, DOK_FEB = "dokumen-2025-01.xlsx", "dokumen-2025-02.xlsx"  # per-document exports
DOK_SHEET, DOK_A, DOK_B = "Data Realisasi Dokumen", 6, 7  # A's and B's lines, each month
RFK_JAN, RFK_FEB = "rfk-2025-01.xlsx", "rfk-2025-02.xlsx"
RFK_ROW = {SK1: 6, SK2: 7, SK3: 8}
RFK_SHEET = "RFK"
# Cumulative realization per account at the end of January and February: the document
# lines pay exactly that (LS for A, GU for B), and the OPD reports it per sub kegiatan.
REALISASI = {A: (10_000_000, 25_000_000), C: (0, 0), B: (1_000_000, 2_500_000), F: (0, 0)}
FISIK = {SK1: (8, 16), SK2: (35, 85), SK3: (0, 2)}
DITERIMA = ("2025-02-05", "2025-03-06")  # each report handed in before the 10th


@dataclass
class File:
    source: str
    sheet: str
    meta: dict
    rows: list[dict] = field(default_factory=list)
    table: str | None = None  # the raw table of its rows, where not the source's main one


class Year:
    """January and February of one pemda, every source consistent with the others."""

    def __init__(self):
        self.files: dict[str, File] = {}
        self._budget()
        self._rak()
        self._sp2d()
        for month in (1, 2):
            self._dokumen(month)
            self._rfk(month)

    # the base year ---------------------------------------------------------------------

    def _budget(self):
        rows = self.add_file(BUDGET, "anggaran", "Sheet 1", versi="murni",
                             tanggal_versi="2025-01-02")
        for account in ACCOUNTS:
            rows.append(budget_line(account))

    def _rak(self):
        plan = self.add_file(RAK, "rak", "Anggaran Kas", versi="murni")
        for account in ACCOUNTS:
            for bulan in range(1, 13):
                plan.append({
                    "row_number": account.rak_row, "tahun": TAHUN, "versi": "murni",
                    "bulan": bulan, "kode_skpd": SKPD, "nama_skpd": "Dinas Kesehatan",
                    "kode_sub_unit": SUB_UNIT, "kode_sub_kegiatan": account.sub_kegiatan,
                    "nama_sub_kegiatan": SUB_KEGIATAN[account.sub_kegiatan],
                    "kode_rekening": account.rekening, "nama_rekening": account.nama_rekening,
                    "pagu": account.pagu, "nilai": account.pagu // 12,
                    "total_rak": account.pagu, "selisih": 0,
                    "triwulan": account.pagu // 4 if bulan % 3 == 0 else None,
                })

    def _sp2d(self):
        register = self.add_file(SP2D_REGISTER, "sp2d", REGISTER_SHEET, periode="2025-01")
        register += [register_row(2, 2, 10_000_000, date(2025, 1, 20)),
                     {**register_row(3, 3, 1_000_000, date(2025, 1, 27)), "jenis_sp2d": "GU"}]

    def _dokumen(self, month: int):
        """The same spending as document lines: A's paid LS through SPP (counted on the
        transfer's day), B's by TBP of GU (on the document's day)."""
        lines = self.add_file((DOK_JAN, DOK_FEB)[month - 1], "realisasi", DOK_SHEET,
                              table="raw.realisasi_dokumen", periode=f"2025-{month:02d}")
        a_paid = REALISASI[A][month - 1] - (REALISASI[A][0] if month == 2 else 0)
        b_paid = REALISASI[B][month - 1] - (REALISASI[B][0] if month == 2 else 0)
        paid_on, number = ((date(TAHUN, 1, 20), 2), (date(TAHUN, 2, 18), 4))[month - 1]
        lines += [
            dokumen_line(DOK_A, month, A, f"{month:04d}/SPP-LS", "SPP", "LS", a_paid,
                         date(TAHUN, month, 12), transfer=paid_on,
                         sp2d=f"{number:04d}/SP2D/LS/{SUB_UNIT}/{TAHUN}", nilai_sp2d=a_paid),
            dokumen_line(DOK_B, month, B, f"{month:04d}/TBP-GU", "TBP", "GU", b_paid,
                         date(TAHUN, month, 25)),
        ]

    def _rfk(self, month: int):
        rows = self.add_file((RFK_JAN, RFK_FEB)[month - 1], "rfk", RFK_SHEET,
                             periode=f"2025-{month:02d}", kode_opd=SKPD,
                             extra={"diterima": DITERIMA[month - 1]})
        for code in SUB_KEGIATAN:
            accounts = [a for a in ACCOUNTS if a.sub_kegiatan == code]
            rows.append(rfk_row(
                RFK_ROW[code], month, code, sum(a.pagu for a in accounts),
                sum(REALISASI[a][month - 1] for a in accounts), FISIK[code][month - 1]))

    # changing it ----------------------------------------------------------------------

    def add_file(self, name: str, source: str, sheet: str, table: str | None = None,
                 **meta) -> list[dict]:
        self.files[name] = File(source, sheet, {"source": source, "tahun": TAHUN, **meta},
                                table=table)
        return self.files[name].rows

    def row(self, file: str, row_number: int) -> dict:
        """A row of a file (of a cash plan line, its January row)."""
        [found] = [r for r in self.files[file].rows if r["row_number"] == row_number
                   and r.get("bulan", 1) == 1]
        return found

    def months(self, row_number: int) -> list[dict]:
        """The twelve rows of a cash plan line."""
        return [r for r in self.files[RAK].rows if r["row_number"] == row_number]

    def set(self, file: str, row_number: int, **values) -> None:
        self.row(file, row_number).update(values)

    def copy_row(self, file: str, row_number: int, to_row: int, **values) -> None:
        self.files[file].rows.append({**self.row(file, row_number), "row_number": to_row,
                                      **values})

    def drop(self, name: str) -> None:
        del self.files[name]


def budget_line(account: Account) -> dict:
    kegiatan = account.sub_kegiatan[:12]
    return {
        "row_number": account.budget_row, "versi": "murni", "tanggal_versi": "2025-01-02",
        "no": str(account.budget_row - 1), "tahun": str(TAHUN), "kode_urusan": "1",
        "nama_urusan": "URUSAN WAJIB PELAYANAN DASAR", "kode_skpd": SKPD,
        "nama_skpd": "Dinas Kesehatan", "kode_sub_unit": SUB_UNIT,
        "nama_sub_unit": "Dinas Kesehatan", "kode_bidang_urusan": "1.02",
        "nama_bidang_urusan": "KESEHATAN", "kode_program": kegiatan[:7],
        "nama_program": "PROGRAM PEMENUHAN UPAYA KESEHATAN", "kode_kegiatan": kegiatan,
        "nama_kegiatan": "Penyediaan Fasilitas Kesehatan",
        "kode_sub_kegiatan": account.sub_kegiatan,
        "nama_sub_kegiatan": SUB_KEGIATAN[account.sub_kegiatan], "kode_sumber_dana": "1.2.01.08",
        "nama_sumber_dana": "Dana Alokasi Umum (DAU)", "kode_rekening": account.rekening,
        "nama_rekening": account.nama_rekening, "paket_kelompok": "Kelompok",
        "nama_paket_kelompok": account.nama_rekening, "pagu": account.pagu,
    }


def register_row(row_number: int, number: int, bruto: int, cair: date) -> dict:
    """An SP2D of the BUD's register: the SKPD by its name, as the budget writes it."""
    return {
        "row_number": row_number, "periode": "2025-01", "layout": "register_bud",
        "nomor_sp2d": f"{number:04d}/SP2D/LS/{SUB_UNIT}/{TAHUN}",
        "tanggal_pembuatan": cair, "tanggal_pencairan": cair, "bruto": bruto,
        "money_out": True, "nama_skpd": "Dinas Kesehatan", "neto": bruto, "jenis_sp2d": "LS",
    }


def dokumen_line(row_number: int, month: int, account: Account, nomor: str, jenis_dokumen: str,
                 jenis_transaksi: str, realisasi: int, tanggal: date,
                 transfer: date | None = None, sp2d: str | None = None,
                 nilai_sp2d: int | None = None) -> dict:
    paid_by_transfer = (jenis_transaksi, jenis_dokumen) == ("LS", "SPP")
    return {
        "row_number": row_number, "tahun": TAHUN, "periode": date(TAHUN, month, 1),
        "kode_skpd": SKPD, "nama_skpd": "Dinas Kesehatan", "kode_sub_skpd": SUB_UNIT,
        "kode_sub_kegiatan": account.sub_kegiatan, "kode_rekening": account.rekening,
        "nama_rekening": account.nama_rekening, "nomor_dokumen": nomor,
        "jenis_dokumen": jenis_dokumen, "jenis_transaksi": jenis_transaksi,
        "nomor_sp2d": sp2d, "nilai_sp2d": nilai_sp2d, "tanggal_dokumen": tanggal,
        "tanggal_transfer": transfer, "nilai_realisasi": realisasi, "nilai_setoran": None,
        "tanggal_realisasi": transfer if paid_by_transfer else tanggal, "realisasi": realisasi,
    }


def rfk_row(row_number: int, month: int, code: str, pagu, keuangan, fisik) -> dict:
    return {
        "row_number": row_number, "kode_opd": SKPD, "tahun": TAHUN,
        "periode": date(TAHUN, month, 1), "kode_skpd": None, "kode_sub_unit": None,
        "kode_sub_kegiatan": code, "nama_sub_kegiatan": SUB_KEGIATAN.get(code),
        "sumber_dana": None, "pagu": pagu, "rak": None, "rak_satuan": None,
        "realisasi_keuangan": keuangan, "realisasi_fisik": fisik, "rencana_fisik": None,
        "permasalahan": None,
        "tindak_lanjut": None, "catatan_verifikator": None,
    }


# --- The cases -------------------------------------------------------------------------

Expected = tuple  # (rule_id, file, sheet, row_number, periode of a file-level finding)


def at(rule_id: str, file: str, row_number: int, sheet: str | None = None) -> Expected:
    sheet = sheet or {"rfk": RFK_SHEET, "sp2d": REGISTER_SHEET,
                      "rak": "Anggaran Kas", "dokumen": DOK_SHEET,
                      "lra": LRA_SHEET, "sidak": SIDAK_SHEET}[_source_of(file)]
    return (rule_id, file, sheet, row_number, None)


def month_of(rule_id: str, file: str | None, periode: str) -> Expected:
    return (rule_id, file, None, None, periode)


def _source_of(file: str) -> str:
    return {BUDGET: "anggaran", RAK: "rak"}.get(file) or file.split("-")[0]


@dataclass
class Case:
    fires: Callable[[Year], None]
    expected: list[Expected]  # every flag of the firing case's pemda
    passes: Callable[[Year], None] = lambda year: None  # default: the base year
    pass_expected: list[Expected] = field(default_factory=list)


# B's January line uncounted: SK2's reports of January and February (cumulative) are not
# the finance system's.
B_UNCOUNTED = (("REL-001", RFK_JAN, RFK_SHEET, 7, None), ("REL-001", RFK_FEB, RFK_SHEET, 7, None))


# The SKPD's LRA to the end of February, as the budget and the realization exports have
# it: not in the base year (no pemda need send one), added by the LRA cases.
LRA_FEB, LRA_SHEET = "lra-2025-02.xlsx", "Sheet1"
LRA_ROWS = {  # row -> (kode_rekening, anggaran, realisasi)
    7: ("4", 0, 0),
    8: ("5", 195_000_000, 27_500_000),
    9: ("5.1", 135_000_000, 27_500_000),
    10: ("5.1.02", 135_000_000, 27_500_000),
    11: ("5.2", 60_000_000, 0),
    12: ("5.2.02", 60_000_000, 0),
}


def lra_row(row_number: int, kode: str, anggaran, realisasi) -> dict:
    from pipelines.sources.lra.read import level_of

    return {"row_number": row_number, "tahun": TAHUN, "periode_akhir": date(TAHUN, 2, 28),
            "kode_skpd": SKPD, "kode_rekening": kode, "tingkat": level_of(kode),
            "uraian": f"Rekening {kode}", "anggaran": anggaran, "realisasi": realisasi}


SIDAK, SIDAK_SHEET = "sidak-2025-02.xlsx", "SIDAK"


def sidak(**verified: int) -> Callable[[Year], None]:
    """A sidak of the OPD's February report: the physical % the team saw per sub kegiatan
    (SK1=..., SK2=...), its report's beside it (FISIK), on rows 18, 19, 20."""
    codes = {"SK1": SK1, "SK2": SK2, "SK3": SK3}

    def change(year: Year) -> None:
        rows = year.add_file(SIDAK, "sidak", SIDAK_SHEET, periode="2025-02", kode_opd=SKPD)
        for row_number, (name, fisik) in enumerate(verified.items(), 18):
            code = codes[name]
            rows.append({"row_number": row_number, "tahun": TAHUN,
                         "periode": date(TAHUN, 2, 1), "kode_opd": SKPD, "tim": "Tim Sidak",
                         "tanggal_sidak": date(TAHUN, 3, 12), "kode_sub_kegiatan": code,
                         "fisik_dilaporkan": FISIK[code][1], "fisik_terverifikasi": fisik})
    return change


def lra(kode_skpd: str = SKPD, **changed: tuple) -> Callable[[Year], None]:
    """The February LRA of `kode_skpd`, with rows changed or added:
    row_<n>=(kode_rekening, anggaran, realisasi)."""
    values = {**LRA_ROWS, **{int(k.removeprefix("row_")): v for k, v in changed.items()}}

    def change(year: Year) -> None:
        rows = year.add_file(LRA_FEB, "lra", LRA_SHEET, periode="2025-02", kode_opd=kode_skpd)
        rows += [{**lra_row(number, *row), "kode_skpd": kode_skpd}
                 for number, row in sorted(values.items())]
    return change


def both(*changes: Callable[[Year], None]) -> Callable[[Year], None]:
    def change(year: Year) -> None:
        for one in changes:
            one(year)
    return change


def new_version(tanggal: str, sk1_pagu: int) -> Callable[[Year], None]:
    """A pergeseran taking effect on `tanggal`, moving SK1's budget to sk1_pagu."""
    def change(year: Year) -> None:
        rows = year.add_file("rekap5-pergeseran_1.xlsx", "anggaran", "Sheet 1",
                             versi="pergeseran_1", tanggal_versi=tanggal)
        for account in ACCOUNTS:
            line = {**budget_line(account), "versi": "pergeseran_1", "tanggal_versi": tanggal}
            if account == A:
                line["pagu"] = sk1_pagu - C.pagu
            rows.append(line)
    return change


def pergeseran(tanggal: str, pagu: dict[Account, int]) -> Callable[[Year], None]:
    """A pergeseran taking effect on `tanggal` that sets these accounts' pagu."""
    def change(year: Year) -> None:
        rows = year.add_file("rekap5-pergeseran_1.xlsx", "anggaran", "Sheet 1",
                             versi="pergeseran_1", tanggal_versi=tanggal)
        for account in ACCOUNTS:
            rows.append({**budget_line(account), "versi": "pergeseran_1",
                         "tanggal_versi": tanggal, "pagu": pagu.get(account, account.pagu)})
    return change


def whole_year_workbook(*months: int) -> Callable[[Year], None]:
    """The OPD's workbook with one sheet per month, uploaded without a month."""
    def change(year: Year) -> None:
        rows = year.add_file("laporan-rfk-2025.xlsx", "rfk", "-", kode_opd=SKPD,
                             extra={"diterima": "2025-04-05"})
        for month in months:
            sheet = ("JANUARI", "FEBRUARI", "MARET")[month - 1]
            for code in SUB_KEGIATAN:
                accounts = [a for a in ACCOUNTS if a.sub_kegiatan == code]
                keuangan = (sum(REALISASI[a][min(month, 2) - 1] for a in accounts)
                            + (1_000_000 if month == 3 and code == SK1 else 0))
                rows.append({**rfk_row(RFK_ROW[code] + 3, month, code,
                                       sum(a.pagu for a in accounts), keuangan,
                                       FISIK[code][min(month, 2) - 1] + (month == 3)),
                             "sheet": sheet})
    return change


def rak_months(row_number: int, **months: int) -> Callable[[Year], None]:
    """Set some months of a cash plan line: rak_months(7, bulan_03=...)."""
    def change(year: Year) -> None:
        for row in year.months(row_number):
            row["nilai"] = months.get(f"bulan_{row['bulan']:02d}", row["nilai"])
    return change


def set_all(file: str, row_number: int, **values) -> Callable[[Year], None]:
    """Set values on a row (every month's row of a cash plan line)."""
    def change(year: Year) -> None:
        rows = year.months(row_number) if file == RAK else [year.row(file, row_number)]
        for row in rows:
            row.update(values)
    return change


def add(file: str, row: dict) -> Callable[[Year], None]:
    return lambda year: year.files[file].rows.append(row)


def copy_row(file: str, row_number: int, to_row: int, **values) -> Callable[[Year], None]:
    return lambda year: year.copy_row(file, row_number, to_row, **values)


def rfk_values(file: str, **per_code: dict) -> Callable[[Year], None]:
    """Set figures of an OPD report's rows: rfk_values(RFK_JAN, SK1={...}, ...)."""
    codes = {"SK1": SK1, "SK2": SK2, "SK3": SK3}

    def change(year: Year) -> None:
        for name, values in per_code.items():
            year.set(file, RFK_ROW[codes[name]], **values)
    return change


def drop(name: str) -> Callable[[Year], None]:
    return lambda year: year.drop(name)


SK4 = "1.02.02.2.04.0001"  # a sub kegiatan the base year does not have


def budget_sub_kegiatan(code: str, nama: str) -> Callable[[Year], None]:
    """One more budget line, of a sub kegiatan of its own, named `nama`."""
    def change(year: Year) -> None:
        year.files[BUDGET].rows.append({**budget_line(F), "row_number": 6,
                                        "kode_sub_kegiatan": code, "nama_sub_kegiatan": nama})
    return change


def without_code(nama: str, **values) -> Callable[[Year], None]:
    """A January report row 9 written without a code, under its name."""
    return add(RFK_JAN, {**rfk_row(9, 1, None, 1_000_000, 0, 0), "nama_sub_kegiatan": nama,
                         **values})


RECAP = "rekap-rfk-2025-01.xlsx"


def recap_sheet(title: str) -> Callable[[Year], None]:
    """The pemda's recap of January, one sheet titled `title`, SK1's line named as DPA."""
    def change(year: Year) -> None:
        year.add_file(RECAP, "rfk", "2 Dinkes", table="raw.rfk_rekap",
                      periode="2025-01").append({
            "row_number": 12, "tahun": TAHUN, "periode": date(TAHUN, 1, 1), "nama_opd": title,
            "nama_sub_kegiatan": SUB_KEGIATAN[SK1], "pagu": 150_000_000,
            "realisasi_keuangan": 10_000_000, "realisasi_fisik": 8, "satuan_uang": "rupiah"})
    return change


FORMS = "formulir-rfk-2025-01.xlsx"


def form_row(status: str) -> Callable[[Year], None]:
    """A row of an OPD's form workbook not landed, with why."""
    def change(year: Year) -> None:
        year.add_file(FORMS, "rfk", "RFK", table="raw.rfk_baris_lain", periode="2025-01",
                      kode_opd=SKPD).append({
            "row_number": 14, "kode_opd": SKPD, "tahun": TAHUN, "periode": date(TAHUN, 1, 1),
            "jumlah_baris": 1, "status": status,
            "alasan": "kolom I (KEUANGAN > REALISASI > RP): bukan angka / not a number: 'dua'"})
    return change


CASES: dict[str, Case] = {
    # realisasi per dokumen: SIPD-RI Penatausahaan's document lines --------------------
    # (a line whose codes or amount are wrong counts for no sub kegiatan: the OPD's
    # report of it is not the finance system's, REL-001: B_UNCOUNTED)
    "RLD-001": Case(set_all(DOK_JAN, DOK_B, kode_skpd="1.02.0.00.0.00.01"),
                            [at("RLD-001", DOK_JAN, DOK_B), *B_UNCOUNTED]),
    "RLD-002": Case(set_all(DOK_JAN, DOK_B, kode_sub_skpd="1.02.0.00.0.00.01.1"),
                            [at("RLD-002", DOK_JAN, DOK_B)]),
    "RLD-003": Case(set_all(DOK_JAN, DOK_B, kode_sub_kegiatan="1.02.02.02.01.0001"),
                            [at("RLD-003", DOK_JAN, DOK_B), *B_UNCOUNTED]),
    "RLD-004": Case(set_all(DOK_JAN, DOK_B, kode_rekening="5.1.2.02.01.0061"),
                            [at("RLD-004", DOK_JAN, DOK_B)],
                            # the 2026 format is a format of the list (no 2026 budget here:
                            # an unknown account)
                            set_all(DOK_JAN, DOK_B, kode_rekening="5.1.02.02.001.00061"),
                            [at("RLD-009", DOK_JAN, DOK_B)]),
    # money without the codes that place it (merged cells): the codes' own rules are quiet
    "RLD-013": Case(set_all(DOK_JAN, DOK_B, kode_sub_kegiatan=None),
                            [at("RLD-013", DOK_JAN, DOK_B), *B_UNCOUNTED]),
    "RLD-005": Case(set_all(DOK_JAN, DOK_B, nilai_realisasi=None, realisasi=None),
                            [at("RLD-005", DOK_JAN, DOK_B), *B_UNCOUNTED]),
    # an LS through SPP not transferred has no day yet; a TBP needs none
    "RLD-006": Case(set_all(DOK_JAN, DOK_A, tanggal_transfer=None,
                                    tanggal_realisasi=None),
                            [at("RLD-006", DOK_JAN, DOK_A), at("REL-001", RFK_JAN, 6),
                             at("REL-001", RFK_FEB, 6)],
                            set_all(DOK_JAN, DOK_B, tanggal_transfer=None)),
    "RLD-007": Case(set_all(DOK_JAN, DOK_B, tanggal_dokumen=date(2024, 12, 30),
                                    tanggal_realisasi=date(2024, 12, 30)),
                            [at("RLD-007", DOK_JAN, DOK_B)],
                            set_all(DOK_JAN, DOK_B, tanggal_dokumen=date(2025, 1, 1),
                                    tanggal_realisasi=date(2025, 1, 1))),
    # January's A line again in February's export: counted once, in January's
    "RLD-008": Case(lambda year: year.files[DOK_FEB].rows.append(
                                {**year.row(DOK_JAN, DOK_A), "row_number": 8,
                                 "periode": date(TAHUN, 2, 1)}),
                            [at("RLD-008", DOK_FEB, 8)],
                            # the same document paying another account is another line
                            # (whose Rp 10 million the OPD's reports of SK1 lack)
                            lambda year: year.files[DOK_FEB].rows.append(
                                {**year.row(DOK_JAN, DOK_A), "row_number": 8,
                                 "periode": date(TAHUN, 2, 1), "kode_rekening": C.rekening}),
                            [at("REL-001", RFK_JAN, 6), at("REL-001", RFK_FEB, 6)]),
    "RLD-009": Case(add(DOK_JAN, {**dokumen_line(8, 1, A, "0009/TBP-GU", "TBP", "GU",
                                                         100, date(TAHUN, 1, 28)),
                                          "kode_rekening": "5.1.02.01.01.0025"}),
                            [at("RLD-009", DOK_JAN, 8)]),
    # A's Rp 120 million are spent by February, and Rp 5 million more (and the OPD's
    # report of February, Rp 25 million for SK1, is not the finance system's: REL-001
    # reads the document lines where a year has them)
    "RLD-010": Case(set_all(DOK_FEB, DOK_A, nilai_realisasi=115_000_000,
                                    realisasi=115_000_000),
                            [at("RLD-010", DOK_FEB, DOK_A), at("REL-001", RFK_FEB, 6)],
                            set_all(DOK_FEB, DOK_A, nilai_realisasi=110_000_000,
                                    realisasi=110_000_000),
                            [at("REL-001", RFK_FEB, 6)]),
    "RLD-011": Case(set_all(DOK_JAN, DOK_B, jenis_dokumen="BKU"),
                            [at("RLD-011", DOK_JAN, DOK_B)],
                            set_all(DOK_JAN, DOK_B, jenis_dokumen="TBP-KKPD")),
    "RLD-012": Case(set_all(DOK_JAN, DOK_B, jenis_transaksi="NIHIL"),
                            [at("RLD-012", DOK_JAN, DOK_B)],
                            set_all(DOK_JAN, DOK_B, jenis_transaksi="GU-KKPD")),
    # B's February TBP corrected: Rp 300 thousand taken back on one document, posted
    # again on another (B's month unchanged). Its near miss: a line of nothing.
    "RLD-015": Case(both(add(DOK_FEB, dokumen_line(8, 2, B, "0010/TBP-GU", "TBP", "GU",
                                                           -300_000, date(TAHUN, 2, 20))),
                                 add(DOK_FEB, dokumen_line(9, 2, B, "0011/TBP-GU", "TBP", "GU",
                                                           300_000, date(TAHUN, 2, 20)))),
                            [at("RLD-015", DOK_FEB, 8)],
                            add(DOK_FEB, dokumen_line(8, 2, B, "0010/TBP-GU", "TBP", "GU", 0,
                                                      date(TAHUN, 2, 20)))),
    # A's January SP2D failed to transfer, says the BUD: no money went out for it. Its
    # near miss: the register writes the number in lower case and with a space.
    "RLD-014": Case(set_all(SP2D_REGISTER, 2, money_out=False,
                                    status="gagal_transfer"),
                            [at("RLD-014", DOK_JAN, DOK_A)],
                            set_all(SP2D_REGISTER, 2,
                                    nomor_sp2d=f" 0002/sp2d/LS/{SUB_UNIT} /2025")),
    # an LS SP2D of January that no document line carries; not a GU (its spending is on
    # the TBP lines), not an SP2D that was deleted
    "REL-015": Case(add(SP2D_REGISTER, {**register_row(4, 9, 2_000_000,
                                                               date(TAHUN, 1, 29)),
                                                "jenis_sp2d": "LS"}),
                            [at("REL-015", SP2D_REGISTER, 4, REGISTER_SHEET)],
                            both(add(SP2D_REGISTER, {**register_row(4, 9, 2_000_000,
                                                                    date(TAHUN, 1, 29)),
                                                     "jenis_sp2d": "GU"}),
                                 add(SP2D_REGISTER, {**register_row(5, 10, 2_000_000,
                                                                    date(TAHUN, 1, 29)),
                                                     "jenis_sp2d": "LS", "money_out": False,
                                                     "status": "dihapus"}))),
    # the BUD paid Rp 11 million on A's SP2D of January, its lines say Rp 10 million. Its
    # near miss: the SP2D pays two lines (Rp 6 and 4 million), each repeating the whole
    # SP2D's Rp 10 million, which is compared once, never summed per line.
    "REL-016": Case(set_all(SP2D_REGISTER, 2, bruto=11_000_000),
                            [at("REL-016", SP2D_REGISTER, 2, REGISTER_SHEET)],
                            both(set_all(DOK_JAN, DOK_A, nilai_realisasi=6_000_000,
                                         realisasi=6_000_000),
                                 lambda year: year.files[DOK_JAN].rows.append(
                                     {**year.row(DOK_JAN, DOK_A), "row_number": 8,
                                      "kode_rekening": C.rekening, "nilai_realisasi": 4_000_000,
                                      "realisasi": 4_000_000}))),
    # SK2 reported 85% built in February; the team saw 55% (and 45% of SK1's reported
    # 16%: a report below the field is not borne out either). Its near miss: 75%, the
    # tolerance's 10 points exactly.
    "REL-017": Case(sidak(SK2=55, SK1=45, SK3=2),
                    [at("REL-017", SIDAK, 18), at("REL-017", SIDAK, 19)],
                    sidak(SK2=75, SK1=16)),
    # rfk: the OPD's monthly report ------------------------------------------------------
    # A code of no OPD: none of its sub kegiatan are the OPD's, and the OPD's own report
    # is missing.
    "RFK-001": Case(lambda year: [row.update(kode_opd="1.02")
                                  for row in year.files[RFK_JAN].rows],
                    [at("RFK-001", RFK_JAN, 6), at("RFK-001", RFK_JAN, 7),
                     at("RFK-001", RFK_JAN, 8), at("RFK-006", RFK_JAN, 6),
                     at("RFK-006", RFK_JAN, 7), at("RFK-006", RFK_JAN, 8),
                     month_of("REL-010", None, "2025-01")]),
    "RFK-002": Case(add(RFK_JAN, rfk_row(9, 1, None, 1_000_000, 0, 0)),
                    [at("RFK-002", RFK_JAN, 9)]),
    "RFK-003": Case(rfk_values(RFK_JAN, SK2={"realisasi_keuangan": None}),
                    [at("RFK-003", RFK_JAN, 7)]),
    "RFK-004": Case(rfk_values(RFK_JAN, SK2={"realisasi_fisik": None}),
                    [at("RFK-004", RFK_JAN, 7)],
                    rfk_values(RFK_JAN, SK2={"realisasi_fisik": 0})),
    "RFK-005": Case(rfk_values(RFK_JAN, SK2={"kode_sub_kegiatan": "1.02.02.02.02.0001"}),
                    [at("RFK-005", RFK_JAN, 7)]),
    "RFK-006": Case(rfk_values(RFK_JAN, SK2={"kode_sub_kegiatan": "1.02.02.2.02.0042"}),
                    [at("RFK-006", RFK_JAN, 7)]),
    "RFK-007": Case(rfk_values(RFK_JAN, SK2={"pagu": -3_000_000}), [at("RFK-007", RFK_JAN, 7)]),
    "RFK-008": Case(rfk_values(RFK_JAN, SK3={"realisasi_keuangan": -1}),
                    [at("RFK-008", RFK_JAN, 8)]),
    # a row written without a code (by its name, as the field's forms do) is judged too,
    # and the physical plan as the realization
    "RFK-009": Case(both(rfk_values(RFK_JAN, SK1={"realisasi_fisik": 120},
                                    SK2={"rencana_fisik": 100.01}),
                         without_code(SUB_KEGIATAN[SK3], realisasi_fisik=130)),
                    [at("RFK-009", RFK_JAN, 6), at("RFK-009", RFK_JAN, 7),
                     at("RFK-009", RFK_JAN, 9)],
                    rfk_values(RFK_JAN, SK1={"realisasi_fisik": 0},
                               SK2={"rencana_fisik": 100})),
    # A PAGU below the realization is not the DPA's either.
    "RFK-010": Case(rfk_values(RFK_JAN, SK2={"pagu": 900_000, "realisasi_fisik": 100}),
                    [at("RFK-010", RFK_JAN, 7), at("REL-002", RFK_JAN, 7)],
                    rfk_values(RFK_JAN, SK2={"pagu": 1_000_000, "realisasi_fisik": 100}),
                    [at("REL-002", RFK_JAN, 7)]),
    "RFK-011": Case(rfk_values(RFK_JAN, SK2={"pagu": None}), [at("RFK-011", RFK_JAN, 7)],
                    rfk_values(RFK_JAN, SK3={"pagu": None})),
    "RFK-012": Case(copy_row(RFK_JAN, RFK_ROW[SK2], 9), [at("RFK-012", RFK_JAN, 9)]),
    # rows without a code, matched to the budget by name -------------------------------
    "RFK-014": Case(without_code("Pengadaan Obat dan Vaksin"), [at("RFK-014", RFK_JAN, 9)],
                    # case, spaces, a line break and a dot drift; the name is SK1's
                    without_code("PENGADAAN  alat\nkesehatan.")),
    "RFK-015": Case(both(budget_sub_kegiatan(SK4, "Pengadaan Alat  Kesehatan"),
                         without_code(SUB_KEGIATAN[SK1])), [at("RFK-015", RFK_JAN, 9)],
                    both(budget_sub_kegiatan(SK4, "Pengadaan Alat Kesehatan Hewan"),
                         without_code(SUB_KEGIATAN[SK1]))),
    "RFK-016": Case(recap_sheet("DINAS KESEHATAN HEWAN"), [at("RFK-016", RECAP, 12, "2 Dinkes")],
                    recap_sheet("DINAS  KESEHATAN")),
    "RFK-017": Case(form_row("ditolak"), [at("RFK-017", FORMS, 14, "RFK")],
                    form_row("dilewati")),
    # A form's rows have no codes: there a row named as the OPD's kegiatan (or program)
    # heads its sub kegiatan with their sums, and is no name the matching missed (RFK-014).
    # Its near miss: a sub kegiatan of the same name as its kegiatan.
    "RFK-013": Case(both(copy_row(RFK_JAN, RFK_ROW[SK2], 9, nama_sub_kegiatan="JUMLAH DAU"),
                         add(RFK_JAN, rfk_row(10, 1, "1.02.02.2.01.00", 180_000_000,
                                              10_000_000, 8)),
                         add(RFK_JAN, {**rfk_row(11, 1, None, 195_000_000, 11_000_000, 10),
                                       "nama_sub_kegiatan": "PENYEDIAAN FASILITAS  Kesehatan"})),
                    [at("RFK-013", RFK_JAN, 9), at("RFK-013", RFK_JAN, 10),
                     at("RFK-013", RFK_JAN, 11)],
                    both(budget_sub_kegiatan(SK4, "Penyediaan Fasilitas Kesehatan"),
                         without_code("Penyediaan Fasilitas Kesehatan"))),
    # rfk against the finance system, the DPA, the previous month, the calendar ----------
    "REL-001": Case(rfk_values(RFK_FEB, SK2={"realisasi_keuangan": 3_000_000}),
                    [at("REL-001", RFK_FEB, 7)],
                    rfk_values(RFK_FEB, SK2={"realisasi_keuangan": 2_500_999})),
    # SK1 moved to Rp 200 million from 15 February; the OPD still reports the murni's.
    "REL-002": Case(new_version("2025-02-15", 200_000_000),
                    [at("REL-002", RFK_FEB, 6)],
                    new_version("2025-03-01", 200_000_000)),
    "REL-003": Case(rfk_values(RFK_FEB, SK2={"realisasi_keuangan": 900_000,
                                             "realisasi_fisik": 35}),
                    [at("REL-003", RFK_FEB, 7), at("REL-001", RFK_FEB, 7)],
                    # Rows without a code are known by their names: January's row of
                    # SK1's name is not February's of SK2's, which reports less.
                    both(add(RFK_JAN, {**rfk_row(9, 1, None, 150_000_000, 10_000_000, 8),
                                       "nama_sub_kegiatan": SUB_KEGIATAN[SK1]}),
                         add(RFK_FEB, {**rfk_row(9, 2, None, 3_000_000, 1_000_000, 35),
                                       "nama_sub_kegiatan": SUB_KEGIATAN[SK2]}))),
    "REL-004": Case(rfk_values(RFK_JAN, SK1={"realisasi_fisik": Decimal("5.56")},
                               SK2={"realisasi_fisik": Decimal("33.33")}),
                    [at("REL-004", RFK_JAN, 6), at("REL-004", RFK_JAN, 7),
                     at("REL-004", RFK_JAN, 8)],
                    rfk_values(RFK_JAN, SK1={"realisasi_fisik": Decimal("6.56")},
                               SK2={"realisasi_fisik": Decimal("33.33")})),
    "REL-005": Case(rfk_values(RFK_FEB, SK1={"realisasi_keuangan": 10_000_000,
                                             "realisasi_fisik": 8},
                               SK2={"realisasi_keuangan": 1_000_000, "realisasi_fisik": 35},
                               SK3={"realisasi_fisik": 0}),
                    [at("REL-005", RFK_FEB, 6), at("REL-005", RFK_FEB, 7),
                     at("REL-005", RFK_FEB, 8)],
                    # unchanged where nothing moved, changed where it did
                    rfk_values(RFK_FEB, SK3={"realisasi_fisik": 0})),
    "REL-006": Case(rfk_values(RFK_FEB, SK2={"realisasi_fisik": 40}),
                    [at("REL-006", RFK_FEB, 7)],
                    rfk_values(RFK_FEB, SK2={"realisasi_fisik": 45})),
    "REL-007": Case(rfk_values(RFK_JAN, SK1={"realisasi_fisik": 50}),
                    [at("REL-007", RFK_JAN, 6)],
                    rfk_values(RFK_JAN, SK1={"realisasi_fisik": 45})),
    "REL-008": Case(rfk_values(RFK_JAN, SK2={"nama_sub_kegiatan": SUB_KEGIATAN[SK1]}),
                    [at("REL-008", RFK_JAN, 7)],
                    rfk_values(RFK_JAN, SK2={"nama_sub_kegiatan":
                                             "pengelolaan  PELAYANAN\nkesehatan"})),
    "REL-009": Case(lambda year: year.files[RFK_JAN].meta.update(extra={"diterima":
                                                                       "2025-02-11"}),
                    [month_of("REL-009", RFK_JAN, "2025-01")],
                    lambda year: year.files[RFK_JAN].meta.update(extra={"diterima":
                                                                       "2025-02-10"})),
    "REL-010": Case(drop(RFK_JAN), [month_of("REL-010", None, "2025-01")]),
    "REL-011": Case(whole_year_workbook(1, 3),
                    [month_of("REL-011", "laporan-rfk-2025.xlsx", "2025-02")],
                    whole_year_workbook(1, 2)),
    # sp2d: the payment orders ---------------------------------------------------------
    # an SKPD name of the register that no SKPD of the budget has: flagged once per name
    "SP2D-014": Case(both(set_all(SP2D_REGISTER, 2, nama_skpd="Dinas Kesehatan Hewan"),
                          set_all(SP2D_REGISTER, 3, nama_skpd="Dinas Kesehatan Hewan")),
                     [at("SP2D-014", SP2D_REGISTER, 2, REGISTER_SHEET)],
                     # the budget's name in other case, spaces and punctuation matches
                     set_all(SP2D_REGISTER, 2, nama_skpd="DINAS  kesehatan.")),
    # rak: the cash plan ----------------------------------------------------------------
    "RAK-001": Case(set_all(RAK, C.rak_row, kode_skpd="1.02"), [at("RAK-001", RAK, 7)]),
    "RAK-002": Case(set_all(RAK, C.rak_row, kode_sub_kegiatan="1.02.02.2.01.01"),
                    [at("RAK-002", RAK, 7)]),
    "RAK-003": Case(set_all(RAK, C.rak_row, kode_rekening="5.2.2.05.01.0001"),
                    [at("RAK-003", RAK, 7)]),
    # C plans Rp 5 million a month, Rp 15 million a quarter, Rp 60 million in all
    "RAK-004": Case(rak_months(C.rak_row, bulan_03=-5_000_000, bulan_02=15_000_000),
                    [at("RAK-004", RAK, 7)],
                    rak_months(C.rak_row, bulan_03=0, bulan_02=10_000_000)),
    "RAK-005": Case(both(rak_months(C.rak_row, bulan_12=5_000_001),
                         set_all(RAK, C.rak_row, total_rak=60_000_001, selisih=-1,
                                 triwulan=None)),
                    [at("RAK-005", RAK, 7)]),
    # (an export without TRIWULAN columns, its Total RAK the months')
    "RAK-006": Case(both(set_all(RAK, C.rak_row, pagu=50_000_000, total_rak=50_000_000,
                                 triwulan=None),
                         rak_months(C.rak_row, bulan_12=0, bulan_11=0)),
                    [at("RAK-006", RAK, 7)],
                    # a plan without its version cannot be matched, so is not judged
                    both(set_all(RAK, C.rak_row, pagu=50_000_000, total_rak=50_000_000,
                                 triwulan=None, versi=None),
                         rak_months(C.rak_row, bulan_12=0, bulan_11=0))),
    "RAK-007": Case(set_all(RAK, C.rak_row, total_rak=59_000_000, selisih=1_000_000),
                    [at("RAK-007", RAK, 7)]),
    "RAK-008": Case(set_all(RAK, C.rak_row, selisih=5_000_000), [at("RAK-008", RAK, 7)],
                    # a plan short of its budget, its Selisih saying so: RAK-005's alone
                    both(rak_months(C.rak_row, bulan_12=0),
                         set_all(RAK, C.rak_row, total_rak=55_000_000, selisih=5_000_000,
                                 triwulan=None)),
                    [at("RAK-005", RAK, 7)]),
    "RAK-009": Case(rak_months(C.rak_row, bulan_02=0, bulan_04=10_000_000),
                    [at("RAK-009", RAK, 7)],
                    rak_months(C.rak_row, bulan_02=0, bulan_03=10_000_000)),
    # lra: an SKPD's Laporan Realisasi Anggaran ------------------------------------------
    # A level-3 code written with one digit; its twin in the 2026 format is one.
    "LRA-001": Case(lra(row_13=("5.1.2", 0, 0)), [at("LRA-001", LRA_FEB, 13)],
                    lra(row_13=("5.1.02.01.001", 0, 0))),
    # BELANJA DAERAH a rupiah above its groups: within LRA-004's tolerance, not this one's.
    "LRA-002": Case(lra(row_8=("5", 195_000_000, 27_500_001)), [at("LRA-002", LRA_FEB, 8)],
                    lra()),
    # Modal and its jenis planned at 50 million, its pagu 60: the total says so too.
    "LRA-003": Case(lra(row_8=("5", 185_000_000, 27_500_000),
                        row_11=("5.2", 50_000_000, 0), row_12=("5.2.02", 50_000_000, 0)),
                    [at("LRA-003", LRA_FEB, 8), at("LRA-003", LRA_FEB, 11),
                     at("LRA-003", LRA_FEB, 12)],
                    lra()),
    # Two rupiah more than the realization exports in belanja operasi; one is let pass.
    "LRA-004": Case(lra(row_8=("5", 195_000_000, 27_500_002),
                        row_9=("5.1", 135_000_000, 27_500_002),
                        row_10=("5.1.02", 135_000_000, 27_500_002)),
                    [at("LRA-004", LRA_FEB, 8), at("LRA-004", LRA_FEB, 9),
                     at("LRA-004", LRA_FEB, 10)],
                    lra(row_8=("5", 195_000_000, 27_500_001),
                        row_9=("5.1", 135_000_000, 27_500_001),
                        row_10=("5.1.02", 135_000_000, 27_500_001))),
    # An SKPD code cut short: in no budget (no budget is judged), no realization is its.
    "LRA-005": Case(lra(kode_skpd="1.02"),
                    [at(rule, LRA_FEB, row) for row in LRA_ROWS
                     for rule in ("LRA-005", "LRA-006")]
                    + [at("LRA-004", LRA_FEB, row) for row in (8, 9, 10)],
                    lra()),
    # Another SKPD's code, well formed: the year's budget does not have it.
    "LRA-006": Case(lra(kode_skpd="1.03.0.00.0.00.01.0000"),
                    [at("LRA-006", LRA_FEB, row) for row in LRA_ROWS]
                    + [at("LRA-004", LRA_FEB, row) for row in (8, 9, 10)],
                    lra()),
}


# --- Landing the cases and running the quality step once --------------------------------

BASE = "base"


def pemda(rule_id: str, outcome: str) -> str:
    return f"{rule_id} {outcome}"


def years() -> dict[str, Year]:
    """The base year, and per rule the year that must fire it and the one that must not."""
    built = {BASE: Year()}
    for rule_id, case in CASES.items():
        for outcome, change in (("fires", case.fires), ("passes", case.passes)):
            year = Year()
            change(year)
            built[pemda(rule_id, outcome)] = year
    return built


def land(warehouse, kode_pemda: str, year: Year) -> None:
    """Insert the year's files and rows as the loader would have landed them."""
    from pipelines.sources import SOURCES

    conn = warehouse.connect()
    try:
        with conn, conn.cursor() as cur:
            for name, file in year.files.items():
                cur.execute(
                    "insert into raw.files (sha256, source, kode_pemda, tahun, original_name,"
                    " archive_path, meta, status, rows_loaded) values (%s, %s, %s, %s, %s,"
                    " '-', %s, 'loaded', %s) returning file_id",
                    (f"{kode_pemda}/{name}", file.source, kode_pemda, TAHUN, name,
                     json.dumps({**file.meta, "kode_pemda": kode_pemda}), len(file.rows)))
                file_id = cur.fetchone()[0]
                rows = [{"file_id": file_id, "kode_pemda": kode_pemda, "sheet": file.sheet, **row}
                        for row in file.rows]
                if rows:
                    columns = list(rows[0])
                    execute_values(
                        cur, f"insert into {file.table or SOURCES[file.source].raw_table}"
                        f" ({', '.join(columns)}) values %s",
                        [[row.get(c) for c in columns] for row in rows])
    finally:
        conn.close()


@dataclass
class QualityRun:
    warehouse: object
    outcomes: dict  # rule_id -> ExpectationOutcome (GX)

    def flags(self, kode_pemda: str) -> set[Expected]:
        conn = self.warehouse.connect()
        try:
            with conn.cursor() as cur:
                cur.execute(
                    "select rule_id, source_file, sheet, row_number, to_char(periode, 'YYYY-MM')"
                    " from quality.flags where kode_pemda = %s", (kode_pemda,))
                return {(rule, file, sheet, row, periode if row is None else None)
                        for rule, file, sheet, row, periode in cur.fetchall()}
        finally:
            conn.close()

    def count(self, rule_id: str) -> int:
        conn = self.warehouse.connect()
        try:
            with conn.cursor() as cur:
                cur.execute("select count(*) from quality.flags where rule_id = %s", (rule_id,))
                return cur.fetchone()[0]
        finally:
            conn.close()


@pytest.fixture(scope="module")
def rules_warehouse(warehouse):
    """A database of its own on the session's server, its schema migrated."""
    conn = warehouse.connect("postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f"drop database if exists {DATABASE} with (force)")
        cur.execute(f"create database {DATABASE}")
    conn.close()
    wh = with_database(warehouse, DATABASE)
    migrate(wh)
    return wh


@pytest.fixture(scope="module")
def quality_run(rules_warehouse, hand_made_files) -> QualityRun:
    for kode_pemda, year in years().items():
        land(rules_warehouse, kode_pemda, year)
    step = run_quality_step(rules_warehouse)
    return QualityRun(rules_warehouse,
                      {o.rule_id: o for result in step.results for o in result.outcomes})


# --- Every rule, both ways ---------------------------------------------------------------


def _rules() -> dict[str, dict]:
    return {e["meta"]["rule_id"]: e for name in SUITES
            for e in suite_document(suite_path(name))["expectations"]}


def test_every_rule_has_a_firing_and_a_passing_case():
    assert sorted(_rules()) == sorted(CASES)


def test_rule_ids_are_unique_across_suites_and_kinds_are_the_ground_truths():
    rule_ids = [e["meta"]["rule_id"] for name in suite_names()
                for e in suite_document(suite_path(name))["expectations"]]
    assert len(rule_ids) == len(set(rule_ids))
    assert {e["meta"].get("kind") for e in _rules().values()} - {None} <= set(KINDS)


def test_sql_has_no_braces_but_batch_and_no_colon_binds():
    """GX formats query rules with str.format and runs them through SQLAlchemy text():
    a brace other than {batch} or a ':name' would be taken for a parameter. (serapan
    replaces a `{rows:<suite>}` or `{model:<name>}` before GX sees the rule.)"""
    import re

    from pipelines.codes import with_code_patterns
    from pipelines.quality.gx_runner import with_rows_of_suites

    for path in (PROJECT_ROOT / "expectations/sql").glob("*.sql"):
        text = with_code_patterns(re.sub(r"\$\{\w+\}|\{(sql|model):\w+\}", "",
                                         path.read_text()))
        text = with_rows_of_suites(text, {}).replace("{batch}", "")
        assert "{" not in text and "}" not in text, path.name
        assert not re.search(r"(?<![:\w]):\w", text), path.name


def test_tolerances_are_parameters_an_installation_can_override():
    from pipelines.quality.gx_runner import SuiteFileError

    def vs_finance(environ) -> str:
        [rule] = [e for e in suite_document(suite_path("keandalan_rfk"), environ)
                  ["expectations"] if e["meta"]["rule_id"] == "REL-001"]
        return rule["kwargs"]["unexpected_rows_query"]

    assert "select 1000::numeric as rupiah" in vs_finance({})
    assert "select 5000::numeric as rupiah" in vs_finance({"SERAPAN_TOLERANSI_RUPIAH": "5000"})
    with pytest.raises(SuiteFileError, match="SERAPAN_TOLERANSI_RUPIAH"):
        vs_finance({"SERAPAN_TOLERANSI_RUPIAH": "1000; drop table raw.files"})
    for name in suite_names():
        assert "${" not in json.dumps(suite_document(suite_path(name))), name


def test_the_base_year_is_clean(quality_run):
    assert quality_run.flags(BASE) == set()


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires_on_its_case(quality_run, rule_id):
    assert quality_run.flags(pemda(rule_id, "fires")) == set(CASES[rule_id].expected)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_passes_its_near_miss(quality_run, rule_id):
    assert quality_run.flags(pemda(rule_id, "passes")) == set(CASES[rule_id].pass_expected)


def test_an_unmatched_skpd_name_is_named_in_its_flag(quality_run):
    conn = quality_run.warehouse.connect()
    try:
        with conn.cursor() as cur:
            cur.execute("select nilai from quality.flags where rule_id = 'SP2D-014'"
                        " and kode_pemda = %s", (pemda("SP2D-014", "fires"),))
            [(nilai,)] = cur.fetchall()
    finally:
        conn.close()
    assert nilai["nama_skpd"] == "Dinas Kesehatan Hewan"
    assert nilai["status_nama"] == "tidak_cocok"
    assert (nilai["jumlah_sp2d"], Decimal(str(nilai["total_bruto"]))) == (2, Decimal(11_000_000))


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_gx_finds_what_the_flags_list(quality_run, rule_id):
    outcome = quality_run.outcomes[rule_id]
    assert outcome.error is None
    assert not outcome.success
    assert outcome.unexpected_count == quality_run.count(rule_id)



# --- Files made by hand, landed by the real readers and loader ---------------------------

HAND_MADE = "99.81"  # the pemda of the hand-made files
DOKUMEN, REGISTER, RFK_XLSX, RAK_XLSX = ("realisasi-dokumen-januari.xlsx",
                                         "register-sp2d-januari.xlsx",
                                         "laporan-rfk-januari.xlsx", "anggaran-kas.xlsx")


@pytest.fixture(scope="module")
def hand_made_files(rules_warehouse, tmp_path_factory) -> dict[str, object]:
    """A January of pemda 99.81 in the layouts the readers take, with mistakes put in:
    a Laporan Realisasi Per Dokumen with a repeated line and an overspent account; an
    SP2D register naming an SKPD the budget has not; a hand-made OPD workbook, late, with
    physical 130 %, a kegiatan row coded like
    a sub kegiatan, a malformed code and a dash for a budget; a cash plan whose months
    fall short of its PAGU."""
    from pipelines.inbox import FileMeta, write_meta
    from pipelines.landing.load import ingest_file
    from pipelines.sample.realisasi_dokumen import write_realisasi_dokumen
    from tests import workbooks, workbooks_rak
    from tests.workbooks_rfk import item, write_handmade
    from tests.workbooks_sp2d_register import bud_row, write_register

    inbox = tmp_path_factory.mktemp("hand-made")
    # The writers' lines name a sub unit of their own; here the SKPD is its own sub unit,
    # as in the Rekap 5 writer.
    sub_unit = workbooks.SKPD

    def with_sub_unit(row: list, position: int) -> list:
        row[position] = sub_unit
        return row

    def meta(path: Path, source: str, **fields) -> Path:
        write_meta(path, FileMeta(source, HAND_MADE, TAHUN, **fields))
        return path

    def tbp(number: int, account: Account, amount: int, day: int, **cells) -> dict:
        return {**dokumen_line(0, 1, account, f"{number:04d}/TBP-GU", "TBP", "GU", amount,
                               date(TAHUN, 1, day)), "kode_sub_skpd": sub_unit, **cells}

    files = {
        "anggaran": meta(workbooks.write_rekap5(inbox / "anggaran" / "rekap5.xlsx", [
            workbooks.budget_row(1, SK1, A.rekening, 120_000_000),
            workbooks.budget_row(2, SK1, "5.1.02.01.01.0025", 30_000_000),
            workbooks.budget_row(3, SK2, B.rekening, 3_000_000),
        ]), "anggaran", versi="murni", tanggal_versi=date(2025, 1, 2)),
        "realisasi": meta(write_realisasi_dokumen(inbox / "realisasi" / DOKUMEN, [
            tbp(1, A, 10_000_000, 14),                                        # row 6
            tbp(1, A, 10_000_000, 14),                                        # row 7: again
            tbp(2, A, 35_000_000, 20, kode_rekening="5.1.02.01.01.0025"),     # row 8: over
            tbp(3, B, 1_000_000, 27),                                         # row 9
        ], pemda="PEMERINTAH KABUPATEN CONTOH"), "realisasi"),
        "sp2d": meta(write_register(inbox / "sp2d" / REGISTER, [
            bud_row(1, f"0003/SP2D/GU/{sub_unit}/2025", "27 Januari 2025", "28 Januari 2025",
                    skpd="DINAS  kesehatan.", jenis="GU"),  # row 2: the budget's, folded
            bud_row(2, f"0004/SP2D/GU/{sub_unit}/2025", "29 Januari 2025", "30 Januari 2025",
                    skpd="Dinas Kesehatan Hewan", jenis="GU"),  # row 3: no SKPD's
        ]), "sp2d"),
        "rfk": meta(write_handmade(inbox / "rfk" / RFK_XLSX, {"JANUARI": [
            item(SK1, pagu=150_000_000, keuangan=45_000_000, fisik=130),      # row 8
            item("1.02.02.2.01.00", nama="Penyediaan Fasilitas Kesehatan",
                 pagu=150_000_000, keuangan=45_000_000, fisik=30),            # row 9
            item("1.02.02.02.01.0001", pagu=1_000_000, keuangan=0, fisik=0),  # row 10
            item(SK2, pagu="-", keuangan=1_000_000, fisik=30),                # row 11
        ]}), "rfk", periode="2025-01", kode_opd=SKPD),
        "rak": meta(workbooks_rak.write_rak(inbox / "rak" / RAK_XLSX, [
            with_sub_unit(workbooks_rak.rak_line((10_000_000,) * 12, sub_kegiatan=SK1,
                                                 rekening=A.rekening), 2),
            with_sub_unit(workbooks_rak.rak_line((2_500_000,) * 11 + (1_500_000,),
                                                 pagu=30_000_000, sub_kegiatan=SK1,
                                                 rekening="5.1.02.01.01.0025"), 2),
            with_sub_unit(workbooks_rak.rak_line((250_000,) * 12, sub_kegiatan=SK2,
                                                 rekening=B.rekening), 2),
        ]), "rak", versi="murni"),
    }
    # Handed in on 20 February, past the 10th: the upload portal records the day in the
    # sidecar (a key read_meta keeps as extra).
    sidecar = files["rfk"].with_name(files["rfk"].name + ".meta.json")
    sidecar.write_text(json.dumps({**json.loads(sidecar.read_text()),
                                   "diterima": "2025-02-20"}))
    outcomes = {source: ingest_file(rules_warehouse, path) for source, path in files.items()}
    assert {s: o.status for s, o in outcomes.items()} == dict.fromkeys(files, "loaded"), \
        {s: o.error for s, o in outcomes.items()}
    return files


def test_hand_made_files_show_the_same_rules_at_work(quality_run):
    assert quality_run.flags(HAND_MADE) == {
        at("RLD-008", DOKUMEN, 7, DOK_SHEET),    # the repeated line
        at("RLD-010", DOKUMEN, 8, DOK_SHEET),    # Rp 35 million on a Rp 30 million line
        at("SP2D-014", REGISTER, 3, REGISTER_SHEET),  # an SKPD name the budget has not
        at("RFK-009", RFK_XLSX, 8, "JANUARI"),   # physical 130 %
        at("RFK-013", RFK_XLSX, 9, "JANUARI"),   # the kegiatan row, coded 1.02.02.2.01.00
        at("RFK-005", RFK_XLSX, 10, "JANUARI"),  # 1.02.02.02.01.0001
        at("RFK-011", RFK_XLSX, 11, "JANUARI"),  # PAGU '-' beside Rp 1 million spent
        month_of("REL-009", RFK_XLSX, "2025-01"),  # handed in on 20 February
        at("RAK-005", RAK_XLSX, 7, "Sheet 1"),   # months short of PAGU by Rp 1 million
    }
