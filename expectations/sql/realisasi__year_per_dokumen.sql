-- Lines of a cumulative export of a year whose realization comes from per-document
-- exports (raw.realisasi_per_dokumen): the year's figures are the documents', and this
-- file's are not counted. Flagged so that what it holds is said, not silently dropped.
select
    file_id,
    sheet,
    row_number,
    kode_pemda,
    kode_skpd,
    periode_akhir,
    kode_sub_kegiatan,
    kode_rekening,
    realisasi
from {batch}
where raw.realisasi_per_dokumen(kode_pemda, tahun)
