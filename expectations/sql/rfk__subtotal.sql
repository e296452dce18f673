-- Subtotal rows written with a code, which the reader had to take for data (see
-- the dbt model int_quality__rfk): a JUMLAH/TOTAL label where the name belongs, or a
-- kegiatan code padded to look like a sub kegiatan. Their figures would count the rows
-- above them twice.
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
    pagu,
    realisasi_keuangan
from report_rows
where baris_subtotal
