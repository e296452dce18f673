-- Rows of the OPD form workbooks (FORM-RFK, FORM-M, the Bali monthly sheet) that were not
-- landed, with why, in force (files loaded): skipped, rejected, or in a sheet not read.
select
    baris.file_id,
    baris.sheet,
    baris.row_number,
    baris.kode_pemda,
    baris.kode_opd,
    baris.periode,
    baris.status,
    baris.alasan
from {{ source('raw', 'rfk_baris_lain') }} as baris
join quality.files_in_scope('rfk') as files using (file_id)
