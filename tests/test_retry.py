"""A quarantined file is not quarantined forever, and a failure of the warehouse is no
quarantine: a corrected sidecar or `serapan retry` lands the file again, with its
earlier attempt kept in raw.files; a statement timeout or a dropped connection leaves
the file in the inbox for the next run. `serapan retry` lands in a Dagster run of the
file's source's asset, the run's config naming the file: every landing is a recorded
materialization. Shown with real files, on the session warehouse."""

from __future__ import annotations

import re
import threading
import time
from datetime import date

import dagster as dg

from tests.conftest import run_cli
from tests.db import query
from tests.workbooks import budget_row, write_rekap5


def budget_file(folder, name: str, pemda: str, pagu: int, versi: str = "murni"):
    """A budget export with its sidecar; pagu makes its bytes its own."""
    from pipelines.inbox import FileMeta, write_meta

    path = write_rekap5(folder / "anggaran" / name, [budget_row(1, pagu=pagu)])
    write_meta(path, FileMeta("anggaran", pemda, 2025, versi, date(2025, 1, 2)))
    return path


def history(warehouse, path) -> list[tuple]:
    from pipelines.landing.archive import sha256_of

    return query(warehouse, """
        select file_id, status, error, retried_by, received_at, kode_pemda from raw.files
        where sha256 = %s order by file_id""", (sha256_of(path),))


def test_a_file_quarantined_for_its_sidecar_lands_once_the_sidecar_is_fixed(warehouse,
                                                                            tmp_path):
    from pipelines.inbox import sidecar_path
    from pipelines.landing.load import ingest_inbox
    from pipelines.landing.plan import plan_inbox

    inbox = tmp_path / "inbox"
    path = budget_file(inbox, "99.42-murni.xlsx", "99.42", 4_242_001)
    good_sidecar = sidecar_path(path).read_text()
    sidecar_path(path).write_text('{"source": "anggaran", "kode_pemda": "99.42", ')
    [first] = ingest_inbox(warehouse, [path])
    assert first.status == "quarantined" and "JSON" in first.error
    # The same bytes and sidecar again: nothing new to try.
    assert plan_inbox(warehouse, inbox, ["anggaran"]).files_for("anggaran") == []
    assert ingest_inbox(warehouse, [path])[0].status == "duplicate"

    sidecar_path(path).write_text(good_sidecar)
    assert plan_inbox(warehouse, inbox, ["anggaran"]).files_for("anggaran") == [path]
    [second] = ingest_inbox(warehouse, [path])
    assert second.status == "loaded" and second.rows == 1

    (old_id, old_status, error, retried_by, first_received, _), \
        (new_id, new_status, new_error, _, received, pemda) = history(warehouse, path)
    assert (old_id, new_id) == (first.file_id, second.file_id) and new_id > old_id
    assert (old_status, retried_by, new_status, new_error) == ("retried", new_id, "loaded",
                                                               None)
    assert "JSON" in error  # the earlier quarantine stays visible
    # a row of the pemda newer than any build of it: the night builds it again
    # (pipelines/build_plan.py, tests/test_build_plan.py)
    assert received == first_received and pemda == "99.42"
    assert ingest_inbox(warehouse, [path])[0].status == "duplicate"


def test_a_statement_timeout_leaves_the_file_for_the_next_run(warehouse, tmp_path):
    from pipelines.landing.load import ingest_inbox

    path = budget_file(tmp_path, "99.43-murni.xlsx", "99.43", 4_343_001)
    blocker = warehouse.connect()
    try:
        with blocker.cursor() as cur:  # a long job holding the table the file lands in
            cur.execute("lock table raw.anggaran_rekap5 in access exclusive mode")
        [outcome] = ingest_inbox(warehouse.with_settings(statement_timeout="500"), [path])
    finally:
        blocker.rollback()
        blocker.close()
    assert outcome.status == "failed", outcome
    assert outcome.error.startswith(f"{path.name}: gudang data gagal sementara")
    assert "statement timeout" in outcome.error
    assert history(warehouse, path) == []  # nothing recorded: it is not the file's fault
    assert ingest_inbox(warehouse, [path])[0].status == "loaded"


def test_a_dropped_connection_fails_that_file_and_the_next_lands(warehouse, tmp_path):
    from pipelines.landing.load import ingest_inbox

    paths = [budget_file(tmp_path, f"99.44-{versi}.xlsx", "99.44", pagu, versi)
             for versi, pagu in (("murni", 4_444_001), ("perubahan", 4_444_002))]
    outcomes = []
    blocker, watcher = warehouse.connect(), warehouse.connect()
    watcher.autocommit = True  # each look at pg_stat_activity a new snapshot
    try:
        with blocker.cursor() as cur:
            cur.execute("lock table raw.anggaran_rekap5 in access exclusive mode")
        landing = threading.Thread(target=lambda: outcomes.extend(
            ingest_inbox(warehouse, paths)))
        landing.start()
        with watcher.cursor() as cur:
            cur.execute("select pg_terminate_backend(%s)", (_waiting_landing(watcher),))
    finally:
        blocker.rollback()
        blocker.close()
        watcher.close()
    landing.join(60)
    assert [outcome.status for outcome in outcomes] == ["failed", "loaded"], outcomes
    assert re.search("server closed the connection|terminating connection",
                     outcomes[0].error), outcomes[0].error
    assert history(warehouse, paths[0]) == []
    assert ingest_inbox(warehouse, paths)[0].status == "loaded"


def _waiting_landing(conn) -> int:
    """The backend of a landing that waits for the lock this connection holds."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with conn.cursor() as cur:
            cur.execute("""
                select pid from pg_stat_activity
                where application_name = 'serapan' and wait_event_type = 'Lock'
                    and query ilike 'copy raw.anggaran_rekap5%%'""")
            row = cur.fetchone()
        if row:
            return row[0]
        time.sleep(0.05)
    raise AssertionError("no landing waited for the lock")


def test_serapan_retry_lands_quarantined_files_again_on_request(warehouse, tmp_path,
                                                                monkeypatch):
    from pipelines.inbox import FileMeta, sidecar_path, write_meta
    from pipelines.landing.archive import sha256_of
    from pipelines.landing.attempts import sidecar_sha256_of
    from pipelines.landing.load import ingest_inbox

    inbox = tmp_path / "inbox"
    monkeypatch.setenv("SERAPAN_INBOX", str(inbox))
    # Quarantined by an earlier version when a statement timed out: the file was good.
    good = budget_file(inbox, "99.45-murni.xlsx", "99.45", 4_545_001)
    warehouse.execute("""
        insert into raw.files (sha256, source, kode_pemda, original_name, archive_path, meta,
                               status, error, sidecar_sha256)
        values (%s, 'anggaran', '99.45', %s, '-', '{}', 'quarantined',
                'gagal dimuat / load failed: canceling statement due to statement timeout',
                %s)""", (sha256_of(good), good.name, sidecar_sha256_of(good)))
    bad = write_rekap5(inbox / "anggaran" / "99.45-teks.xlsx",
                       [budget_row(1, pagu="empat juta")])
    write_meta(bad, FileMeta("anggaran", "99.45", 2025, "perubahan", date(2025, 9, 1)))
    assert ingest_inbox(warehouse, [bad])[0].status == "quarantined"
    assert [outcome.status for outcome in ingest_inbox(warehouse, [good, bad])] == \
        ["duplicate", "duplicate"]  # a run does not retry what nothing changed

    status, output = run_cli("retry", str(good))
    assert status == 0 and "anggaran/99.45-murni.xlsx: dimuat / loaded, 1 baris" in output, \
        output
    assert [row[1] for row in history(warehouse, good)] == ["retried", "loaded"]
    landed, retried = _latest(["raw", "anggaran_rekap5"])
    assert (landed["files_loaded"], landed["rows_loaded"]) == (1, 1)
    assert retried == ["anggaran/99.45-murni.xlsx"]

    status, output = run_cli("retry", "--all")
    assert status == 1 and "99.45-teks.xlsx" in output and "PAGU" in output, output
    assert [row[1] for row in history(warehouse, bad)] == ["retried", "quarantined"]
    landed, retried = _latest(["raw", "anggaran_rekap5"])
    assert (landed["files_quarantined"], retried) == (1, ["anggaran/99.45-teks.xlsx"])

    outside = tmp_path / "lain.xlsx"
    outside.write_bytes(b"x")
    (inbox / "anggaran" / "tautan.xlsx").symlink_to(outside)
    status, output = run_cli("retry", str(outside), str(inbox / "anggaran" / "tautan.xlsx"))
    assert status == 1, output
    assert f"{outside}: bukan file di inbox / not a file in the inbox" in output
    assert "tautan.xlsx: ditolak / refused: tautan simbolik" in output
    assert sidecar_path(good).exists()


def test_retry_names_what_to_retry():
    status, output = run_cli("retry")
    assert status == 1 and "sebutkan FILE atau --all / name FILEs or --all" in output


def test_retry_lands_a_monthly_file_in_its_months_run_and_one_of_no_month_in_the_inbox_run(
        warehouse, tmp_path, monkeypatch):
    from pipelines.inbox import FileMeta, write_meta
    from pipelines.landing.load import ingest_inbox

    inbox = tmp_path / "inbox"
    monkeypatch.setenv("SERAPAN_INBOX", str(inbox))
    opd = "1.02.0.00.0.00.01.0000"
    paths = {}
    for name, periode in (("maret", "2025-03"), ("tanpa-bulan", None)):
        path = paths[name] = inbox / "rfk" / f"99.47-{name}.xlsx"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"PK\x03\x04 bukan workbook " + name.encode())
        write_meta(path, FileMeta("rfk", "99.47", 2025, periode=periode, kode_opd=opd))
    assert [outcome.status for outcome in ingest_inbox(warehouse, list(paths.values()))] == \
        ["quarantined", "quarantined"]

    status, output = run_cli("retry", "--all")
    output = " ".join(output.split())
    assert status == 1 and "99.47-maret.xlsx" in output and "99.47-tanpa-bulan.xlsx" in output
    for path in paths.values():
        assert [row[1] for row in history(warehouse, path)] == ["retried", "quarantined"]
    # The month's file in a run of the month's partition, named in its config ...
    landed, retried = _latest(["raw", "rfk_laporan"])
    assert (landed["files_quarantined"], retried) == (1, ["rfk/99.47-maret.xlsx"])
    with dg.DagsterInstance.get() as instance:
        event = instance.get_latest_materialization_event(dg.AssetKey(["raw", "rfk_laporan"]))
        assert event.dagster_event.partition == "2025-03"
    # ... the other in the inbox run, which quarantines files of no telling month.
    planned, retried = _latest(["raw", "files"])
    assert (planned["files_quarantined"], planned["command"]) == (1, "retry")
    assert retried == ["rfk/99.47-tanpa-bulan.xlsx"]


def _latest(key: list[str]) -> tuple[dict, list[str]]:
    """The asset's latest materialization in the instance `serapan` uses, and the files its
    run's config named to land again."""
    with dg.DagsterInstance.get() as instance:
        event = instance.get_latest_materialization_event(dg.AssetKey(key))
        run = instance.get_run_by_id(event.run_id)
    metadata = {name: value.value for name, value in event.asset_materialization.metadata.items()}
    [step] = run.run_config["ops"].values()
    return metadata, step["config"]["retry"]
