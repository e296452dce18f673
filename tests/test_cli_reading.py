"""Commands that only read the warehouse: plain text a terminal shows at once."""

from tests.conftest import run_cli


def test_files_are_listed_a_line_each_with_why_a_file_was_quarantined(nightly_run):
    status, output = run_cli("files", "--pemda", "99.02")
    assert status == 0, output
    lines = output.splitlines()
    assert lines[0] == "File / files: 4"
    assert lines[1].split() == ["no", "sumber", "pemda", "tahun", "versi/bulan", "status",
                                "baris", "file"]
    [broken] = [n for n, line in enumerate(lines) if line.endswith(" 99.02-bukan-excel.xlsx")]
    assert " quarantined " in lines[broken]
    assert lines[broken + 1].startswith("    catatan / note: ")
