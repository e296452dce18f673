-- Rows without a code whose name is no sub kegiatan (or account) of their OPD's budget.
with rows_matched as (
    select * from {batch}
)

select file_id, sheet, row_number, kode_pemda, kode_opd, periode, tingkat,
    nama_dicocokkan
from rows_matched
where status = 'tidak_cocok'
