-- Rows of an LRA whose SKPD is in no budget version of its year, where the pemda has a
-- budget of that year: the sidecar's kode_opd is not the SKPD's code (or its budget was
-- not landed). Without a budget of the year nothing is judged: the LRA may come first.
with lines as (
    select * from {batch}
),

budgets as (
    select distinct kode_pemda, tahun, kode_skpd
    from {model:int_quality__anggaran_berlaku}
)

select
    lines.file_id,
    lines.sheet,
    lines.row_number,
    lines.kode_pemda,
    lines.kode_skpd,
    lines.periode_akhir,
    lines.kode_rekening
from lines
where exists (
    select from budgets
    where budgets.kode_pemda = lines.kode_pemda and budgets.tahun = lines.tahun
)
    and not exists (
        select from budgets
        where budgets.kode_pemda = lines.kode_pemda
            and budgets.tahun = lines.tahun
            and budgets.kode_skpd = lines.kode_skpd
    )
