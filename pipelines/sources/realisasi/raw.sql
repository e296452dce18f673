-- The monthly "Laporan Realisasi" export, landed as read: account lines only (subtotal,
-- title and empty rows are counted in raw.files.rows_skipped), every code as text, money
-- exact. REALISASI is cumulative from 1 January to periode_akhir, the period's end as
-- the title row PERIODE (or the metadata) says; tahun is that date's year.
create table if not exists raw.realisasi_laporan (
    file_id            bigint not null,
    sheet              text not null,
    row_number         integer not null,
    kode_pemda         text not null,
    tahun              integer not null,
    periode_akhir      date not null,
    kode_skpd          text not null,
    nama_skpd          text,
    kode_sub_unit      text,
    nama_sub_unit      text,
    kode_sub_kegiatan  text not null,
    nama_sub_kegiatan  text,
    kode_rekening      text not null,
    nama_rekening      text,
    anggaran           numeric(20, 2),
    realisasi          numeric(20, 2),
    sisa               numeric(20, 2),
    -- as shown in the export (derived there as realisasi / anggaran); recomputed downstream
    persentase         text,
    primary key (file_id, sheet, row_number)
);

-- file_id names the file's row in raw.files, written in the same transaction; no
-- foreign key checks it row by row (see raw.keep_files_with_rows). Warehouses created
-- with the key lose it here; the DDL runs every night, so only what is missing is done.
do $$
begin
    if exists (select from pg_constraint where conname = 'realisasi_laporan_file_id_fkey'
               and conrelid = 'raw.realisasi_laporan'::regclass) then
        alter table raw.realisasi_laporan drop constraint realisasi_laporan_file_id_fkey;
    end if;
    if not exists (select from pg_trigger where tgname = 'keep_files_with_realisasi_rows'
                   and tgrelid = 'raw.files'::regclass) then
        create trigger keep_files_with_realisasi_rows
            before delete or update of file_id on raw.files
            for each row execute function raw.keep_files_with_rows('raw.realisasi_laporan');
    end if;
end $$;
