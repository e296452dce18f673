"""dbt as Dagster assets: every model an asset, every dbt test an asset check."""


import os
import sys
from pathlib import Path
from typing import Any, Mapping

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from pipelines import progress, warehouse
from pipelines.build_scope import set_build_scope
from pipelines.config import DBT_PROJECT_DIR

DBT_PROJECT = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
_DBT_INPUTS = ("models", "macros", "tests", "dbt_project.yml", "profiles.yml")


def ensure_manifest() -> Path:
    """Parse the dbt project when its manifest is missing, older than its sources, or
    parsed for another warehouse.

    `DbtProject.prepare_if_dev()` only does this under `dagster dev`; the command line,
    the tests and the nightly job need it too. Every dbt command Dagster runs starts from
    the partial-parse state this parse leaves; dbt discards that state when the
    connection (host, port, user, database) differs from the one it was parsed with, and
    each command then parses the whole project again (some 5 s each).
    """
    manifest = DBT_PROJECT.manifest_path
    stamp = manifest.with_name("parsed_for_warehouse")
    newest_input = max(
        path.stat().st_mtime
        for name in _DBT_INPUTS
        for path in ([DBT_PROJECT_DIR / name] + list((DBT_PROJECT_DIR / name).rglob("*")))
        if path.exists()
    )
    parsed_for = _warehouse_identity()
    if (manifest.exists() and manifest.stat().st_mtime >= newest_input
            and stamp.exists() and stamp.read_text() == parsed_for):
        return manifest
    from dbt.cli.main import dbtRunner

    result = dbtRunner().invoke(
        ["parse", "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
         "--quiet"]
    )
    if not result.success:
        raise RuntimeError(f"dbt parse gagal / failed: {result.exception}")
    stamp.write_text(parsed_for)
    return manifest


def _warehouse_identity() -> str:
    """The connection fields of profiles.yml that dbt's partial parsing compares."""
    return "|".join(os.environ.get(name, "") for name in (
        "SERAPAN_PG_HOST", "SERAPAN_PG_PORT", "SERAPAN_PG_USER", "SERAPAN_PG_DB"))


class SerapanTranslator(DagsterDbtTranslator):
    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        # Group by layer (staging, intermediate, marts), as the folders are.
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "dbt"


def build_dbt_assets() -> tuple[dg.AssetsDefinition, dg.AssetsDefinition]:
    """Two sets: the staging views, and the models after the quality step.

    The quality suites read the staging views; the intermediate models and marts hold
    back the rows they flag. One dbt set for both would put the quality step inside it.
    """
    ensure_manifest()
    return (
        _dbt_set("serapan_dbt_staging", "staging", "Membangun staging / building staging"),
        _dbt_set("serapan_dbt_models", "intermediate marts",
                 "Membangun model / building dbt models", scope_every_pemda=True),
    )


def _dbt_set(name: str, select: str, label: str, scope_every_pemda: bool = False
             ) -> dg.AssetsDefinition:
    @dbt_assets(manifest=DBT_PROJECT.manifest_path, dagster_dbt_translator=SerapanTranslator(),
                project=DBT_PROJECT, select=select, name=name)
    def dbt_set(context: dg.AssetExecutionContext, dbt: DbtCliResource):
        if scope_every_pemda:
            # The tables are incremental by pemda (pipelines/build_scope.py). Until the
            # nightly knows which pemda changed since the last build, it rebuilds all.
            set_build_scope(warehouse.current(), None)
        bar = progress.step(label, total=len(context.selected_asset_keys))
        for event in dbt.cli(["build"], context=context).stream():
            if isinstance(event, (dg.Output, dg.AssetMaterialization)):
                bar.advance()
            yield event
        bar.finish()

    return dbt_set


def dbt_resource() -> DbtCliResource:
    # The dbt installed beside this Python: `make run` calls .venv/bin/serapan without
    # activating the virtualenv, so `dbt` need not be on PATH.
    beside_python = Path(sys.executable).parent / "dbt"
    return DbtCliResource(
        project_dir=DBT_PROJECT,
        profiles_dir=str(DBT_PROJECT_DIR),
        dbt_executable=str(beside_python) if beside_python.exists() else "dbt",
    )
