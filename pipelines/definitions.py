"""Everything Dagster loads: assets, checks, the nightly job, its schedule and sensor."""

import dagster as dg

from pipelines.dbt import build_dbt_assets, dbt_resource
from pipelines.landing.assets import raw_asset
from pipelines.resources import WarehouseResource
from pipelines.schedules import inbox_sensor, land_monthly_job, nightly_job, nightly_schedule
from pipelines.sources import SOURCES
from pipelines.sources.anggaran.checks import anggaran_suite

defs = dg.Definitions(
    assets=[*(raw_asset(source) for source in SOURCES.values()), build_dbt_assets()],
    asset_checks=[anggaran_suite],
    jobs=[land_monthly_job, nightly_job],
    schedules=[nightly_schedule()],
    sensors=[inbox_sensor],
    resources={"warehouse": WarehouseResource(), "dbt": dbt_resource()},
)
