"""The flags as the data team and the OPDs read them: CLI table and csv, feedback workbook."""

import csv
import io
from datetime import date

import openpyxl
import pytest

from pipelines import cli
from pipelines.quality.findings import CSV_COLUMNS, Finding
from pipelines.reports.feedback import write_feedback
from tests.conftest import run_cli

OPD = "1.02.0.00.0.00.01.0000"


def test_flags_csv_names_file_sheet_row_rule_and_message(nightly_run):
    status, output = run_cli("flags", "--pemda", "99.03", "--format", "csv")
    assert status == 0, output
    rows = list(csv.DictReader(io.StringIO(output)))
    assert tuple(rows[0]) == CSV_COLUMNS
    [row] = rows
    assert (row["source_file"], row["sheet"], row["row_number"], row["rule_id"],
            row["severity"], row["kode_opd"]) == ("99.03-kode-salah.xlsx", "Sheet 1", "2",
                                             "ANG-010", "error", OPD)
    assert "sub kegiatan" in row["pesan"].lower()


def test_flags_table_filters_by_opd(nightly_run):
    status, output = run_cli("flags", "--opd", "9.99.9.99.9.99.99.9999")
    assert status == 0 and "Temuan / findings: 0" in output


def test_feedback_workbook_lists_every_finding_with_the_fix(tmp_path):
    found = [
        Finding("rfk-maret.xlsx", "RFK", 17, "RFK-004", "error", OPD, date(2025, 3, 1),
                "Realisasi fisik 120% di luar 0..100. Perbaiki ke persentase 0 sampai 100.",
                "99.01", "rfk", {"realisasi_fisik_persen": 120}),
        Finding(None, None, None, "REL-009", "warning", OPD, date(2025, 3, 1),
                "Laporan terlambat. Kirim paling lambat tanggal 10 bulan berikutnya.",
                "99.01", "rfk", {"diterima": "2025-04-19"}),
    ]
    path = write_feedback(tmp_path / "umpan-balik.xlsx", kode_opd=OPD, periode="2025-03",
                          nama_opd="Dinas Kesehatan", found=found)
    sheet = openpyxl.load_workbook(path)["Temuan"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == f"OPD: {OPD} Dinas Kesehatan"
    assert "Kesalahan / errors: 1" in rows[3][0]
    header = rows[5]
    assert header[:4] == ("No", "File", "Sheet", "Baris")
    assert rows[6][1:6] == ("rfk-maret.xlsx", "RFK", 17, "RFK-004", "KESALAHAN (ditahan)")
    assert "Perbaiki" in rows[6][7] and "realisasi_fisik_persen = 120" in rows[6][6]
    assert rows[7][1] == "(laporan tidak ada / no report)" and rows[7][5] == "PERINGATAN"
    assert "Unggah ulang" in " ".join(
        str(c) for row in openpyxl.load_workbook(path)["Petunjuk"].iter_rows(values_only=True)
        for c in row if c)


def test_feedback_command_writes_the_opds_workbook(nightly_run, tmp_path):
    out = tmp_path / "fb.xlsx"
    status, output = run_cli("feedback", "--opd", OPD, "--month", "2025-03", "--pemda", "99.06",
                             "--out", str(out))
    assert status == 0, output
    sheet = openpyxl.load_workbook(out)["Temuan"]
    assert sheet["A2"].value == f"OPD: {OPD} Dinas Kesehatan"


@pytest.mark.parametrize("args", [
    ("feedback", "--opd", "../../../x", "--month", "2025-03"),
    ("feedback", "--opd", OPD, "--month", "../../../x"),
    ("template", "--opd", "../../../x", "--month", "2025-03"),
    ("flags", "--opd", "1.02'; --"),
])
def test_codes_and_months_that_could_name_other_folders_are_refused(
        warehouse, tmp_path, monkeypatch, capsys, args):
    work = tmp_path / "kerja" / "umpan-balik"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    with pytest.raises(SystemExit) as exited:
        cli.main(list(args))
    assert exited.value.code == 2
    assert "tidak sah / invalid" in capsys.readouterr().err
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []


def _finding(rule_id: str, row: int, severity: str = "error") -> Finding:
    return Finding(f"rfk-{OPD}-2025-03.xlsx", "RFK", row, rule_id, severity, OPD,
                   date(2025, 3, 1), f"Pesan aturan {rule_id}: perbaiki barisnya lalu unggah "
                   "ulang file yang sudah dibetulkan ke kotak masuk.", "99.01", "rfk", {})


def test_findings_read_by_rule_fit_80_columns_with_each_message_once():
    from pipelines.quality.findings_text import PLACES_SHOWN, findings_text

    found = [_finding("RFK-004", row) for row in range(10, 40)] + [
        _finding("REL-009", 7, "warning")]
    lines = list(findings_text(found, width=80))
    assert max(len(line) for line in lines) <= 80
    assert lines[0].startswith("Temuan / findings: 31 dari / of 2 aturan / rules")
    assert sum("Pesan aturan RFK-004" in line for line in lines) == 1
    text = " ".join(line.strip() for line in lines)
    shown = ", ".join(str(row) for row in range(10, 10 + PLACES_SHOWN))
    assert f"sheet RFK, baris / rows {shown} (OPD {OPD}, 2025-03)" in text  # one place
    assert "sheet RFK, baris / row 7 (OPD" in text
    assert "25 lainnya / more: serapan flags --rule RFK-004 --all" in text
    every = " ".join(line.strip() for line in findings_text(found, width=80, show_all=True))
    assert f"baris / rows {', '.join(str(row) for row in range(10, 40))} (OPD" in every
    assert "lainnya / more" not in every


def test_flags_of_one_rule_are_read_in_an_80_column_terminal(nightly_run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    status, output = run_cli("flags", "--pemda", "99.03", "--rule", "ang-010")
    assert status == 0, output
    lines = output.splitlines()
    assert lines[0].startswith("Temuan / findings: 1 dari / of 1 aturan / rules")
    assert any(line.startswith("ANG-010 · KESALAHAN / error · 1 temuan") for line in lines)
    assert any("99.03-kode-salah.xlsx, sheet Sheet 1, baris / row 2" in line
               for line in lines)
    assert max(len(line) for line in lines) <= 80
