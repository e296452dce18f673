-- SIPD-RI's "Laporan Realisasi Per Dokumen", landed as read: one row per document line
-- (document x sub kegiatan x rekening) with every column of the export, codes and names
-- as text, the dates that place a line as dates, money exact. periode is the month the
-- export reports (its first day). What the line counts for, as the reader decides it
-- (dokumen.py): tanggal_realisasi, the day it is realization (the transfer for LS
-- through an SPP, the document's date for the others; null for an LS not yet
-- transferred), and realisasi, Nilai Realisasi less Nilai Setoran. Not cumulative.
create table if not exists raw.realisasi_dokumen (
    file_id                  bigint not null,
    sheet                    text not null,
    row_number               integer not null,
    kode_pemda               text not null,
    tahun                    integer not null,
    periode                  date not null,
    nomor                    text,
    kode_skpd                text,
    nama_skpd                text,
    kode_sub_skpd            text,
    nama_sub_skpd            text,
    kode_fungsi              text,
    nama_fungsi              text,
    kode_sub_fungsi          text,
    nama_sub_fungsi          text,
    kode_urusan              text,
    nama_urusan              text,
    kode_bidang_urusan       text,
    nama_bidang_urusan       text,
    kode_program             text,
    nama_program             text,
    kode_kegiatan            text,
    nama_kegiatan            text,
    kode_sub_kegiatan        text,
    nama_sub_kegiatan        text,
    kode_rekening            text,
    nama_rekening            text,
    nomor_dokumen            text,
    jenis_dokumen            text,
    jenis_transaksi          text,
    nomor_dpt                text,
    tanggal_dokumen          date,
    keterangan_dokumen       text,
    nilai_realisasi          numeric(20, 2),
    nilai_setoran            numeric(20, 2),
    nip_pegawai              text,
    nama_pegawai             text,
    tanggal_simpan           text,
    nomor_spd                text,
    periode_spd              text,
    nilai_spd                numeric(20, 2),
    tahapan_spd              text,
    nama_sub_tahapan_jadwal  text,
    tahapan_apbd             text,
    nomor_spp                text,
    tanggal_spp              text,
    nomor_spm                text,
    tanggal_spm              text,
    nomor_sp2d               text,
    tanggal_sp2d             date,
    tanggal_transfer         date,
    nilai_sp2d               numeric(20, 2),
    tanggal_realisasi        date,
    realisasi                numeric(20, 2),
    primary key (file_id, sheet, row_number)
);

-- file_id names the file's row in raw.files, written in the same transaction; no
-- foreign key checks it row by row (see raw.keep_files_with_rows).
create or replace trigger keep_files_with_realisasi_dokumen_rows
    before delete or update of file_id on raw.files
    for each row execute function raw.keep_files_with_rows('raw.realisasi_dokumen');
