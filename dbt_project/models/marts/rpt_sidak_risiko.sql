-- Which OPDs an unannounced field visit (sidak) should see first: each OPD's risk in a
-- month, the mean of five factors (each 0..1) weighted by the seed bobot_risiko_sidak (a
-- pemda's own rows replace the default rows of a factor), times 100. `serapan sidak
-- --risk` visits the OPDs of the lowest peringkat_risiko; the factors are kept, so a
-- reader (and a test) can recompute the score from them and the weights.
--   kualitas_data      (100 - the month's data quality score) / 100
--   fisik_keuangan     |physical % - absorption %| / 100, 0 when either is unknown
--   laporan_terlambat  the share of the months from January that were late or missing
--   permasalahan_lama  problems still open since the month before, / 5, at most 1
--   pagu_besar         the OPD's pagu in force / the largest OPD's that month
-- Each factor is rounded to 4 decimals before it is weighed, the score to 2.
{% call with_deprecated_columns() %}
with owed as (
    -- OPDs that owe a report that month (fct_kualitas_data_opd's grain)
    select
        kode_pemda,
        tahun,
        kode_opd,
        bulan,
        skor_kualitas,
        count(*) filter (where not is_tepat_waktu) over so_far as bulan_terlambat,
        count(*) over so_far as bulan_wajib
    from {{ ref('fct_kualitas_data_opd') }}
    where {{ in_build_scope('kode_pemda') }}
    window so_far as (partition by kode_pemda, tahun, kode_opd order by bulan)
),

penyerapan as (
    select
        kode_pemda,
        kode_opd,
        bulan,
        pagu,
        penyerapan_persen,
        realisasi_fisik_persen,
        max(pagu) over (partition by kode_pemda, bulan) as pagu_terbesar
    from {{ ref('fct_penyerapan_opd_bulanan') }}
    where {{ in_build_scope('kode_pemda') }}
),

permasalahan_terbuka_opd as (
    select kode_pemda, kode_opd, bulan, count(*) as permasalahan_terbuka
    from {{ ref('fct_permasalahan_bulanan') }}
    where {{ in_build_scope('kode_pemda') }}
        and status = 'masih_terbuka'
        and kode_opd is not null
    group by 1, 2, 3
),

seed as (
    select kode_pemda, faktor, bobot from {{ ref('bobot_risiko_sidak') }}
),

weights as (
    -- per pemda: its own weight of a factor, else the default's
    select
        pemda.kode_pemda,
        max(seed.bobot) filter (where seed.faktor = 'kualitas_data') as bobot_kualitas_data,
        max(seed.bobot) filter (where seed.faktor = 'fisik_keuangan') as bobot_fisik_keuangan,
        max(seed.bobot) filter (where seed.faktor = 'laporan_terlambat')
            as bobot_laporan_terlambat,
        max(seed.bobot) filter (where seed.faktor = 'permasalahan_lama') as bobot_permasalahan_lama,
        max(seed.bobot) filter (where seed.faktor = 'pagu_besar') as bobot_pagu_besar
    from (select distinct kode_pemda from owed) as pemda
    join seed
        on seed.kode_pemda = pemda.kode_pemda
        or (seed.kode_pemda = 'default' and not exists (
            select 1 from seed as own
            where own.kode_pemda = pemda.kode_pemda and own.faktor = seed.faktor))
    group by 1
),

factors as (
    select
        owed.kode_pemda,
        owed.tahun,
        owed.kode_opd,
        owed.bulan,
        owed.skor_kualitas,
        penyerapan.pagu,
        penyerapan.penyerapan_persen,
        penyerapan.realisasi_fisik_persen,
        owed.bulan_terlambat::integer as bulan_terlambat,
        owed.bulan_wajib::integer as bulan_wajib,
        coalesce(permasalahan_terbuka_opd.permasalahan_terbuka, 0)::integer as permasalahan_terbuka,
        round(least(greatest((100 - owed.skor_kualitas) / 100, 0), 1), 4) as faktor_kualitas_data,
        -- (least() and greatest() pass over a null: the unknown case is spelt out)
        round(case when penyerapan.realisasi_fisik_persen is null
                   or penyerapan.penyerapan_persen is null then 0
              else least(abs(penyerapan.realisasi_fisik_persen
                  - penyerapan.penyerapan_persen) / 100, 1) end, 4) as faktor_fisik_keuangan,
        round(owed.bulan_terlambat::numeric / owed.bulan_wajib, 4) as faktor_laporan_terlambat,
        round(least(coalesce(permasalahan_terbuka_opd.permasalahan_terbuka, 0)::numeric / 5, 1), 4)
            as faktor_permasalahan_lama,
        round(case when penyerapan.pagu > 0
              then penyerapan.pagu / penyerapan.pagu_terbesar else 0 end, 4)
            as faktor_pagu_besar
    from owed
    left join penyerapan using (kode_pemda, kode_opd, bulan)
    left join permasalahan_terbuka_opd using (kode_pemda, kode_opd, bulan)
),

scored as (
    select
        factors.*,
        coalesce(weights.bobot_kualitas_data, 0) as bobot_kualitas_data,
        coalesce(weights.bobot_fisik_keuangan, 0) as bobot_fisik_keuangan,
        coalesce(weights.bobot_laporan_terlambat, 0) as bobot_laporan_terlambat,
        coalesce(weights.bobot_permasalahan_lama, 0) as bobot_permasalahan_lama,
        coalesce(weights.bobot_pagu_besar, 0) as bobot_pagu_besar
    from factors
    left join weights using (kode_pemda)
),

risk as (
    select
        *,
        round(coalesce((bobot_kualitas_data * faktor_kualitas_data
            + bobot_fisik_keuangan * faktor_fisik_keuangan
            + bobot_laporan_terlambat * faktor_laporan_terlambat
            + bobot_permasalahan_lama * faktor_permasalahan_lama
            + bobot_pagu_besar * faktor_pagu_besar)
            / nullif(bobot_kualitas_data + bobot_fisik_keuangan + bobot_laporan_terlambat
                + bobot_permasalahan_lama + bobot_pagu_besar, 0) * 100, 0), 2) as skor_risiko
    from scored
)

select
    kode_pemda,
    tahun,
    kode_opd,
    bulan,
    skor_risiko::numeric(5, 2) as skor_risiko,
    row_number() over (partition by kode_pemda, bulan order by skor_risiko desc, kode_opd)::integer
        as peringkat_risiko,
    faktor_kualitas_data::numeric(5, 4) as faktor_kualitas_data,
    faktor_fisik_keuangan::numeric(5, 4) as faktor_fisik_keuangan,
    faktor_laporan_terlambat::numeric(5, 4) as faktor_laporan_terlambat,
    faktor_permasalahan_lama::numeric(5, 4) as faktor_permasalahan_lama,
    faktor_pagu_besar::numeric(5, 4) as faktor_pagu_besar,
    bobot_kualitas_data::numeric(9, 2) as bobot_kualitas_data,
    bobot_fisik_keuangan::numeric(9, 2) as bobot_fisik_keuangan,
    bobot_laporan_terlambat::numeric(9, 2) as bobot_laporan_terlambat,
    bobot_permasalahan_lama::numeric(9, 2) as bobot_permasalahan_lama,
    bobot_pagu_besar::numeric(9, 2) as bobot_pagu_besar,
    skor_kualitas,
    pagu,
    penyerapan_persen,
    realisasi_fisik_persen,
    bulan_terlambat,
    bulan_wajib,
    permasalahan_terbuka
from risk
{% endcall %}
