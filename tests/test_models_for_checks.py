"""The quality suites read what dbt defines once: a suite's `model:<name>` relation and a
rule's `{model:<name>}` are a dbt model's rows of the pemda checked, and the quality step
builds those models, with what they read, before the checks (pipelines/dbt.py)."""

from __future__ import annotations

import json

import pytest

from pipelines.config import EXPECTATIONS_DIR
from pipelines.dbt import build_for_checks, ensure_manifest, models_before_checks
from pipelines.quality.gx_runner import SuiteFileError, model_rows
from pipelines.quality.step import all_suites
from tests.db import query

SUITE = EXPECTATIONS_DIR / "sp2d.json"


def manifest() -> dict:
    return json.loads(ensure_manifest().read_text())


def models_read() -> set[str]:
    return {model for suite in all_suites() for model in suite.models}


def test_a_model_is_read_from_the_relation_dbt_builds_for_it():
    nodes = {node["name"]: node for node in manifest()["nodes"].values()
             if node["resource_type"] == "model"}
    assert "int_quality__sp2d" in models_read()
    for name in models_read():
        schema, table = nodes[name]["relation_name"].replace('"', "").split(".")[-2:]
        assert model_rows(name, SUITE).startswith(f"select * from {schema}.{table}")
    # a model of the quality layer reads the pemda in scope itself; another is read so
    assert model_rows("int_quality__sp2d") == "select * from quality.int_quality__sp2d"
    assert model_rows("int_anggaran__berlaku") == (
        "select * from intermediate.int_anggaran__berlaku where quality.in_scope(kode_pemda)")


def test_a_model_dbt_does_not_have_is_refused_naming_it():
    with pytest.raises(SuiteFileError, match="'int_quality__tidak_ada'"):
        model_rows("int_quality__tidak_ada", SUITE)


def test_what_the_checks_read_is_built_with_the_views_reading_it():
    needed, readers = models_before_checks(manifest(), models_read())
    # what the SP2D and budget checks read, and what that reads
    assert {"int_quality__sp2d", "int_quality__anggaran_berlaku", "stg_sp2d__register",
            "stg_anggaran__rekap5", "int_anggaran__berlaku"} <= set(needed)
    # the marts' view of the same SP2D reads stg_sp2d__register: rebuilding that view
    # alone would drop it
    assert "int_sp2d__register" in readers
    assert "int_anggaran__versi" not in needed + readers  # a table: nothing drops it


def _model(name: str, materialized: str = "view") -> dict:
    return {"name": name, "resource_type": "model", "config": {"materialized": materialized}}


def _graph(nodes: dict[str, dict], reads: dict[str, list[str]]) -> dict:
    keys = {name: f"model.serapan.{name}" for name in nodes}
    parents = {keys[name]: [keys.get(r, r) for r in reads.get(name, [])] for name in nodes}
    children = {key: [child for child, its in parents.items() if key in its] for key in parents}
    return {"nodes": {keys[name]: node for name, node in nodes.items()},
            "parent_map": parents, "child_map": children}


@pytest.mark.parametrize("graph, refused", [
    # the model the checks read would read the flags they write
    (_graph({"checked": _model("checked")}, {"checked": ["source.serapan.quality.flags"]}),
     "checked: .*quality.flags"),
    # it reads a table, which a fresh warehouse lacks
    (_graph({"checked": _model("checked"), "stg": _model("stg"),
             "table": _model("table", "incremental")}, {"checked": ["stg", "table"]}),
     "table: .*not incremental"),
    (_graph({"checked": _model("checked")}, {"checked": ["seed.serapan.pola_kode"]}),
     "checked: .*seed"),
])
def test_a_model_that_cannot_be_built_before_the_checks_is_refused(graph, refused):
    with pytest.raises(ValueError, match=refused):
        models_before_checks(graph, ["checked"])


def test_a_view_reading_what_is_rebuilt_may_read_tables_too():
    """It is built again only where it is, so its tables are there."""
    graph = _graph({"checked": _model("checked"), "stg": _model("stg"),
                    "table": _model("table", "incremental"), "reader": _model("reader")},
                   {"checked": ["stg"], "reader": ["stg", "table"]})
    assert models_before_checks(graph, ["checked"]) == (["checked", "stg"], ["reader"])


def _oids(warehouse) -> dict[str, int | None]:
    names = ("quality.int_quality__sp2d", "staging.stg_sp2d__register",
             "intermediate.int_sp2d__register")
    return dict(zip(names, query(warehouse, "select " + ", ".join(
        f"to_regclass('{name}')::oid" for name in names))[0]))


def test_the_models_are_built_when_missing_with_the_views_reading_them(nightly_run,
                                                                       warehouse):
    """dbt replaces a view by dropping it, and PostgreSQL drops the views reading it along:
    building the models the checks read leaves those views in place. They are built when
    what decides them changed (the quality step's code version, pipelines/quality/
    assets.py) or one is missing, and not otherwise."""
    night = _oids(warehouse)
    build_for_checks(warehouse, models_read(), rebuild=True)
    built = _oids(warehouse)
    assert None not in built.values()
    assert built["quality.int_quality__sp2d"] != night["quality.int_quality__sp2d"]
    build_for_checks(warehouse, models_read(), rebuild=False)
    assert _oids(warehouse) == built  # not built again

    warehouse.execute("drop view quality.int_quality__sp2d")
    build_for_checks(warehouse, models_read(), rebuild=False)
    rebuilt = _oids(warehouse)
    assert None not in rebuilt.values()
    assert rebuilt["staging.stg_sp2d__register"] != built["staging.stg_sp2d__register"]
