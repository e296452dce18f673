-- Rows without a code whose name is no sub kegiatan (or account) of their OPD's budget;
-- not those named as its kegiatan or programs, which are subtotals (RFK-013 says so).
with rows_matched as (
    select * from {batch}
),

subtotals as (
    select file_id, sheet, row_number from {rows:rfk} as report_rows where baris_subtotal
)

select file_id, sheet, row_number, kode_pemda, kode_opd, periode, tingkat,
    nama_dicocokkan
from rows_matched
where status = 'tidak_cocok'
    and (file_id, sheet, row_number) not in (select file_id, sheet, row_number from subtotals)
