-- Report rows whose physical realization trails the financial percentage by more than
-- the threshold: more paid than done, a sign of payment ahead of work or of a physical
-- figure not updated. Rows with a physical % outside 0..100 have their own rule.
with report_rows as (
    select * from {batch}
),

threshold as (
    -- Points of difference from which it is flagged (meta.parameters of
    -- keandalan_rfk.json; the sample year's FAR_POINTS).
    select ${selisih_fisik_poin} as poin
)

select
    report_rows.file_id,
    report_rows.sheet,
    report_rows.row_number,
    report_rows.kode_pemda,
    report_rows.kode_opd,
    report_rows.periode,
    report_rows.kode_sub_kegiatan,
    report_rows.persen_keuangan,
    report_rows.realisasi_fisik,
    report_rows.persen_keuangan - report_rows.realisasi_fisik as selisih_poin
from report_rows
cross join threshold
where not report_rows.baris_subtotal
    and report_rows.realisasi_fisik between 0 and 100
    and report_rows.persen_keuangan - report_rows.realisasi_fisik > threshold.poin
