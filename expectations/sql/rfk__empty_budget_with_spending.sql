-- Report rows with financial realization but no budget: PAGU empty, a dash or 0 (the
-- reader lands a dash as 0). Absorption cannot be computed for them.
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
    realisasi_keuangan
from report_rows
where not baris_subtotal
    and coalesce(pagu, 0) = 0
    and realisasi_keuangan > 0
