-- The rows of the sidak visit workbooks in force (files loaded): per sub kegiatan the
-- team inspected, the physical % the OPD reported (as the workbook was pre-filled from
-- its report in force) and the one the team saw.
-- The rows of the suite keandalan_sidak (expectations/keandalan_sidak.json). Raw's rows
-- as landed, not staging's: the rules judge what was written.
select
    sidak.file_id,
    sidak.sheet,
    sidak.row_number,
    sidak.kode_pemda,
    sidak.kode_opd,
    sidak.tahun,
    sidak.periode,
    sidak.tanggal_sidak,
    sidak.tim,
    sidak.kode_sub_kegiatan,
    sidak.nama_sub_kegiatan,
    sidak.fisik_dilaporkan,
    sidak.fisik_terverifikasi,
    sidak.fisik_dilaporkan - sidak.fisik_terverifikasi as selisih_poin,
    sidak.temuan
from {{ source('raw', 'sidak_kunjungan') }} as sidak
join quality.files_in_scope('sidak') as files using (file_id)
