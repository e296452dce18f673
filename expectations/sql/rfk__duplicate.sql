-- Report rows repeating an earlier row of the same sheet and month (same code, name,
-- account, funding source and figures): the copy is flagged, the first one is kept.
with report_rows as (
    select * from {batch}
),

numbered as (
    select
        *,
        row_number() over (
            partition by file_id, sheet, periode, kode_sub_kegiatan, nama_sub_kegiatan,
                kode_rekening, nama_rekening, sumber_dana, pagu, realisasi_keuangan,
                realisasi_fisik
            order by row_number
        ) as kemunculan
    from report_rows
    where not baris_subtotal
)

select
    file_id,
    sheet,
    row_number,
    kode_pemda,
    kode_opd,
    periode,
    kode_sub_kegiatan,
    realisasi_keuangan,
    realisasi_fisik,
    kemunculan
from numbered
where kemunculan > 1
