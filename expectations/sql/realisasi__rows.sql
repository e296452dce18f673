-- Account lines of the monthly Laporan Realisasi exports in force (files loaded), as the
-- finance system wrote them, each marked as a subtotal row or not.
-- Read from raw (not staging) so the rules run without dbt and judge what was landed.
select
    realisasi.file_id,
    realisasi.sheet,
    realisasi.row_number,
    realisasi.kode_pemda,
    realisasi.tahun,
    realisasi.periode_akhir,
    realisasi.kode_skpd,
    realisasi.kode_sub_unit,
    realisasi.kode_sub_kegiatan,
    realisasi.nama_sub_kegiatan,
    realisasi.kode_rekening,
    realisasi.nama_rekening,
    realisasi.anggaran,
    realisasi.realisasi,
    -- A subtotal the reader took for an account line because it carries a full account
    -- code: a higher level padded with zeros (5.1.02.00.00.0000; a real sub rincian objek
    -- is never 0000) or a JUMLAH/TOTAL label where the account's name belongs.
    (realisasi.kode_rekening ~ '\.0+$'
        or realisasi.nama_rekening ~* '^\s*(jumlah|sub\s*total|total)\M') as baris_subtotal
from raw.realisasi_laporan as realisasi
join quality.files_in_scope('realisasi') as files using (file_id)
