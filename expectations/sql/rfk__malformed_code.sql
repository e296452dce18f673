-- Report rows whose sub kegiatan code is not of the form 9.99.99.9.99.9999 (Permendagri
-- 90/2019): a digit lost or added, a comma for a dot, a dot missing. Subtotal rows have
-- their own rule.
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
    nama_sub_kegiatan
from report_rows
where not baris_subtotal
    and kode_sub_kegiatan !~ '{kode:sub_kegiatan}'
