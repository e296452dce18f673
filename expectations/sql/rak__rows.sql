-- Cash plan (Anggaran Kas) lines of the loaded exports, one row per account line. The
-- reader lands each line as twelve rows, one per month, each carrying the line's codes
-- and PAGU; the line is read from its January row, and the rules about the months read
-- the months themselves. Read from raw (not staging) so the rules run without dbt.
select
    rak.file_id,
    rak.sheet,
    rak.row_number,
    rak.kode_pemda,
    rak.tahun,
    rak.versi,
    rak.kode_skpd,
    rak.kode_sub_unit,
    rak.kode_sub_kegiatan,
    rak.kode_rekening,
    rak.pagu
from raw.rak_anggaran_kas as rak
join quality.files_in_scope('rak') as files using (file_id)
where rak.bulan = 1
