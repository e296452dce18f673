-- The monthly "Laporan Realisasi" export, landed as read: account lines only (subtotal,
-- title and empty rows are counted in raw.files.rows_skipped), every code as text, money
-- exact. REALISASI is cumulative from 1 January to periode_akhir, the period's end as
-- the title row PERIODE (or the metadata) says; tahun is that date's year.
create table if not exists raw.realisasi_laporan (
    file_id            bigint not null references raw.files (file_id),
    file_sha256        text not null,
    sheet              text not null,
    row_number         integer not null,
    kode_pemda         text not null,
    tahun              integer not null,
    periode_akhir      date not null,
    loaded_at          timestamptz not null default now(),
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
