"""dbt as Dagster assets: every model an asset, every dbt test an asset check."""


import hashlib
import os
import sys
from functools import cached_property
from pathlib import Path
from typing import Any, Mapping

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets
from dbt import version as dbt_version
from packaging import version

from pipelines import changes, progress
from pipelines.build_scope import set_build_scope
from pipelines.config import DBT_PROJECT_DIR
from pipelines.dbt_child import PARENT_PID
from pipelines.resources import WarehouseResource

DBT_PROJECT = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
_DBT_INPUTS = ("models", "macros", "tests", "seeds", "dbt_project.yml", "profiles.yml")


def ensure_manifest() -> Path:
    """Parse the dbt project when its manifest is missing, older than its sources, or
    parsed for another warehouse.

    `DbtProject.prepare_if_dev()` only does this under `dagster dev`; the command line,
    the tests and the nightly job need it too. Every dbt command Dagster runs starts from
    the partial-parse state this parse leaves; dbt discards that state when the
    connection (host, port, user, database) differs from the one it was parsed with, and
    each command then parses the whole project again, seconds each.
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


def project_fingerprint() -> str:
    """Changes when a model, macro, test or the project's settings change, or the suites
    whose flags the models hold back: then the night rebuilds every pemda."""
    from pipelines.quality.step import suites_fingerprint

    digest = hashlib.sha256(suites_fingerprint().encode())
    for name in _DBT_INPUTS:
        root = DBT_PROJECT_DIR / name
        for path in sorted([root] + list(root.rglob("*")) if root.is_dir() else [root]):
            if path.is_file():
                digest.update(f"{path.relative_to(DBT_PROJECT_DIR)}\n".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def build_dbt_assets() -> dg.AssetsDefinition:
    """Every model in one dbt build, after the quality step: the intermediate models and
    marts hold back the rows it flags (quality.flags is their source), and the quality
    suites read the raw tables, not staging. One build costs one dbt start."""
    ensure_manifest()

    @dbt_assets(manifest=DBT_PROJECT.manifest_path, dagster_dbt_translator=SerapanTranslator(),
                project=DBT_PROJECT, name="serapan_dbt")
    def serapan_dbt(context: dg.AssetExecutionContext, dbt: DbtCliResource,
                    warehouse: WarehouseResource):
        wh = warehouse.get()
        # The nightly build covers the pemda with files since the last one that succeeded
        # (pipelines/changes.py); a hand-picked subset (the UI) rebuilds every pemda.
        whole = context.selected_asset_keys == set(context.assets_def.keys)
        todo = changes.pending(wh, "dbt", project_fingerprint()) if whole else None
        set_build_scope(wh, todo.pemda if todo else None)
        # dbt's unit tests check the models' logic on given rows, not the night's data:
        # the test suite runs them (tests/test_dbt_unit_tests.py).
        args = ["build", "--exclude-resource-type", "unit_test"]
        if todo and todo.everything:
            args.append("--full-refresh")
        context.log.info("Pemda yang dibangun / pemda built: "
                         f"{todo.describe() if todo else 'semua / every pemda'}")
        bar = progress.step("Membangun model / building dbt models",
                            total=len(context.selected_asset_keys))
        try:
            for event in dbt.cli(args, context=context).stream():
                if isinstance(event, (dg.Output, dg.AssetMaterialization)):
                    bar.advance()
                yield event
        finally:
            # dbt run by hand, outside the nightly job, then rebuilds every pemda.
            set_build_scope(wh, None)
        bar.finish()
        if todo:
            changes.mark_done(wh, todo)

    return serapan_dbt


class SerapanDbtResource(DbtCliResource):
    """dagster-dbt's resource for the dbt installed beside this Python, less two things
    it does before every command that serapan has no use for (seconds a night): it
    runs `dbt --version` in a process of its own to learn the version of the dbt it
    imports anyway, and it loads dbt's macros into an adapter that only serves
    `fetch_column_metadata` and `fetch_row_counts`, which serapan does not call. Both are
    private members: tests/test_dagster_contracts.py pins the release that has them."""

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(dbt_version.__version__)

    def _initialize_dbt_core_adapter(self, args):
        return None

    def cli(self, args, **kwargs):
        # dagster-dbt passes this process's environment to dbt: serapan-dbt checks that
        # its parent is this process (pipelines/dbt_child.py).
        os.environ[PARENT_PID] = str(os.getpid())
        return super().cli(args, **kwargs)


def dbt_resource() -> DbtCliResource:
    # The dbt installed beside this Python (the one whose version _cli_version reads),
    # through serapan-dbt, which ends with the process that starts it: `make run` calls
    # .venv/bin/serapan without activating the virtualenv, so neither need be on PATH.
    return SerapanDbtResource(
        project_dir=DBT_PROJECT,
        profiles_dir=str(DBT_PROJECT_DIR),
        dbt_executable=str(Path(sys.executable).parent / "serapan-dbt"),
    )
