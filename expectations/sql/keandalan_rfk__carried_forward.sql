-- Reports that repeat the OPD's previous report whole (see laporan_sama_bulan_lalu in
-- the dbt model int_quality__rfk): the month's figures were not updated. Every row of
-- the report is flagged.
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
    realisasi_keuangan,
    realisasi_fisik
from report_rows
where laporan_sama_bulan_lalu
    and not baris_subtotal
