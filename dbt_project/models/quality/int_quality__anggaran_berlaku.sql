-- The budget lines of every budget version of the pemda the quality step checks, each
-- with the span of days its version is in force (int_anggaran__berlaku): what the
-- checks judge other sources by (the budget in force on a date, an OPD's budget of a
-- year), its lines as staging keeps them.
select
    versions.kode_pemda,
    versions.tahun,
    versions.versi,
    versions.berlaku_mulai,
    versions.berlaku_sampai,
    rekap5.file_id,
    rekap5.sheet,
    rekap5.row_number,
    rekap5.kode_skpd,
    rekap5.nama_skpd,
    rekap5.kode_sub_unit,
    rekap5.kode_sub_kegiatan,
    rekap5.kode_rekening,
    rekap5.pagu
from {{ rows_in_check_scope(ref('int_anggaran__berlaku')) }} as versions
-- the lines of those versions' files, read by file_id (through raw's index): a second
-- condition on the scope would only make the planner expect fewer lines than it reads
join {{ ref('stg_anggaran__rekap5') }} as rekap5 using (file_id)
