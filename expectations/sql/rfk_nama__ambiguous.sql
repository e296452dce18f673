-- Rows without a code whose name is that of several lines of their OPD's budget: none is
-- chosen; the candidates are named for the OPD to write the right code.
with rows_matched as (
    select * from {batch}
)

select file_id, sheet, row_number, kode_pemda, kode_opd, periode, tingkat,
    nama_dicocokkan, jumlah_kandidat, kandidat
from rows_matched
where status = 'ganda'
