-- Reports whose physical realization was copied from the financial percentage: on every
-- row still in progress (financial below 100 %) the two agree to within half a point (a
-- copy is often rounded), and some of those rows have spending. Physical progress is a
-- weighted sum of work stages and runs ahead of payment; at 100 % both are 100 by right,
-- so those rows prove nothing either way. Every row showing the copy is flagged.
with report_rows as (
    select * from {batch}
),

compared as (
    select
        *,
        abs(realisasi_fisik - persen_keuangan) < ${fisik_sama_keuangan_poin} as fisik_sama_keuangan
    from report_rows
    where not baris_subtotal
        and persen_keuangan is not null
),

copied_reports as (
    select file_id, sheet, periode
    from compared
    group by file_id, sheet, periode
    having bool_and(fisik_sama_keuangan) filter (where persen_keuangan < 100)
        and bool_or(persen_keuangan > 0 and persen_keuangan < 100)
)

select
    compared.file_id,
    compared.sheet,
    compared.row_number,
    compared.kode_pemda,
    compared.kode_opd,
    compared.periode,
    compared.kode_sub_kegiatan,
    compared.persen_keuangan,
    compared.realisasi_fisik
from compared
join copied_reports using (file_id, sheet, periode)
where compared.fisik_sama_keuangan
