-- The data quality score of each OPD's monthly report, for leadership to rank on:
-- the mean of four parts, each 0..1 — on time (tepat waktu), complete (lengkap: share of
-- the sub kegiatan in force that the report covers), valid (share of rows without an
-- error flag) and consistent (share of rows without a warning) — times 100. A month
-- with no report scores 0.
with parts as (
    select
        *,
        case when tepat_waktu then 1 else 0 end::numeric as skor_tepat_waktu,
        coalesce(porsi_lengkap, 0) as skor_lengkap,
        case when laporan_ada
            then 1 - baris_salah::numeric / nullif(baris_laporan, 0) else 0 end as skor_valid,
        case when laporan_ada
            then 1 - baris_janggal::numeric / nullif(baris_laporan, 0) else 0 end
            as skor_konsisten
    from {{ ref('int_kualitas__opd_bulan') }}
    where {{ in_build_scope('kode_pemda') }}
)

select
    kode_pemda,
    tahun,
    kode_opd,
    bulan,
    laporan_ada,
    tanggal_diterima,
    tepat_waktu,
    baris_laporan::integer as baris_laporan,
    baris_salah::integer as baris_salah,
    baris_janggal::integer as baris_janggal,
    round(skor_tepat_waktu * 100, 1)::numeric(5, 1) as skor_tepat_waktu,
    round(skor_lengkap * 100, 1)::numeric(5, 1) as skor_lengkap,
    round(coalesce(skor_valid, 0) * 100, 1)::numeric(5, 1) as skor_valid,
    round(coalesce(skor_konsisten, 0) * 100, 1)::numeric(5, 1) as skor_konsisten,
    round((skor_tepat_waktu + skor_lengkap + coalesce(skor_valid, 0)
        + coalesce(skor_konsisten, 0)) / 4 * 100, 1)::numeric(5, 1) as skor_kualitas,
    rank() over (
        partition by kode_pemda, bulan
        order by (skor_tepat_waktu + skor_lengkap + coalesce(skor_valid, 0)
            + coalesce(skor_konsisten, 0)) desc
    )::integer as peringkat
from parts
