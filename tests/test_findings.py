"""The flags as the data team and the OPDs read them: CLI table and csv, feedback workbook."""

import csv
import io
from datetime import date

import openpyxl
import pytest

from pipelines import cli
from pipelines.quality.findings import CSV_COLUMNS, Finding
from pipelines.reports.feedback import write_feedback
from pipelines.reports.feedback_data import Feedback, group_findings
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


def feedback_of(found: list[Finding], nama_opd: str = "Dinas Kesehatan") -> Feedback:
    return Feedback("99.01", "Kabupaten Contoh 01", OPD, nama_opd, "2025-03",
                    group_findings(found))


def feedback_cells(path) -> list[list[str]]:
    """The sheet's rows, each the texts of its cells (numbers as text, blanks left out)."""
    sheet = openpyxl.load_workbook(path)["Temuan"]
    return [[str(c) for c in row if c not in (None, "")]
            for row in sheet.iter_rows(values_only=True)]


def _report_row(rule_id: str, row: int, severity: str = "error", **values) -> Finding:
    return Finding("rfk-maret.xlsx", "RFK", row, rule_id, severity, OPD, date(2025, 3, 1),
                   f"Pesan {rule_id}. Perbaiki, lalu unggah kembali.", "99.01", "rfk",
                   {"kode_pemda": "99.01", "kode_opd": OPD, "periode": "2025-03-01",
                    "kode_sub_kegiatan": f"1.02.02.2.01.{row:04d}",
                    "nama_sub_kegiatan": "Pengelolaan Pelayanan Kesehatan", **values})


def test_feedback_says_each_rule_once_in_words_and_rupiah(tmp_path):
    copied = [_report_row("REL-004", row, realisasi_fisik=40.0, persen_keuangan=40.0)
              for row in range(12, 38)]  # the whole report: physical copied from financial
    above = _report_row("RFK-004", 9, pagu=58294000.0, realisasi_keuangan=60000000.5,
                        realisasi_fisik=120, fisik_sama_keuangan=False)
    late = Finding(None, None, None, "REL-009", "warning", OPD, date(2025, 3, 1),
                   "Laporan terlambat.", "99.01", "rfk", {"diterima": "2025-04-19"})
    path = write_feedback(tmp_path / "umpan-balik.xlsx", feedback_of([*copied, above, late]),
                          alamat="laporan.rfk@contoh.go.id", dibuat=date(2025, 4, 20))
    rows = feedback_cells(path)
    text = "\n".join(" | ".join(row) for row in rows)
    assert rows[0] == ["UMPAN BALIK KUALITAS DATA LAPORAN REALISASI FISIK DAN KEUANGAN"]
    assert rows[1:5] == [["Kabupaten Contoh 01"], [f"OPD: {OPD} Dinas Kesehatan"],
                         ["Bulan laporan: Maret 2025"], ["Dibuat: 20 April 2025"]]
    assert rows[5][0].startswith("Ringkasan: 3 temuan, 2 KESALAHAN (baris ini tidak dihitung")  # REL-004 once
    # the whole report's finding: once, with where, not on 26 rows
    assert text.count("Pesan REL-004") == 1 and "seluruh laporan; aturan REL-004" in text
    assert "rfk-maret.xlsx, sheet RFK (26 baris, 12 s.d. 37)" in text
    assert "1.02.02.2.01.0012" not in text
    # a row's values in words and rupiah, its identity and the rules' markers left out
    [line] = [row for row in rows if "rfk-maret.xlsx, sheet RFK, baris 9" in row]
    assert line[2] == "1.02.02.2.01.0009 Pengelolaan Pelayanan Kesehatan"
    assert line[3].split("\n") == ["Pagu: Rp58.294.000",
                                    "Realisasi keuangan kumulatif: Rp60.000.000,50",
                                    "Realisasi fisik: 120%"]
    assert "kode_pemda" not in text and "58294000" not in text and "False" not in text
    assert "(laporan bulan ini, tanpa file tertentu) | seluruh sub kegiatan pada laporan | " \
        "Diterima: 19 April 2025" in text
    assert "Kirim file itu ke: laporan.rfk@contoh.go.id." in text
    assert "BPKAD" not in text.split("C. CARA")[0].split("Ringkasan")[1].split("A. ")[1]


def test_findings_in_the_finance_systems_exports_are_for_bpkad(tmp_path):
    mine = _report_row("RFK-004", 9, realisasi_fisik=120)
    theirs = Finding("realisasi-maret.xlsx", "Data Realisasi Dokumen", 44, "RLD-010",
                     "warning", OPD, date(2025, 3, 1), "Realisasi melebihi pagu rekening.",
                     "99.01", "realisasi", {"nilai_realisasi": -250000.0})
    rows = feedback_cells(write_feedback(tmp_path / "fb.xlsx", feedback_of([mine, theirs])))
    firsts = [row[0] if row else "" for row in rows]
    opd = next(n for n, cell in enumerate(firsts) if cell.startswith("A. "))
    bpkad = next(n for n, cell in enumerate(firsts) if cell.startswith("B. UNTUK BPKAD"))
    send = next(n for n, cell in enumerate(firsts) if cell.startswith("C. "))
    where = {rule: n for n, cell in enumerate(firsts) for rule in ("RFK-004", "RLD-010")
             if f"aturan {rule})" in cell}
    assert opd < where["RFK-004"] < bpkad < where["RLD-010"] < send
    assert "bukan pada laporan OPD" in rows[bpkad + 1][0]
    [line] = [n for n, row in enumerate(rows) if "Nilai realisasi: -Rp250.000" in row]
    assert where["RLD-010"] < line < send
    assert rows[line][:2] == ["1", "realisasi-maret.xlsx, sheet Data Realisasi Dokumen, baris 44"]
    assert "tim data pemda yang mengirim umpan balik ini" in rows[send + 4][0]


def test_feedback_prints_on_a4_landscape_pages_as_wide_as_the_page(tmp_path):
    found = [_report_row("RFK-004", row, realisasi_fisik=120) for row in range(1, 80)]
    sheet = openpyxl.load_workbook(
        write_feedback(tmp_path / "fb.xlsx", feedback_of(found)))["Temuan"]
    assert (sheet.page_setup.orientation, sheet.page_setup.paperSize) == ("landscape", 9)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    # one page wide (1, the default, is left out of the file), as many long as it takes
    assert (sheet.page_setup.fitToWidth or 1, sheet.page_setup.fitToHeight) == (1, 0)
    header = next(n for n, row in enumerate(sheet.iter_rows(values_only=True), start=1)
                  if row[0] == "No")
    assert sheet.print_title_rows == f"${header}:${header}"


def test_feedback_command_writes_the_opds_workbook(nightly_run, tmp_path):
    out = tmp_path / "fb.xlsx"
    status, output = run_cli("feedback", "--opd", OPD, "--month", "2025-03", "--pemda", "99.06",
                             "--out", str(out))
    assert status == 0, output
    sheet = openpyxl.load_workbook(out)["Temuan"]
    assert sheet["A3"].value == f"OPD: {OPD} Dinas Kesehatan"


def test_feedback_refuses_an_opd_no_budget_has(nightly_run, tmp_path):
    out = tmp_path / "fb.xlsx"
    status, output = run_cli("feedback", "--opd", "9.99.9.99.9.99.99.9999", "--month",
                             "2025-03", "--out", str(out))
    assert status == 1 and "tidak ada di anggaran mana pun" in output, output
    assert not out.exists()


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
