"""The marts are a public contract: read from dbt's own manifest, every mart enforces
its columns, states its grain and tests it, describes every column and carries
kode_pemda; and no dbt hub package is needed (none is reachable here)."""

from __future__ import annotations

import json

import pytest

from pipelines.config import DBT_PROJECT_DIR
from pipelines.dbt import ensure_manifest


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads(ensure_manifest().read_text())


@pytest.fixture(scope="module")
def marts(manifest) -> dict[str, dict]:
    """The marts, without the old names kept as views until 0.3.0 (`deprecated`)."""
    found = {node["name"]: node for node in manifest["nodes"].values()
             if node["resource_type"] == "model" and node["fqn"][1] == "marts"
             and not node.get("deprecation_date")}
    assert len(found) >= 14
    return found


@pytest.fixture(scope="module")
def deprecated(manifest) -> dict[str, dict]:
    return {node["name"]: node for node in manifest["nodes"].values()
            if node["resource_type"] == "model" and node["fqn"][1] == "marts"
            and node.get("deprecation_date")}


def data_tests_of(manifest: dict, model_id: str) -> list[dict]:
    return [node for node in manifest["nodes"].values()
            if node["resource_type"] == "test" and model_id in node["depends_on"]["nodes"]
            and node.get("attached_node") == model_id]


def test_the_marts_the_issue_names_exist(marts):
    assert {"dim_opd", "dim_sub_kegiatan", "dim_rekening", "dim_sumber_dana",
            "dim_versi_anggaran", "dim_periode", "fct_anggaran", "fct_anggaran_perubahan",
            "fct_realisasi_bulanan", "fct_penyerapan_opd_bulanan", "fct_sp2d",
            "fct_kualitas_data_opd", "rpt_peringatan_dini"} <= set(marts)


def test_an_old_mart_name_is_a_view_saying_what_replaces_it(deprecated, marts):
    assert {"dim_budget_version", "dim_period", "fct_lra_skpd_bulanan"} <= set(deprecated)
    for name, node in deprecated.items():
        assert node["config"]["materialized"] == "view", name
        replaced_by = node["meta"]["replaced_by"]
        assert replaced_by in marts, name
        assert f"Usang (deprecated) sejak 0.2.0: pakai {replaced_by}." in node["description"]


def test_every_mart_enforces_a_contract_and_describes_every_column(marts):
    for name, node in marts.items():
        assert node["config"]["contract"]["enforced"], name
        assert len(node["description"].strip()) > 40, name
        assert "Grain" in node["description"] or "grain" in node["description"], name
        columns = node["columns"]
        assert "kode_pemda" in columns, name
        for column, spec in columns.items():
            assert spec["description"].strip(), f"{name}.{column}"
            assert spec["data_type"], f"{name}.{column}"


def test_every_grain_is_tested_unique_and_not_null(manifest, marts):
    for name, node in marts.items():
        tests = data_tests_of(manifest, node["unique_id"])
        kinds = {t["test_metadata"]["name"] for t in tests if "test_metadata" in t}
        grains = [t["test_metadata"]["kwargs"]["columns"] for t in tests
                  if t.get("test_metadata", {}).get("name") == "unique_combination"]
        grains += [[t["column_name"]] for t in tests
                   if t.get("test_metadata", {}).get("name") == "unique"]
        assert len(grains) == 1, (name, grains, kinds)
        [grain] = grains
        not_null = {t["column_name"] for t in tests
                    if t.get("test_metadata", {}).get("name") == "not_null"}
        assert set(grain) <= not_null, (name, set(grain) - not_null)
        # the grain is the table's primary key too, so the database enforces it
        keys = [c["columns"] for c in node["constraints"] if c["type"] == "primary_key"]
        keys += [[column] for column, spec in node["columns"].items()
                 if any(c["type"] == "primary_key" for c in spec["constraints"])]
        assert keys == [grain], name


def test_no_dbt_hub_packages(manifest):
    assert not (DBT_PROJECT_DIR / "packages.yml").exists()
    assert not (DBT_PROJECT_DIR / "dependencies.yml").exists()
    assert {node["package_name"] for node in manifest["nodes"].values()} == {"serapan"}


def test_each_model_is_described_in_its_own_yml_beside_its_sql(manifest):
    """jaffle-shop's layout: `<model>.yml` next to `<model>.sql` holds the model's
    description, columns, tests and unit tests, and nothing of another model."""
    models = {node["name"]: node for node in manifest["nodes"].values()
              if node["resource_type"] == "model"}
    misplaced = {name: node["patch_path"] for name, node in models.items()
                 if node["patch_path"] != "serapan://"
                 + node["original_file_path"].removesuffix(".sql") + ".yml"}
    assert not misplaced
    for test in manifest["unit_tests"].values():
        sql = models[test["model"]]["original_file_path"]
        assert test["original_file_path"] == sql.removesuffix(".sql") + ".yml", test["name"]
