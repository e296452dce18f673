-- Report rows whose cumulative financial realization is below what the OPD reported for
-- the sub kegiatan in its previous report. Cumulative figures only grow, unless a
-- posting was corrected (an adjustment journal): a warning, to be explained.
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
    periode_bulan_lalu,
    realisasi_keuangan_bulan_lalu,
    realisasi_keuangan,
    realisasi_keuangan_bulan_lalu - realisasi_keuangan as penurunan
from report_rows
where not baris_subtotal
    and realisasi_keuangan < realisasi_keuangan_bulan_lalu
