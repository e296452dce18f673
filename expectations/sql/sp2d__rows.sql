-- SP2D detail lines of the loaded lists, as the finance office exported them, without
-- the personal data (NPWP, bank account), which must not travel into the findings.
-- Read from raw (not staging) so the rules run without dbt and judge what was landed.
select
    sp2d.file_id,
    sp2d.sheet,
    sp2d.row_number,
    sp2d.kode_pemda,
    files.tahun,
    sp2d.nomor_sp2d,
    sp2d.tanggal_sp2d,
    date_trunc('month', sp2d.tanggal_sp2d)::date as bulan,
    sp2d.jenis_sp2d,
    sp2d.nomor_spm,
    sp2d.kode_skpd,
    sp2d.kode_sub_unit,
    sp2d.kode_sub_kegiatan,
    sp2d.kode_rekening,
    sp2d.uraian,
    sp2d.nilai,
    sp2d.potongan
from raw.sp2d_rincian as sp2d
join quality.files_in_scope('sp2d') as files using (file_id)
