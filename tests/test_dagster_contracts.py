"""What serapan relies on in Dagster and dagster-dbt beyond their documented API, pinned:
an upgrade that changes any of it fails here, not in a night's run."""

from __future__ import annotations

from importlib.metadata import version

import dagster as dg
from dagster_dbt import DbtCliResource

from pipelines.dbt import SerapanDbtResource
from pipelines.schedules import month_span

# SerapanDbtResource overrides two private members of this release's DbtCliResource (its
# docstring says why): read them again before moving this pin (pyproject.toml pins it too).
DAGSTER_DBT_OVERRIDDEN = "0.29.27"


def test_the_range_tags_of_a_night_of_several_months_are_read_by_dagster_as_the_range():
    request = dg.RunRequest(**month_span(["2025-03", "2025-04", "2025-05"]))
    assert request.partition_key_range == dg.PartitionKeyRange("2025-03", "2025-05")
    one = dg.RunRequest(**month_span(["2025-03"]))
    assert one.partition_key == "2025-03" and one.partition_key_range is None


def test_the_dbt_resource_overrides_members_this_dagster_dbt_has():
    assert version("dagster-dbt") == DAGSTER_DBT_OVERRIDDEN
    for member in ("_cli_version", "_initialize_dbt_core_adapter"):
        assert member in vars(SerapanDbtResource), member
        assert hasattr(DbtCliResource, member), member
