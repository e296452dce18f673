"""Everything Dagster loads: assets, checks, the jobs, their schedule and sensor."""

import dagster as dg

from pipelines.alerts import publish_peringatan_dini
from pipelines.dbt import build_dbt_assets, dbt_resource
from pipelines.landing.assets import raw_asset
from pipelines.quality.assets import quality_flags_asset
from pipelines.resources import WarehouseResource
from pipelines.schedules import inbox_sensor, land_monthly_job, nightly_job, nightly_schedule
from pipelines.sources import SOURCES

dbt_staging, dbt_models = build_dbt_assets()

defs = dg.Definitions(
    assets=[
        *(raw_asset(source) for source in SOURCES.values()),
        dbt_staging,
        quality_flags_asset(upstream=dbt_staging.keys),
        dbt_models,
        publish_peringatan_dini(),
    ],
    jobs=[land_monthly_job, nightly_job],
    schedules=[nightly_schedule()],
    sensors=[inbox_sensor],
    resources={"warehouse": WarehouseResource(), "dbt": dbt_resource()},
)
