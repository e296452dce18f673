-- The SP2D list (payment orders), landed as read: one row per SP2D detail line, every
-- code and number-like identifier as text, money exact, the date as a date. A csv has
-- no sheets: its rows carry sheet = 'csv' and row_number = the record's position in
-- the file. Total, title and empty rows are counted in raw.files.rows_skipped.
-- UP and TU (cash advances) may carry no sub kegiatan or account.
--
-- file_id names the file's row in raw.files, which the loader writes in the same
-- transaction as the lines. As for the cash plan and realization, no foreign key
-- checks it: a check per row costs as much as the rest of the load (millions of lines
-- a year), so the trigger below keeps a file with lines from being deleted instead.
--
-- Nor is there a primary key: a btree takes one WAL record per line, a fifth of the
-- load. (file_id, sheet, row_number) is unique by construction (a file's lines land in
-- one COPY, under a file_id of the same transaction, numbered as they come) and the
-- dbt test on stg_sp2d__rincian checks it. What needs an index is finding a file's
-- lines (the trigger, lineage): they land together, so a BRIN on file_id finds them.
create table if not exists raw.sp2d_rincian (
    file_id              bigint not null,
    sheet                text not null,
    row_number           integer not null,
    kode_pemda           text not null,
    nomor_sp2d           text not null,
    tanggal_sp2d         date not null,
    jenis_sp2d           text,
    nomor_spm            text,
    kode_skpd            text,
    nama_skpd            text,
    kode_sub_unit        text,
    kode_sub_kegiatan    text,
    kode_rekening        text,
    uraian               text,
    nilai                numeric(20, 2) not null,
    potongan             numeric(20, 2),
    nama_penerima        text,
    npwp                 text,
    bank                 text,
    nomor_rekening_bank  text
);

create index if not exists sp2d_rincian_file_id on raw.sp2d_rincian
    using brin (file_id) with (autosummarize = on);

comment on column raw.sp2d_rincian.npwp is
    'Data pribadi / personal data: as written, masked downstream';
comment on column raw.sp2d_rincian.nomor_rekening_bank is
    'Data pribadi / personal data: as written, masked downstream';

-- Warehouses created before the lines were loaded without a per-row check or key; the
-- DDL runs every night, so only what is missing is done (no lock taken otherwise).
do $$
begin
    if exists (select from pg_constraint where conname = 'sp2d_rincian_file_id_fkey'
               and conrelid = 'raw.sp2d_rincian'::regclass) then
        alter table raw.sp2d_rincian drop constraint sp2d_rincian_file_id_fkey;
    end if;
    if exists (select from pg_constraint where conname = 'sp2d_rincian_pkey'
               and conrelid = 'raw.sp2d_rincian'::regclass) then
        alter table raw.sp2d_rincian drop constraint sp2d_rincian_pkey;
    end if;
    if not exists (select from pg_trigger where tgname = 'keep_files_with_sp2d_lines'
                   and tgrelid = 'raw.files'::regclass) then
        create function raw.keep_files_with_sp2d_lines() returns trigger
        language plpgsql as $body$
        begin
            if exists (select from raw.sp2d_rincian where file_id = old.file_id) then
                raise foreign_key_violation using message = format(
                    'raw.files %s still has SP2D lines in raw.sp2d_rincian', old.file_id);
            end if;
            return old;
        end $body$;
        create trigger keep_files_with_sp2d_lines
            before delete or update of file_id on raw.files
            for each row execute function raw.keep_files_with_sp2d_lines();
    end if;
end $$;

-- The SP2D register (pipelines/sources/sp2d/register.py): one row per SP2D as the BUD's
-- register, the FMIS print or SIPD-RI's JSON records give it, under the month the file
-- reports (periode: the sidecar's, else the one month of its money out). The SKPD is a
-- name in the workbooks, a code in the JSON; what a layout lacks is NULL. status is the
-- JSON record's (money out only when 'ditransfer'); money_out says which SP2D paid out
-- in every layout. A JSON record's sheet is 'json', its row its place in the list.
-- A few thousand rows a year: a key and a foreign key cost nothing here.
create table if not exists raw.sp2d_register (
    file_id                  bigint not null,
    sheet                    text not null,
    row_number               integer not null,
    kode_pemda               text not null,
    periode                  text not null check (periode ~ '^\d{4}-\d{2}$'),
    layout                   text not null
        check (layout in ('register_bud', 'register_fmis', 'sipd_ri_json')),
    nomor_sp2d               text not null,
    tanggal_pembuatan        date,
    tanggal_pencairan        date,
    bruto                    numeric(20, 2) not null,
    money_out                boolean not null,
    nomor_urut               text,
    nomor_spm                text,
    nama_skpd                text,
    kode_skpd                text,
    kode_sub_skpd            text,
    nama_penerima            text,
    keterangan               text,
    jenis_sp2d               text,
    jenis_ls                 text,
    id_sumber_dana           text,
    is_gaji                  boolean,
    kode_rekening            text,
    pph                      numeric(20, 2),
    ppn                      numeric(20, 2),
    potongan                 numeric(20, 2),
    neto                     numeric(20, 2),
    status                   text,
    npwp                     text,
    nomor_rekening_penerima  text,
    detail_belanja           jsonb,
    pajak_potongan           jsonb,
    primary key (file_id, sheet, row_number)
);

-- file_id names the file's row in raw.files, written in the same transaction; no
-- foreign key checks it row by row (see raw.keep_files_with_rows).
select raw.keep_files_with_rows_of('raw.sp2d_register', 'keep_files_with_sp2d_register_rows');

comment on column raw.sp2d_register.npwp is
    'Data pribadi / personal data: as written, never leaves raw';
comment on column raw.sp2d_register.nomor_rekening_penerima is
    'Data pribadi / personal data: as written, never leaves raw';

-- An SP2D number as the sources are joined by it: case and spaces folded ('0012/SP2D/LS
-- /1.02.0.00.0.00.01.0000/2026' written with a space or in lower case is the same SP2D).
-- The one definition: the quality rules (which run before dbt) and the staging models
-- of the SP2D register and the per-document realization call it.
create or replace function raw.fold_nomor_sp2d(nomor text) returns text
language sql immutable parallel safe as $$
    select nullif(upper(regexp_replace(nomor, '\s', '', 'g')), '')
$$;
