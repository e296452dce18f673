"""deploy/: the Helm values and the Dockerfile agree with the chart and with the code.

No cluster, no docker, no warehouse here: the values are validated against a subset of
the chart's values.schema.json (deploy/helm/chart-schema-subset.json, its source in its
description) and held to what the code reads: the resources' variables, dbt's profile,
the run tags, the code location's name.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml
from packaging.specifiers import SpecifierSet

from pipelines import config
from pipelines.partitions import LANDING_TAG, PEMDA_TAG
from pipelines.resources import AlertsResource, InboxResource, WarehouseResource
from pipelines.warehouse import from_url

ROOT = Path(__file__).resolve().parent.parent
VALUES = ROOT / "deploy" / "helm" / "values.yaml"
SCHEMA = ROOT / "deploy" / "helm" / "chart-schema-subset.json"
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
VOLUMES = ROOT / "deploy" / "kubernetes" / "volumes.yaml"
REQUIREMENTS_K8S = ROOT / "deploy" / "requirements-k8s.txt"

# The resources' variables the deployment leaves unset, and why (the values file says
# the same where the variables are listed).
NOT_SET_IN_KUBERNETES = {
    "SERAPAN_KODE_PEMDA": "a provinsi or national deployment: each file names its pemda",
    "SERAPAN_PG_LISTEN": "the embedded server's addresses; WAREHOUSE_URL is set",
}


def _values() -> dict:
    return yaml.safe_load(VALUES.read_text())


def _deployment(values: dict) -> dict:
    [deployment] = values["dagster-user-deployments"]["deployments"]
    return deployment


def _env(values: dict) -> list[dict]:
    return _deployment(values)["env"]


def _expand(env: list[dict], secrets: dict[str, str]) -> dict[str, str]:
    """The container's environment as Kubernetes makes it: a secretKeyRef's value from
    `secrets` (absent and optional: unset), $(NAME) replaced by a variable listed before."""
    made: dict[str, str] = {}
    for var in env:
        if "valueFrom" in var:
            ref = var["valueFrom"]["secretKeyRef"]
            if ref["key"] in secrets:
                made[var["name"]] = secrets[ref["key"]]
            else:
                assert ref.get("optional"), f"{var['name']}: a required key of {ref['name']}"
            continue
        made[var["name"]] = re.sub(r"\$\((\w+)\)", lambda m: made.get(m[1], m[0]), var["value"])
    return made


# What an operator puts in the Secret `serapan-warehouse` (docs/operations.md).
WAREHOUSE_SECRET = {"SERAPAN_PG_HOST": "postgres.serapan.svc", "SERAPAN_PG_PORT": "5433",
                    "SERAPAN_PG_USER": "serapan", "SERAPAN_PG_PASSWORD": "0a1b2c3d",
                    "SERAPAN_PG_DB": "serapan"}


def test_the_values_fit_the_charts_schema():
    schema = json.loads(SCHEMA.read_text())
    errors = [f"{error.json_path}: {error.message}"
              for error in jsonschema.Draft7Validator(schema).iter_errors(_values())]
    assert errors == []


def test_every_variable_the_resources_read_is_given_or_left_out_on_purpose():
    read = {name for resource in (WarehouseResource, InboxResource, AlertsResource)
            for name in resource.ENVIRONMENT.values()}
    given = {var["name"] for var in _env(_values())}
    assert read - given == set(NOT_SET_IN_KUBERNETES)
    assert set(NOT_SET_IN_KUBERNETES) <= read  # no reason kept for a variable gone


def test_dbts_profile_reads_what_the_values_give():
    profile = (ROOT / "dbt_project" / "profiles.yml").read_text()
    read = set(re.findall(r"env_var\('(\w+)'", profile))
    assert read  # the pattern still finds the profile's variables
    assert read <= {var["name"] for var in _env(_values())}


def test_serapan_and_dbt_reach_one_warehouse():
    values = _values()
    env = _expand(_env(values), WAREHOUSE_SECRET)
    url = env["WAREHOUSE_URL"]
    assert url.startswith("postgresql+psycopg2://")  # SQLAlchemy 2.1's default is psycopg 3
    warehouse = from_url(url)
    assert (warehouse.host, str(warehouse.port), warehouse.user, warehouse.password,
            warehouse.database) == tuple(WAREHOUSE_SECRET.values())
    # Dagster's database, which serapan creates beside the warehouse's, is the chart's
    assert env["SERAPAN_DAGSTER_DB"] == values["postgresql"]["postgresqlDatabase"]
    # the plain settings are ones serapan accepts (month, time zone, hour)
    settings = config.settings(env)
    assert settings.inbox == Path(env["SERAPAN_INBOX"])
    assert settings.home == Path(env["SERAPAN_HOME"])


def test_no_alert_channel_is_needed_to_start():
    env = _expand(_env(_values()), WAREHOUSE_SECRET)
    assert not set(AlertsResource.ENVIRONMENT.values()) & env.keys()


def test_the_code_location_is_workspace_yamls():
    [location] = yaml.safe_load((ROOT / "workspace.yaml").read_text())["load_from"]
    module = location["python_module"]
    deployment = _deployment(_values())
    args = deployment["dagsterApiGrpcArgs"]
    grpc = dict(zip(args[::2], args[1::2]))
    assert grpc == {"--module-name": module["module_name"],
                    "--location-name": module["location_name"]}
    assert deployment["name"] == module["location_name"]  # the chart's workspace name
    dockerfile = DOCKERFILE.read_text()
    assert f'"--module-name", "{module["module_name"]}"' in dockerfile
    assert f'"--location-name", "{module["location_name"]}"' in dockerfile


def test_the_run_queue_limits_the_tags_the_code_sets():
    coordinator = _values()["dagsterDaemon"]["runCoordinator"]
    assert coordinator["enabled"] and coordinator["type"] == "QueuedRunCoordinator"
    queued = coordinator["config"]["queuedRunCoordinator"]
    limits = {limit["key"]: limit for limit in queued["tagConcurrencyLimits"]}
    assert limits == {
        PEMDA_TAG: {"key": PEMDA_TAG, "value": {"applyLimitPerUniqueValue": True}, "limit": 1},
        LANDING_TAG: {"key": LANDING_TAG, "limit": 1},  # whatever the value
    }
    assert queued["maxConcurrentRuns"] >= 1
    # the local instance (`serapan dev`) queues by the same limits
    local = yaml.safe_load((ROOT / "dagster.yaml").read_text())["run_coordinator"]["config"]
    assert {limit["key"]: limit for limit in local["tag_concurrency_limits"]} == limits
    assert local["max_concurrent_runs"] >= 2  # builds of two pemda side by side


def test_the_daemon_runs_schedules_and_sensors_and_launches_pods():
    values = _values()
    assert values["dagsterDaemon"]["enabled"]
    assert values["scheduler"]["type"] == "DagsterDaemonScheduler"
    assert values["runLauncher"]["type"] == "K8sRunLauncher"
    assert values["postgresql"]["enabled"] is False
    assert values["generatePostgresqlPasswordSecret"] is False


def test_the_inbox_and_the_home_are_shared_volumes():
    deployment = _deployment(_values())
    env = {var["name"]: var.get("value") for var in deployment["env"]}
    mounts = {mount["mountPath"]: mount["name"] for mount in deployment["volumeMounts"]}
    claims = {volume["name"]: volume["persistentVolumeClaim"]["claimName"]
              for volume in deployment["volumes"]}
    made = {claim["metadata"]["name"]: claim["spec"]["accessModes"]
            for claim in yaml.safe_load_all(VOLUMES.read_text())}
    for variable in ("SERAPAN_INBOX", "SERAPAN_HOME"):
        claim = claims[mounts[env[variable]]]
        assert made[claim] == ["ReadWriteMany"], claim
    assert mounts[env["SERAPAN_INBOX"]] != mounts[env["SERAPAN_HOME"]]  # the archive apart
    assert deployment["includeConfigInLaunchedRuns"]["enabled"]  # the runs mount them too


def test_the_image_runs_a_python_pyproject_admits_as_a_user_the_values_name():
    dockerfile = DOCKERFILE.read_text()
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    [python] = re.findall(r"^FROM python:(\d+\.\d+)-slim$", dockerfile, re.M)
    assert SpecifierSet(pyproject["project"]["requires-python"]).contains(python + ".0")
    [user] = re.findall(r"^USER (\d+):(\d+)$", dockerfile, re.M)
    uid, gid = map(int, user)
    assert uid != 0
    values = _values()
    pod_contexts = [
        _deployment(values)["podSecurityContext"],
        values["runLauncher"]["config"]["k8sRunLauncher"]["runK8sConfig"]["podSpecConfig"][
            "securityContext"]]
    for context in pod_contexts:
        assert context["runAsNonRoot"] is True
        assert (context["runAsUser"], context["runAsGroup"], context["fsGroup"]) == (uid, gid, gid)
    assert re.search(r"^ENV GX_ANALYTICS_ENABLED=false\b", dockerfile, re.M)


def test_the_run_pods_get_the_code_servers_security():
    """The chart gives the run pods the code location's env, volumes and resources
    (includeConfigInLaunchedRuns), not its two security contexts: the run launcher says
    them again, the same."""
    values = _values()
    deployment = _deployment(values)
    launcher = values["runLauncher"]["config"]["k8sRunLauncher"]
    assert launcher["securityContext"] == deployment["securityContext"]
    assert launcher["runK8sConfig"]["podSpecConfig"]["securityContext"] == (
        deployment["podSecurityContext"])


def test_the_image_installs_as_make_install_does_with_dagsters_release():
    dockerfile = DOCKERFILE.read_text()
    [install] = re.findall(r"pip install (-c constraints\.txt -e \. .*)$", dockerfile, re.M)
    assert "-r deploy/requirements-k8s.txt" in install
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"pip install --quiet -c constraints\.txt -e '\.\[dev\]'", makefile)
    assert "from pipelines.dbt import ensure_manifest" in dockerfile  # parsed at build
    pins = dict(re.findall(r"^([\w-]+)==(\S+)$", REQUIREMENTS_K8S.read_text(), re.M))
    dependencies = dict(re.findall(r'"([\w-]+)==([^"]+)"',
                                   (ROOT / "pyproject.toml").read_text()))
    assert pins["dagster-k8s"] == dependencies["dagster-postgres"]  # one Dagster release
    constraints = (ROOT / "constraints.txt").read_text().lower()
    assert not [name for name in pins if f"\n{name.lower()}==" in "\n" + constraints]


@pytest.mark.parametrize("path", ["deploy/helm/values.yaml", "docs/operations.md"])
def test_the_chart_is_dagsters_release(path):
    """The chart's images (webserver, daemon) run the Dagster release the code pins."""
    dagster = re.search(r'"dagster==([^"]+)"', (ROOT / "pyproject.toml").read_text())[1]
    text = (ROOT / path).read_text()
    versions = re.findall(r"helm upgrade --install .*?--version (\S+)", text, re.S)
    assert versions and set(versions) == {dagster}
