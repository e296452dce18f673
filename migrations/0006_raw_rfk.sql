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

-- What the field's own forms carry besides (FORM-RFK, the Bali monthly sheet); null in
-- rows of serapan's template. Money in Rupiah whatever the form's unit (satuan_uang says
-- what the header wrote; thousands were multiplied out exactly); TTB (tertimbang) is the
-- line's figure weighted by its share of the OPD's budget, as the form wrote it.
alter table raw.rfk_laporan
    add column if not exists layout text not null default 'template'
        check (layout in ('template', 'form_rfk', 'bali')),
    -- a row is a sub kegiatan, or an account of the sub kegiatan or kegiatan the form is
    -- for (a FORM-RFK of one sub kegiatan, a Bali workbook of one kegiatan)
    add column if not exists tingkat text not null default 'sub_kegiatan'
        check (tingkat in ('sub_kegiatan', 'rekening')),
    -- the part of the OPD's report the file is: the (sub) kegiatan its labels name, null
    -- for a report of the whole OPD; a corrected upload replaces the same part only
    add column if not exists lingkup text,
    add column if not exists nama_opd text,          -- the SKPD label, as written
    add column if not exists kode_kegiatan text,     -- the DPA sheet's Kegiatan label
    add column if not exists nama_kegiatan text,     -- the NAMA KEGIATAN label
    add column if not exists kode_rekening text,     -- as typed by hand
    add column if not exists nama_rekening text,     -- the account line's uraian
    add column if not exists rencana_keuangan_ttb numeric(14, 6),
    add column if not exists realisasi_keuangan_ttb numeric(14, 6),
    add column if not exists sisa_anggaran numeric(20, 2),
    add column if not exists nilai_kontrak numeric(20, 2),  -- KONTRAK SWAKELOLA
    add column if not exists rencana_fisik numeric(9, 2),   -- cumulative plan, percent
    add column if not exists rencana_fisik_ttb numeric(14, 6),
    add column if not exists realisasi_fisik_ttb numeric(14, 6),
    add column if not exists deviasi_fisik numeric(9, 2),   -- as the form wrote it (DEV)
    add column if not exists satuan_uang text
        check (satuan_uang in ('rupiah', 'ribu rupiah'));

-- The pemda's own recap (Kota Banjarmasin's laporan_rfk.xlsx): a sheet per OPD or Camat
-- with its sub kegiatan lines, the OPD named by the sheet's title, not by a code.
create table if not exists raw.rfk_rekap (
    file_id                 bigint not null references raw.files (file_id),
    kode_pemda              text not null,
    tahun                   integer not null,
    sheet                   text not null,
    row_number              integer not null,
    periode                 date not null check (extract(day from periode) = 1),
    nama_opd                text not null,     -- the sheet's title, as written
    nomor                   text,              -- NO
    nama_sub_kegiatan       text not null,     -- URAIAN KEGIATAN, as written
    pagu                    numeric(20, 2),
    rak                     numeric(20, 2),    -- KEUANGAN RENCANA, Rupiah
    rencana_keuangan_ttb    numeric(14, 6),
    realisasi_keuangan      numeric(20, 2),
    realisasi_keuangan_ttb  numeric(14, 6),
    sisa_anggaran           numeric(20, 2),
    rencana_fisik           numeric(9, 2),
    rencana_fisik_ttb       numeric(14, 6),
    realisasi_fisik         numeric(9, 2),
    realisasi_fisik_ttb     numeric(14, 6),
    satuan_uang             text not null check (satuan_uang in ('rupiah', 'ribu rupiah')),
    primary key (file_id, sheet, row_number)
);

-- Problems reported on FORM-M (LAPORAN PERMASALAHAN), one row per sheet row that names
-- a problem, its remedy or who should help. kode_opd is the file's OPD; a pemda's recap
-- names the OPD in its UNIT KERJA column instead (unit_kerja, carried down its block).
create table if not exists raw.rfk_permasalahan (
    file_id              bigint not null references raw.files (file_id),
    kode_pemda           text not null,
    kode_opd             text,
    tahun                integer not null,
    sheet                text not null,
    row_number           integer not null,
    periode              date not null check (extract(day from periode) = 1),
    nomor                text,
    unit_kerja           text,
    uraian_kegiatan      text,
    -- the row continues the one above: its URAIAN KEGIATAN cell is empty, so the uraian
    -- is the one above it
    lanjutan             boolean not null,
    kode_permasalahan    text,
    permasalahan         text,
    upaya                text,               -- UPAYA PEMECAHAN MASALAH
    pihak_diharapkan     text,               -- PIHAK YANG DIHARAPKAN (DAPAT MEMBANTU ...)
    primary key (file_id, sheet, row_number)
);

-- Every row of a form that is not in the tables above, with why: skipped (titles,
-- headers, blank rows, column numbers, subtotals, signatures) or rejected (the reason
-- names what is wrong), one row each; a sheet not read at all is one row (row_number
-- null) with its number of rows. With the landed rows they account for every row of
-- every sheet of the workbook.
create table if not exists raw.rfk_baris_lain (
    file_id        bigint not null references raw.files (file_id),
    kode_pemda     text not null,
    kode_opd       text,
    tahun          integer,
    sheet          text not null,
    row_number     integer,
    periode        date,
    jumlah_baris   integer not null check (jumlah_baris >= 0),
    status         text not null check (status in ('dilewati', 'ditolak', 'sheet_tidak_dibaca')),
    alasan         text not null
);
create index if not exists rfk_baris_lain_by_file on raw.rfk_baris_lain (file_id);
