-- The finance system's realization from 1 January to the end of each month with a
-- per-document export in force, per account line (SKPD, sub unit, sub kegiatan,
-- rekening): the document lines counted by the month's end, a business key once. What
-- the cross-source rules compare other sources with.
select
    months.kode_pemda,
    months.tahun,
    months.periode as bulan,
    dokumen.kode_skpd,
    dokumen.kode_sub_unit,
    dokumen.kode_sub_kegiatan,
    dokumen.kode_rekening,
    sum(dokumen.realisasi) as realisasi
from (select distinct kode_pemda, tahun, periode from {rows:realisasi_dokumen}) as months
join {rows:realisasi_dokumen} as dokumen
    on dokumen.kode_pemda = months.kode_pemda
    and dokumen.tahun = months.tahun
    and dokumen.tanggal_realisasi < months.periode + interval '1 month'
    and dokumen.kemunculan = 1
group by 1, 2, 3, 4, 5, 6, 7
