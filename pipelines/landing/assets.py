"""One Dagster asset per source: land what is new in its inbox folder; and the inbox's
plan (`raw/files`), which says what is new."""

from dataclasses import dataclass
from typing import Mapping

import dagster as dg

from pipelines import progress
from pipelines.inbox_entries import scan_inbox
from pipelines.landing.load import OUTCOMES, IngestOutcome, ingest_inbox
from pipelines.landing.plan import month_partition, plan_inbox
from pipelines.landing.retry import Landing, named_files
from pipelines.partitions import monthly_partitions
from pipelines.resources import InboxResource, WarehouseResource
from pipelines.sources import SOURCES
from pipelines.sources.base import Source


def raw_asset_key(source: Source) -> dg.AssetKey:
    # Matches dbt's source('raw', <table>), so lineage runs from file to mart.
    schema, table = source.raw_table.split(".")
    return dg.AssetKey([schema, table])


def raw_asset(source: Source) -> dg.AssetsDefinition:
    @dg.asset(
        key=raw_asset_key(source),
        group_name=source.name,
        kinds={"postgres", "python"},
        partitions_def=monthly_partitions if source.monthly else None,
        # A night's new months land in one run: a run per month costs more in Dagster's
        # bookkeeping and in planning the inbox again than most months' files.
        backfill_policy=dg.BackfillPolicy.single_run() if source.monthly else None,
        description=f"File {source.name} dari inbox/{source.name}/, dimuat apa adanya "
        f"dengan lineage (landed as read, with lineage) ke {source.raw_table}"
        + (", per bulan / per month." if source.monthly else "."),
    )
    def land(context: dg.AssetExecutionContext, config: Landing,
             warehouse: WarehouseResource, inbox: InboxResource):
        wh, s = warehouse.get(), inbox.settings()
        months = context.partition_keys if source.monthly else []
        label = f"Memuat / loading {source.name}"
        if months:
            label += f" {months[0]}" + (f"..{months[-1]}" if len(months) > 1 else "")
        not_landed: list[IngestOutcome] = []
        if config.retry:  # those files again, of this run's months
            paths, not_landed = named_files(
                s.inbox, config.retry, [source.name], lambda path: not source.monthly
                or month_partition(source, path, s.first_month) in months)
            refused = []
        elif source.monthly:
            plan = plan_inbox(wh, s.inbox, [source.name], s.first_month)
            paths = [path for month in months for path in plan.files_for(source.name, month)]
            refused = plan.refused
        else:
            scan = scan_inbox(s.inbox, source.name)
            paths, refused = scan.files, scan.refused
        for entry in refused:
            context.log.error(str(entry))
        bar = progress.step(label, total=len(paths))

        def report(outcome: IngestOutcome) -> None:
            bar.advance()
            if outcome.error:
                context.log.error(outcome.error)

        for outcome in not_landed:
            context.log.error(outcome.error)
        outcomes = not_landed + ingest_inbox(wh, paths, on_file=report,
                                             retry=bool(config.retry), s=s)
        bar.finish()
        metadata = summarize(outcomes)
        # One line for the step, not one per file: each line is an event Dagster stores
        # (hundreds a night); raw.files keeps every file with its rows.
        context.log.info(f"{metadata['files_loaded']} file dimuat / files loaded, "
                         f"{metadata['rows_loaded']} baris / rows")
        return dg.MaterializeResult(metadata=metadata)

    return land


INBOX_KEY = dg.AssetKey(["raw", "files"])  # dbt's source('raw', 'files'): the manifest
NIGHT_TAG = "serapan/malam"  # on the inbox run the nightly schedule starts: its night
# on the runs a serapan command executes in its own process (`serapan run`, `serapan
# ingest`): it runs what the inbox run found itself, so the landing sensor requests nothing
COMMAND_TAG = "serapan/perintah"


def inbox_asset() -> dg.AssetsDefinition:
    """The inbox planned in a run, not in a sensor's tick: which months have new monthly
    files and which other sources new files (the landing sensor, schedules.py, requests
    their runs from this asset's materialization), and the monthly files no month
    partition takes, landed here: those of no telling month quarantined with the
    reason, those of a month before the first landed outside the partitions."""

    @dg.asset(
        key=INBOX_KEY,
        group_name="inbox",
        kinds={"postgres", "python"},
        description="Manifest file inbox (raw.files): bulan mana yang berisi file baru; "
        "file bulanan tanpa bulan yang jelas dikarantina di sini, dengan alasannya / the "
        "inbox planned: which months have new files; monthly files of no telling month "
        "are quarantined here, with the reason.",
    )
    def files(context: dg.AssetExecutionContext, config: Landing,
              warehouse: WarehouseResource, inbox: InboxResource):
        wh, s = warehouse.get(), inbox.settings()
        plan = plan_inbox(wh, s.inbox, first_month=s.first_month)
        for entry in plan.refused:
            context.log.error(str(entry))
        paths, outcomes = plan.undated, []
        if config.retry:  # those monthly files of no month partition again, those only
            monthly = [name for name, source in SOURCES.items() if source.monthly]
            paths, outcomes = named_files(
                s.inbox, config.retry, monthly, lambda path: month_partition(
                    SOURCES[path.relative_to(s.inbox).parts[0]], path, s.first_month) is None)
        outcomes += ingest_inbox(wh, paths, retry=bool(config.retry), s=s)
        for outcome in outcomes:
            if outcome.error:
                context.log.error(outcome.error)
        metadata = summarize(outcomes)
        context.log.info(f"Bulan dengan file baru / months with new files: {plan.months}")
        return dg.MaterializeResult(metadata={
            **metadata,
            "months": dg.MetadataValue.json(plan.months),
            "sources_new": dg.MetadataValue.json(sorted(plan.other)),
            # entries of the inbox that are not regular files of its own: never read
            "files_refused": len(plan.refused),
            "refused_reasons": dg.MetadataValue.json([str(entry) for entry in plan.refused]),
            "night": context.run.tags.get(NIGHT_TAG, ""),
            "command": context.run.tags.get(COMMAND_TAG, ""),
        })

    return files


@dataclass(frozen=True)
class Planned:
    """What an inbox run found, as its `raw/files` materialization records it."""

    months: list[str]  # with new monthly files
    sources_new: list[str]  # the other sources with new files
    night: str  # the night the nightly schedule started it for; "" for the inbox sensor
    command: str  # the serapan command that ran it in its own process; "" in Dagster

    @classmethod
    def of(cls, metadata: Mapping[str, dg.MetadataValue]) -> "Planned":
        def value(name, default):
            return metadata[name].value if name in metadata else default

        return cls(value("months", []), value("sources_new", []), value("night", ""),
                   value("command", ""))


def summarize(outcomes: list[IngestOutcome]) -> dict:
    by_status = {s: [o for o in outcomes if o.status == s] for s in OUTCOMES}
    return {
        "files_seen": len(outcomes),
        "files_loaded": len(by_status["loaded"]),
        "files_duplicate": len(by_status["duplicate"]),
        "files_quarantined": len(by_status["quarantined"]),
        "files_failed": len(by_status["failed"]) + len(by_status["refused"]),
        "rows_loaded": sum(o.rows for o in by_status["loaded"]),
        "rows_skipped": sum(o.rows_skipped for o in by_status["loaded"]),
        "quarantine_reasons": dg.MetadataValue.json(
            [o.error for o in by_status["quarantined"]]
        ),
        # Files that stay in the inbox unread: tried again next run, or refused.
        "failure_reasons": dg.MetadataValue.json(
            [o.error for o in by_status["failed"] + by_status["refused"]]
        ),
        "files_superseded": sum(len(o.superseded) for o in by_status["loaded"]),
    }
