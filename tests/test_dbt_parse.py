"""The dbt manifest is parsed again for another warehouse, so that each dbt command the
nightly runs starts from a partial-parse state dbt accepts instead of parsing it all."""

from pipelines.dbt import DBT_PROJECT, ensure_manifest


def test_the_project_is_parsed_again_for_another_warehouse(monkeypatch):
    stamp = DBT_PROJECT.manifest_path.with_name("parsed_for_warehouse")
    ensure_manifest()
    parsed = DBT_PROJECT.manifest_path.stat().st_mtime_ns
    ensure_manifest()
    assert DBT_PROJECT.manifest_path.stat().st_mtime_ns == parsed  # nothing changed

    monkeypatch.setenv("SERAPAN_PG_PORT", "1")
    ensure_manifest()
    assert DBT_PROJECT.manifest_path.stat().st_mtime_ns != parsed
    assert stamp.read_text().split("|")[1] == "1"
    monkeypatch.undo()
    ensure_manifest()  # back to the session's warehouse
