-- OPD monthly reports (RFK), one row per sub kegiatan as the OPD wrote it: codes as text,
-- money exact, percentages as written (never clamped to 0..100; the checks judge them).
-- Subtotal, funding-source block, heading and empty rows are not here: raw.files counts
-- them (rows_skipped). A row without a code but with figures is here, kode null.
create table if not exists raw.rfk_laporan (
    file_id              bigint not null references raw.files (file_id),
    kode_pemda           text not null,
    kode_opd             text not null,
    tahun                integer not null,
    sheet                text not null,
    row_number           integer not null,  -- as the spreadsheet shows it
    -- the month reported, as its first day; several per file when a workbook with one
    -- sheet per month arrives without a month in its metadata
    periode              date not null check (extract(day from periode) = 1),
    kode_skpd            text,
    kode_sub_unit        text,
    kode_sub_kegiatan    text,
    nama_sub_kegiatan    text,
    -- the SUMBER DANA column, else the funding-source block ("SUMBER DANA: DAU") above
    sumber_dana          text,
    pagu                 numeric(20, 2),  -- the DPA budget the OPD reports
    rak                  numeric(20, 2),  -- cumulative cash plan, in rak_satuan
    rak_satuan           text check (rak_satuan in ('persen', 'rupiah')),
    realisasi_keuangan   numeric(20, 2),  -- cumulative, Rupiah
    realisasi_fisik      numeric(9, 2),   -- percent (45.5 means 45,5%)
    permasalahan         text,
    tindak_lanjut        text,
    catatan_verifikator  text,
    primary key (file_id, sheet, row_number)
);
