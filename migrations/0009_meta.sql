-- What serapan keeps about its own work (the schema meta, with the version table
-- meta.schema_migrations, is made by pipelines/migrations.py before the first migration).

create table if not exists meta.build_scope (kode_pemda text primary key);
comment on table meta.build_scope is
    'The pemda the next incremental dbt build rebuilds (pipelines/build_scope.py).';

-- Per consumer (the quality step, the dbt build), the newest raw.files row and the
-- fingerprint of its rules or models when its work last finished (pipelines/changes.py).
create table if not exists meta.watermarks (
    consumer      text primary key,
    last_file_id  bigint not null,
    fingerprint   text not null,
    done_at       timestamptz not null default now()
);
alter table meta.watermarks add column if not exists last_redo_id bigint not null default 0;
-- Pemda whose sources changed without a new file (a file withdrawn): every consumer
-- redoes them once, as if a file of theirs had landed.
create table if not exists meta.pemda_to_redo (
    redo_id     bigserial primary key,
    kode_pemda  text not null,
    reason      text not null,
    noted_at    timestamptz not null default now()
);
