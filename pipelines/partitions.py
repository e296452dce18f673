"""Month partitions of the monthly sources (realization exports, OPD reports)."""

import dagster as dg

from pipelines.config import settings

monthly_partitions = dg.MonthlyPartitionsDefinition(
    start_date=settings().first_month, fmt="%Y-%m", end_offset=1  # up to the current month
)

# Run tags the run queue limits (deploy/helm/values.yaml, tagConcurrencyLimits): at most
# one run per value of PEMDA_TAG, so two builds of one pemda never overlap, and one run
# carrying LANDING_TAG at a time, so two landings never race over the inbox and archive.
PEMDA_TAG = "serapan/pemda"
LANDING_TAG = "serapan/landing"
