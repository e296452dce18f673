"""The partitions of serapan's assets: the month of the monthly sources (realization
exports, OPD reports), and the pemda of the night's build (the quality step and the dbt
models), a pemda added when its first file lands."""

import dagster as dg

from pipelines.config import settings

monthly_partitions = dg.MonthlyPartitionsDefinition(
    start_date=settings().first_month, fmt="%Y-%m", end_offset=1  # up to the current month
)

pemda_partitions = dg.DynamicPartitionsDefinition(name="pemda")

# Run tags the run queue limits (deploy/helm/values.yaml, tagConcurrencyLimits): at most
# one run per value of PEMDA_TAG (a build run of one pemda carries it), so two builds of
# one pemda never overlap, and one run carrying LANDING_TAG at a time, so two landings
# never race over the inbox and archive.
PEMDA_TAG = "serapan/pemda"
LANDING_TAG = "serapan/landing"

# The run tags that make one run of a partition range (the single-run backfill of
# Dagster's docs); Dagster exports their names from a private module only, so they are
# written here, and tests/test_dagster_contracts.py shows Dagster reads them as the range.
PARTITION_RANGE_START_TAG = "dagster/asset_partition_range_start"
PARTITION_RANGE_END_TAG = "dagster/asset_partition_range_end"
PARTITION_TAG = "dagster/partition"


def partition_tags(keys: list[str]) -> dict[str, str]:
    """The tags that select `keys` (consecutive in their partitions' order) of a run: a
    partition key for one, the range from the first to the last for more."""
    if len(keys) == 1:
        return {PARTITION_TAG: keys[0]}
    return {PARTITION_RANGE_START_TAG: keys[0], PARTITION_RANGE_END_TAG: keys[-1]}


def run_scope(context: dg.AssetExecutionContext) -> list[str] | None:
    """The pemda partitions a run covers; None when they are every pemda (no scope: dbt
    keeps its partial parse, and the quality step reads every row unfiltered)."""
    keys = list(context.partition_keys)
    every = pemda_partitions.get_partition_keys(dynamic_partitions_store=context.instance)
    return None if set(keys) >= set(every) else keys
