-- Document lines of the per-document realization exports in force (files loaded), as
-- landed: what each line counts for (tanggal_realisasi, realisasi) was decided by the
-- reader (pipelines/sources/realisasi/dokumen.py). A line without a Kode Sub SKPD is
-- the SKPD's own (kode_sub_unit), as the budget keys its lines. kemunculan numbers the
-- lines of one business key (DOMAIN.md: Nomor Dokumen, Jenis Dokumen, Jenis Transaksi,
-- Nomor SP2D, Nomor SPD, Nomor DPT, Kode Sub Kegiatan, Kode Rekening) in the pemda's
-- year, across the exports in force, earliest file and row first: a line is counted
-- once, as its first.
-- The rows of the suite realisasi_dokumen. Raw's rows as landed, not staging's: the
-- rules judge what was written (staging trims and types it).
select
    dokumen.file_id,
    dokumen.sheet,
    dokumen.row_number,
    dokumen.kode_pemda,
    dokumen.tahun,
    dokumen.periode,
    dokumen.kode_skpd,
    coalesce(dokumen.kode_sub_skpd, dokumen.kode_skpd) as kode_sub_unit,
    dokumen.kode_sub_kegiatan,
    dokumen.kode_rekening,
    dokumen.nomor_dokumen,
    dokumen.jenis_dokumen,
    dokumen.jenis_transaksi,
    dokumen.nomor_dpt,
    dokumen.nomor_spd,
    dokumen.nomor_sp2d,
    raw.fold_nomor_sp2d(dokumen.nomor_sp2d) as nomor_sp2d_kunci,
    dokumen.tanggal_dokumen,
    dokumen.tanggal_transfer,
    dokumen.tanggal_realisasi,
    dokumen.nilai_realisasi,
    dokumen.nilai_setoran,
    dokumen.realisasi,
    dokumen.nilai_sp2d,
    row_number() over (
        partition by dokumen.kode_pemda, dokumen.tahun, dokumen.nomor_dokumen,
            dokumen.jenis_dokumen, dokumen.jenis_transaksi, dokumen.nomor_sp2d,
            dokumen.nomor_spd, dokumen.nomor_dpt, dokumen.kode_sub_kegiatan,
            dokumen.kode_rekening
        order by dokumen.file_id, dokumen.sheet, dokumen.row_number
    ) as kemunculan
from {{ source('raw', 'realisasi_dokumen') }} as dokumen
join quality.files_in_scope('realisasi') as files using (file_id)
