-- The SP2D list (payment orders), landed as read: one row per SP2D detail line, every
-- code and number-like identifier as text, money exact, the date as a date. A csv has
-- no sheets: its rows carry sheet = 'csv' and row_number = the record's position in
-- the file. Total, title and empty rows are counted in raw.files.rows_skipped.
-- UP and TU (cash advances) may carry no sub kegiatan or account.
create table if not exists raw.sp2d_rincian (
    file_id              bigint not null references raw.files (file_id),
    file_sha256          text not null,
    sheet                text not null,
    row_number           integer not null,
    kode_pemda           text not null,
    loaded_at            timestamptz not null default now(),
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
    nomor_rekening_bank  text,
    primary key (file_id, sheet, row_number)
);

comment on column raw.sp2d_rincian.npwp is
    'Data pribadi / personal data: as written, masked downstream';
comment on column raw.sp2d_rincian.nomor_rekening_bank is
    'Data pribadi / personal data: as written, masked downstream';
