"""Dagster's resources take their settings from environment variables Dagster reads
(`dg.EnvVar`), as the definitions configure them, and from nothing else: a run whose
resources say another inbox, home or default pemda than the process's environment
follows its resources; dbt reaches the warehouse its resource names."""

from __future__ import annotations

import json
import os
import socket
from datetime import date

import dagster as dg
from dagster_dbt import DbtCliResource

from tests.workbooks import budget_row, write_rekap5


def test_the_definitions_configure_each_resource_with_its_environment_variables():
    from pipelines.definitions import defs
    from pipelines.resources import InboxResource, WarehouseResource

    warehouse, inbox = defs.resources["warehouse"], defs.resources["inbox"]
    assert (type(warehouse), type(inbox)) == (WarehouseResource, InboxResource)
    # set in this session's environment (tests/conftest.py): read when a run starts
    for resource, field, name in ((warehouse, "home", "SERAPAN_HOME"),
                                  (warehouse, "port", "SERAPAN_PG_PORT"),
                                  (inbox, "path", "SERAPAN_INBOX"),
                                  (inbox, "home", "SERAPAN_HOME")):
        value = getattr(resource, field)
        assert isinstance(value, dg.EnvVar) and value == name, (field, value)
    # not set: the default of pipelines/config.py (an EnvVar of it would fail every run)
    assert warehouse.url is None and inbox.kode_pemda is None


def test_a_landing_run_follows_its_resources_not_the_process_environment(
        warehouse, tmp_path, monkeypatch):
    from pipelines.inbox import FileMeta, write_meta
    from pipelines.landing.assets import raw_asset
    from pipelines.resources import InboxResource, WarehouseResource
    from pipelines.sources import SOURCES

    inbox, home = tmp_path / "inbox-of-the-resource", tmp_path / "home-of-the-resource"
    path = write_rekap5(inbox / "anggaran" / "tanpa-pemda.xlsx", [budget_row(1, pagu=6_800_001)])
    # The sidecar names no pemda: the installation's default (SERAPAN_KODE_PEMDA) says.
    write_meta(path, FileMeta("anggaran", None, 2025, "murni", date(2025, 1, 2)))
    # The process's environment says another (empty) inbox and no default pemda.
    monkeypatch.setenv("SERAPAN_INBOX", str(tmp_path / "inbox-of-the-environment"))
    monkeypatch.delenv("SERAPAN_KODE_PEMDA", raising=False)

    result = dg.materialize(
        [raw_asset(SOURCES["anggaran"])],
        resources={"warehouse": WarehouseResource.from_environment(),
                   "inbox": InboxResource(path=str(inbox), home=str(home), kode_pemda="99.68")})
    [landed] = result.asset_materializations_for_node("raw__anggaran_rekap5")
    assert (landed.metadata["files_loaded"].value, landed.metadata["rows_loaded"].value) == (1, 1)
    [(pemda, archived)] = warehouse.query(
        "select kode_pemda, archive_path from raw.files where original_name = %s",
        (path.name,))
    assert pemda == "99.68"
    assert archived.startswith(str(home / "archive"))


def test_dbt_reaches_the_warehouse_its_resource_names_not_the_environments(warehouse,
                                                                          monkeypatch):
    from pipelines.dbt import DBT_PROJECT, dbt_resource
    from pipelines.resources import WarehouseResource

    # The warehouse as a run's resource names it (the launchpad's values, or the
    # variables as Dagster read them when the run started) ...
    resource = WarehouseResource(home=os.environ["SERAPAN_HOME"],
                                 port=os.environ["SERAPAN_PG_PORT"])
    # ... while the environment of the process that runs the step names none: no user,
    # password or database, and a port where nothing listens.
    for name in warehouse.environ():
        monkeypatch.delenv(name, raising=False)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        monkeypatch.setenv("SERAPAN_PG_PORT", str(sock.getsockname()[1]))

    @dg.asset
    def reached(dbt: DbtCliResource) -> dg.MaterializeResult:
        invocation = dbt.cli(["show", "--inline", "select current_setting('port') as port, "
                              "current_database() as db", "--output", "json"],
                             manifest=DBT_PROJECT.manifest_path)
        [shown] = [event.raw_event["data"]["preview"] for event in
                   invocation.stream_raw_events() if event.raw_event["info"]["name"] == "ShowNode"]
        return dg.MaterializeResult(metadata={"shown": dg.MetadataValue.json(json.loads(shown))})

    result = dg.materialize([reached], resources={"dbt": dbt_resource(resource)})
    [materialization] = result.asset_materializations_for_node("reached")
    assert materialization.metadata["shown"].value == [
        {"port": str(warehouse.port), "db": warehouse.database}]
    # dbt's environment only: the process's is as it was
    assert "SERAPAN_PG_PASSWORD" not in os.environ
    assert os.environ["SERAPAN_PG_PORT"] != str(warehouse.port)


def test_the_alert_channels_secrets_are_environment_variables_the_ui_names(monkeypatch):
    from pipelines.alerts import WebhookChannel, configured_channels
    from pipelines.resources import AlertsResource

    secret = "https://hooks.example/services/kunciXYZ"
    monkeypatch.setenv("SERAPAN_WEBHOOK_URL", secret)
    monkeypatch.delenv("SERAPAN_SMTP_HOST", raising=False)
    resource = AlertsResource.from_environment()
    assert isinstance(resource.webhook_url, dg.EnvVar)
    assert resource.webhook_url == "SERAPAN_WEBHOOK_URL" and resource.smtp_host is None
    # as a run resolves it: the channel its fields configure
    [channel] = configured_channels(AlertsResource(webhook_url=secret).environment())
    assert isinstance(channel, WebhookChannel) and channel.url == secret
