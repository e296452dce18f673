-- The data quality score of each OPD's monthly report, for leadership to rank on:
-- the mean of four parts, each 0..1 — on time (tepat waktu), complete (lengkap: share of
-- the sub kegiatan in force that the report covers), valid (share of rows without an
-- error flag) and consistent (share of rows without a warning) — times 100; and where a
-- sidak (field visit) verified the month's report, a fifth part, verified (terverifikasi:
-- the share of the lines it verified that the field bore out), so a visit that finds the
-- report accurate counts for the OPD and one that does not against it. A month with no
-- report scores 0.
{% call with_deprecated_columns() %}
with parts as (
    select
        *,
        case when is_tepat_waktu then 1 else 0 end::numeric as skor_tepat_waktu,
        coalesce(porsi_lengkap, 0) as skor_lengkap,
        case when is_laporan_ada
            then 1 - baris_salah::numeric / nullif(baris_laporan, 0) else 0 end as skor_valid,
        case when is_laporan_ada
            then 1 - baris_janggal::numeric / nullif(baris_laporan, 0) else 0 end
            as skor_konsisten,
        case when baris_sidak > 0
            then 1 - baris_sidak_tidak_sesuai::numeric / baris_sidak end as skor_terverifikasi
    from {{ ref('int_kualitas__opd_bulanan') }}
    where {{ in_build_scope('kode_pemda') }}
),

scored as (
    select
        *,
        (skor_tepat_waktu + skor_lengkap + coalesce(skor_valid, 0)
            + coalesce(skor_konsisten, 0) + coalesce(skor_terverifikasi, 0))
            / case when skor_terverifikasi is null then 4 else 5 end as skor
    from parts
)

select
    kode_pemda,
    tahun,
    kode_opd,
    bulan,
    is_laporan_ada,
    tanggal_diterima,
    is_tepat_waktu,
    baris_laporan::integer as baris_laporan,
    baris_salah::integer as baris_salah,
    baris_janggal::integer as baris_janggal,
    baris_sidak::integer as baris_sidak,
    baris_sidak_tidak_sesuai::integer as baris_sidak_tidak_sesuai,
    round(skor_tepat_waktu * 100, 1)::numeric(5, 1) as skor_tepat_waktu,
    round(skor_lengkap * 100, 1)::numeric(5, 1) as skor_lengkap,
    round(coalesce(skor_valid, 0) * 100, 1)::numeric(5, 1) as skor_valid,
    round(coalesce(skor_konsisten, 0) * 100, 1)::numeric(5, 1) as skor_konsisten,
    round(skor_terverifikasi * 100, 1)::numeric(5, 1) as skor_terverifikasi,
    round(skor * 100, 1)::numeric(5, 1) as skor_kualitas,
    rank() over (partition by kode_pemda, bulan order by skor desc)::integer as peringkat
from scored
{% endcall %}
