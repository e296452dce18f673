"""The dbt manifest is parsed again for another warehouse, so that each dbt command the
nightly runs starts from a partial-parse state dbt accepts instead of parsing it all."""

import json
import tempfile
from pathlib import Path

from pipelines.config import DBT_PROJECT_DIR
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



def _parse(project: Path, variables: dict | None = None) -> dict:
    """The manifest `dbt parse` writes for `project`, with `variables`."""
    from pipelines.dbt_invoke import invoke_dbt

    with tempfile.TemporaryDirectory(prefix="dbt-parse-") as target:
        parsed = invoke_dbt([
            "parse", "--project-dir", str(project), "--profiles-dir", str(DBT_PROJECT_DIR),
            "--target-path", target, "--log-path", target, "--quiet",
            *(["--vars", json.dumps(variables)] if variables else [])])
        assert parsed.success, parsed.exception
        return json.loads((Path(target) / "manifest.json").read_text())


def _shape(manifest: dict) -> dict:
    """What parsing decides of each node: what it depends on, its configuration (enabled,
    materialization, hooks, tags) and its code."""
    return {key: (node["depends_on"], node["config"], node["raw_code"])
            for key, node in manifest["nodes"].items()}


SCOPE = {"pemda": ["99.01", "99.02"]}


def test_the_project_parsed_with_a_pemda_scope_is_the_project_parsed_without():
    """A build of some pemda is given the project as parsed without variables
    (pipelines/dbt_child.py): no model, test or macro may read the variable `pemda` while
    dbt parses (a ref, a config, an enabled), only as it compiles. (Against the manifest
    serapan's own runs start from, as `dbt parse` wrote it.)"""
    scoped = _shape(_parse(DBT_PROJECT_DIR, SCOPE))
    unscoped = _shape(json.loads(ensure_manifest().read_text()))
    assert scoped.keys() == unscoped.keys()
    differing = {key: (scoped[key], unscoped[key]) for key in scoped
                 if scoped[key] != unscoped[key]}
    assert not differing, next(iter(differing.items()))


def test_a_model_reading_the_scope_as_parsed_is_seen(tmp_path):
    """The comparison above finds a model whose configuration reads `pemda`."""
    project = tmp_path / "proyek"
    (project / "models").mkdir(parents=True)
    (project / "dbt_project.yml").write_text(
        "name: serapan\nversion: '1.0.0'\nprofile: serapan\nconfig-version: 2\n")
    (project / "models" / "m.sql").write_text(
        "{{ config(tags=['lingkup'] if var('pemda', none) else []) }} select 1 as x")
    assert _shape(_parse(project, SCOPE)) != _shape(_parse(project))


def test_only_a_build_given_the_pemda_scope_alone_skips_the_parse():
    from pipelines.dbt_child import parsed_without_variables

    assert parsed_without_variables(["build", "--vars", '{"pemda": ["99.01"]}'])
    assert parsed_without_variables(["build", '--vars={"pemda": ["99.01"]}'])
    assert not parsed_without_variables(["build", "--select", "fqn:*"])  # parses as before
    assert not parsed_without_variables(
        ["build", "--vars", '{"pemda": ["99.01"], "peringatan_selisih_fisik_poin": 5}'])
    assert not parsed_without_variables(["build", "--vars", "{}"])
