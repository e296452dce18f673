-- The LRA (Laporan Realisasi Anggaran) of one SKPD, landed as read: every row with an
-- account code, of every level (tingkat 1 akun .. 6 sub rincian objek, from the code's
-- parts; null for what is no account code, LRA-001), so a parent can be checked against
-- its children (LRA-002). A total sums the rows of ONE tingkat: the levels repeat each
-- other. REALISASI is cumulative from 1 January to periode_akhir, the end of the
-- sidecar's month; kode_skpd is the sidecar's kode_opd (the file's title rows do not say).
create table if not exists raw.lra_baris (
    file_id         bigint not null,
    sheet           text not null,
    row_number      integer not null,
    kode_pemda      text not null,
    tahun           integer not null,
    periode_akhir   date not null,
    kode_skpd       text not null,
    kode_rekening   text not null,
    tingkat         smallint,
    uraian          text,
    anggaran        numeric(20, 2),
    realisasi       numeric(20, 2),
    primary key (file_id, sheet, row_number)
);

-- file_id names the file's row in raw.files, written in the same transaction; no
-- foreign key checks it row by row (see raw.keep_files_with_rows).
create or replace trigger keep_files_with_lra_rows
    before delete or update of file_id on raw.files
    for each row execute function raw.keep_files_with_rows('raw.lra_baris');
