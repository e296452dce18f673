-- Report rows (one per sub kegiatan) whose cumulative financial realization exceeds the
-- budget the row reports: overspending (pelampauan) of the sub kegiatan.
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
    pagu,
    realisasi_keuangan,
    realisasi_keuangan - pagu as pelampauan
from report_rows
where not baris_subtotal
    and pagu > 0
    and realisasi_keuangan > pagu
