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
create or replace trigger keep_files_with_sp2d_register_rows
    before delete or update of file_id on raw.files
    for each row execute function raw.keep_files_with_rows('raw.sp2d_register');

comment on column raw.sp2d_register.npwp is
    'Data pribadi / personal data: as written, never leaves raw';
comment on column raw.sp2d_register.nomor_rekening_penerima is
    'Data pribadi / personal data: as written, never leaves raw';
