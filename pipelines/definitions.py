"""Everything Dagster loads: assets, checks, the jobs, their schedule and sensor."""

import dagster as dg

from pipelines.alerts import publish_peringatan_dini
from pipelines.dbt import build_dbt_assets, dbt_resource
from pipelines.interrupted_runs import interrupted_runs_sensor
from pipelines.landing.assets import inbox_asset, raw_asset
from pipelines.quality.assets import quality_checks, quality_flags_asset
from pipelines.resources import AlertsResource, InboxResource, WarehouseResource
from pipelines.schedules import (build_job, build_sensor, inbox_job, inbox_sensor, land_job,
                                 land_monthly_job, landing_sensor, nightly_schedule)
from pipelines.sources import SOURCES

raw_assets = [raw_asset(source) for source in SOURCES.values()]
warehouse = WarehouseResource.from_environment()

defs = dg.Definitions(
    assets=[
        inbox_asset(),
        *raw_assets,
        quality_flags_asset(upstream=[key for asset in raw_assets for key in asset.keys]),
        build_dbt_assets(),
        publish_peringatan_dini(),
    ],
    asset_checks=[quality_checks()],
    jobs=[inbox_job, land_monthly_job, land_job, build_job],
    schedules=[nightly_schedule()],
    sensors=[inbox_sensor, landing_sensor, build_sensor, interrupted_runs_sensor],
    # Each resource's settings from their environment variables (dg.EnvVar): read when
    # a run starts, not from the environment of whatever process runs the step.
    resources={"warehouse": warehouse,
               "inbox": InboxResource.from_environment(),
               "alerts": AlertsResource.from_environment(),
               "dbt": dbt_resource(warehouse)},
)
