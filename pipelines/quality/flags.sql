-- Findings of the quality suites: one row per rule and offending row (or OPD-month for
-- rules about reports, not rows). Rebuilt by every nightly run; error rows are held
-- back from the leadership marts until a corrected upload clears them.
create schema if not exists quality;

create table if not exists quality.flags (
    flag_id      bigserial primary key,
    suite        text not null,
    rule_id      text not null,
    severity     text not null check (severity in ('error', 'warning')),
    source       text not null,
    kode_pemda   text,
    kode_opd     text,
    periode      date,
    file_id      bigint,
    source_file  text,
    sheet        text,
    row_number   integer,
    nilai        jsonb not null default '{}',
    pesan        text not null,
    found_at     timestamptz not null default now()
);

-- An error flag holds back its whole row. (An amount held back instead, for the SP2D list
-- reconciled with the cumulative realization export, went with those invented layouts.)
alter table quality.flags drop column if exists ditahan_kumulatif;
alter table quality.flags drop column if exists ditahan_sampai;

create index if not exists flags_by_row on quality.flags (file_id, sheet, row_number);
create index if not exists flags_by_opd_month on quality.flags (kode_pemda, kode_opd, periode);

-- Whether a pemda is in this session's scope: the text[] in the setting serapan.pemda,
-- which the quality step sets on a nightly increment to check only the pemda with new
-- files, or every pemda when the setting is absent (a full check, `serapan docs`).
create or replace function quality.in_scope(kode_pemda text) returns boolean
language sql stable parallel safe as $$
    select coalesce(current_setting('serapan.pemda', true), '') = ''
        or kode_pemda = any(current_setting('serapan.pemda', true)::text[])
$$;

-- The loaded files of one source in this session's scope, for the suites to join their
-- raw rows to: `join quality.files_in_scope('rak') as files using (file_id)`. PostgreSQL
-- inlines it, so the source is a constant to the planner: it finds the few files of that
-- source and pemda and reads their rows through the raw table's index on file_id. Not
-- told the source, it expects every pemda's files of every source to have rows there and
-- scans the whole raw table (a province's cash plan: docs/performance.md).
create or replace function quality.files_in_scope(source text) returns setof raw.files
language sql stable parallel safe as $$
    select * from raw.files
    where files.status = 'loaded'
        and files.source = files_in_scope.source
        and quality.in_scope(files.kode_pemda)
$$;
