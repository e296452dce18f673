"""The end-to-end tests are marked as such: `pytest -m "not e2e"` leaves out exactly the
tests that need the session's pipeline run."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def collected(*args: str) -> set[str]:
    listed = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return {line.split("::")[0] for line in listed.splitlines() if "::" in line}


def test_tests_through_the_pipeline_run_are_e2e_and_only_those():
    files = ["tests/test_sample_year_load.py", "tests/test_inbox.py"]
    # test_sample_year_load needs nightly_run; test_inbox no fixture of the run
    assert collected("-m", "e2e", *files) == {"tests/test_sample_year_load.py"}
    assert collected("-m", "not e2e", *files) == {"tests/test_inbox.py"}
