-- Report rows whose cumulative financial realization differs from the finance system's
-- for the same OPD, sub kegiatan and month (that month's Laporan Realisasi, or the
-- document lines of the per-document exports counted by the month's end, summed over
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
    -- The account lines of each loaded Laporan Realisasi (those the realisasi suite
    -- checks), a line repeated in every column counted once, subtotal rows left out.
    select distinct
        realisasi.file_id,
        realisasi.kode_pemda,
        realisasi.kode_skpd,
        realisasi.kode_sub_unit,
        realisasi.kode_sub_kegiatan,
        realisasi.kode_rekening,
        date_trunc('month', realisasi.periode_akhir)::date as periode,
        realisasi.realisasi
    from {rows:realisasi} as realisasi
    where realisasi.kode_rekening !~ '\.0+$'
        and coalesce(realisasi.nama_rekening, '') !~* '^\s*(jumlah|sub\s*total|total)\M'
        and not raw.realisasi_per_dokumen(realisasi.kode_pemda, realisasi.tahun)
    union all
    -- a year of per-document exports: each export's month, its lines and every earlier
    -- one counted by the month's end (a line of a business key once)
    select
        null::bigint,
        months.kode_pemda,
        dokumen.kode_skpd,
        dokumen.kode_sub_unit,
        dokumen.kode_sub_kegiatan,
        dokumen.kode_rekening,
        months.periode,
        sum(dokumen.realisasi)
    from (select distinct kode_pemda, tahun, periode
          from {rows:realisasi_dokumen}) as months
    join {rows:realisasi_dokumen} as dokumen
        on dokumen.kode_pemda = months.kode_pemda
        and dokumen.tahun = months.tahun
        and dokumen.tanggal_realisasi < months.periode + interval '1 month'
        and dokumen.kemunculan = 1
    group by 1, 2, 3, 4, 5, 6, 7
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
