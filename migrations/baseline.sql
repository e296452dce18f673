-- A warehouse made before numbered migrations (by serapan up to 56fe3d6, whose DDL ran
-- every night) is brought to the schema of migrations 0001..0011 here, once: in the
-- transaction that applies those migrations over it (they create only what is missing)
-- and records them (pipelines/migrations.py). What is here are the changes that
-- DDL made to the warehouses of its earlier releases; each one does nothing where it
-- finds the change made.

-- A manifest of before the retries and withdrawals: its rows keep their meaning, the
-- same bytes of a source in one row, now up to the retried and withdrawn ones.
do $$
begin
    if not exists (select from pg_attribute where attrelid = 'raw.files'::regclass
                   and attname = 'withdrawn_reason' and not attisdropped) then
        alter table raw.files
            add column if not exists sidecar_sha256 text,
            add column if not exists retried_by bigint references raw.files (file_id),
            add column withdrawn_at timestamptz,
            add column withdrawn_reason text,
            alter column kode_pemda drop not null,
            drop constraint if exists files_sha256_source_key,
            drop constraint if exists files_status_check,
            add constraint files_status_check
                check (status in ('loaded', 'quarantined', 'superseded', 'retried',
                                  'withdrawn'));
    end if;
end $$;

-- Cash plans landed before the real export was read lack the line's other figures.
alter table raw.rak_anggaran_kas
    add column if not exists total_rak numeric(20, 2),
    add column if not exists selisih numeric(20, 2),
    add column if not exists nilai_realisasi numeric(20, 2),
    add column if not exists triwulan numeric(20, 2);

-- The cash plan's lines once had a foreign key to raw.files; a trigger keeps the files
-- with rows now (0003).
alter table raw.rak_anggaran_kas drop constraint if exists rak_anggaran_kas_file_id_fkey;

-- The cumulative "Laporan Realisasi" (raw.realisasi_laporan) was a layout inferred before
-- any real export was seen (DOMAIN.md); serapan no longer reads it. Warehouses that
-- landed it lose the table, its trigger and the function that chose between the two;
-- the files themselves stay archived in the inbox.
drop trigger if exists keep_files_with_realisasi_rows on raw.files;
drop table if exists raw.realisasi_laporan;
drop function if exists raw.realisasi_per_dokumen(text, integer);

-- An error flag holds back its whole row. (An amount held back instead, for the SP2D list
-- reconciled with the cumulative realization export, went with those invented layouts.)
alter table quality.flags drop column if exists ditahan_kumulatif;
alter table quality.flags drop column if exists ditahan_sampai;

-- Raw lines once repeated their file's sha256 and load time on every line: at national
-- scale a sixth of an SP2D or realization line, gigabytes on disk and in each COPY.
-- raw.files keeps them once (sha256, received_at); staging joins them back
-- (rows_of_files_in_force). A warehouse of then loses the columns here, with the dbt
-- views that read them (cascade), which the next dbt build makes again.
do $$
declare
    lines regclass;
begin
    for lines in
        select distinct attribute.attrelid::regclass
        from pg_attribute as attribute
        join pg_class as class on class.oid = attribute.attrelid
        join pg_namespace as namespace on namespace.oid = class.relnamespace
        where namespace.nspname = 'raw'
            and class.relkind = 'r'
            and class.relname <> 'files'
            and attribute.attname in ('file_sha256', 'loaded_at')
            and not attribute.attisdropped
    loop
        execute format('alter table %s drop column if exists file_sha256 cascade, '
                       'drop column if exists loaded_at cascade', lines);
    end loop;
end $$;

-- The nightly DDL made the triggers on raw.files with this, where missing; the
-- migrations make them once.
drop function if exists raw.keep_files_with_rows_of(text, text);
