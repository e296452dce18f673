"""dbt as Dagster assets: every model an asset, every dbt test an asset check."""


import functools
import hashlib
import json
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any, Mapping

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets
from dbt import version as dbt_version
from packaging import version

from pipelines import progress
from pipelines.build_plan import FULL_REFRESH_TAG, code_changed
from pipelines.config import DBT_PROJECT_DIR, DBT_TARGET_DIR
from pipelines.dbt_child import PARENT_PID
from pipelines.dbt_invoke import invoke_dbt
from pipelines.partitions import pemda_partitions, run_scope
from pipelines.resources import WarehouseResource
from pipelines.warehouse import Warehouse

DBT_PROJECT = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR,
                         target_path=DBT_TARGET_DIR)
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
    result = invoke_dbt(
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


def build_for_checks(warehouse: Warehouse, models: Collection[str], rebuild: bool,
                     before_building: Callable[[], None] | None = None) -> None:
    """Build the dbt models the quality suites read, before the checks read them, as the
    project defines them now: `models` with what they read, when one of them is missing
    or with `rebuild` (what decides them changed: the quality step's code version,
    pipelines/quality/step.py, covers the project and the raw tables' columns). Most
    nights neither, and the night's dbt build had built them anyway: starting dbt would
    cost more than the checks of a small night. The views that read what is rebuilt
    are rebuilt with it where they are (dbt replaces a view by dropping it, and
    PostgreSQL drops the views reading it along, which would be missing until the
    night's build). dbt runs in this process against `warehouse`, from the partial parse
    ensure_manifest left, in a target folder of its own (as dagster-dbt runs each
    command), after `before_building` (a build's step takes the warehouse alone: the views
    are every pemda's)."""
    if not models:
        return
    manifest = json.loads(ensure_manifest().read_text())
    needed, readers = models_before_checks(manifest, models)
    relations = {f'"{node["schema"]}"."{node["alias"]}"': name for name, node in (
        (name, manifest["nodes"][f"model.serapan.{name}"]) for name in needed + readers)}
    there = {relations[relation] for (relation,) in warehouse.query(
        "select name from unnest(%s::text[]) as name where to_regclass(name) is not null",
        (list(relations),))}
    if rebuild or not there.issuperset(needed):
        if before_building is not None:
            before_building()
        _run_models(warehouse, needed + [name for name in readers if name in there])


def _run_models(warehouse: Warehouse, selected: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="dbt-checks-") as target, _connected_to(warehouse):
        partial_parse = DBT_PROJECT.manifest_path.with_name("partial_parse.msgpack")
        if partial_parse.exists():
            shutil.copy(partial_parse, target)
        result = invoke_dbt(
            ["run", "--select", *selected, "--project-dir", str(DBT_PROJECT_DIR),
             "--profiles-dir", str(DBT_PROJECT_DIR), "--target-path", target, "--quiet"])
    if not result.success:
        failed = [f"{r.node.name}: {r.message}" for r in result.result or ()
                  if r.status == "error"]
        raise RuntimeError("dbt gagal membangun model pemeriksaan / failed to build the "
                           f"models the checks read: {'; '.join(failed) or result.exception}")


def models_before_checks(manifest: dict, models: Collection[str]
                         ) -> tuple[list[str], list[str]]:
    """What to build before the checks: `models` and the models they read, each a view
    reading only sources and views (a fresh warehouse has no table and no seed before
    its first build), none reading the quality flags (the checks run before the night's
    flags are written); and the views that read any of those, through views, to build
    again where they are."""
    nodes = manifest["nodes"]
    by_name = {node["name"]: key for key, node in nodes.items()
               if node["resource_type"] == "model"}
    unknown = sorted(set(models) - by_name.keys())
    if unknown:
        raise ValueError(f"model dbt tidak ada / no such dbt model: {', '.join(unknown)}")
    needed = _closure(manifest, [by_name[name] for name in models], "parent_map")
    for key in needed:
        name, reads = nodes[key]["name"], manifest["parent_map"][key]
        if _materialized(nodes[key]) != "view":
            raise ValueError(
                f"{name}: dibaca pemeriksaan, harus view / read by the checks, it must be a "
                f"view, not {_materialized(nodes[key])}: a fresh warehouse has no table "
                "before its first build")
        if any(parent.startswith("seed.") for parent in reads):
            raise ValueError(
                f"{name}: dibaca pemeriksaan, tidak boleh membaca seed / read by the checks, "
                "it must not read a seed: a fresh warehouse has not loaded the seeds before "
                "its first build")
        if QUALITY_FLAGS in reads:
            raise ValueError(
                f"{name}: dibaca pemeriksaan, tidak boleh membaca quality.flags / read by the "
                "checks, it must not read quality.flags: they write them")
    readers = _closure(manifest, needed, "child_map") - needed
    return sorted(nodes[key]["name"] for key in needed), sorted(
        nodes[key]["name"] for key in readers)


def _closure(manifest: dict, start: Collection[str], direction: str) -> set[str]:
    """`start` and the models it reads (parent_map) or the views reading it (child_map)."""
    nodes, found, todo = manifest["nodes"], set(), list(start)
    while todo:
        key = todo.pop()
        if key not in found:
            found.add(key)
            todo += [other for other in manifest[direction][key] if other.startswith("model.")
                     and (direction == "parent_map" or _materialized(nodes[other]) == "view")]
    return found


QUALITY_FLAGS = "source.serapan.quality.flags"


def _materialized(node: Mapping[str, Any]) -> str:
    return node["config"]["materialized"]


@contextmanager
def _connected_to(warehouse: Warehouse, more: Mapping[str, str] | None = None
                  ) -> Iterator[None]:
    """dbt's profile (profiles.yml) reads the warehouse from the environment: `warehouse`
    (and `more`) there while dbt runs in this process or starts in a process of its own,
    and what was there before put back after. One thread at a time: the environment is
    the process's."""
    values = {**warehouse.environ(), **(more or {})}
    with _ENVIRONMENT_LOCK:
        before = {name: os.environ.get(name) for name in values}
        os.environ.update(values)
        try:
            yield
        finally:
            for name, value in before.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


_ENVIRONMENT_LOCK = threading.RLock()


class SerapanTranslator(DagsterDbtTranslator):
    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        # Group by layer (staging, intermediate, marts), as the folders are.
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "dbt"

    def get_code_version(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        """dagster-dbt's (the SQL's digest), with what else decides the node's table: the
        macros and the project's settings every node shares, and its own yml (its
        contract's columns and types). A change of any is a changed code version, and the
        next night rebuilds every pemda in full (pipelines/build_plan.py)."""
        own = super().get_code_version(dbt_resource_props)
        if own is None:
            return None
        patch = dbt_resource_props.get("patch_path")
        yml = (DBT_PROJECT_DIR / patch.split("://", 1)[-1]).read_bytes() if patch else b""
        return hashlib.sha256(own.encode() + _shared_digest().encode() + yml).hexdigest()


@functools.cache
def _shared_digest() -> str:
    """A digest of the macros and the project's settings, which every node reads."""
    return files_digest(("macros", "dbt_project.yml"))


def scope_vars(pemda: Collection[str] | None) -> list[str]:
    """The arguments that scope a dbt build to `pemda` (the variable `pemda` that
    macros/build_scope.sql reads); none for every pemda. dbt would parse the whole
    project again whenever the variable changes: serapan-dbt gives such a build the
    project as parsed without it (pipelines/dbt_child.py, docs/performance.md)."""
    if pemda is None:
        return []
    return ["--vars", json.dumps({"pemda": sorted(pemda)})]


def project_files_digest() -> str:
    """A digest of the dbt project's models, macros, tests, seeds and settings."""
    return files_digest(_DBT_INPUTS)


def files_digest(names: Collection[str]) -> str:
    """A digest of these files and folders of the dbt project, by path and content."""
    digest = hashlib.sha256()
    for name in names:
        root = DBT_PROJECT_DIR / name
        for path in sorted([root] + list(root.rglob("*")) if root.is_dir() else [root]):
            if path.is_file():
                digest.update(f"{path.relative_to(DBT_PROJECT_DIR)}\n".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def build_dbt_assets() -> dg.AssetsDefinition:
    """Every model in one dbt build per run, after the quality step: the intermediate
    models and marts hold back the rows it flags (quality.flags is their source), and the
    quality suites read the raw tables, not staging. One build costs one dbt start.
    Partitioned by pemda: a run builds the rows of its pemda partitions (the variable
    `pemda`, macros/build_scope.sql), and every table in full when asked to
    (FULL_REFRESH_TAG) or when a model's code version changed since its last build.

    A build of some pemda runs beside the builds of other pemda (pipelines/run_lock.py):
    it rebuilds their rows of the incremental models and runs the tests, and leaves the
    views and seeds, which every pemda shares, as they stand (`shared_nodes_args`). A
    build that rebuilds those holds the warehouse alone (in full, a subset of the dbt
    assets picked by hand, a view or seed missing), or every pemda's lock (a run over
    every pemda)."""
    ensure_manifest()

    @dbt_assets(manifest=DBT_PROJECT.manifest_path, dagster_dbt_translator=SerapanTranslator(),
                project=DBT_PROJECT, name="serapan_dbt", partitions_def=pemda_partitions,
                backfill_policy=dg.BackfillPolicy.single_run())
    def serapan_dbt(context: dg.AssetExecutionContext, dbt: DbtCliResource,
                    # held while dbt writes to it, beside builds of other pemda (run_lock.py)
                    warehouse: WarehouseResource):
        versions = context.assets_def.code_versions_by_key
        in_full = (context.run.tags.get(FULL_REFRESH_TAG) == "true" or code_changed(
            context.instance, {key: versions[key] for key in context.selected_asset_keys}))
        pemda = run_scope(context)
        # dbt's unit tests check the models' logic on given rows, not the night's data:
        # the test suite runs them (tests/test_dbt_unit_tests.py).
        args = ["build", "--exclude-resource-type", "unit_test"]
        if in_full:
            warehouse.hold_alone(context.log.warning)
            args += ["--full-refresh"]
        elif pemda is not None:
            whole = (set(context.selected_asset_keys) == set(context.assets_def.keys)
                     and set(context.selected_asset_check_keys)
                     == set(context.assets_def.check_keys))
            leave = whole and shared_nodes_stand(warehouse.get())
            if not leave:  # a subset picked by hand, or a view or seed to make
                warehouse.hold_alone(context.log.warning)
            args += scope_vars(pemda) + (shared_nodes_args() if leave else [])
        context.log.info("Pemda yang dibangun / pemda built: " + (
            "semua, penuh / every pemda, in full" if in_full
            else ", ".join(pemda) if pemda is not None else "semua / every pemda"))
        bar = progress.step("Membangun model / building dbt models",
                            total=len(context.selected_asset_keys))
        for event in dbt.cli(args, context=context).stream():
            if isinstance(event, (dg.Output, dg.AssetMaterialization)):
                bar.advance()
            yield event
        bar.finish()

    return serapan_dbt


# What every pemda shares, which a build of some pemda leaves as it stands: the views
# (dbt replaces one by a rename and drops the old with cascade, which two builds at once
# would do under each other) and the seeds (reloaded whole). As dbt selects them.
SHARED_NODES = "config.materialized:view resource_type:seed"


def shared_nodes_args() -> list[str]:
    """The arguments of a build of some pemda that leave the views and seeds as they
    stand and run the rest: the incremental models, and every test, those of the views
    and seeds included (the staging tests examine the pemda in scope,
    macros/build_scope.sql).

    dagster-dbt (0.29) selects a run of every dbt asset with `--select fqn:*`, and puts
    the arguments given first: a `--select` here would be a union with it, so the views
    and seeds are excluded instead. By default dbt would exclude their tests with them
    (indirect selection); `empty` stops that, and `fqn:*` selects every test directly.
    tests/test_incremental_pemda.py builds with these arguments."""
    return ["--exclude", SHARED_NODES, "--indirect-selection", "empty"]


def shared_nodes_stand(warehouse: Warehouse) -> bool:
    """Whether every view and seed of the project is in the warehouse. (As the code
    defines it: a build of some pemda runs when no model's code version changed since
    the last build, which built them.)"""
    manifest = json.loads(DBT_PROJECT.manifest_path.read_text())
    relations = [f'"{node["schema"]}"."{node["alias"]}"' for node in manifest["nodes"].values()
                 if node["resource_type"] == "seed" or (
                     node["resource_type"] == "model" and _materialized(node) == "view")]
    [(missing,)] = warehouse.query(
        "select count(*) from unnest(%s::text[]) as name where to_regclass(name) is null",
        (relations,))
    return missing == 0


class SerapanDbtResource(DbtCliResource):
    """dagster-dbt's resource for the dbt installed beside this Python, connected to the
    warehouse its `warehouse` resource names (settings from dg.EnvVar, read when a run
    starts), whatever the environment of the process that runs the step says.

    Less two things it does before every command that serapan has no use for (seconds a
    night): it runs `dbt --version` in a process of its own to learn the version of the
    dbt it imports anyway, and it loads dbt's macros into an adapter that only serves
    `fetch_column_metadata` and `fetch_row_counts`, which serapan does not call. Both are
    private members: tests/test_dagster_contracts.py pins the release that has them."""

    warehouse: WarehouseResource

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(dbt_version.__version__)

    def _initialize_dbt_core_adapter(self, args):
        return None

    def cli(self, args, **kwargs):
        # dbt's profile reads the connection from dbt's environment (profiles.yml), which
        # DbtCliResource.cli copies from this process's as it starts dbt, before it returns:
        # it takes no environment of its own (dagster-io/dagster#29656, where dagster-dbt's
        # maintainers advise setting the process's around the call). So the warehouse is
        # there while dbt starts, with the pid serapan-dbt checks is its parent's
        # (pipelines/dbt_child.py), and what was there before is put back.
        with _connected_to(self.warehouse.get(), {PARENT_PID: str(os.getpid())}):
            return super().cli(args, **kwargs)


def dbt_resource(warehouse: WarehouseResource) -> SerapanDbtResource:
    """dbt against the warehouse `warehouse` names. The dbt installed beside this Python
    (the one whose version _cli_version reads), through serapan-dbt, which ends with the
    process that starts it: `make run` calls .venv/bin/serapan without activating the
    virtualenv, so neither need be on PATH."""
    return SerapanDbtResource(
        project_dir=DBT_PROJECT,
        profiles_dir=str(DBT_PROJECT_DIR),
        dbt_executable=str(Path(sys.executable).parent / "serapan-dbt"),
        warehouse=warehouse,
    )
