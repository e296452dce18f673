-- Document lines whose realization is negative: corrections (DOMAIN.md: Nilai Realisasi
-- can be negative). They count, as the export's total does; each is shown once for
-- review, beside the line it corrects when that line carries the same document number.
select
    file_id,
    sheet,
    row_number,
    kode_pemda,
    kode_skpd,
    periode,
    nomor_dokumen,
    kode_sub_kegiatan,
    kode_rekening,
    realisasi
from {batch}
where realisasi < 0 and kemunculan = 1
