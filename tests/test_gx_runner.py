"""gx_runner against a real (embedded) PostgreSQL: every rule in anggaran.json must pass on
good rows and fire on a row crafted to break exactly that rule."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from psycopg2 import sql

from pipelines.migrations import migrate
from pipelines.warehouse import with_database
from pipelines.quality import gx_runner

SUITE = "anggaran"
TEST_TABLE = "gx_test.rekap5"

# One valid Rekap 5 budget line (Kab. Buru style codes, DOMAIN.md).
GOOD_LINE = {
    "file_id": 1,
    "kode_pemda": "8104",
    "versi": "murni",
    "tanggal_versi": "2025-01-02",
    "tahun": "2025",
    "kode_urusan": "1",
    "kode_skpd": "1.01.2.22.0.00.01.0000",
    "kode_sub_unit": "1.01.2.22.0.00.01.0000",
    "kode_bidang_urusan": "1.01",
    "kode_program": "1.01.02",
    "kode_kegiatan": "1.01.02.2.01",
    "kode_sub_kegiatan": "1.01.02.2.01.0001",
    "kode_rekening": "5.2.03.01.01.0010",
    "pagu": 125_000_000,
}
# The good rows: a budget line, a sub kegiatan row with neither account nor PAGU, PAGU 0,
# and a line of a 2026 budget, whose accounts SIPD-RI writes in its new format.
GOOD_ROWS = [
    {},
    {"kode_rekening": None, "pagu": None},
    {"kode_rekening": "5.1.02.01.01.0024", "pagu": 0},
    {"tahun": "2026", "kode_rekening": "5.1.02.01.001.00024"},
    # a program penunjang line as part of SIPD-RI's exports write it: bidang urusan X.XX
    {"kode_bidang_urusan": "X.XX", "kode_program": "X.XX.01", "kode_kegiatan": "X.XX.01.2.06",
     "kode_sub_kegiatan": "X.XX.01.2.06.0004"},
]
# Per rule: the rows (as changes to GOOD_LINE) that must make it, and only it, fail.
BREAKING_ROWS = {
    "ANG-001": [{"kode_skpd": None}],
    "ANG-002": [{"kode_sub_unit": None}],
    "ANG-003": [{"kode_sub_kegiatan": None}],
    "ANG-004": [{"tahun": None}],
    "ANG-005": [{"tahun": "2025.0"}],  # a year that went through a float
    "ANG-006": [{"kode_urusan": "1 "}],
    "ANG-007": [{"kode_bidang_urusan": "1.1"}],  # 1.10 read as a number
    "ANG-008": [{"kode_program": "1.01.2"}],
    "ANG-009": [{"kode_kegiatan": "1.01.02.2.1"}],
    "ANG-010": [{"kode_sub_kegiatan": "1.01.01.02.01.0001"}],  # DOMAIN.md's malformed code
    "ANG-011": [{"kode_skpd": "1.01.2.22.0.00.01"}],
    "ANG-012": [{"kode_sub_unit": "1.1.2.22.0.00.01.0000"}],
    "ANG-013": [{"kode_rekening": "5.2.3.01.01.0010"}, {"kode_rekening": "5.1.02.01.001.0024"}],
    "ANG-014": [{"kode_rekening": "4.1.01.01.01.0001"}],  # revenue, not spending
    "ANG-015": [{"pagu": -1_000}],
    "ANG-016": [{"pagu": None}, {"kode_rekening": None}],  # both directions of "iff"
    "ANG-017": [{"row_number": 1}, {"row_number": 1}],  # the same row key twice
    "ANG-018": [{"kode_rekening": "5.1.02.01.001.00024"}],  # 2026's format in a 2025 budget
}


@pytest.fixture(scope="session")
def gx_warehouse(warehouse):
    """A database of its own on the session's server, so these rows stay apart."""
    conn = warehouse.connect("postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("create database gx_test")
    conn.close()
    wh = with_database(warehouse, "gx_test")
    migrate(wh)
    return wh


@pytest.fixture(scope="session")
def case_table(gx_warehouse):
    """A copy of raw.anggaran_rekap5's columns without its primary key (so duplicates can
    be staged), holding the good rows under sheet 'good' and each rule's rows under its id."""
    _execute(
        gx_warehouse,
        f"create schema gx_test; create table {TEST_TABLE}"
        " (like raw.anggaran_rekap5 including defaults)",
    )
    rows = [{**change, "sheet": "good", "row_number": n} for n, change in enumerate(GOOD_ROWS, 1)]
    for rule_id, changes in BREAKING_ROWS.items():
        rows += [
            {"sheet": rule_id, "row_number": n, **change} for n, change in enumerate(changes, 1)
        ]
    _insert(gx_warehouse, TEST_TABLE, rows)
    return TEST_TABLE


def _execute(wh, statement: str, params=None) -> None:
    conn = wh.connect()
    try:
        with conn, conn.cursor() as cur:
            cur.execute(statement, params)
    finally:
        conn.close()


def _insert(wh, table: str, changes: list[dict]) -> None:
    schema, name = table.split(".")
    for change in changes:
        row = {**GOOD_LINE, **change}
        _execute(
            wh,
            sql.SQL("insert into {} ({}) values ({})").format(
                sql.Identifier(schema, name),
                sql.SQL(", ").join(map(sql.Identifier, row)),
                sql.SQL(", ").join(sql.Placeholder() * len(row)),
            ),
            list(row.values()),
        )


def _suite_rule_ids() -> list[str]:
    document = json.loads(gx_runner.suite_path(SUITE).read_text())
    return [e["meta"]["rule_id"] for e in document["expectations"]]


def test_every_rule_has_a_breaking_case():
    assert sorted(_suite_rule_ids()) == sorted(BREAKING_ROWS)


def test_good_rows_pass_every_rule(gx_warehouse, case_table):
    result = gx_runner.run_suite(
        gx_warehouse, SUITE, query=f"select * from {case_table} where sheet = 'good'"
    )
    assert result.failed == ()
    assert result.success
    assert result.evaluated == len(BREAKING_ROWS)
    assert all(o.error is None for o in result.outcomes)


@pytest.mark.parametrize("rule_id", sorted(BREAKING_ROWS))
def test_breaking_row_fires_exactly_its_rule(gx_warehouse, case_table, rule_id):
    result = gx_runner.run_suite(
        gx_warehouse,
        SUITE,
        query=f"select * from {case_table} where sheet in ('good', '{rule_id}')",
    )
    assert not result.success
    assert [o.rule_id for o in result.failed] == [rule_id]
    (outcome,) = result.failed
    assert outcome.error is None
    assert outcome.unexpected_count == len(BREAKING_ROWS[rule_id])
    assert outcome.severity in gx_runner.SEVERITIES
    assert outcome.pesan


def test_outcome_carries_sample_values_and_column(gx_warehouse, case_table):
    result = gx_runner.run_suite(
        gx_warehouse, SUITE, query=f"select * from {case_table} where sheet = 'ANG-007'"
    )
    (outcome,) = result.failed
    assert outcome.column == "kode_bidang_urusan"
    assert outcome.expectation_type == "expect_column_values_to_match_regex"
    assert outcome.unexpected_values == ("1.1",)
    assert outcome.severity == "warning"


def test_only_loaded_files_are_validated(gx_warehouse):
    """The caller's query (rows of loaded files) hides a quarantined file's bad rows,
    while validating the whole table shows them."""
    loaded, quarantined = (
        _add_file(gx_warehouse, sha256, status)
        for sha256, status in (("a" * 64, "loaded"), ("b" * 64, "quarantined"))
    )
    _insert(
        gx_warehouse,
        "raw.anggaran_rekap5",
        [
            {"file_id": loaded, "sheet": "Sheet1", "row_number": 2},
            {"file_id": quarantined, "sheet": "Sheet1", "row_number": 2, "pagu": -5},
        ],
    )
    loaded_rows = (
        "select r.* from raw.anggaran_rekap5 r join raw.files f using (file_id)"
        " where f.status = 'loaded'"
    )
    assert gx_runner.run_suite(gx_warehouse, SUITE, query=loaded_rows).success
    whole_table = gx_runner.run_suite(gx_warehouse, SUITE, table="raw.anggaran_rekap5")
    assert [o.rule_id for o in whole_table.failed] == ["ANG-015"]
    assert whole_table.failed[0].unexpected_values == (-5.0,)


def _add_file(wh, sha256: str, status: str) -> int:
    conn = wh.connect()
    try:
        with conn, conn.cursor() as cur:
            cur.execute(
                "insert into raw.files (sha256, source, kode_pemda, tahun, original_name,"
                " archive_path, meta, status) values (%s, 'anggaran', '8104', 2025,"
                " 'rekap5.xlsx', 'archive/rekap5.xlsx', '{}', %s) returning file_id",
                (sha256, status),
            )
            return cur.fetchone()[0]
    finally:
        conn.close()


def test_missing_column_is_reported_as_error(gx_warehouse, case_table):
    result = gx_runner.run_suite(
        gx_warehouse,
        SUITE,
        query=f"select file_id, sheet, row_number from {case_table} where sheet = 'good'",
    )
    by_rule = {o.rule_id: o for o in result.failed}
    assert "kode_skpd" in by_rule["ANG-001"].error
    assert "kode_rekening" in by_rule["ANG-016"].error
    assert "ANG-017" not in by_rule  # its columns are there, and it still runs


def test_query_may_start_with_with(gx_warehouse, case_table):
    query = f"with good as (select * from {case_table} where sheet = 'good') select * from good;"
    assert gx_runner.run_suite(gx_warehouse, SUITE, query=query).success


@pytest.fixture(scope="module")
def data_docs(gx_warehouse, case_table, tmp_path_factory) -> Path:
    """Data Docs of one suite's run, built once for the tests below."""
    site = tmp_path_factory.mktemp("gx-docs") / "docs"
    result = gx_runner.run_suite(gx_warehouse, SUITE, table=case_table, data_docs_dir=site)
    assert result.data_docs_index == site / "index.html"
    return site


def test_data_docs_are_built(data_docs):
    assert SUITE in (data_docs / "index.html").read_text()
    assert list((data_docs / "validations").rglob("*.html"))


# What a page loads: a script, a stylesheet, an image, a CSS background.
_LOADS = re.compile(r"""<script\b[^>]*\bsrc=["']([^"']+)|<img\b[^>]*\bsrc=["']([^"']+)"""
                    r"""|<link\b[^>]*\bhref=["']([^"']+)|url\(["']?([^"')]+)""", re.I)


def test_data_docs_load_nothing_from_the_internet(data_docs):
    pages = sorted(data_docs.rglob("*.html"))
    assert len(pages) == 3  # the index, the suite, the run's validation
    for page in pages:
        loads = [next(filter(None, found)) for found in _LOADS.findall(page.read_text())]
        assert len(loads) > 15, page
        outside = [a for a in loads if re.match(r"(https?:)?//", a)]
        assert outside == [], page
        missing = [a for a in loads if not a.startswith("data:")
                   and not (page.parent / a).resolve().is_file()]
        assert missing == [], page
    # GX's pages link to GX's site; nothing of it is loaded, the pages only link it.
    assert "https://greatexpectations.io" in (data_docs / "index.html").read_text()


def test_data_docs_index_shows_its_runs_in_chromium_offline(data_docs, tmp_path):
    """The index's table of runs is drawn by jquery and bootstrap-table: its rows are
    there only when those scripts load. No host name resolves, as on an offline laptop."""
    rows = _rows_drawn(data_docs / "index.html", tmp_path / "profile")
    assert rows and all(SUITE in row for row in rows)
    # The same page without its copies draws no row: what the check above would see if
    # the pages still loaded the scripts from CDNs.
    without = tmp_path / "without"
    shutil.copytree(data_docs, without, ignore=shutil.ignore_patterns("vendor"))
    assert _rows_drawn(without / "index.html", tmp_path / "profile-without") == []


def _rows_drawn(page: Path, profile: Path) -> list[str]:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Chromium tidak ada / missing: apt-get install -y chromium")
    dom = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND",
         f"--user-data-dir={profile}", "--virtual-time-budget=5000", "--dump-dom",
         page.resolve().as_uri()],
        check=True, capture_output=True, text=True, timeout=120).stdout
    body = re.search(r"<tbody[^>]*>(.*?)</tbody>", dom, re.S)
    return re.findall(r"<tr\b.*?</tr>", body.group(1), re.S) if body else []


def test_table_xor_query(gx_warehouse):
    with pytest.raises(ValueError):
        gx_runner.run_suite(gx_warehouse, SUITE)
    with pytest.raises(ValueError):
        gx_runner.run_suite(gx_warehouse, SUITE, table="raw.files", query="select 1")


VALID_ITEM = {
    "type": "expect_column_values_to_not_be_null",
    "kwargs": {"column": "kode_skpd"},
    "meta": {"rule_id": "X-001", "severity": "error", "pesan": "Kode SKPD kosong."},
}


@pytest.mark.parametrize(
    "text, complaint",
    [
        ("{not json", "unreadable"),
        (json.dumps({"name": "suite", "expectations": {}}), "'expectations' list"),
        (json.dumps({"name": "other", "expectations": []}), "file name"),
        (
            json.dumps({"name": "suite", "expectations": [{**VALID_ITEM, "type": "expect_x"}]}),
            "expect_x not found",
        ),
        (
            json.dumps(
                {"name": "suite", "expectations": [{**VALID_ITEM, "kwargs": {"colum": "x"}}]}
            ),
            "invalid expectation",
        ),
        (
            json.dumps({"name": "suite", "expectations": [{**VALID_ITEM, "meta": {}}]}),
            "rule_id",
        ),
        (
            json.dumps(
                {
                    "name": "suite",
                    "expectations": [
                        {**VALID_ITEM, "meta": {**VALID_ITEM["meta"], "severity": "fatal"}}
                    ],
                }
            ),
            "severity",
        ),
        (
            json.dumps(
                {
                    "name": "suite",
                    "expectations": [{**VALID_ITEM, "meta": {**VALID_ITEM["meta"], "pesan": ""}}],
                }
            ),
            "pesan",
        ),
        (json.dumps({"name": "suite", "expectations": [VALID_ITEM, VALID_ITEM]}), "duplicate"),
    ],
)
def test_bad_suite_file_is_refused_naming_the_file(tmp_path: Path, text, complaint):
    path = tmp_path / "suite.json"
    path.write_text(text)
    with pytest.raises(gx_runner.SuiteFileError) as raised:
        gx_runner.load_suite(path)
    assert str(path) in str(raised.value)
    assert complaint in str(raised.value)


def test_valid_suite_file_loads(tmp_path: Path):
    path = tmp_path / "suite.json"
    path.write_text(json.dumps({"name": "suite", "expectations": [VALID_ITEM]}))
    suite = gx_runner.load_suite(path)
    assert [e.meta["rule_id"] for e in suite.expectations] == ["X-001"]


@pytest.mark.parametrize("rule_id", sorted(BREAKING_ROWS))
def test_flags_select_exactly_the_rows_each_rule_breaks(gx_warehouse, case_table, rule_id):
    """The row-level flags agree with GX: each rule's SQL selects its breaking rows only."""
    from pipelines.quality.flags import failing_rows_sql, load_suite_rules

    [rule] = [r for r in load_suite_rules(SUITE).rules if r.rule_id == rule_id]
    conn = gx_warehouse.connect()
    try:
        with conn.cursor() as cur:
            cur.execute(f"select distinct sheet from ({failing_rows_sql(rule, f'select * from {case_table}')}) f")
            sheets = {sheet for (sheet,) in cur.fetchall()}
    finally:
        conn.close()
    assert sheets == {rule_id}


def test_gx_counts_the_query_the_flags_insert_from():
    """A column rule is handed to GX as the query of its failing rows, the one the flags
    select from: nothing translates the rule twice."""
    from pipelines.quality.flags import failing_rows_sql, load_suite_rules

    gx_suite = gx_runner.load_suite(gx_runner.suite_path(SUITE))
    by_id = {e.meta["rule_id"]: e for e in gx_suite.expectations}
    for rule in load_suite_rules(SUITE).rules:
        expectation = by_id[rule.rule_id]
        assert type(expectation).__name__ == "UnexpectedRowsExpectation", rule.rule_id
        assert (expectation.unexpected_rows_query.format(batch="(select * from t)")
                == failing_rows_sql(rule, "select * from t")), rule.rule_id
    # what the column rule was written as stays with it
    assert by_id["ANG-005"].meta["declared"]["type"] == "expect_column_values_to_match_regex"
    assert "`tahun`" in by_id["ANG-005"].description
