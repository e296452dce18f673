"""Commands that only read the warehouse: plain text a terminal shows at once."""

import subprocess
import sys

import pytest

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


HEAVY = ("dagster", "dagster_dbt", "dbt", "great_expectations")  # seconds each to import
NO_OPD = "9.99.9.99.9.99.99.9999"


@pytest.mark.parametrize("args", [
    ("flags", "--pemda", "98.97"),
    ("files", "--pemda", "98.97"),
    ("template", "--opd", NO_OPD, "--month", "2025-03", "--out", "{tmp}/t.xlsx"),
    ("feedback", "--opd", NO_OPD, "--month", "2025-03", "--out", "{tmp}/f.xlsx"),
    ("warehouse", "url"),
])
def test_a_command_that_reads_imports_no_orchestrator_checker_or_dbt(warehouse, tmp_path, args):
    argv = [arg.format(tmp=tmp_path) for arg in args]
    program = ("import sys; from pipelines import cli; cli.main(sys.argv[1:]); "
               f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}))")
    done = subprocess.run([sys.executable, "-c", program, *argv], capture_output=True,
                          text=True, timeout=120)
    assert done.stdout.splitlines()[-1] == "[]", done.stdout + done.stderr
