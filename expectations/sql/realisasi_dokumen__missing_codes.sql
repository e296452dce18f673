-- Document lines without the codes that place them (Kode SKPD, Kode Sub Kegiatan, Kode
-- Rekening): money whose owner or account is unknown. (A code written wrongly is the
-- pattern rules'; these have none at all.)
select
    file_id,
    sheet,
    row_number,
    kode_pemda,
    kode_skpd,
    periode,
    kode_sub_kegiatan,
    kode_rekening,
    nomor_dokumen,
    realisasi
from {batch}
where kode_skpd is null or kode_sub_kegiatan is null or kode_rekening is null
