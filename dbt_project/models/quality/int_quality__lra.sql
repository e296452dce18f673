-- The rows of the LRA in force (files loaded), every level, as the SKPD's report wrote
-- them: tingkat 1 (akun) .. 6 (sub rincian objek), null where the code is none.
-- The rows of the suite lra (expectations/lra.json). Raw's rows as landed, not
-- staging's: the rules judge what was written (staging trims and types it).
select
    lra.file_id,
    lra.sheet,
    lra.row_number,
    lra.kode_pemda,
    lra.tahun,
    lra.periode_akhir,
    lra.kode_skpd,
    lra.kode_rekening,
    lra.tingkat,
    lra.uraian,
    lra.anggaran,
    lra.realisasi
from {{ source('raw', 'lra_baris') }} as lra
join quality.files_in_scope('lra') as files using (file_id)
