-- Sidak (unannounced field visits): the filled visit workbooks (`serapan sidak` writes
-- them), one row per sub kegiatan the team inspected, landed as read. What the OPD
-- reported is what the workbook shows (serapan pre-filled it from the report in force);
-- what the team saw is beside it. The team and the day of the visit are the workbook's,
-- on every row. periode is the month of the report verified, as its first day.
create table if not exists raw.sidak_kunjungan (
    file_id              bigint not null,
    sheet                text not null,
    row_number           integer not null,
    kode_pemda           text not null,
    tahun                integer not null,
    periode              date not null check (extract(day from periode) = 1),
    kode_opd             text not null,
    tim                  text not null,
    tanggal_sidak        date not null,
    kode_sub_kegiatan    text not null,
    nama_sub_kegiatan    text,
    pagu                 numeric(20, 2),
    realisasi_keuangan   numeric(20, 2),  -- reported, cumulative, Rupiah
    fisik_dilaporkan     numeric(9, 2),   -- reported physical %, as pre-filled
    permasalahan         text,            -- reported problems, as pre-filled
    fisik_terverifikasi  numeric(9, 2),   -- physical % the team saw, 0..100; null: not judged
    temuan               text,
    bukti                text,            -- photo file names or links
    koordinat            text,            -- as written
    lintang              numeric(9, 6),
    bujur                numeric(9, 6),
    primary key (file_id, sheet, row_number)
);

-- file_id names the file's row in raw.files, written in the same transaction; no
-- foreign key checks it row by row (see raw.keep_files_with_rows).
create or replace trigger keep_files_with_sidak_rows
    before delete or update of file_id on raw.files
    for each row execute function raw.keep_files_with_rows('raw.sidak_kunjungan');
