"""The synthetic kabupaten's budget exports: deterministic, to scale, in the real layout."""

from __future__ import annotations

import hashlib
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from pipelines.inbox import read_meta
from pipelines.sample import build_budget, write_budget_sample
from pipelines.sample.rekap5 import HEADER, write_rekap5

VERSIONS = ("murni", "pergeseran_1", "pergeseran_2", "perubahan")
# Code patterns of DOMAIN.md; kegiatan and sub kegiatan carry the kabupaten digit 2.
CODE_PATTERNS = {
    "KODE URUSAN": r"\d",
    "KODE BIDANG URUSAN": r"\d\.\d{2}",
    "KODE PROGRAM": r"\d\.\d{2}\.\d{2}",
    "KODE KEGIATAN": r"\d\.\d{2}\.\d{2}\.2\.\d{2}",
    "KODE SUB KEGIATAN": r"\d\.\d{2}\.\d{2}\.2\.\d{2}\.\d{4}",
    "KODE SKPD": r"\d\.\d{2}\.\d\.\d{2}\.\d\.\d{2}\.\d{2}\.0000",
    "KODE SUB UNIT": r"\d\.\d{2}\.\d\.\d{2}\.\d\.\d{2}\.\d{2}\.\d{4}",
    "KODE REKENING": r"5\.[1-4]\.\d{2}\.\d{2}\.\d{2}\.\d{4}",
    "KODE SUMBER DANA": r"\d\.\d(\.\d{2}){1,3}(\.\d{4})?",
}
LINE_KEY = ("KODE SUB UNIT", "KODE SUB KEGIATAN", "KODE SUMBER DANA", "KODE REKENING",
            "NAMA PAKET/KELOMPOK")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def with_sidecars(paths: list[Path]) -> list[Path]:
    return [p for path in paths for p in (path, path.with_name(path.name + ".meta.json"))]


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> list[Path]:
    return write_budget_sample(tmp_path_factory.mktemp("inbox"), seed=2025)


@pytest.fixture(scope="module")
def sheets(written) -> dict[str, list[dict]]:
    """versi -> the data rows of its export as read back, each a dict by column title."""
    result = {}
    for path in written:
        rows = CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
        result[read_meta(path).versi] = [dict(zip(rows[0], row)) for row in rows[1:]]
    return result


def lines_of(rows: list[dict]) -> dict[tuple, float]:
    """Budgeted lines (rows with an account) by their identity across versions."""
    return {tuple(row[c] for c in LINE_KEY): row["PAGU"] for row in rows if row["KODE REKENING"]}


def test_same_seed_writes_the_same_bytes(written, tmp_path):
    again = write_budget_sample(tmp_path, seed=2025)
    assert [p.name for p in again] == [p.name for p in written]
    for first, second in zip(with_sidecars(written), with_sidecars(again)):
        assert sha256(first) == sha256(second), first.name


def test_another_seed_writes_other_files(written, tmp_path):
    budget = build_budget(seed=2026)
    other = write_rekap5(tmp_path / written[0].name, budget.universe, budget.versions["murni"])
    assert sha256(other) != sha256(written[0])


def test_zip_entries_carry_a_fixed_date(written):
    for path in written:
        with zipfile.ZipFile(path) as archive:
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_one_file_per_version_with_its_sidecar(written):
    assert [p.name for p in written] == [f"rekap5-2025-{v}.xlsx" for v in VERSIONS]
    dates = [read_meta(p).tanggal_versi for p in written]
    assert dates[0] == date(2025, 1, 2)
    assert dates == sorted(dates)
    for path, versi in zip(written, VERSIONS):
        meta = read_meta(path)
        assert (meta.source, meta.kode_pemda, meta.tahun, meta.versi) == (
            "anggaran", "99.01", 2025, versi)


def test_layout_is_the_real_exports(written, sheets):
    for path in written:
        workbook = CalamineWorkbook.from_path(path)
        assert workbook.sheet_names == ["Sheet 1"]
        assert tuple(workbook.get_sheet_by_index(0).to_python()[0]) == HEADER
    assert len(HEADER) == 23
    for rows in sheets.values():
        assert [row["NO"] for row in rows] == list(range(1, len(rows) + 1))
        assert {row["TAHUN"] for row in rows} == {2025}
        assert all(isinstance(row["PAGU"], float) or row["PAGU"] == "" for row in rows)


def test_murni_is_to_the_scale_of_a_real_kabupaten(sheets):
    rows = sheets["murni"]
    budgeted = [row for row in rows if row["KODE REKENING"]]
    pagu = [row["PAGU"] for row in budgeted]
    assert 38 <= len({row["KODE SKPD"] for row in rows}) <= 48
    assert 55 <= len({row["KODE SUB UNIT"] for row in rows}) <= 75
    assert 1300 <= len({row["KODE SUB KEGIATAN"] for row in rows}) <= 1700
    assert 5500 <= len(budgeted) <= 7200
    assert 600 <= len(rows) - len(budgeted) <= 1000
    assert 0.9e12 <= sum(pagu) <= 1.1e12
    assert 1 <= pagu.count(0) <= 150
    assert all(p == int(p) for p in pagu)
    assert sum(1 for p in pagu if p % 1000 == 0) > 0.6 * len(pagu)
    assert max(pagu) > 1e10 and min(p for p in pagu if p) < 1e6


def test_codes_are_text_and_well_formed(sheets):
    for versi, rows in sheets.items():
        for row in rows:
            for column, pattern in CODE_PATTERNS.items():
                if column in ("KODE REKENING", "KODE SUMBER DANA") and not row["KODE REKENING"]:
                    continue
                assert isinstance(row[column], str), (versi, row["NO"], column)
                assert re.fullmatch(pattern, row[column]), (versi, row["NO"], column, row[column])


def test_codes_nest(sheets):
    for row in sheets["murni"]:
        assert row["KODE BIDANG URUSAN"].startswith(row["KODE URUSAN"] + ".")
        assert row["KODE PROGRAM"].startswith(row["KODE BIDANG URUSAN"] + ".")
        assert row["KODE KEGIATAN"].startswith(row["KODE PROGRAM"] + ".")
        assert row["KODE SUB KEGIATAN"].startswith(row["KODE KEGIATAN"] + ".")
        assert row["KODE SUB UNIT"][:-4] == row["KODE SKPD"][:-4]


def test_sub_kegiatan_without_lines_have_an_empty_row(sheets):
    for rows in sheets.values():
        empty = [row for row in rows if not row["KODE REKENING"]]
        assert empty
        for row in empty:
            assert (row["KODE SUMBER DANA"], row["NAMA REKENING"], row["PAGU"]) == ("", "", "")
            assert row["PAKET/KELOMPOK"] == "Kelompok"
        budgeted = {(r["KODE SUB UNIT"], r["KODE SUB KEGIATAN"]) for r in rows
                    if r["KODE REKENING"]}
        assert not budgeted & {(r["KODE SUB UNIT"], r["KODE SUB KEGIATAN"]) for r in empty}


def test_each_version_changes_adds_and_drops_lines(sheets):
    totals = {versi: sum(lines_of(rows).values()) for versi, rows in sheets.items()}
    for before, after in zip(VERSIONS, VERSIONS[1:]):
        old, new = lines_of(sheets[before]), lines_of(sheets[after])
        assert len(old) == sum(1 for r in sheets[before] if r["KODE REKENING"]), "unique keys"
        changed = sum(1 for key in old.keys() & new.keys() if old[key] != new[key])
        assert 0.10 * len(old) <= changed <= 0.25 * len(old), (after, changed)
        assert 60 <= len(new.keys() - old.keys()) <= 150, after
        assert 30 <= len(old.keys() - new.keys()) <= 80, after
    for pergeseran in ("pergeseran_1", "pergeseran_2"):
        previous = VERSIONS[VERSIONS.index(pergeseran) - 1]
        assert 0.93 * totals[previous] <= totals[pergeseran] <= 1.01 * totals[previous]
    assert totals["perubahan"] > totals["pergeseran_2"]


def test_budget_objects_match_the_files(sheets):
    budget = build_budget(seed=2025)
    assert list(budget.versions) == list(VERSIONS)
    for versi, version in budget.versions.items():
        assert version.total == sum(lines_of(sheets[versi]).values())
        assert len(version.lines) == len(lines_of(sheets[versi]))
    run = {(row["KODE SUB UNIT"], row["KODE SUB KEGIATAN"]) for row in sheets["murni"]}
    assert len(run) == len(budget.universe.sub_kegiatan)
