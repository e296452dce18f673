-- The finance system's realization from 1 January to the end of each month with an
-- export in force, per account line (SKPD, sub unit, sub kegiatan, rekening), from the
-- layout the pemda's year has (raw.realisasi_per_dokumen): the cumulative export's lines
-- (those the realisasi suite checks: subtotal rows out, a line repeated in every column
-- counted once), or the per-document lines counted by the month's end (a business key
-- once). What the cross-source rules compare other sources with.
select
    kode_pemda,
    tahun,
    bulan,
    kode_skpd,
    kode_sub_unit,
    kode_sub_kegiatan,
    kode_rekening,
    sum(realisasi) as realisasi
from (
    select distinct
        export.file_id,
        export.sheet,
        export.kode_pemda,
        export.tahun,
        date_trunc('month', export.periode_akhir)::date as bulan,
        export.kode_skpd,
        coalesce(export.kode_sub_unit, export.kode_skpd) as kode_sub_unit,
        export.kode_sub_kegiatan,
        export.kode_rekening,
        export.nama_rekening,
        export.anggaran,
        export.realisasi
    from {rows:realisasi} as export
    where not export.baris_subtotal
        and not raw.realisasi_per_dokumen(export.kode_pemda, export.tahun)
) as cumulative_lines
group by 1, 2, 3, 4, 5, 6, 7
union all
select
    months.kode_pemda,
    months.tahun,
    months.periode,
    dokumen.kode_skpd,
    dokumen.kode_sub_unit,
    dokumen.kode_sub_kegiatan,
    dokumen.kode_rekening,
    sum(dokumen.realisasi)
from (select distinct kode_pemda, tahun, periode from {rows:realisasi_dokumen}) as months
join {rows:realisasi_dokumen} as dokumen
    on dokumen.kode_pemda = months.kode_pemda
    and dokumen.tahun = months.tahun
    and dokumen.tanggal_realisasi < months.periode + interval '1 month'
    and dokumen.kemunculan = 1
group by 1, 2, 3, 4, 5, 6, 7
