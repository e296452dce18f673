"""Month partitions of the monthly sources (realization exports, OPD reports)."""

import dagster as dg

from pipelines.config import settings

monthly_partitions = dg.MonthlyPartitionsDefinition(
    start_date=settings().first_month, fmt="%Y-%m", end_offset=1  # up to the current month
)
