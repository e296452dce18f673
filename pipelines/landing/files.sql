-- The manifest of every file serapan has received: one row per distinct content
-- (sha256) and source. Raw rows point here for their lineage.
create schema if not exists raw;

create table if not exists raw.files (
    file_id        bigserial primary key,
    sha256         text not null,
    source         text not null,
    kode_pemda     text not null,
    tahun          integer,
    original_name  text not null,
    archive_path   text not null,
    meta           jsonb not null,
    -- loaded: rows are in raw; quarantined: unreadable, see error;
    -- superseded: a later file with the same key replaced it (rows kept for history)
    status         text not null check (status in ('loaded', 'quarantined', 'superseded')),
    supersedes_key text,
    superseded_by  bigint references raw.files (file_id),
    rows_loaded    integer not null default 0,
    rows_skipped   integer not null default 0,
    error          text,
    received_at    timestamptz not null default now(),
    unique (sha256, source)
);
