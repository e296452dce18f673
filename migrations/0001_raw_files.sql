-- The manifest of every file serapan has received: one row per distinct content
-- (sha256) and source, and one more for each earlier attempt at a file that was
-- quarantined and then retried. Raw rows point here for their lineage.
create schema if not exists raw;

create table if not exists raw.files (
    file_id        bigserial primary key,
    sha256         text not null,
    source         text not null,
    -- null only for a file quarantined before its pemda could be told
    kode_pemda     text,
    tahun          integer,
    original_name  text not null,
    archive_path   text not null,
    meta           jsonb not null,
    -- loaded: rows are in raw; quarantined: unreadable, see error;
    -- superseded: a later file with the same key replaced it (rows kept for history);
    -- withdrawn: the data team took it back (`serapan withdraw`; rows kept for history);
    -- retried: quarantined, then landed again (retried_by), its error kept for history
    status         text not null
                   check (status in ('loaded', 'quarantined', 'superseded', 'retried',
                                     'withdrawn')),
    supersedes_key text,
    superseded_by  bigint references raw.files (file_id),
    rows_loaded    integer not null default 0,
    rows_skipped   integer not null default 0,
    error          text,
    -- when serapan first received these bytes (a retry keeps the first attempt's)
    received_at    timestamptz not null default now(),
    -- the sidecar's bytes at this attempt (null: none); a quarantined file is tried
    -- again when its sidecar changes
    sidecar_sha256 text,
    retried_by     bigint references raw.files (file_id),
    withdrawn_at   timestamptz,
    withdrawn_reason text
);

-- The same bytes of a source land once: the attempts in force, not the retried or
-- withdrawn ones (withdrawn, they may land again, with the right pemda say).
create unique index if not exists files_sha256_source_in_force on raw.files (sha256, source)
    where status not in ('retried', 'withdrawn');

-- Each landed file looks up the files in force with its key (the version it replaces):
-- without this index every file scans the whole manifest (some 14,000 rows a province).
create index if not exists files_in_force_by_key on raw.files (supersedes_key)
    where status = 'loaded';

-- The raw tables that take hundreds of thousands of rows a night (the cash plan's
-- months, realization lines) have no foreign key to raw.files: checking it row by row
-- costs a third of their COPY. A trigger per such table, calling this with the table's
-- name, keeps a file that still has rows there from being deleted or renumbered.
create or replace function raw.keep_files_with_rows() returns trigger
language plpgsql as $$
declare
    has_rows boolean;
begin
    execute format('select exists (select from %s where file_id = $1)', tg_argv[0])
        into has_rows using old.file_id;
    if has_rows then
        raise foreign_key_violation using message = format(
            'raw.files %s still has rows in %s', old.file_id, tg_argv[0]);
    end if;
    return old;
end $$;
