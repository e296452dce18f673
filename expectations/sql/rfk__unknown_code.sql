-- Report rows with a well-formed sub kegiatan code that the OPD's budget has in no
-- version of the year (checked only where the pemda's budget of the year is loaded).
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
    nama_sub_kegiatan,
    realisasi_keuangan
from report_rows
where not baris_subtotal
    and kode_sub_kegiatan ~ '{kode:sub_kegiatan}'
    and not kode_dikenal
