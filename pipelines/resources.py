"""Dagster resources: how assets reach the warehouse, the inbox and the alert channels.

Each resource's fields are settings of pipelines/config.py, each named by its
environment variable (ENVIRONMENT). definitions.py configures them with `dg.EnvVar`:
Dagster reads the values when a run starts (and shows the variables' names, never their
values, in the UI), and a run launched with other values (the launchpad) gets those.
The resources read nothing from the process's environment themselves.
"""

from __future__ import annotations

import contextlib
import os
from typing import ClassVar, Iterator, Self

import dagster as dg
from pydantic import PrivateAttr

from pipelines import config, warehouse
from pipelines.config import Settings
from pipelines.migrations import migrate, migrated
from pipelines.run_lock import RunLock, one_run_at_a_time, reachable_warehouse
from pipelines.warehouse import Warehouse


class _Settings(dg.ConfigurableResource):
    ENVIRONMENT: ClassVar[dict[str, str]] = {}  # field -> the environment variable it is

    @classmethod
    def from_environment(cls) -> Self:
        """The resource with each field from its environment variable (`dg.EnvVar`) where
        the variable is set as the definitions load; a field left out takes the default
        of config.py. (Dagster fails every run with an EnvVar of a variable not set.)"""
        return cls(**{field: dg.EnvVar(name) for field, name in cls.ENVIRONMENT.items()
                      if os.environ.get(name)})

    def environment(self) -> dict[str, str]:
        """The fields given, by the names of their environment variables."""
        return {name: value for field, name in self.ENVIRONMENT.items()
                if (value := getattr(self, field)) is not None}

    def settings(self) -> Settings:
        """The settings as this resource's fields give them; defaults for the rest."""
        return config.settings(self.environment())


class WarehouseResource(_Settings):
    """The warehouse (a URL, or the embedded server under `home` on `port`), held while a
    step of a Dagster run uses it (run_lock.py): alone, or, for a step of a `build` run,
    beside the builds of other pemda; its schema the one the step's code expects: a run
    the schedule starts in `serapan dev` runs the code as it is now, which may have brought
    migrations since `serapan dev` started. A sensor's tick (no run) reads its settings
    only: it holds nothing, so it never waits for a run."""

    ENVIRONMENT: ClassVar[dict[str, str]] = {
        "url": "WAREHOUSE_URL", "home": "SERAPAN_HOME", "port": "SERAPAN_PG_PORT",
        "listen": "SERAPAN_PG_LISTEN"}
    url: str | None = None
    home: str | None = None  # the embedded server's data, and the quality step's Data Docs
    port: str | None = None
    listen: str | None = None
    _lock: RunLock | None = PrivateAttr(default=None)

    def get(self) -> Warehouse:
        return warehouse.current(s=self.settings())

    @contextlib.contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator[Self]:
        if context.run is None:  # a sensor's tick
            yield self
            return
        say = context.log.warning if context.log is not None else print
        wh = reachable_warehouse(self.settings())
        run = context.run
        pemda = build_pemda(context.instance, run)
        what = f"Dagster run {run.job_name} {run.run_id[:8]}" + (
            f" pemda {pemda[0]}" + (f"..{pemda[-1]}" if len(pemda) > 1 else "")
            if pemda else "")
        if pemda is not None and not migrated(wh):
            # a migration changes what the builds beside it read: alone
            with one_run_at_a_time(what, say, wh):
                migrate(wh)
        with one_run_at_a_time(what, say, wh, pemda=pemda) as lock:
            migrate(wh)  # (nothing left to do after the above)
            self._lock = lock
            try:
                yield self
            finally:
                self._lock = None

    def hold_alone(self, say) -> None:
        """From now until the step ends, hold the warehouse alone (a step of a build that
        rebuilds what every pemda shares: run_lock.RunLock.alone); `say` gets the waiting
        message."""
        if self._lock is not None:
            self._lock.alone(say)


def build_pemda(instance: dg.DagsterInstance, run: dg.DagsterRun) -> list[str] | None:
    """The pemda a run of the build job covers, whose locks its steps hold beside the
    builds of other pemda; None for any other run (or a build whose pemda its tags do not
    tell), which holds the warehouse alone."""
    from pipelines.build_plan import BUILD_JOB, run_pemda

    if run.job_name != BUILD_JOB:
        return None
    return run_pemda(instance, run.tags) or None


class InboxResource(_Settings):
    """The inbox files arrive in, the archive (under `home`) that keeps their bytes, the
    pemda of files that name none, and the first month a monthly file may report."""

    ENVIRONMENT: ClassVar[dict[str, str]] = {
        "path": "SERAPAN_INBOX", "home": "SERAPAN_HOME", "kode_pemda": "SERAPAN_KODE_PEMDA",
        "first_month": "SERAPAN_FIRST_MONTH"}
    path: str | None = None
    home: str | None = None
    kode_pemda: str | None = None
    first_month: str | None = None


class AlertsResource(_Settings):
    """The early warning's channels (pipelines/alerts.py): a chat webhook, e-mail. Their
    URL and password are secrets: as EnvVars, the UI shows the variables' names only."""

    ENVIRONMENT: ClassVar[dict[str, str]] = {
        "webhook_url": "SERAPAN_WEBHOOK_URL", "smtp_host": "SERAPAN_SMTP_HOST",
        "smtp_port": "SERAPAN_SMTP_PORT", "smtp_user": "SERAPAN_SMTP_USER",
        "smtp_password": "SERAPAN_SMTP_PASSWORD",
        "smtp_allow_plaintext": "SERAPAN_SMTP_ALLOW_PLAINTEXT",
        "email_from": "SERAPAN_EMAIL_FROM", "email_to": "SERAPAN_EMAIL_TO"}
    webhook_url: str | None = None
    smtp_host: str | None = None
    smtp_port: str | None = None
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_allow_plaintext: str | None = None
    email_from: str | None = None
    email_to: str | None = None
