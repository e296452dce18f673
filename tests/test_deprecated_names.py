"""The BI-facing names renamed in 0.2.0 still answer until 0.3.0: var `deprecated_names`
(dbt_project.yml) is the one list of them; a renamed mart's old name is a view over it
under its old column names, a renamed column of a mart that keeps its name stays as a
trailing alias column. The list, the marts' ymls, the glossary and the CHANGELOG agree,
and an old name gives the same values as its new one (against the session's marts)."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from pipelines.config import DBT_PROJECT_DIR
from pipelines.dbt import ensure_manifest
from tests.db import query

ROOT = DBT_PROJECT_DIR.parent
DEPRECATED = f"Usang (deprecated) sejak 0.2.0: pakai {{new}}."


@pytest.fixture(scope="module")
def renames() -> dict[str, dict]:
    project = yaml.safe_load((DBT_PROJECT_DIR / "dbt_project.yml").read_text())
    return project["vars"]["deprecated_names"]


@pytest.fixture(scope="module")
def models() -> dict[str, dict]:
    manifest = json.loads(ensure_manifest().read_text())
    return {node["name"]: node for node in manifest["nodes"].values()
            if node["resource_type"] == "model"}


def listed(renames: dict[str, dict]) -> set[tuple[str, str, str]]:
    """(mart, old, new) for each renamed mart and column."""
    rows = {(mart, entry["old_model"], mart) for mart, entry in renames.items()
            if "old_model" in entry}
    rows |= {(mart, old, new) for mart, entry in renames.items()
             for old, new in entry["columns"].items()}
    return rows


def test_every_entry_names_columns_the_marts_have(renames, models):
    for mart, entry in renames.items():
        node = models[mart]
        assert node["fqn"][1] == "marts", mart
        columns = node["columns"]
        for old, new in entry["columns"].items():
            assert new in columns, f"{mart}.{new}"
            if "old_model" in entry:  # the view carries the old names, the mart none
                assert old not in columns, f"{mart}.{old}"
                continue
            alias = columns[old]
            assert alias["description"] == DEPRECATED.format(new=new), f"{mart}.{old}"
            assert alias["data_type"] == columns[new]["data_type"], f"{mart}.{old}"
            assert list(columns)[-len(entry["columns"]):] == list(entry["columns"]), mart
        if "old_model" in entry:
            view = models[entry["old_model"]]
            assert view["config"]["materialized"] == "view", entry["old_model"]
            assert view["meta"]["replaced_by"] == mart
            assert view["deprecation_date"]
    # and no column is described as deprecated that the list does not hold
    described = {(mart, column) for mart, node in models.items()
                 for column, spec in node["columns"].items()
                 if spec["description"].startswith("Usang (deprecated)")}
    assert described == {(mart, old) for mart, old, new in listed(renames)
                         if "old_model" not in renames[mart]}


def test_the_glossary_and_the_changelog_list_every_rename(renames):
    glossary = (ROOT / "docs" / "glossary.md").read_text()
    section = glossary.split("## Renamed in 0.2.0", 1)[1].split("\n## ", 1)[0]
    table = {tuple(cell.strip().strip("`") for cell in line.strip("|").split("|"))
             for line in section.splitlines() if line.startswith("| `")}
    assert table == listed(renames)
    changelog = (ROOT / "CHANGELOG.md").read_text().split("## Unreleased", 1)[1]
    changelog = changelog.split("\n## ", 1)[0]
    renamed = changelog.split("Renamed (old names kept until 0.3.0)", 1)[1].split("\n- ")[0]
    named = set(re.findall(r"`(\w+)` -> `(\w+)`", renamed))
    assert named == {(old, new) for _, old, new in listed(renames)}


def columns_of(warehouse, relation: str) -> list[str]:
    return [name for (name,) in query(warehouse, """
        select column_name from information_schema.columns
        where table_schema = 'marts' and table_name = %s order by ordinal_position""",
                                      (relation,))]


def test_an_old_name_answers_with_the_values_of_its_new_one(nightly_run, warehouse, renames):
    compared = {}
    for mart, entry in renames.items():
        new_columns = columns_of(warehouse, mart)
        if "old_model" in entry:
            view = entry["old_model"]
            old_of = {new: old for old, new in entry["columns"].items()}
            assert columns_of(warehouse, view) == [old_of.get(c, c) for c in new_columns]
            as_old = ", ".join(f"{c} as {old_of[c]}" if c in old_of else c
                               for c in new_columns)
            [(rows, differing)] = query(warehouse, f"""
                select (select count(*) from marts.{view}),
                       (select count(*) from (
                           (select {as_old} from marts.{mart} except all
                            select * from marts.{view})
                           union all
                           (select * from marts.{view} except all
                            select {as_old} from marts.{mart})) as d)""")
        else:
            assert new_columns[-len(entry["columns"]):] == list(entry["columns"]), mart
            differ = " or ".join(f"{old} is distinct from {new}"
                                 for old, new in entry["columns"].items())
            [(rows, differing)] = query(warehouse, f"""
                select count(*), count(*) filter (where {differ}) from marts.{mart}""")
        assert differing == 0, mart
        compared[mart] = rows
    # the session's night fills the renamed marts but the LRA's (no pemda of it sends one)
    assert [mart for mart, rows in compared.items() if not rows] == ["fct_lra_opd_bulanan"]
