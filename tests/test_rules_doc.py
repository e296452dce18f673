"""docs/rules.md is what the suites say: regenerated, it is the committed page."""

import json

import pytest

from pipelines.quality.gx_runner import suite_path
from pipelines.quality.rules_doc import RULES_DOC, UndescribedRule, rules_markdown, what_it_checks
from pipelines.quality.step import suite_names
from tests.conftest import run_cli


def test_docs_rules_md_is_up_to_date_with_the_suites():
    assert RULES_DOC.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md tidak sesuai suite / is out of date with expectations/*.json: "
        "jalankan / run `serapan rules-doc`")


def test_every_rule_is_on_the_page_with_its_severity_and_pesan():
    page = rules_markdown()
    for name in suite_names():
        for expectation in json.loads(suite_path(name).read_text())["expectations"]:
            rule = expectation["meta"]
            row = next(line for line in page.splitlines()
                       if line.startswith(f"| {rule['rule_id']} |"))
            assert f"| {rule['severity']} |" in row
            assert " ".join(rule["pesan"].split()).split("<")[0] in row


def test_a_rule_the_page_cannot_say_in_words_is_refused_naming_it():
    rule = {"type": "expect_table_row_count_to_equal", "kwargs": {"value": 3},
            "meta": {"rule_id": "ANG-099"}}
    with pytest.raises(UndescribedRule, match="ANG-099"):
        what_it_checks("anggaran", rule)
    assert what_it_checks("anggaran", {**rule, "description": "Three rows."}) == "Three rows."


def test_serapan_rules_doc_writes_the_page(tmp_path):
    out = tmp_path / "rules.md"
    status, output = run_cli("rules-doc", "--out", str(out))
    assert status == 0, output
    assert out.read_text(encoding="utf-8") == rules_markdown()


def test_serapan_rules_lists_every_rule_with_what_it_checks_and_the_fix(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    status, output = run_cli("rules")
    assert status == 0, output
    lines = output.splitlines()
    assert max(len(line) for line in lines) <= 80
    listed = [line.split(" · ")[0] for line in lines if " · " in line]
    every = [e["meta"]["rule_id"] for name in suite_names()
             for e in json.loads(suite_path(name).read_text())["expectations"]]
    assert sorted(listed) == sorted(every)

    status, output = run_cli("rules", "--rule", "rfk-004")
    text = " ".join(output.split())
    assert status == 0 and text.startswith("== rfk (1 aturan / rules) RFK-004 · error")
    assert "memeriksa / checks: `realisasi_fisik` is filled." in text
    assert "perbaikan / fix: REALISASI FISIK kosong." in text
    status, output = run_cli("rules", "--rule", "RFK-999")
    assert status == 1 and "no rule 'RFK-999'" in output
