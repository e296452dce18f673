"""dbt as Dagster assets: every model an asset, every dbt test an asset check."""


import sys
from pathlib import Path
from typing import Any, Mapping

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from pipelines import progress
from pipelines.config import DBT_PROJECT_DIR

DBT_PROJECT = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
_DBT_INPUTS = ("models", "macros", "tests", "dbt_project.yml", "profiles.yml")


def ensure_manifest() -> Path:
    """Parse the dbt project when its manifest is missing or older than its sources.

    `DbtProject.prepare_if_dev()` only does this under `dagster dev`; the command line,
    the tests and the nightly job need it too.
    """
    manifest = DBT_PROJECT.manifest_path
    newest_input = max(
        path.stat().st_mtime
        for name in _DBT_INPUTS
        for path in ([DBT_PROJECT_DIR / name] + list((DBT_PROJECT_DIR / name).rglob("*")))
        if path.exists()
    )
    if manifest.exists() and manifest.stat().st_mtime >= newest_input:
        return manifest
    from dbt.cli.main import dbtRunner

    result = dbtRunner().invoke(
        ["parse", "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
         "--quiet"]
    )
    if not result.success:
        raise RuntimeError(f"dbt parse gagal / failed: {result.exception}")
    return manifest


class SerapanTranslator(DagsterDbtTranslator):
    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        # Group by layer (staging, intermediate, marts), as the folders are.
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "dbt"


def dbt_model_count() -> int:
    import json

    manifest = json.loads(DBT_PROJECT.manifest_path.read_text())
    return sum(1 for node in manifest["nodes"].values() if node["resource_type"] == "model")


def build_dbt_assets() -> dg.AssetsDefinition:
    ensure_manifest()

    @dbt_assets(manifest=DBT_PROJECT.manifest_path, dagster_dbt_translator=SerapanTranslator(),
                project=DBT_PROJECT)
    def serapan_dbt(context: dg.AssetExecutionContext, dbt: DbtCliResource):
        bar = progress.step("Membangun model / building dbt models", total=dbt_model_count())
        for event in dbt.cli(["build"], context=context).stream():
            if isinstance(event, (dg.Output, dg.AssetMaterialization)):
                bar.advance()
            yield event
        bar.finish()

    return serapan_dbt


def dbt_resource() -> DbtCliResource:
    # The dbt installed beside this Python: `make run` calls .venv/bin/serapan without
    # activating the virtualenv, so `dbt` need not be on PATH.
    beside_python = Path(sys.executable).parent / "dbt"
    return DbtCliResource(
        project_dir=DBT_PROJECT,
        profiles_dir=str(DBT_PROJECT_DIR),
        dbt_executable=str(beside_python) if beside_python.exists() else "dbt",
    )
