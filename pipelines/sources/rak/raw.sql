-- The SIPD-RI "Anggaran Kas" export (cash plan, RAK), landed long: one row per account
-- line and month, bulan 1..12, nilai the plan for that month alone (not cumulative).
-- PAGU repeats on each of a line's twelve rows. A line whose months do not sum to PAGU
-- is here as read; the quality checks flag it. Subtotal, title and empty rows are
-- counted in raw.files.rows_skipped. tahun is the title row's TAHUN ANGGARAN or the
-- metadata's; versi is the budget version the plan belongs to, when the sidecar names one.
create table if not exists raw.rak_anggaran_kas (
    file_id            bigint not null references raw.files (file_id),
    file_sha256        text not null,
    kode_pemda         text not null,
    tahun              integer not null,
    versi              text,
    sheet              text not null,
    row_number         integer not null,  -- the line's row, as the spreadsheet shows it
    bulan              smallint not null check (bulan between 1 and 12),
    loaded_at          timestamptz not null default now(),
    kode_skpd          text not null,
    nama_skpd          text,
    kode_sub_unit      text,
    kode_sub_kegiatan  text not null,
    nama_sub_kegiatan  text,
    kode_rekening      text not null,
    nama_rekening      text,
    pagu               numeric(20, 2),
    nilai              numeric(20, 2),
    primary key (file_id, sheet, row_number, bulan)
);
