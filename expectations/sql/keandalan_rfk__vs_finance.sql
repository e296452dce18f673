-- Report rows whose cumulative financial realization differs from the finance system's
-- for the same OPD, sub kegiatan and month (int_quality__realisasi_kumulatif, summed over
-- the OPD's sub units and accounts) by more than the tolerance. Compared only where the
-- month's export is loaded and the code is in the OPD's budget; a report that repeats
-- the previous month whole has its own rule.
with report_rows as (
    select * from {batch}
),

tolerance as (
    -- Selisih yang dibiarkan / tolerated difference, in Rupiah: an OPD may round to the
    -- thousand (meta.parameters of keandalan_rfk.json).
    select ${toleransi_rupiah}::numeric as rupiah
),

finance_lines as (
    select kode_pemda, kode_skpd, kode_sub_kegiatan, bulan as periode, realisasi
    from {model:int_quality__realisasi_kumulatif}
),

finance as (
    select
        kode_pemda,
        kode_skpd,
        kode_sub_kegiatan,
        periode,
        sum(realisasi) as realisasi
    from finance_lines
    group by kode_pemda, kode_skpd, kode_sub_kegiatan, periode
),

finance_months as (
    select distinct kode_pemda, periode from finance_lines
)

select
    report_rows.file_id,
    report_rows.sheet,
    report_rows.row_number,
    report_rows.kode_pemda,
    report_rows.kode_opd,
    report_rows.periode,
    report_rows.kode_sub_kegiatan,
    report_rows.realisasi_keuangan as realisasi_dilaporkan,
    coalesce(finance.realisasi, 0) as realisasi_sistem_keuangan,
    report_rows.realisasi_keuangan - coalesce(finance.realisasi, 0) as selisih
from report_rows
join finance_months using (kode_pemda, periode)
left join finance
    on finance.kode_pemda = report_rows.kode_pemda
    and finance.kode_skpd = report_rows.kode_opd
    and finance.kode_sub_kegiatan = report_rows.kode_sub_kegiatan
    and finance.periode = report_rows.periode
cross join tolerance
where not report_rows.baris_subtotal
    and report_rows.kode_dikenal
    and not report_rows.laporan_sama_bulan_lalu
    and abs(report_rows.realisasi_keuangan - coalesce(finance.realisasi, 0)) > tolerance.rupiah
