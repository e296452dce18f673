{#- Where each OPD's absorption will be at the end of the year, seen from each month, so
    leadership can act in June rather than December. Two projections of the cumulative
    realization to December, each as rupiah and as percent of the pagu in force:
    - laju (current pace): realization so far x 12 / months elapsed, as if each month
      to come spent what the average month so far did;
    - pola (the pemda's usual curve): realization so far / the share of a year's
      realization the pemda usually has by this month. The share is last year's: the
      pemda's cumulative realization at the same month over its December one; without
      both (no history), this year's cash plan (RAK): cumulative plan at the month over
      the December plan. pola_sumber says which; null when neither is known.
    Both are judged against the December target (ambang_penyerapan's penyerapan_kumulatif
    bands of month 12, as fct_penyerapan_opd_bulanan carries them) with the lampu rule.
    Summing the rupiah over OPDs gives the pemda's projection (the share is the pemda's,
    the same for each of its OPDs). A month without the realization export projects
    nothing. -#}
{% call with_deprecated_columns() %}
with opd as (
    select
        kode_pemda,
        tahun,
        bulan,
        extract(month from bulan)::integer as bulan_ke,
        kode_opd,
        nama_opd,
        is_kecamatan,
        pagu,
        rak_kumulatif,
        realisasi_kumulatif,
        penyerapan_persen,
        penyerapan_batas_bawah,
        penyerapan_batas_atas
    from {{ ref('fct_penyerapan_opd_bulanan') }}
    where {{ in_build_scope('kode_pemda') }}
),

pemda as (
    -- sum() of a month whose export is missing is null: every OPD's realization is null
    select kode_pemda, tahun, bulan_ke, sum(rak_kumulatif) as rak_kumulatif,
           sum(realisasi_kumulatif) as realisasi_kumulatif
    from opd
    group by kode_pemda, tahun, bulan_ke
),

shares as (
    select
        month.kode_pemda,
        month.tahun,
        month.bulan_ke,
        -- last year's realization by this month over its December realization
        last_year.realisasi_kumulatif / nullif(last_december.realisasi_kumulatif, 0)
            as bagian_tahun_lalu,
        month.rak_kumulatif / nullif(december.rak_kumulatif, 0) as bagian_rencana
    from pemda as month
    left join pemda as december
        on december.kode_pemda = month.kode_pemda and december.tahun = month.tahun
        and december.bulan_ke = 12
    left join pemda as last_year
        on last_year.kode_pemda = month.kode_pemda and last_year.tahun = month.tahun - 1
        and last_year.bulan_ke = month.bulan_ke
    left join pemda as last_december
        on last_december.kode_pemda = month.kode_pemda
        and last_december.tahun = month.tahun - 1 and last_december.bulan_ke = 12
),

curve as (
    select
        kode_pemda,
        tahun,
        bulan_ke,
        case
            when bagian_tahun_lalu > 0 then 'realisasi_tahun_lalu'
            when bagian_rencana > 0 then 'rencana_kas'
        end as pola_sumber,
        case
            when bagian_tahun_lalu > 0 then bagian_tahun_lalu
            when bagian_rencana > 0 then bagian_rencana
        end as bagian
    from shares
),

target_desember as (
    select kode_pemda, tahun, kode_opd,
           penyerapan_batas_bawah as target_batas_bawah,
           penyerapan_batas_atas as target_persen
    from opd
    where bulan_ke = 12
),

projected as (
    select
        opd.*,
        curve.pola_sumber,
        curve.bagian,
        target_desember.target_batas_bawah,
        target_desember.target_persen,
        round(opd.realisasi_kumulatif * 12 / opd.bulan_ke, 2) as proyeksi_laju_rupiah,
        round(opd.realisasi_kumulatif / curve.bagian, 2) as proyeksi_pola_rupiah
    from opd
    left join curve using (kode_pemda, tahun, bulan_ke)
    left join target_desember using (kode_pemda, tahun, kode_opd)
),

percentages as (
    select
        *,
        {{ persen('proyeksi_laju_rupiah', 'pagu') }} as proyeksi_laju_persen,
        {{ persen('proyeksi_pola_rupiah', 'pagu') }} as proyeksi_pola_persen
    from projected
)

select
    kode_pemda,
    tahun,
    bulan,
    kode_opd,
    nama_opd,
    is_kecamatan,
    pagu,
    realisasi_kumulatif,
    penyerapan_persen,
    proyeksi_laju_rupiah::numeric(20, 2) as proyeksi_laju_rupiah,
    proyeksi_laju_persen,
    pola_sumber,
    round(bagian * 100, 2)::numeric(9, 2) as pola_bagian_persen,
    proyeksi_pola_rupiah::numeric(20, 2) as proyeksi_pola_rupiah,
    proyeksi_pola_persen,
    target_batas_bawah,
    target_persen,
    (proyeksi_pola_persen - target_persen)::numeric(20, 2) as selisih_target_poin,
    {{ lampu('proyeksi_laju_persen', 'target_batas_bawah', 'target_persen') }}
        as lampu_proyeksi_laju,
    {{ lampu('proyeksi_pola_persen', 'target_batas_bawah', 'target_persen') }}
        as lampu_proyeksi_pola
from percentages
{% endcall %}
