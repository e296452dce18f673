"""One Dagster asset per source: land what is new in its inbox folder."""


import dagster as dg

from pipelines import progress
from pipelines.inbox_entries import scan_inbox
from pipelines.landing.load import OUTCOMES, IngestOutcome, ingest_inbox
from pipelines.landing.plan import plan_inbox
from pipelines.partitions import monthly_partitions
from pipelines.resources import InboxResource, WarehouseResource
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
    def land(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
             inbox: InboxResource):
        wh, s = warehouse.get(), inbox.settings()
        if source.monthly:
            months = context.partition_keys
            plan = plan_inbox(wh, s.inbox, [source.name], s.first_month)
            paths = [path for month in months for path in plan.files_for(source.name, month)]
            refused = plan.refused
            label = f"Memuat / loading {source.name} {months[0]}" + (
                f"..{months[-1]}" if len(months) > 1 else "")
        else:
            scan = scan_inbox(s.inbox, source.name)
            paths, refused = scan.files, scan.refused
            label = f"Memuat / loading {source.name}"
        for entry in refused:
            context.log.error(str(entry))
        bar = progress.step(label, total=len(paths))

        def report(outcome: IngestOutcome) -> None:
            bar.advance()
            if outcome.error:
                context.log.error(outcome.error)

        outcomes = ingest_inbox(wh, paths, on_file=report, s=s)
        bar.finish()
        metadata = summarize(outcomes)
        # One line for the step, not one per file: each line is an event Dagster stores
        # (hundreds a night); raw.files keeps every file with its rows.
        context.log.info(f"{metadata['files_loaded']} file dimuat / files loaded, "
                         f"{metadata['rows_loaded']} baris / rows")
        return dg.MaterializeResult(metadata=metadata)

    return land


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
