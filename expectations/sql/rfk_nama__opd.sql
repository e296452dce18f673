-- Sheets of a pemda's recap whose title names no SKPD of the budget, or several: their
-- rows cannot be given to an OPD.
with rows_matched as (
    select * from {batch}
)

select file_id, sheet, row_number, kode_pemda, periode, nama_opd, kandidat
from rows_matched
where status in ('opd_tidak_cocok', 'opd_ganda')
