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

create index if not exists flags_by_row on quality.flags (file_id, sheet, row_number);
create index if not exists flags_by_opd_month on quality.flags (kode_pemda, kode_opd, periode);
