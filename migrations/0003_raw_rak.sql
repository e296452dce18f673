-- The cash plan (anggaran kas, RAK) as SIPD-RI's tools export it, landed long: one row
-- per account line and month, bulan 1..12, nilai the plan for that month alone (not
-- cumulative). What the file says about the whole line repeats on each of its twelve
-- rows: pagu (Nilai Rincian, the line's budget), total_rak (Total RAK), selisih
-- (Selisih), nilai_realisasi (Nilai Realisasi, where the export has it); triwulan is a
-- TRIWULAN I..IV total, on the row of its quarter's last month (3, 6, 9, 12). Lines whose
-- figures disagree are here as read; the quality checks flag them. Subtotal, title and
-- empty rows are counted in raw.files.rows_skipped. tahun is the title row's TAHUN
-- ANGGARAN or the metadata's; versi is the budget version the plan belongs to, when the
-- sidecar names one.
create table if not exists raw.rak_anggaran_kas (
    file_id            bigint not null,
    kode_pemda         text not null,
    tahun              integer not null,
    versi              text,
    sheet              text not null,
    row_number         integer not null,  -- the line's row, as the spreadsheet shows it
    bulan              smallint not null check (bulan between 1 and 12),
    kode_skpd          text not null,
    nama_skpd          text,
    kode_sub_unit      text,
    kode_sub_kegiatan  text not null,
    nama_sub_kegiatan  text,
    kode_rekening      text not null,
    nama_rekening      text,
    pagu               numeric(20, 2),
    total_rak          numeric(20, 2),
    selisih            numeric(20, 2),
    nilai_realisasi    numeric(20, 2),
    nilai              numeric(20, 2),
    triwulan           numeric(20, 2),
    primary key (file_id, sheet, row_number, bulan)
);

-- file_id names the file's row in raw.files, written in the same transaction; no
-- foreign key checks it row by row (see raw.keep_files_with_rows).
create or replace trigger keep_files_with_rak_rows
    before delete or update of file_id on raw.files
    for each row execute function raw.keep_files_with_rows('raw.rak_anggaran_kas');
