"""The synthetic fiscal year: every file reads back with its source's reader, the sources
agree with each other, the year looks like the field's, and the ground truth lists each
injected defect where it is (and the sources show no defect it does not list)."""

from __future__ import annotations

import calendar
import csv
import hashlib
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from pipelines.inbox import read_meta
from pipelines.sample import build_budget
from pipelines.sample import defects as kinds
from pipelines.sample.defects import fold_name
from pipelines.sample.rfk_reports import FORM
from pipelines.sample.spending import account_pagu, version_in_force
from pipelines.sources.anggaran import SOURCE as ANGGARAN
from pipelines.sources.rak import SOURCE as RAK
from pipelines.sources.realisasi import SOURCE as REALISASI
from pipelines.sources.rfk import SOURCE as RFK
from pipelines.sources.rfk import accounting
from pipelines.sources.sp2d import SOURCE as SP2D
from tests.test_rfk_forms import assert_every_row_accounted_for

pytestmark = pytest.mark.long  # handed out first (tests/conftest.py)

SEED, TAHUN, PEMDA = 2025, 2025, "99.01"
READERS = {"anggaran": ANGGARAN, "rak": RAK, "realisasi": REALISASI, "sp2d": SP2D, "rfk": RFK}
SUB_KEGIATAN_CODE = re.compile(r"\d\.\d{2}\.\d{2}\.\d\.\d{2}\.\d{4}")
HUNDRED = Decimal(100)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def year(sample_year):
    """The session's sample year (tests/conftest.py), written once for every test."""
    assert sample_year.files["anggaran"][0].name.startswith(f"rekap5-{TAHUN}")
    return sample_year


@pytest.fixture(scope="module")
def inbox(year) -> Path:
    return year.ground_truth.parent


@pytest.fixture(scope="module")
def parsed(year) -> dict[str, dict[str, object]]:
    """source -> file name -> what its reader made of it (every file must read)."""
    return {source: {path.name: READERS[source].read(path, read_meta(path)) for path in paths}
            for source, paths in year.files.items()}


@pytest.fixture(scope="module")
def landed(parsed, budget) -> dict[tuple[str, str, int], dict]:
    """(file, sheet, row number) -> the landed row as a dict, for the files the ground
    truth points into. A row of an OPD's form, named and not coded, has the code of its
    OPD's sub kegiatan of that name (None where none has it), as the name matching gives."""
    codes = {(line.sub_unit.skpd.kode, fold_name(line.sub_kegiatan.nama)): line.sub_kegiatan.kode
             for version in budget.versions.values() for line in version.lines}
    rows = {}
    for source in ("realisasi", "sp2d", "rfk"):
        for name, result in parsed[source].items():
            for sheet, row_number, *values in result.rows:
                row = dict(zip(result.columns, values))
                row.update(result.file_columns)
                if _named(row):
                    row["kode_sub_kegiatan"] = codes.get(
                        (row["kode_opd"], fold_name(row["nama_sub_kegiatan"])))
                rows[name, sheet, row_number] = row
    return rows


def _named(row: dict) -> bool:
    """Whether the row is of an OPD's form: its line named, not coded."""
    return row.get("layout") == FORM


@pytest.fixture(scope="module")
def truth(year) -> list[dict]:
    with year.ground_truth.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def budget():
    return build_budget(SEED, TAHUN, PEMDA)


def listed(truth, source: str, *kinds_) -> set[tuple[str, str, int]]:
    return {(row["file"], row["sheet"], int(row["row_number"])) for row in truth
            if row["source"] == source and row["kind"] in kinds_ and row["row_number"]}


# --- What is written ----------------------------------------------------------------------


def test_files_per_source(year):
    counts = {source: len(paths) for source, paths in year.files.items()}
    assert counts == {"anggaran": 4, "rak": 4, "sp2d": 12, "realisasi": 12, "rfk": 42 * 12 - 1}
    for paths in year.files.values():
        for path in paths:
            assert path.exists() and path.with_name(path.name + ".meta.json").exists()


def test_every_file_reads_back_with_its_reader(parsed):
    for source, files in parsed.items():
        for name, result in files.items():
            assert result.rows, f"{source}/{name}"


def test_about_forty_thousand_document_lines_and_a_register_row_per_sp2d(year, parsed):
    lines = sum(len(result.rows) for result in parsed["realisasi"].values())
    register = sum(len(result.rows) for result in parsed["sp2d"].values())
    assert 36_000 <= lines <= 44_000 and 3_000 <= register <= 5_000


def test_document_exports_as_sipd_ri_writes_them_and_as_tools_resave_them(year):
    """The header on row 5 under the title block, or on row 1 once re-saved (dates then
    Excel serials); dates as long Indonesian text or dd/mm/yyyy otherwise."""
    firsts = {}
    for path in year.files["realisasi"]:
        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(
            "Data Realisasi Dokumen").to_python()
        header = next(i for i, row in enumerate(rows) if row[0] == "Nomor")
        firsts[header + 1, type(rows[header + 1][25]).__name__,
               bool(re.fullmatch(r"\d{2}/\d{2}/2025", str(rows[header + 1][25])))] = path.name
    assert {(row, kind, ddmm) for row, kind, ddmm in firsts} == {
        (5, "str", False), (5, "str", True), (1, "float", False)}


def test_one_report_per_opd_and_month_but_one(year, budget, truth):
    """Each OPD's month is covered by a monthly upload (or, for December, a whole-year
    workbook); the one gap is the ground truth's missing report."""
    covered = set()
    for path in year.files["rfk"]:
        meta = read_meta(path)
        covered.add((meta.kode_opd, meta.periode or f"{TAHUN}-12"))
        assert meta.extra["diterima"]
    expected = {(skpd.kode, f"{TAHUN}-{m:02d}") for skpd in budget.universe.skpd
                for m in range(1, 13)}
    missing = {(row["kode_opd"], row["periode"]) for row in truth
               if row["kind"] == kinds.MISSING}
    assert len(missing) == 1 and expected - covered == missing


def test_three_opds_send_the_fields_forms_a_camat_among_them(year, parsed):
    """Their monthly FORM-RFK of sub kegiatan by name and FORM-M of problems, read as
    the field's forms: each line lands, with no code, under the OPD of the upload."""
    forms = {p.name: read_meta(p).kode_opd for p in year.files["rfk"]
             if p.name.startswith("laporan-rfk-")}
    assert len(forms) == 36 and len(set(forms.values())) == 3
    assert sum(kode.startswith("7.01.") for kode in set(forms.values())) == 1  # a kecamatan
    problems = 0
    for name, kode_opd in forms.items():
        assert CalamineWorkbook.from_path(str(year.ground_truth.parent / "rfk" / name)) \
            .sheet_names == ["RFK", "M"]
        result = parsed["rfk"][name]
        rows = [dict(zip(result.columns, values)) for _, _, *values in result.rows]
        assert {(r["layout"], r["tingkat"]) for r in rows} == {(FORM, "sub_kegiatan")}
        assert result.file_columns["kode_opd"] == kode_opd
        problems += len(next(m for m in result.more if m.table == "raw.rfk_permasalahan").rows)
    assert problems > 50


def test_every_row_of_the_opds_forms_is_accounted_for(year, parsed):
    """Each row of both sheets of each form is landed, or skipped with its reason
    (titles, headers, column numbers, the Jumlah row, signatures); none is refused, as
    the defects are in the figures and names, not in the shape. Each line carries the
    physical plan the form writes under FISIK RENCANA: KUM, and TTB where it has a
    budget."""
    expected = {accounting.TITLE, accounting.HEADER, accounting.EMPTY, accounting.NUMBERING,
                accounting.SUBTOTAL, accounting.BELOW, accounting.SIGNATURE,
                accounting.NO_PROBLEM}
    forms = [path for path in year.files["rfk"] if path.name.startswith("laporan-rfk-")]
    skipped = Counter()
    for path in forms:
        result = parsed["rfk"][path.name]
        others = assert_every_row_accounted_for(path, result)
        assert {e["status"] for e in others} == {accounting.SKIPPED}, path.name
        assert {e["alasan"] for e in others} <= expected, path.name
        skipped.update(e["alasan"] for e in others)
        rows = [dict(zip(result.columns, values)) for _, _, *values in result.rows]
        assert all(row["rencana_fisik"] is not None for row in rows), path.name
        # weighed by its budget: a line whose budget the OPD left blank or '-' has no TTB
        assert all(row["rencana_fisik_ttb"] is not None for row in rows
                   if row["pagu"]), path.name
    assert skipped[accounting.SUBTOTAL] == len(forms)  # each form's Jumlah row


# --- The sources agree ----------------------------------------------------------------------


def _document_lines(parsed, truth, counted_only: bool = True):
    """(file, row number, landed row) of every document line; counted_only leaves out the
    copies the ground truth lists (a business key counts once)."""
    copies = listed(truth, "realisasi", kinds.DUPLICATE)
    for name, result in parsed["realisasi"].items():
        for sheet, row_number, *cells in result.rows:
            if counted_only and (name, sheet, row_number) in copies:
                continue
            yield name, row_number, {**dict(zip(result.columns, cells)), **result.file_columns}


def _realisasi_by_account(parsed, truth) -> dict[int, dict[tuple, Decimal]]:
    """month -> (SKPD, sub unit, sub kegiatan, rekening) -> realization from January to
    the month's end of the document lines that count."""
    monthly: dict[tuple, list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 13)
    for _, _, row in _document_lines(parsed, truth):
        account = (row["kode_skpd"], row["kode_sub_skpd"], row["kode_sub_kegiatan"],
                   row["kode_rekening"])
        monthly[account][row["tanggal_realisasi"].month] += row["realisasi"]
    return {month: {account: sum(months[1:month + 1]) for account, months in monthly.items()}
            for month in range(1, 13)}


def _register(parsed) -> dict[str, dict]:
    """SP2D number -> its register row (with the file's month)."""
    return {row["nomor_sp2d"]: {**row, "file": name, "row_number": row_number}
            for name, result in parsed["sp2d"].items()
            for _, row_number, *cells in result.rows
            for row in [{**dict(zip(result.columns, cells)), **result.file_columns}]}


def test_each_line_is_realization_of_its_own_month(parsed, truth):
    """A month's export holds the lines whose day of realization (transfer for LS, the
    document's day for TBP) falls in that month."""
    for _, _, row in _document_lines(parsed, truth, counted_only=False):
        assert row["tanggal_realisasi"].replace(day=1) == row["periode"]
        if row["jenis_transaksi"] == "LS":
            assert row["tanggal_realisasi"] == row["tanggal_transfer"]


def test_register_pays_what_the_documents_carry(parsed, truth):
    """Each LS SP2D's Bruto is the Nilai SP2D its lines repeat and the sum of their
    realization; each month's GU SP2D replenish what its TBP lines spent; every SP2D a
    line carries is in the register; except where the ground truth lists otherwise."""
    register = _register(parsed)
    excused = {(r["file"], int(r["row_number"])) for r in truth
               if r["kind"] in (kinds.BRUTO_DIFFERS, kinds.PAID_NOT_REALIZED)}
    unpaid = {(r["file"], int(r["row_number"])) for r in truth if r["kind"] == kinds.UNPAID_SP2D}
    per_sp2d, stated = defaultdict(Decimal), defaultdict(set)
    tbp, gu = defaultdict(Decimal), defaultdict(Decimal)
    for name, row_number, row in _document_lines(parsed, truth):
        if row["nomor_sp2d"]:
            per_sp2d[row["nomor_sp2d"]] += row["realisasi"]
            stated[row["nomor_sp2d"]].add(row["nilai_sp2d"])
            assert (row["nomor_sp2d"] in register) != ((name, row_number) in unpaid)
        else:  # a TBP; a correction's lines add up to nothing
            tbp[row["periode"].month] += row["realisasi"]
    for nomor, row in register.items():
        if row["jenis_sp2d"] == "GU":
            gu[row["tanggal_pencairan"].month] += row["bruto"]
        elif row["jenis_sp2d"] == "LS" and (row["file"], row["row_number"]) not in excused:
            assert stated[nomor] == {row["bruto"]} and per_sp2d[nomor] == row["bruto"], nomor
    assert tbp == gu
    assert len(per_sp2d) > 2_000


def test_year_is_back_loaded_and_ends_near_the_budget(parsed, truth, budget):
    realisasi = _realisasi_by_account(parsed, truth)
    anggaran = sum(line.pagu for line in version_in_force(budget, 12).lines)
    year_total = sum(realisasi[12].values())
    q4 = year_total - sum(realisasi[9].values())
    assert q4 / year_total > Decimal("0.35")
    assert Decimal("0.85") <= year_total / anggaran <= Decimal("0.95")
    monthly = [sum(realisasi[m].values()) - sum(realisasi.get(m - 1, {}).values())
               for m in range(1, 13)]
    assert monthly.index(max(monthly)) == 11  # the December peak


def test_opd_reports_carry_the_finance_systems_realization(parsed, landed, truth):
    """Outside listed defects, an OPD's realisasi keuangan per sub kegiatan is what its
    document lines that count add up to by the month's end."""
    realisasi = _realisasi_by_account(parsed, truth)
    per_sub = defaultdict(Decimal)
    for month, accounts in realisasi.items():
        for (skpd, _, sub, _), amount in accounts.items():
            per_sub[month, skpd, sub] += amount
    excused = {(r["file"], r["sheet"], int(r["row_number"])) for r in truth
               if r["source"] == "rfk" and r["row_number"]}
    excused_files = {r["file"] for r in truth
                     if r["kind"] in (kinds.CARRIED_FORWARD, kinds.EQUALS_FINANCIAL)}
    checked = 0
    for (name, sheet, row_number), row in landed.items():
        if not name.startswith(("rfk-", "laporan-rfk-")) or (name, sheet, row_number) in excused:
            continue
        if name in excused_files:
            continue
        key = (row["periode"].month, row["kode_opd"], row["kode_sub_kegiatan"])
        assert row["realisasi_keuangan"] == per_sub[key], (name, sheet, row_number)
        checked += 1
    assert checked > 14_000


# --- The ground truth -----------------------------------------------------------------------


class _Context:
    """What the checks of the ground truth's rows compare a row with."""

    def __init__(self, parsed, landed, truth, budget, inbox):
        self.landed, self.inbox, self.budget = landed, inbox, budget
        self.realisasi = _realisasi_by_account(parsed, truth)
        self.realisasi_names = {(sub.sub_kegiatan.kode): sub.sub_kegiatan.nama
                                for sub in budget.universe.sub_kegiatan}
        self.codes = {line.sub_kegiatan.kode for version in budget.versions.values()
                      for line in version.lines} | set(self.realisasi_names)
        self.accounts = {account for version in budget.versions.values()
                         for account in account_pagu(version)}
        self.skpd_names = {_fold(skpd.nama) for skpd in budget.universe.skpd}
        # each month's account pagu once: folded from the budget lines, it is slow per row
        self.pagu_of_month = {month: account_pagu(version_in_force(budget, month))
                              for month in range(1, 13)}
        # every line written, copies too, as the overspending rule adds them up
        self.written: dict[tuple, list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 13)
        self.carried: dict[str, set[Decimal]] = defaultdict(set)  # SP2D -> its Nilai SP2D
        for _, _, row in _document_lines(parsed, truth, counted_only=False):
            self.written[_account(row)][row["tanggal_realisasi"].month] += row["realisasi"]
            if row["nomor_sp2d"]:
                self.carried[row["nomor_sp2d"]].add(row["nilai_sp2d"])
        self.register_of_month = defaultdict(set)
        for nomor, row in _register(parsed).items():
            self.register_of_month[row["tanggal_pencairan"].month].add(nomor)
        self.rfk_series: dict[tuple[str, int, str], Decimal] = {}
        self.rfk_rows_of: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for (name, sheet, row_number), row in landed.items():
            if "periode" in row and "kode_opd" in row and "realisasi_fisik" in row:
                self.rfk_rows_of[name, sheet].append({**row, "row_number": row_number})
                self.rfk_series.setdefault((row["kode_opd"], row["periode"].month,
                                            row["kode_sub_kegiatan"]), row["realisasi_keuangan"])

    def above_pagu(self, row: dict) -> bool:
        month = row["periode"].month
        pagu = self.pagu_of_month[month]
        account = _account(row)
        return account in pagu and sum(self.written[account][1:month + 1]) > pagu[account]

    def pagu_in_force(self, kode_opd: str, month: int, kode: str) -> int:
        end = date(TAHUN, month, calendar.monthrange(TAHUN, month)[1])
        version = [v for v in self.budget.versions.values() if v.tanggal_versi <= end][-1]
        return sum(line.pagu for line in version.lines
                   if line.sub_unit.skpd.kode == kode_opd and line.sub_kegiatan.kode == kode)

    def previous_rfk(self, row: dict) -> Decimal | None:
        for month in range(row["periode"].month - 1, 0, -1):
            value = self.rfk_series.get((row["kode_opd"], month, row["kode_sub_kegiatan"]))
            if value is not None:
                return value
        return None

    def row_above(self, key: tuple[str, str, int]) -> dict | None:
        name, sheet, number = key
        rows = sorted((n, r) for (f, s, n), r in self.landed.items() if (f, s) == (name, sheet)
                      and n < number)
        return rows[-1][1] if rows else None


def _financial(row: dict) -> Decimal:
    return (row["realisasi_keuangan"] / row["pagu"] * HUNDRED).quantize(Decimal("0.01"))


def _account(row: dict) -> tuple:
    return row["kode_sub_skpd"], row["kode_sub_kegiatan"], row["kode_rekening"]


def _fold(nama: str) -> str:
    """As raw.fold_name folds a name (case, spaces and punctuation away)."""
    return re.sub(r"[^A-Z0-9]", "", nama.upper())


_KEY = ("nomor_dokumen", "jenis_dokumen", "jenis_transaksi", "nomor_sp2d", "nomor_spd",
        "nomor_dpt", "kode_sub_kegiatan", "kode_rekening")


def _same_values(row: dict, other: dict | None) -> bool:
    return other is not None and {k: v for k, v in row.items() if k != "row_number"} == \
        {k: v for k, v in other.items() if k != "row_number"}


def _sums_neighbours(context: _Context, key, amount_of) -> bool:
    """The row's amount equals the sum of two or more data rows just above or below it."""
    name, sheet, number = key
    rows = sorted((n, r) for (f, s, n), r in context.landed.items() if (f, s) == (name, sheet))
    numbers = [n for n, _ in rows]
    at = numbers.index(number)
    target = amount_of(rows[at][1])
    for neighbours in (rows[:at][::-1], rows[at + 1:]):
        total = Decimal(0)
        for count, (_, row) in enumerate(neighbours, 1):
            total += amount_of(row) or 0
            if count >= 2 and total == target:
                return True
    return False


def _row_check(kind: str, source: str):
    """The test that a landed row shows the defect of its kind."""
    checks = {
        (kinds.ABOVE_LINE, "realisasi"): lambda c, k, r: c.above_pagu(r),
        (kinds.UNKNOWN_CODE, "realisasi"): lambda c, k, r: _account(r) not in c.accounts,
        (kinds.NEGATIVE_CORRECTION, "realisasi"): lambda c, k, r: r["realisasi"] < 0,
        (kinds.UNPAID_SP2D, "realisasi"): lambda c, k, r:
            r["nomor_sp2d"] not in c.register_of_month[r["tanggal_transfer"].month],
        (kinds.DUPLICATE, "realisasi"): lambda c, k, r:
            [r[name] for name in _KEY] == [c.row_above(k)[name] for name in _KEY],
        (kinds.PAID_NOT_REALIZED, "sp2d"): lambda c, k, r:
            r["jenis_sp2d"] == "LS" and r["nomor_sp2d"] not in c.carried,
        (kinds.BRUTO_DIFFERS, "sp2d"): lambda c, k, r:
            r["nomor_sp2d"] in c.carried and c.carried[r["nomor_sp2d"]] != {r["bruto"]},
        (kinds.SKPD_UNMATCHED, "sp2d"): lambda c, k, r: _fold(r["nama_skpd"]) not in c.skpd_names,
        (kinds.ABOVE_SUB_KEGIATAN, "rfk"): lambda c, k, r: r["realisasi_keuangan"] > r["pagu"],
        (kinds.DECREASING, "rfk"): lambda c, k, r: r["realisasi_keuangan"] < c.previous_rfk(r),
        (kinds.OUT_OF_RANGE, "rfk"): lambda c, k, r: not 0 <= r["realisasi_fisik"] <= 100,
        (kinds.FAR_BEHIND, "rfk"): lambda c, k, r:
            _financial(r) - r["realisasi_fisik"] > kinds.FAR_POINTS,
        (kinds.FAR_AHEAD, "rfk"): lambda c, k, r:
            r["realisasi_fisik"] - _financial(r) > kinds.FAR_POINTS,
        (kinds.MALFORMED_CODE, "rfk"): lambda c, k, r:
            not SUB_KEGIATAN_CODE.fullmatch(r["kode_sub_kegiatan"]),
        (kinds.UNKNOWN_CODE, "rfk"): lambda c, k, r:
            SUB_KEGIATAN_CODE.fullmatch(r["kode_sub_kegiatan"])
            and r["kode_sub_kegiatan"] not in c.codes,
        (kinds.NAME_DISAGREES, "rfk"): lambda c, k, r:
            r["nama_sub_kegiatan"] != c.realisasi_names[r["kode_sub_kegiatan"]],
        (kinds.NAME_UNMATCHED, "rfk"): lambda c, k, r: r["kode_sub_kegiatan"] is None,
        (kinds.DUPLICATE, "rfk"): lambda c, k, r: _same_values(r, c.row_above(k)),
        (kinds.SUBTOTAL_AS_DATA, "rfk"): lambda c, k, r:
            _sums_neighbours(c, k, lambda row: row["pagu"]),
        (kinds.EMPTY_BUDGET, "rfk"): lambda c, k, r:
            not r["pagu"] and r["realisasi_keuangan"] > 0,
        (kinds.BUDGET_DIFFERS, "rfk"): lambda c, k, r: r["pagu"] != c.pagu_in_force(
            r["kode_opd"], r["periode"].month, r["kode_sub_kegiatan"]),
        (kinds.DISAGREES_FINANCE, "rfk"): lambda c, k, r: r["realisasi_keuangan"] != sum(
            amount for (skpd, _, sub, _), amount in c.realisasi[r["periode"].month].items()
            if skpd == r["kode_opd"] and sub == r["kode_sub_kegiatan"]),
    }
    return checks[kind, source]


def test_ground_truth_kinds_are_the_documented_ones(year, truth):
    assert {row["kind"] for row in truth} == set(kinds.KINDS)
    for kind in kinds.KINDS:
        assert kind in kinds.__doc__
    assert all(year.defects[kind] >= 1 for kind in kinds.KINDS)


def test_each_listed_row_shows_its_defect(parsed, landed, truth, budget, inbox):
    context = _Context(parsed, landed, truth, budget, inbox)
    for row in truth:
        if not row["row_number"]:
            continue
        key = (row["file"], row["sheet"], int(row["row_number"]))
        assert key in landed, row
        assert _row_check(row["kind"], row["source"])(context, key, landed[key]), row


def test_each_listed_file_shows_its_defect(parsed, landed, truth, budget, inbox):
    context = _Context(parsed, landed, truth, budget, inbox)
    for row in truth:
        if row["row_number"]:
            continue
        kind, name = row["kind"], row["file"]
        if kind == kinds.MISSING:
            assert not name
            continue
        path = inbox / row["source"] / name
        rows = context.rfk_rows_of.get((name, row["sheet"]), [])
        if kind == kinds.LATE:
            meta = read_meta(path)
            month = int(meta.periode[5:])
            deadline = date(TAHUN + month // 12, month % 12 + 1, 10)
            assert date.fromisoformat(meta.extra["diterima"]) > deadline
        elif kind == kinds.EQUALS_FINANCIAL:
            assert rows and all(r["realisasi_fisik"] == _financial(r) for r in rows)
        elif kind == kinds.CARRIED_FORWARD:
            assert rows and all(
                r["realisasi_keuangan"] == context.previous_rfk(r) for r in rows)
        else:
            pytest.fail(f"unexpected file-level kind {kind}")


def test_no_defect_goes_unlisted(parsed, landed, truth, budget, inbox):
    """Scanned for the kinds a row shows by itself, the sources hold no defect the
    ground truth does not list: the clean data is clean."""
    context = _Context(parsed, landed, truth, budget, inbox)
    scanned = {
        "realisasi": (kinds.ABOVE_LINE, kinds.UNKNOWN_CODE, kinds.NEGATIVE_CORRECTION,
                      kinds.UNPAID_SP2D),
        "rfk": (kinds.ABOVE_SUB_KEGIATAN, kinds.DECREASING, kinds.OUT_OF_RANGE,
                kinds.FAR_BEHIND, kinds.FAR_AHEAD, kinds.MALFORMED_CODE, kinds.UNKNOWN_CODE,
                kinds.NAME_UNMATCHED, kinds.EMPTY_BUDGET),
        "sp2d": (kinds.PAID_NOT_REALIZED, kinds.BRUTO_DIFFERS),
    }
    for source, kinds_ in scanned.items():
        names = set(parsed[source])
        for key, row in landed.items():
            if key[0] not in names:
                continue
            for kind in kinds_:
                if _applies(kind, source, row, context) and \
                        _row_check(kind, source)(context, key, row):
                    assert key in listed(truth, source, kind, kinds.DUPLICATE,
                                         kinds.SUBTOTAL_AS_DATA), (kind, key)


def _applies(kind: str, source: str, row: dict, context: _Context) -> bool:
    """Whether a scan for kind can judge the row: the code checks a row with a code
    written, the name's a form's row named; comparisons with the budget need a pagu,
    with last month a last month, and the sub kegiatan the code or name says; far from
    financial is said of a physical % within 0..100 (else it is out of range)."""
    if source == "realisasi" and kind == kinds.UNPAID_SP2D:
        return bool(row["nomor_sp2d"])
    if source != "rfk":
        return True
    if kind in (kinds.MALFORMED_CODE, kinds.UNKNOWN_CODE):
        return not _named(row)
    if kind == kinds.NAME_UNMATCHED:
        return _named(row)
    if not SUB_KEGIATAN_CODE.fullmatch(row["kode_sub_kegiatan"] or ""):
        return False
    if kind == kinds.ABOVE_SUB_KEGIATAN:
        return bool(row["pagu"])
    if kind in (kinds.FAR_BEHIND, kinds.FAR_AHEAD):
        return bool(row["pagu"]) and 0 <= row["realisasi_fisik"] <= 100
    if kind == kinds.DECREASING:
        return context.previous_rfk(row) is not None
    return True


def test_physical_progress_is_plausible_where_no_defect_is_listed(landed, truth):
    """Physical % follows the work: near financial, mostly a little ahead, never simply
    equal to it on every row of a report."""
    listed_rows = listed(truth, "rfk", *kinds.KINDS)
    ahead, rows_by_file = 0, defaultdict(list)
    for key, row in landed.items():
        if "realisasi_fisik" not in row or key in listed_rows or not row["pagu"]:
            continue
        gap = row["realisasi_fisik"] - _financial(row)
        assert abs(gap) <= 25, key
        ahead += gap > 0
        rows_by_file[key[0], key[1]].append(row)
    assert ahead > 0.8 * sum(len(rows) for rows in rows_by_file.values())
    copied = {r["file"] for r in truth if r["kind"] == kinds.EQUALS_FINANCIAL}
    for (name, _), rows in rows_by_file.items():
        if name not in copied:
            assert any(r["realisasi_fisik"] != _financial(r) for r in rows), name


def test_lagging_opds_explain_themselves_in_indonesian(landed, parsed):
    """In the template's PERMASALAHAN and TINDAK LANJUT, or on the forms' FORM-M with
    who is expected to help."""
    explained = [(row["permasalahan"], row["tindak_lanjut"]) for row in landed.values()
                 if row.get("permasalahan")]
    on_forms = [dict(zip(more.columns, values)) for result in parsed["rfk"].values()
                for more in result.more if more.table == "raw.rfk_permasalahan"
                for _, _, *values in more.rows]
    assert len(explained) > 500 and len(on_forms) > 50
    assert all(tindak_lanjut for _, tindak_lanjut in explained)
    assert all(row["upaya"] and row["pihak_diharapkan"] for row in on_forms)


# --- Determinism --------------------------------------------------------------------------

_REWRITE = """
import sys
from pathlib import Path
from pipelines.sample.year import plan_year
plan = plan_year({seed})
wanted = set(sys.argv[2:])
for job in plan.jobs:
    if job.name in wanted:
        job.run(Path(sys.argv[1]), "{pemda}", {tahun})
for mark in sorted((m.source, m.kind, m.kode_opd, m.periode, m.detail) for m in plan.truth.marks):
    print("\\t".join(mark))
"""


def test_same_seed_writes_the_same_bytes(year, truth, tmp_path):
    """The year planned again, in another process with another hash seed, writes the same
    files (a sample of each writer) and marks the same defects."""
    chosen = [
        year.files["sp2d"][2], year.files["realisasi"][5], year.files["realisasi"][11],
        year.files["rak"][1],
        *[p for p in year.files["rfk"] if "-1.02.0.00.0.00.01.0000-2025-07" in p.name],
        *[p for p in year.files["rfk"] if p.name.startswith("laporan-rfk-")][10:14],
        *[p for p in year.files["rfk"] if read_meta(p).periode is None],
    ]
    script = _REWRITE.format(seed=SEED, pemda=PEMDA, tahun=TAHUN)
    env = {**os.environ, "PYTHONHASHSEED": "7"}
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path),
                             *[p.name for p in chosen]], env=env, capture_output=True,
                            text=True, check=True)
    for path in chosen:
        again = tmp_path / path.parent.name / path.name
        assert sha256(again) == sha256(path), path.name
        sidecar = path.name + ".meta.json"
        assert json.loads((again.parent / sidecar).read_text()) == \
            json.loads((path.parent / sidecar).read_text())
    marks = {tuple(line.split("\t")) for line in result.stdout.splitlines()}
    assert marks == {(r["source"], r["kind"], r["kode_opd"], r["periode"], r["detail"])
                     for r in truth}


def test_documents_and_zip_entries_carry_fixed_dates(year):
    import zipfile

    for path in [*year.files["realisasi"][:1], *year.files["sp2d"][:1], *year.files["rak"][:1],
                 *[p for p in year.files["rfk"] if p.name.startswith("laporan-rfk-")][:2]]:
        with zipfile.ZipFile(path) as archive:
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
