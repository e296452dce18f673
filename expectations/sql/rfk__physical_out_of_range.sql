-- Report rows whose physical realization or physical plan is not a percentage of work
-- (done, or scheduled): below 0 or above 100.
with report_rows as (
    select * from {batch}
)

select
    file_id,
    sheet,
    row_number,
    kode_pemda,
    kode_opd,
    periode,
    kode_sub_kegiatan,
    realisasi_fisik,
    rencana_fisik
from report_rows
where not baris_subtotal
    and (realisasi_fisik < 0 or realisasi_fisik > 100
         or rencana_fisik < 0 or rencana_fisik > 100)
